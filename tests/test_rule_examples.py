"""Every rule carries its own examples, and every example holds.

Like proselint's example table: a rule file's `examples.fires` are texts the
rule fires on (a cue or heading finds its element, a negation applies, a
context is recognised, a vague phrase or a cross-element finding is
reported); `examples.silent` are texts it does not fire on. The keys mean
the same for every kind. A rule without both fails the completeness test.
"""

from __future__ import annotations

import pytest

from coach.engine import compiled, fired_rules
from coach.engine.ruleset import load_ruleset
from coach.engine.text import parse

RULESET = load_ruleset()
RULES = [r for r in RULESET.rules.values() if r.kind not in ("sections", "vocabulary")]


def _cases():
    for rule in RULES:
        for text in rule.examples.fires:
            yield pytest.param(rule.id, text, True, id=f"{rule.id}:fires:{text[:40]}")
        for text in rule.examples.silent:
            yield pytest.param(rule.id, text, False, id=f"{rule.id}:silent:{text[:40]}")


@pytest.mark.parametrize(("rule_id", "text", "should_fire"), list(_cases()))
def test_rule_example(rule_id: str, text: str, should_fire: bool) -> None:
    fired = rule_id in fired_rules(text, RULESET)
    if should_fire:
        assert fired, f"False negative against {rule_id}: {text!r}"
    else:
        assert not fired, f"False positive against {rule_id}: {text!r}"


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_rule_has_examples_that_fire_and_examples_that_do_not(rule_id: str) -> None:
    examples = RULESET.rules[rule_id].examples
    assert examples.fires, f"{rule_id} ({RULESET.origins[rule_id]}) has no 'fires' examples"
    assert examples.silent, f"{rule_id} ({RULESET.origins[rule_id]}) has no 'silent' examples"


def _section_cases():
    for rule in RULESET.of_kind("sections"):
        for name, sdef in rule.sections.items():
            assert sdef.examples.fires and sdef.examples.silent, f"section {name!r} needs fires and silent examples"
            for heading in sdef.examples.fires:
                yield pytest.param(name, heading, True, id=f"{name}:fires:{heading}")
            for heading in sdef.examples.silent:
                yield pytest.param(name, heading, False, id=f"{name}:silent:{heading}")


def _title_cases():
    for rule in RULESET.of_kind("sections"):
        for heading in rule.titles.examples.fires:
            yield pytest.param(heading, True, id=f"title:fires:{heading}")
        for heading in rule.titles.examples.silent:
            yield pytest.param(heading, False, id=f"title:silent:{heading}")


@pytest.mark.parametrize(("heading", "expected"), list(_title_cases()))
def test_a_job_title_heading_is_no_kind_of_section(heading: str, expected: bool) -> None:
    doc = parse(f"# {heading}\n\nA sentence under the heading.\n")
    unit = doc.units[-1]
    tables = compiled(RULESET)
    assert tables.is_title(unit.headings[0]) is expected
    if expected:
        assert tables.sections_of(unit) == frozenset()


@pytest.mark.parametrize(("section", "heading", "expected"), list(_section_cases()))
def test_section_example(section: str, heading: str, expected: bool) -> None:
    doc = parse(f"## {heading}\n\nA sentence under the heading.\n")
    unit = doc.units[-1]
    assert (section in compiled(RULESET).sections_of(unit)) is expected


@pytest.mark.parametrize(
    ("text", "sentence", "sections"),
    [
        # A bold run-in question labels itself (an ask of the reader), not the sentence after it.
        (
            "**Do you have a driving licence?** You will run the van rota.",
            "Do you have a driving licence?",
            {"requirements"},
        ),
        ("**Do you have a driving licence?** You will run the van rota.", "You will run the van rota.", set()),
        # A bold label over a list of asks ends with the list; a Markdown heading does not.
        ("**Preferred qualifications**\n- Some Rust\n\nThe post is remote.", "Some Rust", {"requirements"}),
        ("**Preferred qualifications**\n- Some Rust\n\nThe post is remote.", "The post is remote.", set()),
        (
            "## Requirements\n- Some Rust\n\nYou also need a driving licence.",
            "You also need a driving licence.",
            {"requirements"},
        ),
        # Onboarding others is a duty; the holder's own onboarding is a resource.
        ("## Onboarding new volunteers\n\nPair each newcomer with a buddy.", "Pair each newcomer with a buddy.", set()),
        ("## Your onboarding\n\nA buddy shows you the ropes.", "A buddy shows you the ropes.", {"resources"}),
        # A software package is not a pay package.
        ("## Package review process\n\nCheck that the tests pass.", "Check that the tests pass.", set()),
    ],
)
def test_the_sections_a_sentence_sits_in(text: str, sentence: str, sections: set[str]) -> None:
    doc = parse(text)
    unit = next(u for u in doc.units if text[u.start : u.end] == sentence)
    assert compiled(RULESET).sections_of(unit) == sections
