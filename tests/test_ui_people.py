"""Who sees what: private reflections, the HR review, local mode and login mode (AppTest)."""

from __future__ import annotations

from store_helpers import save
from ui_helpers import (
    AUTH,
    CLEAR_ROLE,
    HR_EMAIL,
    TIMEOUT,
    AppTest,
    badges,
    click_row,
    local_app,
    markdown,
    row_of,
    shown,
    signed_in_app,
    texts,
)

from coach.store import open_store

ANA = "ana@example.com"
BEN = "ben@example.com"


def _reflect_on_own_text(at, answer: str, rating: int | None = 4):
    at.switch_page("views/reflect.py").run()
    at.radio(key="reflect_source").set_value("own").run()
    at.text_area(key="reflect_text").set_value(CLEAR_ROLE)
    at.button(key="reflect_use").click().run()
    at.multiselect(key="reflect_skills").set_value(["learning"]).run()
    at.text_area(key="reflect_answer_learning_0").set_value(answer)
    if rating is not None:
        at.radio(key="reflect_rating_learning").set_value(rating)
    return at.button(key="reflect_save").click().run()


def test_a_reflection_is_saved_privately_and_listed_for_its_owner(app_env) -> None:
    at = _reflect_on_own_text(signed_in_app(ANA).run(), "I will ask for a retrospective after each release.")
    assert not at.exception
    assert texts(at.success) == ["Saved 1 reflection to your private journal."]
    # The answer box is cleared after saving; the journal lists the answer and the rating.
    assert at.text_area(key="reflect_answer_learning_0").value == ""
    table = at.table[0].value
    assert [shown(a) for a in table["answer"]] == ["I will ask for a retrospective after each release."]
    assert list(table["rating"]) == ["4 of 5"]
    assert [shown(r) for r in table["role"]] == ["my own role (pasted)"]
    assert any(t.startswith("Private to ana@example.com:") for t in texts(at.caption))
    with open_store() as store:
        (entry,) = store.journal(ANA).entries()
    assert (entry.meta_skill, entry.rating, entry.provenance) == ("learning", 4, "bank")
    assert entry.gap is not None and ":" in entry.gap  # the question spoke to a gap of this role


def test_nobody_else_sees_a_reflection_not_even_hr(app_env) -> None:
    _reflect_on_own_text(signed_in_app(ANA).run(), "Only Ana may read this.")
    for other in (BEN, HR_EMAIL):
        at = signed_in_app(other).run()
        at.switch_page("views/reflect.py").run()
        assert "You have not saved any reflections yet." in texts(at.info)
        assert not any("Only Ana may read this." in t for t in markdown(at))
        assert not at.table
    # HR's pages never show it either.
    at = signed_in_app(HR_EMAIL).run()
    for page in ("views/review.py", "views/check.py", "views/about.py"):
        at.switch_page(page).run()
        assert not any("Only Ana may read this." in t for t in markdown(at))


def test_saving_without_an_answer_says_so(app_env) -> None:
    at = _reflect_on_own_text(signed_in_app(ANA).run(), "   ")
    assert texts(at.error) == ["write an answer to at least one question before saving"]


def test_reflecting_on_a_saved_contract(app_env) -> None:
    with open_store() as store:
        save(store, "Release lead", CLEAR_ROLE, {"purpose": "missing"}, team="Platform")
    at = signed_in_app(ANA).run()
    at.switch_page("views/reflect.py").run()
    assert at.radio(key="reflect_source").value == "saved"
    at.selectbox(key="reflect_contract").set_value(1).run()
    assert "Purpose: missing" in badges(at)
    # Search narrows the list by words in the title or text.
    at.text_input(key="reflect_search").set_value("release").run()
    assert at.selectbox(key="reflect_contract").options == ["Release lead · Platform"]
    at.text_input(key="reflect_search").set_value("nonexistentword").run()
    assert "Nothing matches." in texts(at.info)


def test_a_nul_character_in_the_reflect_search_is_searched_around(app_env) -> None:
    with open_store() as store:
        save(store, "Release lead", CLEAR_ROLE, {"purpose": "missing"}, team="Platform")
    at = signed_in_app(ANA).run()
    at.switch_page("views/reflect.py").run()
    at.text_input(key="reflect_search").set_value("rel\x00ease").run()
    assert not at.exception, at.exception
    assert "Nothing matches." in texts(at.info)  # searched for 'rel ease', which is not a word here
    at.text_input(key="reflect_search").set_value("release\x00").run()
    assert at.selectbox(key="reflect_contract").options == ["Release lead · Platform"]
    at.text_input(key="reflect_search").set_value("\x00").run()  # nothing left to search: the newest contracts
    assert at.selectbox(key="reflect_contract").options == ["Release lead · Platform"]


