"""Rule files are validated, and a bad one is named with its field (exit 2).

An organisation's own folder (`--rules DIR`) goes through the same loader:
a rule with a bundled id replaces it, a new id adds to the pack.
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
id: acme.discretion.signing-authority
kind: cue
element: discretion
strength: specified
patterns: ["signing authority"]
why: Signing authority is a decision right.
fix: "Say up to what amount the holder may sign."
examples:
  pass: ["You hold signing authority for the region."]
  fail: ["You sign the visitors' book."]
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
        (GOOD.replace('["signing authority"]', '["signing (authority"]'), "not a valid regular expression"),
        (GOOD.replace('["signing authority"]', '["Signing Authority"]'), "capital letters"),
        (GOOD.replace("element: discretion", "element: happiness"), "element"),
        ("id: x\nkind: cue\n  bad: [", "not valid YAML"),
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
    write(tmp_path / "b", "r.yml", GOOD.replace('["signing authority"]', '["{{no_such_term}} authority"]'))
    with pytest.raises(RuleError, match=r"unknown term \{\{no_such_term\}\}"):
        load_ruleset([tmp_path / "b"])


def test_an_organisation_folder_adds_and_overrides_rules(tmp_path: Path) -> None:
    org = tmp_path / "acme"
    write(org, "signing.yml", GOOD)
    write(org, "pack.yml", "name: acme\nversion: '2'\n")
    ruleset = load_ruleset([org])
    assert ruleset.name == "coach-core+acme"
    report = coach.check("You hold signing authority for the northern region.", ruleset)
    assert [e.rule for e in report.elements[coach.Element.discretion].evidence] == ["acme.discretion.signing-authority"]
    # Override a bundled rule by reusing its id: the bundled cue stops matching.
    bundled = load_ruleset().rules["discretion.decides"]
    override = GOOD.replace("acme.discretion.signing-authority", bundled.id)
    write(tmp_path / "override", "decides.yml", override)
    replaced = load_ruleset([tmp_path / "override"])
    assert replaced.rules["discretion.decides"].patterns == ["signing authority"]
    assert (
        coach.check("Decide which features enter the release.", replaced).grade("discretion") != coach.Grade.specified
    )


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
