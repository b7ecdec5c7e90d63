"""`plan()`: deterministic questions per meta skill, tailored to the report's gaps, offline.

A contract with no stated discretion gets discretion questions first under
every skill; several gaps take turns; general questions fill the rest;
nothing repeats; every question says where it came from and why.
"""

from __future__ import annotations

import pytest
from coaching_helpers import imports_litellm, report_with

from coach.coaching import META_SKILLS, load_bank, plan
from coach.coaching.render import RENDERERS

BANK = load_bank()


def _tied(question, gap: str) -> bool:
    return gap in question.because


def test_a_contract_with_no_discretion_gets_one_discretion_question_not_six():
    report = report_with({"discretion": "missing"})
    result = plan(report, audience="manager", per_skill=3)
    assert all(len(questions) == 3 for questions in result.by_skill().values())
    tied = [q for q in result.questions if _tied(q, "discretion:missing")]
    assert len(tied) == 1


def test_several_gaps_each_open_a_different_skill_most_severe_first_in_turn():
    report = report_with({"purpose": "vague", "resources": "missing"}, line_of_sight=False)
    openers = [qs[0].because[0] for qs in plan(report, per_skill=3).by_skill().values() if qs[0].because]
    assert sorted(openers) == sorted(["resources:missing", "purpose:vague", "line_of_sight:no"])


def test_asking_for_more_per_gap_gives_a_gap_more_questions():
    report = report_with({"discretion": "missing"})
    result = plan(report, per_skill=3, per_gap=3)
    assert len([q for q in result.questions if _tied(q, "discretion:missing")]) == 3


def test_a_clear_contract_gets_general_questions_and_a_note_saying_so():
    result = plan(report_with(), per_skill=2)
    assert all(q.because == [] for q in result.questions)
    assert len(result.questions) == 12
    assert "general questions" in result.notes[0]


def test_because_names_the_gap_and_the_rules_whose_evidence_made_it():
    report = report_with({"discretion": "vague"}, rules={"discretion": ["discretion.autonomy-claims"]})
    (tied,) = [q for q in plan(report, per_skill=1).questions if q.because]
    assert tied.because == ["discretion:vague", "discretion.autonomy-claims"]
    assert tied.source == "bank"


@pytest.mark.parametrize("per_skill", [1, 3, 6])
def test_per_skill_questions_for_each_of_the_six_skills_in_product_order(per_skill):
    report = report_with({"purpose": "missing", "accountability": "vague"}, line_of_sight=False)
    result = plan(report, per_skill=per_skill)
    assert [q.meta_skill for q in result.questions] == [s for s in META_SKILLS for _ in range(per_skill)]


def test_no_question_appears_twice_in_a_plan():
    # Every gap at once: the most pressure on the bank's gap questions.
    report = report_with(
        dict.fromkeys(("purpose", "discretion", "resources", "accountability"), "vague"), line_of_sight=False
    )
    texts = [q.text.lower() for q in plan(report, per_skill=6).questions]
    assert len(texts) == len(set(texts))


def test_managers_and_employees_get_their_own_questions():
    report = report_with({"discretion": "missing"})
    manager = {q.text for q in plan(report, audience="manager").questions}
    employee = {q.text for q in plan(report, audience="employee").questions}
    assert not manager & employee
    bank_employee = {q.text for q in BANK.questions if q.audience == "employee"}
    assert employee <= bank_employee


def test_the_same_report_gives_the_same_plan_every_time():
    report = report_with({"resources": "vague"}, line_of_sight=False)
    assert plan(report, audience="employee") == plan(report, audience="employee")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"audience": "boss"}, "audience"),
        ({"per_skill": 0}, "per_skill"),
        ({"per_skill": 7}, "per_skill"),
        ({"per_gap": 0}, "per_gap"),
        ({"per_gap": 4}, "per_gap"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plan(report_with(), **kwargs)


def test_asking_for_the_llm_without_the_role_text_is_refused():
    with pytest.raises(ValueError, match="text="):
        plan(report_with(), llm="gpt-4o-mini")


def test_the_json_shape_is_questions_and_notes():
    data = plan(report_with({"purpose": "missing"}), per_skill=1).to_json()
    assert set(data) == {"questions", "notes", "commitment", "ask_them", "party"}
    assert set(data["questions"][0]) == {"meta_skill", "text", "source", "because", "kind", "follow_ups"}
    assert set(data["commitment"]) == {"text", "follow_ups"}
    assert data["questions"][0]["meta_skill"] == "future_focus"


def test_every_format_shows_the_questions_and_the_notes():
    result = plan(report_with(), per_skill=1)
    for name, render in RENDERERS.items():
        out = render(result)
        assert result.questions[0].text in out, name
        assert "general questions" in out, name


def test_the_bank_path_never_imports_litellm():
    assert not imports_litellm(
        "import coach; from coach.coaching import plan; from coach.coaching.render import RENDERERS\n"
        "RENDERERS['text'](plan(coach.check('You own the reliability of our payments platform.')))"
    )
