"""Acting on many reviews at once: one transaction, one history event per contract changed."""

from __future__ import annotations

import pytest
from store_helpers import save

from coach.errors import InputError
from coach.store import open_store


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        save(store, "Support lead", "Help where needed.", {"discretion": "missing"}, team="Support")  # 1
        save(store, "Analyst", "Work on data.", {"resources": "vague"}, team="Data")  # 2
        save(store, "Release lead", "You decide what ships.", team="Platform")  # 3: clean, never queued
        yield store


def _events(store, cid):
    return [(e.kind, e.author, e.status, e.assignee, e.body) for e in store.review_history(cid)[1:]]


def test_a_status_for_many_changes_each_and_records_each(store):
    done = store.set_status_many([1, 2], "in_review", author="hr@example.com", note="batch of the week")

    assert (done.changed, done.already, done.not_queued) == ([1, 2], [], [])
    for cid in (1, 2):
        assert store.review(cid).status == "in_review"
        assert _events(store, cid) == [("status", "hr@example.com", "in_review", None, "batch of the week")]


@pytest.mark.parametrize(
    ("first", "again", "changed", "already"),
    [
        # (what is done first to contract 1, what is then done to 1 and 2, changed, already so)
        (("status", "dismissed"), ("status", "dismissed"), [2], [1]),
        (("assign", "pat@example.com"), ("assign", "pat@example.com"), [2], [1]),
        (("assign", "pat@example.com"), ("assign", "kim@example.com"), [1, 2], []),
    ],
)
def test_a_contract_already_in_that_state_is_counted_apart_and_gets_no_event(store, first, again, changed, already):
    def act(kind, value, ids):
        if kind == "status":
            return store.set_status_many(ids, value, author="hr")
        return store.assign_many(ids, value, author="hr")

    act(*first, [1])
    before = len(store.review_history(1))
    done = act(*again, [1, 2])
    assert (done.changed, done.already) == (changed, already)
    assert len(store.review_history(1)) == before + (1 in changed)


def test_the_same_note_goes_into_every_selected_history(store):
    done = store.add_note_many([2, 1, 2], "hr@example.com", "  Asked both managers for a budget line. ")
    assert done.changed == [2, 1]  # once each, in the order selected
    for cid in (1, 2):
        assert _events(store, cid) == [("note", "hr@example.com", None, None, "Asked both managers for a budget line.")]


def test_unassigning_many(store):
    store.assign_many([1, 2], "pat@example.com", author="hr")
    done = store.assign_many([1, 2], "  ", author="hr")
    assert done.changed == [1, 2]
    assert [store.review(c).assignee for c in (1, 2)] == [None, None]


def test_a_contract_that_is_not_queued_is_reported_not_an_error(store):
    done = store.set_status_many([1, 3, 99], "resolved", author="hr")
    assert (done.changed, done.not_queued) == ([1], [3, 99])
    assert store.review(3) is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.set_status_many([], "resolved", author="hr"), "select at least one contract"),
        (lambda s: s.set_status_many([1], "closed", author="hr"), "unknown review status"),
        (lambda s: s.add_note_many([1], "hr", "   "), "the note is empty"),
        (lambda s: s.assign_many([1], "pat", author=" "), "say who is making this change"),
        (lambda s: s.set_status_many(range(1, 1002), "resolved", author="hr"), "at most 1,000"),
    ],
)
def test_bad_bulk_actions_say_what_to_do_and_change_nothing(store, call, message):
    with pytest.raises(InputError, match=message):
        call(store)
    assert [store.review(c).status for c in (1, 2)] == ["open", "open"]
    assert all(len(store.review_history(c)) == 1 for c in (1, 2))
