"""The Check page's questions as a conversation: follow-ups, the 1:1 pairing, the commitment (AppTest).

A question that quotes the role shows the quote as typed: role text is
external, so its Markdown, formulas and links render as nothing.
"""

from __future__ import annotations

from ui_helpers import TIMEOUT, AppTest, CLEAR_ROLE, local_app, markdown, shown  # isort: skip

from coaching_helpers import report_with

from coach.report import Element, Evidence, Span

QUOTE = "You _may_ spend $5 to $50 on www.example.com supplies"


def _panel(report_json: str, audience: str) -> None:
    from coach_ui import question_panel

    from coach.coaching import plan
    from coach.report import Report

    question_panel.show(plan(Report.model_validate_json(report_json), audience=audience, per_skill=1), "t")


def _report():
    report = report_with({"resources": "vague", "discretion": "missing"})
    ev = Evidence(
        start=0,
        end=len(QUOTE),
        text=QUOTE,
        rule="resources.x",
        strength="vague",
        match=Span(start=0, end=4, text="You "),
    )
    elements = dict(report.elements)
    elements[Element.resources] = elements[Element.resources].model_copy(update={"evidence": [ev]})
    return report.model_copy(update={"elements": elements})


def _run(audience: str) -> AppTest:
    at = AppTest.from_function(_panel, args=(_report().model_dump_json(), audience), default_timeout=TIMEOUT)
    return at.run()


def test_a_quoted_question_shows_the_roles_words_as_typed_and_renders_nothing(app_env) -> None:
    at = _run("employee")
    assert not at.exception
    (line,) = [m for m in markdown(at) if "Your role says" in shown(m)]
    assert f"Your role says “{QUOTE}”. Which of those can you use today without asking?" in shown(line)
    assert "\\$5" in line and "\\_may\\_" in line  # escaped: no formula, no emphasis
    assert "www\u2060\\." in line  # and no autolink


def test_a_manager_sees_their_questions_beside_the_ones_to_ask_in_the_1_1_and_a_commitment(app_env) -> None:
    at = _run("manager")
    page = [shown(m) for m in markdown(at)]
    assert "**Ask them in your 1:1**" in page
    assert len(at.columns) == 2
    paired = [m for m in page if m.startswith("- ") and "gaps:" in m and "curated bank" not in m]
    assert len(paired) == 2  # one per gap: discretion missing, resources vague
    assert any(m.startswith("**To close: a commitment.** What is one thing you will do") for m in page)
    assert any("then: " in m for m in page)  # follow-up probes under the questions


def test_an_employee_plan_has_no_pairing_but_ends_with_a_commitment(app_env) -> None:
    page = [shown(m) for m in markdown(_run("employee"))]
    assert "**Ask them in your 1:1**" not in page
    assert any(m.startswith("**To close: a commitment.**") for m in page)


def test_the_check_page_shows_the_pairing_for_the_manager(app_env) -> None:
    at = local_app().run()
    at.text_area(key="check_text").set_value(CLEAR_ROLE)
    at.button(key="check_run").click().run()
    assert any(shown(m).startswith("**To close: a commitment.**") for m in markdown(at))
