"""Commitments with a due date, check-ins on them, and sharing one entry: the journal closes the loop.

A commitment is what a person will do and by when; when it comes due they
check in with an after-action review; they may copy exactly one entry to
one named manager. Everything is owner-scoped like the journal
(privacy across HR queries is proven in tests/test_store_privacy.py).
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from coach.errors import InputError, NotFoundError
from coach.store import AfterActionReview, open_store

TODAY = date(2026, 3, 10)
REVIEW = AfterActionReview(
    expected="The handover would take ten minutes.",
    happened="It took twenty because the notes were on paper.",
    why="Two of us kept our own notes.",
    change="Keep the checklist, move the notes to the shared sheet.",
    stuck="Handovers under fifteen minutes for two weeks.",
)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "coach.db") as s:
        yield s


def test_a_commitment_is_due_on_its_date_and_open_ones_come_first(store):
    mine = store.commitments("nurse@example.com")
    later = mine.add("Ask for the rota budget", date(2026, 4, 1), meta_skill="resourceful")
    soon = mine.add("  Try a   shorter handover  ", date(2026, 3, 10), gap="discretion:vague")
    assert soon.text == "Try a shorter handover" and soon.status == "open"
    assert [c.id for c in mine.entries()] == [soon.id, later.id]
    assert [c.id for c in mine.due(TODAY)] == [soon.id]
    assert mine.due(date(2026, 3, 9)) == []


def test_checking_in_stores_the_after_action_review_and_closes_the_commitment(store):
    mine = store.commitments("nurse@example.com")
    promise = mine.add("Try a shorter handover", TODAY)
    checkin = mine.check_in(promise.id, REVIEW, rating=3, next_step=" A shared sheet everyone uses ")
    assert (checkin.happened, checkin.rating, checkin.next_step) == (REVIEW.happened, 3, "A shared sheet everyone uses")
    assert mine.get(promise.id).status == "done"
    assert mine.due(TODAY) == []
    assert [c.id for c in mine.checkins()] == [checkin.id]
    with pytest.raises(InputError, match="already checked in"):
        mine.check_in(promise.id, REVIEW)


def test_only_the_owner_sees_or_checks_in_on_their_commitments(store):
    promise = store.commitments("nurse@example.com").add("Try a shorter handover", TODAY)
    other = store.commitments("porter@example.com")
    assert other.entries() == [] and other.due(TODAY) == []
    with pytest.raises(NotFoundError):
        other.check_in(promise.id, REVIEW)
    with pytest.raises(NotFoundError):
        other.share("checkin", 1, "boss@example.com")


def test_sharing_copies_one_entry_for_one_manager_and_can_be_taken_back(store):
    mine = store.commitments("nurse@example.com")
    checkin = mine.check_in(mine.add("Try a shorter handover", TODAY).id, REVIEW, rating=4)
    reflection = store.journal("nurse@example.com").add("learning", "What did you learn?", "Paper notes get lost.")

    shared = mine.share("checkin", checkin.id, "Ward Manager")
    assert [s.id for s in store.shared_with("ward manager")] == [shared.id]
    assert shared.body["stuck"] == REVIEW.stuck
    assert "Paper notes" not in repr(store.shared_with("Ward Manager"))  # the reflection was not shared

    again = mine.share("checkin", checkin.id, "ward  manager")  # the same manager: the copy is refreshed
    assert again.id == shared.id and len(store.shared_with("Ward Manager")) == 1
    mine.share("reflection", reflection.id, "Ward Manager")
    assert [s.kind for s in store.shared_with("Ward Manager")] == ["reflection", "checkin"]

    mine.unshare(shared.id)
    assert [s.kind for s in store.shared_with("Ward Manager")] == ["reflection"]
    assert [s.kind for s in mine.shares()] == ["reflection"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: m.add("   ", TODAY), "write what you will do"),
        (lambda m: m.add("x" * 5000, TODAY), "at most"),
        (lambda m: m.add("Do it", "tomorrow"), "due date"),
        (lambda m: m.share("checkin", 1, "  "), "name the manager"),
        (lambda m: m.share("checkin", 1, "Nurse@Example.com"), "that is you"),
        (lambda m: m.share("contract", 1, "boss"), "only a check-in or a reflection"),
    ],
)
def test_bad_input_gets_a_message_saying_what_to_do(store, call, message):
    with pytest.raises(InputError, match=message):
        call(store.commitments("nurse@example.com"))


def test_an_after_action_review_needs_every_answer():
    with pytest.raises(ValidationError):
        AfterActionReview(expected="x", happened=" ", why="y", change="z", stuck="w")
