"""HR works the review queue like a tracker (AppTest): tick a row to open it, a link that names
it, bulk actions, the text diff between versions, and each confirmation beside its button."""

from __future__ import annotations

from store_helpers import save
from ui_helpers import (
    AUTH,
    HR_EMAIL,
    TIMEOUT,
    AppTest,
    block,
    click_row,
    row_of,
    shown,
    signed_in_app,
    texts,
    tick_rows,
)

from coach.store import open_store

SUPPORT_V1 = "Support lead\n\nHelp the team where needed.\nOther duties as assigned."
SUPPORT_V2 = "Support lead\n\nHelp the team where needed.\nYou decide refunds up to 200 EUR without asking."


def _seed() -> dict[str, int]:
    """Three flagged contracts (one per team) and a clean one; their ids by title."""
    with open_store() as store:
        ids = {
            "Support lead": save(store, "Support lead", SUPPORT_V1, {"discretion": "missing"}, team="Support"),
            "Analyst": save(store, "Analyst", "Work on data.", {"resources": "vague"}, team="Data"),
            "Coordinator": save(store, "Coordinator", "Coordinate things.", {"purpose": "vague"}, team="Ops"),
            "Tidy role": save(store, "Tidy role", "A clear contract.", team="Ops"),
        }
    return {title: saved.contract_id for title, saved in ids.items()}


def _review(**query) -> AppTest:
    at = signed_in_app(HR_EMAIL)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    return at.switch_page("views/review.py").run()


def _subheaders(at) -> list[str]:
    return [shown(h.value) for h in at.subheader]


def test_clicking_a_row_opens_it_and_the_url_names_it(app_env) -> None:
    ids = _seed()
    at = _review()
    assert not _subheaders(at)  # nothing open yet
    at = click_row(at, row_of(at, "Analyst"))
    assert not at.exception
    assert f"#{ids['Analyst']} Analyst" in _subheaders(at)
    assert at.query_params["contract"] == str(ids["Analyst"])


def test_the_open_contract_stays_open_when_the_filters_change(app_env) -> None:
    ids = _seed()
    at = click_row(_review(), 0)
    opened = at.session_state["review_open"]
    at.selectbox(key="review_team").set_value("Ops").run()
    assert list(at.dataframe[0].value["title"]) == ["Coordinator"]
    assert at.session_state["review_open"] == opened != ids["Coordinator"]
    assert any(h.startswith(f"#{opened} ") for h in _subheaders(at))
    # The click was on another list of rows: the new list starts with none, so nothing else opened.
    assert at.query_params["contract"] == str(opened)


def test_a_shared_link_opens_the_contract_it_names(app_env) -> None:
    ids = _seed()
    at = _review(contract=str(ids["Coordinator"]))
    assert not at.exception
    assert f"#{ids['Coordinator']} Coordinator" in _subheaders(at)


def test_a_link_to_no_such_contract_says_so_beside_the_queue(app_env) -> None:
    _seed()
    for bad in ("999", "12abc"):
        at = _review(contract=bad)
        assert texts(at.error) == [f"the link names contract “{bad}”, which does not exist; pick one from the queue"]
        assert not _subheaders(at) and at.dataframe  # the queue is still there
        assert "contract" not in at.query_params


def test_a_link_still_checks_that_the_visitor_is_hr(app_env) -> None:
    ids = _seed()
    at = AppTest.from_file("../ui/views/review.py", default_timeout=TIMEOUT)
    at.secrets["auth"] = dict(AUTH)
    at.user = {"is_logged_in": True, "email": "sam@example.com", "name": "Sam"}
    at.query_params["contract"] = str(ids["Support lead"])
    at.run()
    assert texts(at.error) == ["The review queue is for HR. Ask an administrator to add your e-mail to the HR list."]
    assert not _subheaders(at) and not at.dataframe
    assert not any("Help the team" in m.value for m in at.markdown)


