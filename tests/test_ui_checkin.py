"""The Reflect page closes the loop: a commitment, the check-in when it is due, sharing one account (AppTest)."""

from __future__ import annotations

from datetime import date, timedelta

from ui_helpers import CLEAR_ROLE, HR_EMAIL, markdown, shown, signed_in_app, texts

from coach.store import open_store

ANA = "ana@example.com"
BOSS = "boss@example.com"
BEN = "ben@example.com"
ANSWERS = {
    "expected": "A calmer handover.",
    "happened": "Two nights were calm, one was not.",
    "why": "The checklist was missing on the third night.",
    "change": "Keep the checklist, pin it by the desk.",
    "stuck": "Three calm handovers in a row.",
}


def _due_commitment(owner: str = ANA, text: str = "Try the handover checklist for a week") -> int:
    with open_store() as store:
        return store.commitments(owner).add(text, date.today() - timedelta(days=1), meta_skill="learning").id


def _reflect(at):
    return at.switch_page("views/reflect.py").run()


def test_a_due_commitment_opens_the_page_as_an_after_action_review(app_env) -> None:
    _due_commitment()
    with open_store() as store:  # an earlier rating on the same skill, for the trend
        store.journal(ANA).add("learning", "What did you learn?", "Lists help.", rating=2)
    at = _reflect(signed_in_app(ANA).run())
    assert not at.exception
    assert at.subheader[0].value == "Check in on your commitment"
    assert any("Try the handover checklist for a week" in shown(m) for m in markdown(at))
    labels = [shown(t.label) for t in at.text_area if t.key and t.key.startswith("checkin_")]
    assert labels[:5] == [
        "What did you expect to happen?",
        "What actually happened?",
        "What made the difference between the two?",
        "What will you keep or change next time?",
        "How will you and your manager know the change stuck?",
    ]
    assert at.metric[0].value == "2 of 5"  # the rating trend beside the review

    # The rating is a scaling question: choosing 3 asks what would move it to 4.
    at.radio(key="checkin_rating").set_value(3).run()
    assert at.text_input(key="checkin_step").label == "What would move you from 3 to 4?"


def test_checking_in_saves_the_account_closes_the_commitment_and_offers_to_share_it(app_env) -> None:
    cid = _due_commitment()
    at = _reflect(signed_in_app(ANA).run())
    for name, answer in ANSWERS.items():
        at.text_area(key=f"checkin_{name}").set_value(answer)
    at.radio(key="checkin_rating").set_value(4).run()
    at.text_input(key="checkin_step").set_value("Teach the checklist to the new starter")
    at.button(key="checkin_save").click().run()

    assert not at.exception
    assert texts(at.success)[0].startswith("Checked in.")
    assert not [s for s in at.subheader if s.value == "Check in on your commitment"]  # nothing due now
    with open_store() as store:
        mine = store.commitments(ANA)
        (checkin,) = mine.checkins()
        assert mine.get(cid).status == "done"
    assert (checkin.happened, checkin.rating, checkin.next_step) == (
        ANSWERS["happened"],
        4,
        "Teach the checklist to the new starter",
    )
    assert any(s.value == "My check-ins" for s in at.subheader)
    assert any("Private: only you can read it." in shown(c.value) for c in at.caption)


def test_a_check_in_with_an_unanswered_question_is_refused_and_the_answers_stay(app_env) -> None:
    _due_commitment()
    at = _reflect(signed_in_app(ANA).run())
    at.text_area(key="checkin_expected").set_value("A calmer handover.")
    at.button(key="checkin_save").click().run()
    assert texts(at.error) == ["answer each question of the check-in before saving; a word or two is enough"]
    assert at.text_area(key="checkin_expected").value == "A calmer handover."


def test_sharing_one_check_in_reaches_the_named_manager_only(app_env) -> None:
    _due_commitment()
    with open_store() as store:
        store.journal(ANA).add("learning", "What worries you?", "A private worry about the rota.")
    at = _reflect(signed_in_app(ANA).run())
    for name, answer in ANSWERS.items():
        at.text_area(key=f"checkin_{name}").set_value(answer)
    at.button(key="checkin_save").click().run()
    at.text_input(key="checkin_share_with").set_value(BOSS)
    at.button(key="checkin_share_go").click().run()
    assert texts(at.success) == [f"Shared that one check-in with {BOSS}. Everything else stays private."]
    assert any(f"Shared with {BOSS}" in shown(c.value) for c in at.caption)

    boss = _reflect(signed_in_app(BOSS).run())
    assert any(s.value == "Shared with you" for s in boss.subheader)
    page = " ".join(shown(m) for m in markdown(boss))
    assert ANSWERS["happened"] in page and "Try the handover checklist" in page
    assert "private worry" not in page  # only the one entry was shared

    for other, views in ((BEN, ("reflect", "check")), (HR_EMAIL, ("reflect", "review", "check"))):
        at = signed_in_app(other).run()
        for view in (f"views/{v}.py" for v in views):
            at.switch_page(view).run()
            assert not any(ANSWERS["happened"] in shown(m) for m in markdown(at)), (other, view)


def test_every_plan_ends_with_a_commitment_saved_with_its_due_date(app_env) -> None:
    at = _reflect(signed_in_app(ANA).run())
    at.radio(key="reflect_source").set_value("own").run()
    at.text_area(key="reflect_text").set_value(CLEAR_ROLE)
    at.button(key="reflect_use").click().run()
    at.multiselect(key="reflect_skills").set_value(["learning"]).run()
    assert any(shown(m).startswith("**What is one thing you will do before your next 1:1") for m in markdown(at))
    rating = at.radio(key="reflect_rating_learning")
    assert rating.label == "On a scale of 1 to 5, where are you today on desire for learning?"
    assert rating.value is None  # nothing chosen is no rating, and opens no next step
    assert not any("What would move you from" in shown(c.value) for c in at.caption)
    rating.set_value(3).run()
    assert any("What would move you from 3 to 4?" in shown(c.value) for c in at.caption)

    due = date.today() + timedelta(days=7)
    at.text_area(key="checkin_commit_text").set_value("Ask for a retrospective after the release")
    at.date_input(key="checkin_commit_due").set_value(due)
    at.button(key="checkin_commit_save").click().run()
    assert texts(at.success) == [f"Commitment saved: this page will ask you how it went on {due:%d %B %Y}."]
    with open_store() as store:
        (made,) = store.commitments(ANA).entries()
    assert (made.text, made.due, made.meta_skill) == ("Ask for a retrospective after the release", due, "learning")


def test_an_empty_commitment_is_refused_with_a_message(app_env) -> None:
    at = _reflect(signed_in_app(ANA).run())
    at.radio(key="reflect_source").set_value("own").run()
    at.text_area(key="reflect_text").set_value(CLEAR_ROLE)
    at.button(key="reflect_use").click().run()
    at.multiselect(key="reflect_skills").set_value(["learning"]).run()
    at.button(key="checkin_commit_save").click().run()
    assert texts(at.error) == ["write what you will do before saving a commitment"]
