"""Questions that speak of this role: its own sentences, its title, whom its holder answers to.

Reports are made to order with evidence sentences we wrote, so these tests
say what quoting does, not how the rules grade today.
"""

from __future__ import annotations

import pytest
from store_helpers import report_for

from coach.coaching import load_bank, plan
from coach.coaching.quoting import answers_to, role_title, short_quote
from coach.report import Element, Evidence, Span

ROLE = (
    "Night Shift Supervisor\n\n"
    "You run the warehouse floor from ten at night until six.\n"
    "You can sort out most problems on the floor yourself.\n"
)


def _with_evidence(text: str, grades: dict[str, str], sentences: dict[str, str], line_of_sight: bool = True):
    report = report_for(text, grades, line_of_sight)
    elements = dict(report.elements)
    for element, sentence in sentences.items():
        start = text.index(sentence) if sentence in text else 0
        ev = Evidence(
            start=start,
            end=start + len(sentence),
            text=sentence,
            rule=f"{element}.sample",
            strength="vague",
            match=Span(start=start, end=start + len(sentence), text=sentence),
        )
        elements[Element(element)] = elements[Element(element)].model_copy(update={"evidence": [ev]})
    return report.model_copy(update={"elements": elements})


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("You can sort out most problems on the floor.", "You can sort out most problems on the floor"),
        ("Decide *anything* you like? <b>Sure</b>!", "Decide anything you like bSure/b"),
        (
            "One two three four five six seven eight nine ten eleven twelve thirteen.",
            "One two three four five six seven eight nine ten eleven twelve…",
        ),
        ("Line one\n  and line two.", "Line one and line two"),
        ('He said "go".', "He said go"),
    ],
)
def test_a_sentence_is_made_quotable_plain_short_and_on_one_line(sentence, quoted):
    assert short_quote(sentence) == quoted


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Night Shift Supervisor\n\nYou run the floor.", "Night Shift Supervisor"),
        ("Volunteer Treasurer:\nYou keep the books.", "Volunteer Treasurer"),
        ("You run the warehouse floor from ten at night.", None),
        ("", None),
        (None, None),
    ],
)
def test_the_title_is_a_short_first_line_without_a_full_stop(text, title):
    assert role_title(text) == title


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("The treasurer reports to the board of trustees each quarter.", "the board of trustees"),
        ("You are accountable to the Chair for the annual accounts.", "the chair"),
        ("You report to the ward manager.", "your manager"),
        (None, "your manager"),
    ],
)
def test_whom_the_holder_answers_to(text, party):
    assert answers_to(text) == party


def test_a_vague_element_is_quoted_back_in_the_persons_own_words():
    report = _with_evidence(
        ROLE, {"discretion": "vague"}, {"discretion": "You can sort out most problems on the floor yourself."}
    )
    result = plan(report, audience="employee", per_skill=2, text=ROLE)
    (quoted,) = [q for q in result.questions if q.kind == "quote"]
    assert quoted.text == (
        "Your role says “You can sort out most problems on the floor yourself”. "
        "Which decisions does that cover for you?"
    )
    assert quoted.because[0] == "discretion:vague"
    assert len([q for q in result.questions if "discretion:vague" in q.because]) == 1


def test_a_missing_element_has_nothing_to_quote_so_the_title_names_the_role():
    report = report_for(ROLE, {"resources": "missing"})
    result = plan(report, audience="manager", per_skill=2, text=ROLE)
    (titled,) = [q for q in result.questions if q.kind == "title"]
    assert titled.text == "What budget, people or tools may the Night Shift Supervisor use without asking first?"


def test_a_clear_contract_quotes_a_stated_element_to_reflect_on():
    report = _with_evidence(ROLE, {}, {"purpose": "You run the warehouse floor from ten at night until six."})
    result = plan(report, audience="employee", per_skill=1, text=ROLE)
    assert [q.kind for q in result.questions].count("quote") == 1


def test_two_roles_with_the_same_gaps_no_longer_get_identical_questions():
    nurse = "Nurse Team Lead\n\nYou look after the ward's rota where you can.\n"
    a = _with_evidence(nurse, {"discretion": "vague"}, {"discretion": "You look after the ward's rota where you can."})
    b = _with_evidence(
        ROLE, {"discretion": "vague"}, {"discretion": "You can sort out most problems on the floor yourself."}
    )
    assert {q.text for q in plan(a, text=nurse).questions} != {q.text for q in plan(b, text=ROLE).questions}


def test_a_role_answering_to_a_board_names_the_board_instead_of_your_manager():
    text = "Charity Treasurer\n\nYou report to the board of trustees on the accounts.\n"
    result = plan(report_for(text, {"purpose": "missing"}), audience="employee", per_skill=6, text=text)
    assert result.party == "the board of trustees"
    assert result.commitment.text == "What is one thing you will do before your next 1:1 with the board of trustees?"
    assert not any("your manager" in q.text for q in result.questions)


def test_a_manager_plan_pairs_its_questions_with_the_employees_for_the_same_gaps():
    report = report_for(ROLE, {"discretion": "missing", "accountability": "vague"}, line_of_sight=False)
    result = plan(report, audience="manager", per_skill=2, text=ROLE)
    assert [q.because[0] for q in result.ask_them] == ["discretion:missing", "accountability:vague", "line_of_sight:no"]
    employee_texts = {q.text for q in load_bank().questions if q.audience == "employee"}
    assert {q.text for q in result.ask_them} <= employee_texts
    assert plan(report, audience="employee").ask_them == []