def test_a_reflection_can_be_deleted_by_its_owner(app_env) -> None:
    at = _reflect_on_own_text(signed_in_app(ANA).run(), "Temporary thought.")
    with open_store() as store:
        (entry,) = store.journal(ANA).entries()
    at.selectbox(key="reflect_delete_pick").set_value(entry.id)
    at.button(key="reflect_delete").click().run()
    assert "Deleted that reflection." in texts(at.success)
    with open_store() as store:
        assert store.journal(ANA).entries() == []


# --- the HR review --------------------------------------------------------------------


def _seed_queue() -> int:
    with open_store() as store:
        save(store, "Tidy role", "A clear contract.", team="Ops")  # not flagged: never queued
        flagged = save(store, "Support lead", "Help the team where needed.", {"discretion": "missing"}, team="Support")
        save(store, "Analyst", "Work on data.", {"resources": "vague"}, team="Data")
    return flagged.contract_id


def _open_review(email: str = HR_EMAIL):
    at = signed_in_app(email).run()
    return at.switch_page("views/review.py").run()


def _open_contract(at, title: str):
    """Click the queue row titled `title`: the contract opens under the table."""
    return click_row(at, row_of(at, title))


def test_hr_sees_the_queue_with_filters(app_env) -> None:
    _seed_queue()
    at = _open_review()
    assert not at.exception
    table = at.dataframe[0].value
    assert sorted(table["title"]) == ["Analyst", "Support lead"]
    at.selectbox(key="review_element").set_value("discretion").run()
    assert list(at.dataframe[0].value["title"]) == ["Support lead"]
    at.selectbox(key="review_element").set_value("")
    at.selectbox(key="review_team").set_value("Data").run()
    assert list(at.dataframe[0].value["title"]) == ["Analyst"]
    at.selectbox(key="review_team").set_value("")
    at.text_input(key="review_search").set_value("tidy").run()
    assert list(at.dataframe[0].value["title"]) == ["Tidy role"]  # search covers every contract


def test_a_nul_character_in_the_review_search_is_searched_around(app_env) -> None:
    _seed_queue()
    at = _open_review()
    at.text_input(key="review_search").set_value("tidy\x00").run()
    assert not at.exception, at.exception
    assert list(at.dataframe[0].value["title"]) == ["Tidy role"]


def test_hr_changes_status_assigns_and_notes_with_history(app_env) -> None:
    cid = _seed_queue()
    at = _open_contract(_open_review(), "Support lead")
    assert not at.exception
    assert "Discretion: missing" in badges(at)
    assert at.selectbox(key="review_new_status").value == "open"

    at.selectbox(key="review_new_status").set_value("in_review")
    at.text_input(key="review_status_note").set_value("Asked the manager for decision rights.")
    at.button(key="review_status_save").click().run()
    assert f"Contract #{cid} is now in review." in texts(at.success)
    assert at.text_input(key="review_status_note").value == ""

    at.text_input(key="review_assignee").set_value("priya@example.com")
    at.button(key="review_assign_save").click().run()
    assert f"Contract #{cid} is assigned to priya@example.com." in texts(at.success)

    at.text_area(key="review_note").set_value("Manager will add a budget line.")
    at.button(key="review_note_save").click().run()
    assert f"Note added to contract #{cid}." in texts(at.success)
    assert at.text_area(key="review_note").value == ""

    with open_store() as store:
        review = store.review(cid)
        events = store.review_history(cid)
    assert (review.status, review.assignee) == ("in_review", "priya@example.com")
    assert [(e.kind, e.author) for e in events[1:]] == [("status", HR_EMAIL), ("assign", HR_EMAIL), ("note", HR_EMAIL)]
    history = [t for t in markdown(at) if t.startswith("- ") and "hana" in t]
    assert any("Manager will add a budget line" in t for t in history)


def test_an_empty_note_is_refused_with_a_message(app_env) -> None:
    _seed_queue()
    at = _open_contract(_open_review(), "Support lead")
    at.button(key="review_note_save").click().run()
    assert any("the note is empty" in m for m in texts(at.error))


def test_resolving_keeps_the_contract_open_on_screen(app_env) -> None:
    cid = _seed_queue()
    at = _open_contract(_open_review(), "Support lead")
    at.selectbox(key="review_new_status").set_value("resolved")
    at.button(key="review_status_save").click().run()
    assert not at.exception
    assert at.session_state["review_open"] == cid
    assert f"#{cid} Support lead" in [shown(h.value) for h in at.subheader]
    assert "Support lead" not in list(at.dataframe[0].value["title"])  # off the active queue


def test_the_organisation_view_has_a_chart_a_table_and_the_export(app_env) -> None:
    _seed_queue()
    at = _open_review()
    assert not at.get("vega_lite_chart")  # only the open tab runs: the queue does not pay for the counts
    at.session_state["review_tabs"] = "Organisation"
    at.run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1
    assert list(at.dataframe[0].value["team"]) == ["Data", "Ops", "Support"]
    assert {b.label for b in at.get("download_button")} == {"Export every contract (CSV)"}
    assert not [b for b in at.button if b.key == "review_close"]  # no contract detail under the organisation


