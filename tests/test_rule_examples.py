"""Every rule carries its own examples, and every example holds.

Like proselint's example table: a rule file's `examples.pass` are texts that
pass the rule's test (a cue or heading rule finds its element there, a
negation applies), `examples.fail` are texts that do not (for vague-phrase
and cross-element rules, `fail` texts are the ones they report). A rule
without examples fails the completeness test.
"""

from __future__ import annotations

import pytest

from coach.engine import compiled, fired_rules
from coach.engine.ruleset import SectionsRule, VocabularyRule, load_ruleset
from coach.engine.text import parse

RULESET = load_ruleset()
RULES = [r for r in RULESET.rules.values() if not isinstance(r, (SectionsRule, VocabularyRule))]
REPORTING_KINDS = {"vague_phrase", "cross"}  # rules that fire on a problem


def _cases():
    for rule in RULES:
        fires_on_pass = rule.kind not in REPORTING_KINDS
        for text in rule.examples.pass_:
            yield pytest.param(rule.id, text, fires_on_pass, id=f"{rule.id}:pass:{text[:40]}")
        for text in rule.examples.fail:
            yield pytest.param(rule.id, text, not fires_on_pass, id=f"{rule.id}:fail:{text[:40]}")


@pytest.mark.parametrize(("rule_id", "text", "should_fire"), list(_cases()))
def test_rule_example(rule_id: str, text: str, should_fire: bool) -> None:
    fired = rule_id in fired_rules(text, RULESET)
    if should_fire:
        assert fired, f"False negative against {rule_id}: {text!r}"
    else:
        assert not fired, f"False positive against {rule_id}: {text!r}"


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_rule_has_pass_and_fail_examples(rule_id: str) -> None:
    examples = RULESET.rules[rule_id].examples
    assert examples.pass_, f"{rule_id} ({RULESET.origins[rule_id]}) has no 'pass' examples"
    assert examples.fail, f"{rule_id} ({RULESET.origins[rule_id]}) has no 'fail' examples"


def _section_cases():
    for rule in RULESET.rules.values():
        if isinstance(rule, SectionsRule):
            for name, sdef in rule.sections.items():
                assert sdef.examples.pass_ and sdef.examples.fail, f"section {name!r} needs pass and fail examples"
                for heading in sdef.examples.pass_:
                    yield pytest.param(name, heading, True, id=f"{name}:pass:{heading}")
                for heading in sdef.examples.fail:
                    yield pytest.param(name, heading, False, id=f"{name}:fail:{heading}")


@pytest.mark.parametrize(("section", "heading", "expected"), list(_section_cases()))
def test_section_example(section: str, heading: str, expected: bool) -> None:
    doc = parse(f"## {heading}\n\nA sentence under the heading.\n")
    unit = doc.units[-1]
    assert (section in compiled(RULESET).sections_of(unit)) is expected
