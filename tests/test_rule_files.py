"""Rule files are validated, and a bad one is named with its field (exit 2).

An organisation's own folder (`--rules DIR`) goes through the same loader:
a rule's id is its path in the folder, so a file at a bundled rule's path
replaces it and any other adds to the pack. Patterns that could hang a
check or match everything are refused, and so is a weights file that is
malformed or names a rule that does not exist.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import coach
from coach.engine.ruleset import load_ruleset
from coach.errors import RuleError

GOOD = """\
kind: cue
element: discretion
strength: specified
patterns: ["countersign(?:s|ing)?"]
why: Signing authority is a decision right.
fix: "Say up to what amount the holder may sign."
examples:
  fires: ["You countersign every depot order."]
  silent: ["You sign the visitors' book."]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("patterns:", "patern:"), "unknown field 'patern'"),
        (GOOD.replace("kind: cue", "kind: cues"), "unknown kind"),
        (GOOD.replace("why: Signing authority is a decision right.\n", ""), "why"),
        (GOOD.replace("strength: specified", "strength: strong"), "strength"),
        (GOOD.replace('["countersign(?:s|ing)?"]', '["signing (authority"]'), "not a valid regular expression"),
        (GOOD.replace('["countersign(?:s|ing)?"]', '["Signing Authority"]'), "capital letters"),
        # a vocabulary term gives a look-behind alternatives of different widths
        (
            GOOD.replace('["countersign(?:s|ing)?"]', '["(?<!{{holder}} )countersigns"]'),
            "keep {{terms}} out of look-behinds",
        ),
        (GOOD.replace("element: discretion", "element: happiness"), "element"),
        ("kind: cue\n  bad: [", "not valid YAML"),
        (GOOD.replace('["countersign(?:s|ing)?"]', '["(a+)+$"]'), "backtrack catastrophically"),
        (GOOD.replace('["countersign(?:s|ing)?"]', '["(?:\\\\w+\\\\s?)*z"]'), "backtrack catastrophically"),
        (GOOD.replace('["countersign(?:s|ing)?"]', '[""]'), "matches empty text"),
        (GOOD.replace('["countersign(?:s|ing)?"]', '["."]'), "matches almost any text"),
        ("id: somewhere.else\n" + GOOD, "differs from the file's path"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_a_bad_rule_file_names_the_file_and_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "org", "bad.yml", text)
    with pytest.raises(RuleError) as err:
        load_ruleset([tmp_path / "org"])
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_unknown_section_and_unknown_term_are_named(tmp_path: Path) -> None:
    bad = GOOD + "sections:\n  exclude: [nowhere]\n"
    write(tmp_path / "a", "r.yml", bad)
    with pytest.raises(RuleError, match="unknown section 'nowhere'"):
        load_ruleset([tmp_path / "a"])
    write(tmp_path / "b", "r.yml", GOOD.replace('["countersign(?:s|ing)?"]', '["{{no_such_term}} authority"]'))
    with pytest.raises(RuleError, match=r"unknown term \{\{no_such_term\}\}"):
        load_ruleset([tmp_path / "b"])


def test_an_organisation_folder_adds_and_overrides_rules(tmp_path: Path) -> None:
    org = tmp_path / "acme"
    write(org / "acme", "signing-authority.yml", GOOD)
    write(org, "pack.yml", "name: acme\nversion: '2'\n")
    ruleset = load_ruleset([org])
    assert ruleset.name == "coach-core+acme"
    assert "acme.signing-authority" in ruleset.rules  # the id is the path in the folder
    report = coach.check("You countersign every order for the northern depot.", ruleset)
    assert [e.rule for e in report.elements[coach.Element.discretion].evidence] == ["acme.signing-authority"]
    # A file at a bundled rule's path replaces that rule.
    write(tmp_path / "override" / "discretion", "decides.yml", GOOD)
    replaced = load_ruleset([tmp_path / "override"])
    assert replaced.rules["discretion.decides"].patterns == ["countersign(?:s|ing)?"]
    fired = coach.engine.fired_rules("Decide which features enter the release.", replaced)
    assert "discretion.decides" not in fired


