"""The HR review queue: what enters it, how HR works through it, and the history it keeps."""

from __future__ import annotations

import sqlite3

import pytest
from store_helpers import save

from coach.errors import InputError, NotFoundError
from coach.store import open_store


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        yield store


def test_a_flagged_contract_enters_the_queue_and_a_clean_one_does_not(store):
    flagged = save(store, "Analyst", "Text one.", {"discretion": "missing"})
    save(store, "Designer", "Text two.")

    page = store.queue()

    assert [item.contract_id for item in page.items] == [flagged.contract_id]
    assert page.items[0].status == "open" and page.items[0].gaps == ["discretion:missing"]
    assert [e.kind for e in store.review_history(flagged.contract_id)] == ["queued"]
    assert store.review(2) is None


def test_the_queue_filters_by_element_grade_team_status_and_score(store):
    a = save(store, "A", "Text a.", {"discretion": "missing"}, team="Data")
    b = save(store, "B", "Text b.", {"discretion": "vague", "resources": "missing"}, team="Data")
    c = save(store, "C", "Text c.", {"purpose": "missing", "discretion": "missing"}, False, team="Sales")
    store.set_status(c.contract_id, "dismissed", author="hr@example.com")

    def ids(**filters):
        return [item.contract_id for item in store.queue(**filters).items]

    assert ids(element="discretion", grade="missing") == [a.contract_id]  # c is dismissed: not active
    assert ids(element="discretion", grade="missing", status=None) == [c.contract_id, a.contract_id]
    assert sorted(ids(element="discretion")) == [a.contract_id, b.contract_id]
    assert ids(team="Data", element="resources") == [b.contract_id]
    assert ids(status="dismissed") == [c.contract_id]
    assert ids(status=None, max_score=50) == [c.contract_id]
    assert ids(status=None, min_score=70) == [a.contract_id]  # scores: a 78, b 66, c 45


def test_the_queue_sorts_worst_score_first_or_longest_waiting_first(store):
    older = save(store, "Older", "Text one.", {"purpose": "vague"})
    worse = save(store, "Worse", "Text two.", {"purpose": "missing", "discretion": "missing"})

    assert [i.contract_id for i in store.queue(sort="score").items] == [worse.contract_id, older.contract_id]
    assert [i.contract_id for i in store.queue(sort="age").items] == [older.contract_id, worse.contract_id]


def test_the_queue_is_paginated_with_a_total(store):
    for n in range(7):
        save(store, f"Role {n}", f"Text {n}.", {"accountability": "missing"})

    pages = [store.queue(page=p, page_size=3) for p in (1, 2, 3)]

    assert [len(p.items) for p in pages] == [3, 3, 1]
    assert {p.total for p in pages} == {7} and pages[0].pages == 3
    assert len({i.contract_id for p in pages for i in p.items}) == 7


def test_bad_filters_are_clear_errors(store):
    with pytest.raises(InputError, match="unknown review status"):
        store.queue(status="closed")
    with pytest.raises(ValueError):
        store.queue(element="vision")
    with pytest.raises(InputError, match="unknown sort"):
        store.queue(sort="title")
    with pytest.raises(InputError, match="page 9,223,372,036,854,775,807 is out of range"):
        store.queue(page=2**63 - 1)  # page x page size would overflow SQLite's OFFSET


def test_hr_works_a_review_through_and_every_step_is_in_its_history(store):
    cid = save(store, "Analyst", "Text.", {"discretion": "missing"}).contract_id

    store.assign(cid, "sam@example.com", author="lead@example.com")
    store.set_status(cid, "in_review", author="sam@example.com")
    store.add_note(cid, "sam@example.com", "Asked the manager which spend the analyst may approve.")
    state = store.set_status(cid, "resolved", author="sam@example.com", note="Limits added in the next version.")

    assert (state.status, state.assignee) == ("resolved", "sam@example.com")
    history = store.review_history(cid)
    assert [(e.kind, e.author, e.status) for e in history] == [
        ("queued", "coach", "open"),
        ("assign", "lead@example.com", "open"),
        ("status", "sam@example.com", "in_review"),
        ("note", "sam@example.com", None),
        ("status", "sam@example.com", "resolved"),
    ]
    assert history[-1].body == "Limits added in the next version."
    assert store.queue().total == 0 and store.queue(status="resolved").total == 1


def test_review_history_is_append_only_in_the_database_itself(store):
    cid = save(store, "Analyst", "Text.", {"discretion": "missing"}).contract_id
    store.add_note(cid, "sam", "First impression.")
    conn = store._db().conn

    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE review_events SET body = 'rewritten'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM review_events")
    assert [e.body for e in store.review_history(cid)][-1] == "First impression."


def test_a_clean_new_version_resolves_the_review_and_a_flagged_one_reopens_it(store):
    cid = save(store, "Analyst", "Version one.", {"discretion": "missing"}).contract_id

    save(store, "Analyst", "Version two.", contract_id=cid)
    assert store.review(cid).status == "resolved"
    assert store.review_history(cid)[-1].body == "version 2 is no longer flagged"

    save(store, "Analyst", "Version three.", {"resources": "vague"}, contract_id=cid)
    assert store.review(cid).status == "open"
    assert store.review_history(cid)[-1].body.startswith("reopened: version 3 is flagged: resources:vague")
    assert store.queue().items[0].gaps == ["resources:vague"]


def test_a_new_flagged_version_under_review_is_noted_and_stays_in_review(store):
    cid = save(store, "Analyst", "Version one.", {"discretion": "missing"}).contract_id
    store.set_status(cid, "in_review", author="sam")

    save(store, "Analyst", "Version two.", {"discretion": "vague"}, contract_id=cid)

    assert store.review(cid).status == "in_review"
    assert store.review_history(cid)[-1].body == "version 2 saved, still flagged: discretion:vague"
    assert store.queue(element="discretion", grade="vague").items[0].contract_id == cid


def test_moving_a_contract_to_another_team_moves_its_queue_entry(store):
    cid = save(store, "Analyst", "Text.", {"discretion": "missing"}, team="Data").contract_id
    save(store, "Analyst", "Text.", {"discretion": "missing"}, team="Analytics", contract_id=cid)
    assert store.queue(team="Analytics").total == 1 and store.queue(team="Data").total == 0


def test_review_changes_need_an_author_and_a_queued_contract(store):
    cid = save(store, "Analyst", "Text.", {"discretion": "missing"}).contract_id
    clean = save(store, "Designer", "Clean text.").contract_id

    with pytest.raises(InputError, match="author"):
        store.set_status(cid, "resolved", author=" ")
    with pytest.raises(InputError, match="empty"):
        store.add_note(cid, "sam", "  ")
    with pytest.raises(NotFoundError, match="not in the review queue"):
        store.add_note(clean, "sam", "Nothing to review.")
    with pytest.raises(InputError, match="unknown review status"):
        store.set_status(cid, "closed", author="sam")