def test_closing_the_contract_takes_it_out_of_the_url_and_it_stays_closed(app_env) -> None:
    _seed()
    at = click_row(_review(), 0)
    at.button(key="review_close").click().run()
    assert not _subheaders(at)
    assert "contract" not in at.query_params
    at.run()  # the clicked cell is still selected in the table: that alone opens nothing again
    assert not _subheaders(at)


def test_ticking_rows_selects_them_for_a_bulk_action_without_opening_one(app_env) -> None:
    _seed()
    at = _review()
    assert texts(block(at, "review_bulk_box").caption) == [
        "Tick rows' checkboxes to change their status, assign them or add a note to all at once."
    ]
    at = _tick(at, "Analyst")
    assert "Act on the 1 contract selected" in " ".join(shown(m.value) for m in at.markdown)
    assert not _subheaders(at)


def test_the_order_and_its_tie_break_are_stated(app_env) -> None:
    _seed()
    at = _review()
    captions = texts(at.caption)
    assert any(
        "Order: worst score first; equal scores: longest waiting first, then the lower #." in c for c in captions
    )
    at.radio(key="review_sort").set_value("age").run()
    assert any("Order: longest waiting first; the same moment: the lower # first." in c for c in texts(at.caption))


# --- many at once -----------------------------------------------------------------------


def _tick(at, *titles: str):
    return tick_rows(at, *(row_of(at, t) for t in titles))


def test_a_status_for_many_rows_says_how_many_changed_and_each_history_records_it(app_env) -> None:
    ids = _seed()
    at = _tick(_review(), "Analyst", "Coordinator")
    assert "Act on the 2 contracts selected" in " ".join(shown(m.value) for m in at.markdown)
    at.selectbox(key="review_bulk_status").set_value("in_review")
    at.text_input(key="review_bulk_note").set_value("Weekly batch.")
    at.button(key="review_bulk_status_save").click().run()
    assert not at.exception
    assert texts(block(at, "review_bulk_box").success) == ["2 contracts now in review."]
    assert at.text_input(key="review_bulk_note").value == ""
    with open_store() as store:
        for title in ("Analyst", "Coordinator"):
            last = store.review_history(ids[title])[-1]
            assert (last.kind, last.author, last.status, last.body) == (
                "status",
                HR_EMAIL,
                "in_review",
                "Weekly batch.",
            )
            assert store.review(ids[title]).status == "in_review"
        assert store.review(ids["Support lead"]).status == "open"  # not selected, not touched


def test_resolving_many_takes_them_off_the_list_and_still_says_so_in_place(app_env) -> None:
    _seed()
    at = _tick(_review(), "Analyst", "Coordinator")
    at.selectbox(key="review_bulk_status").set_value("resolved")
    at.button(key="review_bulk_status_save").click().run()
    assert list(at.dataframe[0].value["title"]) == ["Support lead"]
    assert texts(block(at, "review_bulk_box").success) == ["2 contracts now resolved."]


def test_assign_and_note_many_and_the_ones_already_so(app_env) -> None:
    ids = _seed()
    with open_store() as store:
        store.assign(ids["Analyst"], "pat@example.com", HR_EMAIL)
    at = _tick(_review(), "Analyst", "Coordinator", "Support lead")
    at.text_input(key="review_bulk_assignee").set_value("pat@example.com")
    at.button(key="review_bulk_assign_save").click().run()
    assert texts(block(at, "review_bulk_box").success) == [
        "2 contracts assigned to pat@example.com; 1 already assigned to pat@example.com."
    ]
    at = _tick(at, "Analyst", "Coordinator")
    at.text_input(key="review_bulk_note").set_value("Asked both managers.")
    at.button(key="review_bulk_note_save").click().run()
    assert texts(block(at, "review_bulk_box").success) == ["2 contracts got the note."]
    with open_store() as store:
        notes = {t: [e.body for e in store.review_history(ids[t]) if e.kind == "note"] for t in ids if t != "Tidy role"}
    assert notes == {"Support lead": [], "Analyst": ["Asked both managers."], "Coordinator": ["Asked both managers."]}


