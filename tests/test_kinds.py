"""The registry of rule kinds holds the house together (issue: a newcomer can find where a kind lives).

Every kind has one module with its schema, its compile step and its engine
hook; the registry is the one list the loader, the engine's stages, `coach
rules` and docs/rules.md's table come from.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from coach.engine.kinds import KINDS, STAGES
from coach.engine.ruleset import load_ruleset


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_has_a_schema_a_compile_step_and_a_hook(name: str) -> None:
    kind = KINDS[name]
    schema = kind.schema
    assert schema.model_fields["kind"].annotation.__args__ == (name,)  # the `kind:` a file says
    for hook in ("compile_rule", "hook", "group", "tag"):
        assert callable(getattr(kind.module, hook)), f"{kind.module.__name__} has no {hook}()"
    assert kind.module.__doc__ and kind.module.__name__.endswith(f".{name}")
    assert name in STAGES


def test_the_stages_run_every_kind_once() -> None:
    assert sorted(STAGES) == sorted(KINDS)


def test_docs_rules_md_lists_exactly_the_registered_kinds() -> None:
    doc = (ROOT / "docs" / "rules.md").read_text()
    table = doc.split("## Kinds", 1)[1].split("\n\n## ", 1)[0]
    rows = {
        m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"^\| `(\w+)` \| (.+?) \| (.+?) \|$", table, re.M)
    }
    assert {name: (k.summary, k.fields) for name, k in KINDS.items()} == rows


def test_every_bundled_rule_is_of_a_registered_kind_and_named_by_its_path() -> None:
    ruleset = load_ruleset()
    rules_dir = ROOT / "rules"
    for rid, rule in ruleset.rules.items():
        assert rule.kind in KINDS
        origin = ruleset.origins[rid]
        expected = ".".join(__import__("pathlib").Path(origin).relative_to(rules_dir).with_suffix("").parts)
        assert rid == expected, f"{origin}: id {rid!r} is not its path"


def test_checking_a_text_from_the_cache_imports_no_rule_schema() -> None:
    """The kinds' pydantic schemas are built only when a rule file is read."""
    import subprocess
    import sys

    code = "import coach.engine, sys; coach.engine.assess('You decide the agenda.');print('pydantic' in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # warms the cache
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize(
    ("folded", "pattern"),
    [
        ("lead|manager |chair", "lead|manager|chair"),  # a list folded over lines
        (
            "every (?:other |two )?week |each day",
            "every (?:other |two )?week|each day",
        ),  # space inside a group is meant
        (r"[|] |\| |x", r"[|]|\||x"),  # a '|' in a class or escaped is not an alternative
    ],
)
def test_vocabulary_takes_out_only_the_layout_space_of_a_folded_list(folded: str, pattern: str) -> None:
    from coach.engine.kinds.vocabulary import unfold

    assert unfold(folded) == pattern


@pytest.mark.parametrize("text", ["every two weeks", "every other month", "report every 2 sprints"])
def test_the_cadence_term_matches_a_count_of_periods(text: str) -> None:
    from coach.engine.kinds.vocabulary import terms_of

    ruleset = load_ruleset()
    terms = terms_of(ruleset.rules, ruleset.origins)
    assert re.search(terms["cadence"], text)