def test_review_is_hidden_from_people_not_on_the_hr_list(app_env) -> None:
    _seed_queue()
    at = signed_in_app(BEN).run()
    assert not at.exception
    # The page is not in Ben's navigation at all...
    try:
        at.switch_page("views/review.py")
    except ValueError as e:
        assert "Could not find a navigation page" in str(e)
    else:
        raise AssertionError("the Review page is registered for a person who is not HR")
    # ...and the page itself refuses, should a visit get there another way.
    hr = _open_review()
    assert hr.dataframe
    assert "hana.hr" not in BEN


def test_losing_hr_rights_mid_session_leaves_the_review_page(app_env, monkeypatch) -> None:
    _seed_queue()
    at = _open_review()
    assert at.dataframe
    monkeypatch.setenv("COACH_UI_CONFIG", str(app_env.parent / "no-such-config.toml"))
    at.run()  # the HR list is gone: the navigation no longer holds Review, so it never runs
    assert not at.dataframe and not at.exception
    assert not any("review queue" in m.lower() for m in markdown(at))


def test_the_review_page_refuses_a_non_hr_visit_by_itself(app_env) -> None:
    """Defence in depth: the page file run on its own, outside app.py's navigation."""
    _seed_queue()
    at = AppTest.from_file("../ui/views/review.py", default_timeout=TIMEOUT)
    at.secrets["auth"] = dict(AUTH)
    at.user = {"is_logged_in": True, "email": "sam@example.com", "name": "Sam"}
    at.run()
    assert texts(at.error) == ["The review queue is for HR. Ask an administrator to add your e-mail to the HR list."]
    assert not at.dataframe


def test_local_mode_sees_every_page_and_says_so(app_env) -> None:
    _seed_queue()
    at = local_app().run()
    assert "Local mode: you are **lee** (no login configured)." in [c.value for c in at.sidebar.caption]
    at.switch_page("views/review.py").run()
    assert at.dataframe
    at.switch_page("views/about.py").run()
    assert any(m.startswith("**Single-user local mode.**") for m in texts(at.info))


def test_signed_in_mode_shows_who_and_offers_log_out(app_env) -> None:
    at = signed_in_app(BEN, name="Ben").run()
    assert "Signed in as **Ben (ben@example.com)**" in texts(at.sidebar.caption)
    assert [b.key for b in at.sidebar.button] == ["logout"]
    at.switch_page("views/about.py").run()
    assert any("The HR review is shown only to e-mails on the HR list." in m for m in texts(at.info))


def test_about_says_whether_an_llm_is_configured_and_never_shows_the_key(app_env, monkeypatch) -> None:
    at = local_app().run().switch_page("views/about.py").run()
    assert any(t.startswith("**Not configured.**") for t in markdown(at))
    assert any("coach\\-core" in t for t in markdown(at))  # the ruleset's name, escaped
    monkeypatch.setenv("COACH_LLM_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("COACH_LLM_API_KEY", "sk-test-very-secret")
    at.run()
    assert any(t.startswith("**Configured:** gpt\\-4o\\-mini; an API key is set (never shown)") for t in markdown(at))
    everything = " ".join(markdown(at) + [c.value for c in at.caption] + texts(at.info))
    assert "sk-test-very-secret" not in everything


def test_check_offers_llm_drafting_only_when_configured(app_env, monkeypatch) -> None:
    at = local_app().run()
    at.text_area(key="check_text").set_value(CLEAR_ROLE)
    at.button(key="check_run").click().run()
    assert not [b for b in at.button if b.key == "check_draft_llm"]
    monkeypatch.setenv("COACH_LLM_MODEL", "openai/fake-coach")
    monkeypatch.setenv("COACH_LLM_API_KEY", "sk-test-very-secret")
    at.run()
    assert at.button(key="check_draft_llm").label == "Draft with LLM"
    preview = at.code[0].value
    assert preview.startswith("This is what would be sent to openai/fake-coach (nothing has been sent yet).")
    assert "You decide which features enter the release." in preview
    assert "sk-test-very-secret" not in preview


def test_answers_do_not_follow_you_to_another_role(app_env) -> None:
    with open_store() as store:
        save(store, "Release lead", CLEAR_ROLE, {"purpose": "missing"}, team="Platform")
        save(store, "Support lead", "You may approve refunds.", {"resources": "missing"}, team="Support")
    at = signed_in_app(ANA).run()
    at.switch_page("views/reflect.py").run()
    at.selectbox(key="reflect_contract").set_value(1).run()
    at.multiselect(key="reflect_skills").set_value(["learning"]).run()
    at.text_area(key="reflect_answer_learning_0").set_value("About the release lead role.").run()
    at.selectbox(key="reflect_contract").set_value(2).run()
    assert at.text_area(key="reflect_answer_learning_0").value == ""
