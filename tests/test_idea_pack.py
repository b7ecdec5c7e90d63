"""The idea rule pack: selected by name, apart from the role pack, every rule's examples, its own words.

The example ideas below are ours and written to be clearly specified or
clearly missing on each element (ELEMENTS.md, read for a proposal), so
their grades hold however the weights are tuned later.
"""

from __future__ import annotations

import pytest

from coach.coaching.idea_bank import IDEA_SKILLS, idea_questions, load_idea_bank
from coach.engine import fired_rules
from coach.engine.ruleset import load_ruleset, named_packs
from coach.errors import InputError, RuleError
from coach.idea_check import check_idea, idea_ruleset

IDEAS = idea_ruleset()
RULES = [r for r in IDEAS.rules.values() if r.kind not in ("sections", "vocabulary")]

ALL_FOUR = (
    "Switching the depot to reusable crates would cut cardboard waste by half. "
    "The depot manager would need to approve the new crates. "
    "It needs a £3,000 pilot budget and two weeks of one driver's time. "
    "We would know it worked if we bought 50% less cardboard by June. "
    "This supports our priority of cutting our carbon footprint."
)
NOTHING = "I have an idea about our meetings and the new office plants this year."


def test_the_ideas_pack_is_its_own_pack_and_the_role_pack_does_not_load_its_rules():
    assert "ideas" in named_packs()
    assert IDEAS.name == "coach-ideas"
    role = load_ruleset()
    assert role.name == "coach-core"
    assert not set(IDEAS.origins.values()) & set(role.origins.values())
    assert all("/rules/ideas/" not in path for path in role.origins.values())


def test_an_unknown_pack_name_is_one_clear_error():
    with pytest.raises(RuleError, match=r"unknown rule pack 'idea'.*ideas"):
        load_ruleset(pack="idea")


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_idea_rule_fires_on_its_examples_and_stays_silent_on_the_others(rule_id):
    rule = IDEAS.rules[rule_id]
    assert rule.examples.fires and rule.examples.silent, f"{rule_id} needs fires and silent examples"
    for text in rule.examples.fires:
        assert rule_id in fired_rules(text, IDEAS), f"False negative against {rule_id}: {text!r}"
    for text in rule.examples.silent:
        assert rule_id not in fired_rules(text, IDEAS), f"False positive against {rule_id}: {text!r}"


@pytest.mark.parametrize(
    ("text", "grades", "line_of_sight"),
    [
        (ALL_FOUR, dict.fromkeys(["purpose", "discretion", "resources", "accountability"], "specified"), True),
        (NOTHING, dict.fromkeys(["purpose", "discretion", "resources", "accountability"], "missing"), False),
    ],
)
def test_an_idea_that_states_all_four_is_specified_and_one_that_states_none_is_missing(text, grades, line_of_sight):
    report = check_idea(text)
    assert {e.value: r.grade.value for e, r in report.elements.items()} == grades
    assert report.line_of_sight.present is line_of_sight


def test_an_ideas_fixes_speak_of_an_idea_not_a_role():
    report = check_idea(NOTHING)
    fixes = " ".join(r.fix or "" for r in report.elements.values())
    assert "idea" in fixes and "holder" not in fixes and "role" not in fixes
    assert "priority" in (report.line_of_sight.fix or "")


@pytest.mark.parametrize(
    ("text", "message"), [("", "empty"), ("Crates.", "fewer than 5 words"), ("a " * 2001, "4,000")]
)
def test_text_that_cannot_be_an_idea_is_an_input_error(text, message):
    with pytest.raises(InputError, match=message):
        check_idea(text)


def test_the_idea_bank_asks_curious_and_creative_and_risk_sensitive_questions_for_the_ideas_gaps_first():
    load_idea_bank()  # every question passes the open-question check when the file loads
    questions = idea_questions(check_idea(NOTHING), per_skill=3)
    assert [q.meta_skill for q in questions] == [IDEA_SKILLS[0]] * 3 + [IDEA_SKILLS[1]] * 3
    assert all(q.source == "bank" for q in questions)
    assert questions[0].because == ["purpose:missing"]  # the most severe gap first

    general = idea_questions(check_idea(ALL_FOUR), per_skill=2)
    assert [q.because for q in general] == [[], [], [], []]  # no gaps: general questions
