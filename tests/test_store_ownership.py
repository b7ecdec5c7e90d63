"""Whose contract it is: only its owner or HR adds versions, and only HR closes a review.

In login mode anyone signed in can save under any title and team. These
tests pin the rule in coach.store.access: someone else's save is refused
with a message naming the owner, the owner is never replaced, each version
keeps its owner and author, and a clean version saved by the owner leaves
HR's review open with a note.
"""

from __future__ import annotations

import pytest
from store_helpers import save
from ui_helpers import CLEAR_ROLE, HR_EMAIL, signed_in_app, texts

from coach.store import Actor, NotAllowedError, open_store

ANA = Actor(name="ana@example.com")
BEN = Actor(name="ben@example.com")
HR = Actor(name="hana.hr@example.com", is_hr=True)
FLAGGED = {"discretion": "missing"}


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        yield store


def test_someone_else_saving_under_the_same_title_and_team_is_refused_and_nothing_changes(store):
    mine = save(store, "Release lead", "Ana's version.", FLAGGED, team="Platform", by=ANA)

    with pytest.raises(NotAllowedError) as refused:
        save(store, "Release lead", "Ben's clean version.", team="Platform", by=BEN)

    assert str(refused.value) == (
        "contract #1 “Release lead” (team Platform) belongs to ana@example.com; only its owner or HR can save "
        "a new version of it — save your text under another title or team, or ask them"
    )
    contract = store.get_contract(mine.contract_id)
    assert (contract.version, contract.owner, contract.text) == (1, "ana@example.com", "Ana's version.")
    assert store.review(mine.contract_id).status == "open"


def test_a_save_by_contract_id_is_held_to_the_same_rule(store):
    cid = save(store, "Release lead", "Ana's version.", team="Platform", by=ANA).contract_id
    with pytest.raises(NotAllowedError, match=r"belongs to ana@example\.com"):
        save(store, "Renamed", "Ana's version.", team="Platform", by=BEN, contract_id=cid)
    assert store.get_contract(cid).title == "Release lead"


def test_the_owner_and_hr_may_add_versions_and_the_owner_stays_the_owner(store):
    cid = save(store, "Release lead", "Version one.", team="Platform", by=ANA).contract_id

    by_owner = save(store, "release lead", "Version two.", team="platform", by=Actor(name="ANA@example.com"))
    by_hr = save(store, "Release lead", "Version three.", team="Platform", owner="hana.hr@example.com", by=HR)

    assert (by_owner.version, by_hr.version) == (2, 3)
    assert store.get_contract(cid).owner == "ana@example.com"  # HR's edit did not hand it to HR
    history = store.contract_history(cid)
    assert [(h.version, h.owner, h.author) for h in history] == [
        (1, "ana@example.com", "ana@example.com"),
        (2, "ana@example.com", "ANA@example.com"),
        (3, "ana@example.com", "hana.hr@example.com"),
    ]


def test_a_contract_with_no_owner_takes_new_versions_from_hr_only(store):
    cid = save(store, "Analyst", "Imported without an owner.", team="Data").contract_id  # e.g. coach import

    with pytest.raises(NotAllowedError, match="has no owner on record, so only HR can save a new version"):
        save(store, "Analyst", "Someone's edit.", team="Data", by=BEN)
    assert save(store, "Analyst", "HR's edit.", team="Data", by=HR).version == 2
    assert store.get_contract(cid).owner is None


def test_a_new_contract_saved_in_the_app_belongs_to_whoever_saved_it(store):
    saved = save(store, "Designer", "Own the design system.", by=BEN)
    assert (saved.owner, saved.author) == ("ben@example.com", "ben@example.com")


def test_an_import_may_still_name_a_contracts_owner(store):
    cid = save(store, "Analyst", "Text.", team="Data", owner="kim@example.com").contract_id
    save(store, "Analyst", "Text, edited.", team="Data", owner="lee@example.com")  # the HR system's new owner
    assert store.get_contract(cid).owner == "lee@example.com"
    assert [h.author for h in store.contract_history(cid)] == [None, None]  # not saved by a person in the app


def test_a_clean_version_saved_by_the_owner_leaves_the_review_open_with_a_note_for_hr(store):
    cid = save(store, "Release lead", "Version one.", FLAGGED, team="Platform", by=ANA).contract_id

    clean = save(store, "Release lead", "Version two.", team="Platform", by=ANA)

    assert not clean.check.flagged and clean.review_status == "open"
    assert store.review(cid).status == "open" and store.queue().total == 1
    assert store.review_history(cid)[-1].body == (
        "version 2, saved by ana@example.com, is no longer flagged; the review stays open until HR confirms "
        "and resolves it"
    )


def test_a_review_in_progress_stays_in_progress_when_the_owner_saves_a_clean_version(store):
    cid = save(store, "Release lead", "Version one.", FLAGGED, team="Platform", by=ANA).contract_id
    store.set_status(cid, "in_review", author=HR.name)

    save(store, "Release lead", "Version two.", team="Platform", by=ANA)

    assert store.review(cid).status == "in_review"
    assert store.review_history(cid)[-1].body.endswith("the review stays in review until HR confirms and resolves it")


def test_a_clean_version_saved_by_hr_resolves_the_review(store):
    cid = save(store, "Release lead", "Version one.", FLAGGED, team="Platform", by=ANA).contract_id

    clean = save(store, "Release lead", "Version two.", team="Platform", by=HR)

    assert clean.review_status == "resolved"
    assert store.review_history(cid)[-1].body == "version 2 is no longer flagged"


def test_a_flagged_version_by_the_owner_still_reopens_a_resolved_review(store):
    cid = save(store, "Release lead", "Version one.", FLAGGED, team="Platform", by=ANA).contract_id
    store.set_status(cid, "resolved", author=HR.name)

    save(store, "Release lead", "Version two.", {"resources": "vague"}, team="Platform", by=ANA)

    assert store.review(cid).status == "open"


# --- in the app (login mode) -----------------------------------------------------------------


def _check_and_save(at, title: str, team: str):
    at.text_area(key="check_text").set_value(CLEAR_ROLE)
    at.button(key="check_run").click().run()
    at.text_input(key="check_title").set_value(title)
    at.text_input(key="check_team").set_value(team)
    return at.button(key="check_save").click().run()


def test_the_app_shows_the_refusal_when_someone_saves_over_another_persons_contract(app_env):
    with open_store() as db:
        save(db, "Release lead", "Ana's role.", FLAGGED, team="Platform", by=ANA)

    at = _check_and_save(signed_in_app(BEN.name).run(), "Release lead", "Platform")

    assert not at.exception
    assert texts(at.error) == [
        "contract #1 “Release lead” (team Platform) belongs to ana@example.com; only its owner or HR can save "
        "a new version of it — save your text under another title or team, or ask them"
    ]
    assert not at.success
    with open_store() as db:
        assert (db.get_contract(1).version, db.get_contract(1).owner) == (1, "ana@example.com")


def test_in_the_app_hr_may_save_a_new_version_of_anyones_contract(app_env):
    with open_store() as db:
        save(db, "Release lead", "Ana's role.", FLAGGED, team="Platform", by=ANA)

    at = _check_and_save(signed_in_app(HR_EMAIL).run(), "Release lead", "Platform")

    assert texts(at.success)[-1].startswith("Saved version 2 of contract #1")
    with open_store() as db:
        history = db.contract_history(1)
    assert [(h.owner, h.author) for h in history] == [(ANA.name, ANA.name), (ANA.name, HR_EMAIL)]