def test_an_empty_bulk_note_is_refused_in_the_bulk_box(app_env) -> None:
    _seed()
    at = _tick(_review(), "Analyst", "Coordinator")
    at.button(key="review_bulk_note_save").click().run()
    assert texts(block(at, "review_bulk_box").error) == ["the note is empty; write what you found or decided"]


# --- one contract ---------------------------------------------------------------------


def test_each_confirmation_is_shown_beside_the_button_that_did_it(app_env) -> None:
    ids = _seed()
    cid = ids["Support lead"]
    at = _review()
    at = click_row(at, row_of(at, "Support lead"))
    at.selectbox(key="review_new_status").set_value("in_review")
    at.button(key="review_status_save").click().run()
    assert texts(block(at, "review_status_box").success) == [f"Contract #{cid} is now in review."]
    at.text_area(key="review_note").set_value("Manager will add a budget line.")
    at.button(key="review_note_save").click().run()
    assert texts(block(at, "review_note_box").success) == [f"Note added to contract #{cid}."]
    assert not block(at, "review_status_box").success  # shown once, where it happened
    at.button(key="review_note_save").click().run()  # an empty note: the error is by the button too
    assert texts(block(at, "review_note_box").error) == ["the note is empty; write what you found or decided"]


def test_the_versions_tab_shows_the_text_diff(app_env) -> None:
    ids = _seed()
    with open_store() as store:
        save(store, "Support lead", SUPPORT_V2, {"resources": "vague"}, team="Support")
    at = _review()
    at = click_row(at, row_of(at, "Support lead"))
    assert at.selectbox(key=f"review_diff_new_{ids['Support lead']}").value == 2
    assert "Version 1 → 2: 1 line added (+), 1 line removed (−)." in texts(at.caption)
    (diff,) = at.code
    assert diff.language == "diff"
    assert diff.value.splitlines()[-2:] == [
        "- Other duties as assigned.",
        "+ You decide refunds up to 200 EUR without asking.",
    ]


def test_a_contract_imported_from_a_file_shows_its_name_not_the_server_path(app_env, tmp_path) -> None:
    from coach.importing import items_from

    folder = tmp_path / "hr-share" / "roles"
    folder.mkdir(parents=True)
    (folder / "night-shift-lead.md").write_text("# Night shift lead\n\nKeep the night shift running.\n")
    with open_store() as store:
        store.import_items(list(items_from([str(folder)], team="Ops")))
    at = _review()
    at = click_row(at, row_of(at, "Night shift lead"))
    captions = " ".join(texts(at.caption))
    assert "from night-shift-lead.md" in captions
    assert str(tmp_path) not in captions
    assert str(tmp_path) not in " ".join(map(str, at.dataframe[-1].value["source"]))  # the Versions table


def test_the_empty_database_box_goes_away_after_loading_the_examples(app_env) -> None:
    at = _review()
    assert block(at, "review_examples_offer")
    at.button(key="review_load_examples").click().run()
    assert not at.exception
    assert any(t.startswith("Loaded 5 example contracts") for t in texts(at.success))
    try:
        block(at, "review_examples_offer")
    except KeyError:
        pass
    else:
        raise AssertionError("the 'This database is empty' box is still shown after loading the examples")
    assert at.dataframe  # and the queue has them


def test_acting_on_search_hits_leaves_the_ones_never_flagged_and_says_so(app_env) -> None:
    ids = _seed()
    with open_store() as store:
        deputy = save(store, "Deputy", "Coordinate the rota with the coordinator.", team="Ops").contract_id  # clean
    at = _review()
    at.text_input(key="review_search").set_value("coordinate").run()
    assert sorted(at.dataframe[0].value["title"]) == ["Coordinator", "Deputy"]
    at = _tick(at, "Coordinator", "Deputy")
    at.selectbox(key="review_bulk_status").set_value("dismissed")
    at.button(key="review_bulk_status_save").click().run()
    assert texts(block(at, "review_bulk_box").success) == [
        "1 contract now dismissed; 1 not in the review queue (never flagged), so left unchanged."
    ]
    with open_store() as store:
        assert store.review(ids["Coordinator"]).status == "dismissed"
        assert store.review(deputy) is None
