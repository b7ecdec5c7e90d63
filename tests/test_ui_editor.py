"""The Check page as an editor, under AppTest: a highlight's card, Insert, the delta line, stale Save, downloads.

The role texts are ours and short, each element clearly specified or
clearly missing per ELEMENTS.md, so the tests do not move when the rules
are tuned: "You decide which features enter the release." states
discretion; nothing in ROLE states resources or accountability.
"""

from __future__ import annotations

import json
import re

from ui_helpers import local_app, markdown, shown, texts

from coach_ui import downloads  # isort: skip

ROLE = """# Release Coordinator

## About the role
You decide which features enter the release. You will help with other duties as assigned.

## Benefits
A pension and 25 days of holiday.
"""


def check(text: str, *, live: bool = True):
    at = local_app().run()
    if not live:
        at.toggle(key="check_live").set_value(False).run()
    at.text_area(key="check_text").set_value(text)
    return at.button(key="check_run").click().run()


def html_of(at) -> str:
    return at.get("html")[0].proto.body


def test_every_finding_is_numbered_on_the_words_vague_phrases_too(app_env) -> None:
    at = check(ROLE)
    assert not at.exception
    body = html_of(at)
    assert 'data-elements="discretion"' in body and 'data-n="1"' in body
    assert re.search(r'data-kinds="[^"]*vague_phrase', body)  # vague phrases are on the words, not only listed
    labels = at.selectbox(key="check_card").options
    assert any("Discretion" in o for o in labels)
    assert any("Vague phrase" in o and "other duties as assigned" in o for o in labels)


def test_choosing_a_highlight_opens_its_card_with_status_why_and_no_fix_for_what_counts(app_env) -> None:
    at = check(ROLE)
    box = at.selectbox(key="check_card")
    number = next(o for o in box.options if "Discretion" in o).split(" · ")[0]
    at = box.select(int(number)).run()
    text = [shown(t) for t in markdown(at)]
    assert f"**{number} · Discretion** · Counted: specified evidence, it decided the grade." in text
    assert "> You decide which features enter the release." in text
    assert any(t.startswith("**Why:** ") for t in text)
    assert "Discretion is already specified." in [shown(c.value) for c in at.caption]


def test_a_vague_phrases_card_gives_its_suggestion(app_env) -> None:
    at = check(ROLE)
    box = at.selectbox(key="check_card")
    number = next(o for o in box.options if "Vague phrase" in o).split(" · ")[0]
    text = [shown(t) for t in markdown(box.select(int(number)).run())]
    assert any(t.startswith(f"**{number} · Vague phrase** · A vague phrase") for t in text)
    assert any(t.startswith("**Suggestion:** ") for t in text)


def test_a_gap_offers_a_fix_written_for_this_role(app_env) -> None:
    at = check(ROLE)
    text = [shown(t) for t in markdown(at)]
    fixes = [t for t in text if t.startswith("**Written for this role:** ")]
    assert any("As Release Coordinator you have [a budget, people or tools]" in t for t in fixes)
    assert at.button(key="check_insert_gap_resources").label == "Insert before “Benefits”"


def test_insert_adds_the_sentence_rechecks_and_says_what_moved(app_env) -> None:
    at = check(ROLE)
    at = at.button(key="check_insert_gap_accountability").click().run()
    assert not at.exception
    new = at.text_area(key="check_text").value
    assert "As Release Coordinator you review progress on" in new
    assert new.index("you review progress") < new.index("## Benefits")
    assert "Inserted before “Benefits”. Fill in the parts in [brackets] in the text box." in texts(at.success)
    delta = next(shown(t) for t in markdown(at) if t.startswith("**Since the last check:**"))
    assert delta.startswith("**Since the last check:** ")
    # The unfilled placeholders keep the contract from being saved as it stands.
    assert at.button(key="check_save").disabled
    assert any(w.startswith("Save is off until you fill in [") for w in texts(at.warning))


def test_an_edit_says_which_grade_moved_the_score_and_the_sentence(app_env) -> None:
    at = check("# Release Coordinator\nYou will help the team.")
    at.text_area(key="check_text").set_value("# Release Coordinator\nYou decide which features enter the release.")
    at = at.run()  # live re-check: the edit is checked when Streamlit sends it
    text = [shown(t) for t in markdown(at)]
    delta = next(t for t in text if t.startswith("**Since the last check:**"))
    assert "Discretion missing → specified" in delta and "score " in delta
    assert "- Discretion missing → specified: “You decide which features enter the release.”" in text


def test_questions_follow_the_current_grades(app_env) -> None:
    def discretion_questions(at) -> list[str]:
        return [t for t in markdown(at) if "curated bank" in t and "Discretion" in t.rsplit("gaps:", 1)[-1]]

    at = check("# Release Coordinator\nYou will help the team.")
    assert discretion_questions(at)
    at.text_area(key="check_text").set_value("# Release Coordinator\nYou decide which features enter the release.")
    assert discretion_questions(at.run()) == []


def test_save_is_off_while_the_report_is_stale_and_says_why(app_env) -> None:
    at = check(ROLE, live=False)
    assert not at.button(key="check_save").disabled
    at = at.text_area(key="check_text").set_value(ROLE + "\nYou lead a team of four testers.").run()
    assert at.button(key="check_save").disabled
    assert "Save is off: the text changed since this check. Click Check, then save what the report shows." in texts(
        at.warning
    )
    at = at.button(key="check_run").click().run()
    assert not at.button(key="check_save").disabled
    at = at.button(key="check_save").click().run()
    assert any(t.startswith("Saved as contract #1") for t in texts(at.success))


def test_editing_the_body_keeps_the_title_typed_in_the_save_form(app_env) -> None:
    at = check(ROLE)
    at.text_input(key="check_title").set_value("Release coordinator (platform)").run()
    at = at.button(key="check_insert_gap_resources").click().run()
    assert at.text_input(key="check_title").value == "Release coordinator (platform)"
    fixes = [shown(t) for t in markdown(at) if t.startswith("**Written for this role:** ")]
    assert any("As Release coordinator you" in t for t in fixes)  # the bracketed team is left out


def test_downloads_use_the_title_list_the_deciding_evidence_and_carry_the_questions(app_env) -> None:
    from coach_ui import question_panel

    import coach
    from coach.coaching import plan

    report = coach.check(ROLE).model_copy(update={"source": "pasted text"})
    questions = question_panel.by_skill(plan(report, "manager", 2))
    files = {name: content for _, name, _, content in downloads.files(report, "Release Coordinator", questions)}
    assert set(files) == {
        "Release-Coordinator-report.md",
        "Release-Coordinator-report.json",
        "Release-Coordinator-report.html",
    }
    md = files["Release-Coordinator-report.md"]
    assert md.startswith("## Release Coordinator\n")
    assert "“You decide which features enter the release.”" in md
    assert "“# Release Coordinator" not in md  # evidence, not the first lines of the text
    assert "### Coaching questions" in md and "**Future-focus**" in md
    data = json.loads(files["Release-Coordinator-report.json"])
    assert data["title"] == "Release Coordinator"
    assert data["report"]["elements"]["discretion"]["grade"] == "specified"
    assert data["coaching_questions"][0]["meta_skill"] == "Future-focus"
    page = files["Release-Coordinator-report.html"]
    assert page.startswith("<!DOCTYPE html>") and "<title>Release Coordinator: role contract check</title>" in page
    assert "@page { size: A4" in page and "<script" not in page