def test_cli_reports_a_bad_rule_file_in_one_line_with_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path / "org", "bad.yml", GOOD.replace("patterns:", "patern:"))
    proc = subprocess.run(
        [sys.executable, "-m", "coach", "check", "--rules", str(tmp_path / "org"), "-"],
        input=b"You decide.",
        capture_output=True,
        timeout=60,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "Traceback" not in err
    assert str(path) in err and "unknown field 'patern'" in err


def test_a_missing_rules_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="rules folder not found"):
        load_ruleset([tmp_path / "nope"])


def test_a_rule_with_no_weight_of_its_own_counts_by_its_strength(tmp_path: Path) -> None:
    """An organisation's new rule, before it is fitted, counts like the bundled rules of its kind."""
    org = tmp_path / "acme"
    write(org, "signing-authority.yml", GOOD)
    ruleset = load_ruleset([org])
    heads = coach.engine.compiled(ruleset).weights.heads["discretion"]
    assert "signing-authority" not in heads["specified"].weights
    # A specified cue adds to "specified"; a vague one never does (it may weigh nothing there)
    # but makes the text at least vague.
    assert heads["specified"].defaults["specified"] > 0 >= heads["specified"].defaults["vague"]
    assert heads["any"].defaults["vague"] > 0


WEIGHTS_OK = """\
format: 1
elements:
  discretion:
    specified: {bias: -1.0, threshold: 0.0, weights: {signing-authority: 3.0}}
    any: {bias: -1.0, threshold: 0.0, weights: {signing-authority: 3.0}}
"""


def test_an_organisation_weights_file_replaces_the_bundled_weights_for_its_elements(tmp_path: Path) -> None:
    org = tmp_path / "acme"
    write(org, "signing-authority.yml", GOOD)
    write(org, "weights.yml", WEIGHTS_OK)
    tables = coach.engine.compiled(load_ruleset([org]))
    assert tables.weights.heads["discretion"]["specified"].weights == {"signing-authority": 3.0}
    bundled = coach.engine.compiled().weights.heads["purpose"]["specified"].weights
    assert tables.weights.heads["purpose"]["specified"].weights == bundled  # other elements keep the bundled ones


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            WEIGHTS_OK.replace("signing-authority: 3.0}}\n  ", "no-such-rule: 3.0}}\n  ", 1),
            "elements.discretion.specified.weights.no-such-rule: no such rule or feature",
        ),
        (WEIGHTS_OK.replace("bias: -1.0", "bais: -1.0", 1), "unknown field 'bais'"),
        (WEIGHTS_OK.replace("threshold: 0.0", "threshold: high", 1), "threshold"),
        (WEIGHTS_OK.replace("discretion:", "happiness:"), "elements"),
        ("format: 1\nelements: [\n", "not valid YAML"),
    ],
)
def test_a_bad_weights_file_names_the_file_and_the_entry(tmp_path: Path, text: str, message: str) -> None:
    org = tmp_path / "acme"
    write(org, "signing-authority.yml", GOOD)
    path = write(org, "weights.yml", text)
    with pytest.raises(RuleError) as err:
        coach.engine.compiled(load_ruleset([org]))
    assert str(path) in str(err.value) and message in str(err.value)


def test_cli_reports_a_bad_weights_file_in_one_line_with_exit_2(tmp_path: Path) -> None:
    org = tmp_path / "acme"
    write(org, "signing-authority.yml", GOOD)
    write(org, "weights.yml", WEIGHTS_OK.replace("signing-authority: 3.0}}\n  ", "no-such-rule: 3.0}}\n  ", 1))
    proc = subprocess.run(
        [sys.executable, "-m", "coach", "check", "--rules", str(org), "-"],
        input=b"You decide.",
        capture_output=True,
        timeout=60,
    )
    err = proc.stderr.decode()
    assert (
        proc.returncode == 2 and "Traceback" not in err and "no-such-rule" in err and len(err.strip().splitlines()) == 1
    )
