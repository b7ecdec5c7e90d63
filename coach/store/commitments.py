"""Commitments, check-ins and the one entry a person chooses to share: closing the loop.

The empowerment cycle is complete only when a person gives an account of
what they did and what they learned. So the journal keeps, beside the
answers (`reflections`):

- a **commitment**: one thing the person will do, and by when;
- a **check-in** when it comes due: an after-action review (what was
  expected, what happened, why, what to keep or change, how they will know
  it stuck), with a 1–5 scaling rating and what would move it a step;
- a **share**: a copy of exactly one check-in or reflection, made by its
  owner for one named manager. Nothing else leaves the journal.

Privacy is structural as for reflections: a `Commitments` is bound to its
owner and every query says `owner = ?`; the three tables are private
(`privacy.PRIVATE_TABLES`), so no HR-side connection can read them; and
`Store.shared_with(manager)` returns only the copies shared with that one
manager. `tests/test_store_commitments.py` and `tests/test_store_privacy.py`
prove it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlite_utils import Database

from coach.errors import InputError, NotFoundError
from coach.store.core import StoreCore
from coach.store.db import now, translated, write
from coach.store.rows import Columns

MAX_TEXT = 4_000  # one account, not a document
ShareKind = Literal["checkin", "reflection"]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Commitment(_Row):
    """One thing a person will do, by `due`; `done` once they have checked in on it."""

    id: int
    owner: str
    text: str
    due: date
    meta_skill: str | None
    gap: str | None
    status: Literal["open", "done"]
    created: datetime

    def is_due(self, today: date) -> bool:
        return self.status == "open" and self.due <= today


class AfterActionReview(_Row):
    """The person's account in a check-in: expected / happened / why / change / how we'll know it stuck."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    expected: str = Field(min_length=1, max_length=MAX_TEXT)
    happened: str = Field(min_length=1, max_length=MAX_TEXT)
    why: str = Field(min_length=1, max_length=MAX_TEXT)
    change: str = Field(min_length=1, max_length=MAX_TEXT)
    stuck: str = Field(min_length=1, max_length=MAX_TEXT)


class CheckIn(_Row):
    """A check-in on a commitment, as stored."""

    id: int
    owner: str
    commitment_id: int
    expected: str
    happened: str
    why: str
    change: str
    stuck: str
    rating: int | None = Field(None, ge=1, le=5)
    next_step: str | None
    created: datetime


class SharedEntry(_Row):
    """A copy of one entry, shared by its owner with one manager."""

    id: int
    owner: str
    manager: str
    kind: ShareKind
    entry_id: int
    heading: str
    body: dict[str, str | int | None]
    shared: datetime


_COMMITMENT = Columns(Commitment, "id", "owner", "text", "due", "meta_skill", "gap", "status", "created")
_CHECKIN = Columns(
    CheckIn,
    "id",
    "owner",
    "commitment_id",
    "expected",
    "happened",
    "why",
    "change",
    "stuck",
    "rating",
    "next_step",
    "created",
)
_SHARED = "id, owner, manager, kind, entry_id, heading, body, shared"


def _shared(row) -> SharedEntry:
    values = dict(zip(("id", "owner", "manager", "kind", "entry_id", "heading", "body", "shared"), row, strict=True))
    return SharedEntry.model_validate({**values, "body": json.loads(values["body"])})


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Commitments:
    """One person's commitments, check-ins and shares. Made by `Store.commitments(owner)`."""

    def __init__(self, db: Database, owner: str, label: str) -> None:
        if not owner or not owner.strip():
            raise InputError("commitments need their owner's name or login")
        self.owner = owner.strip()
        self._db = db
        self._label = label

    # --- commitments ---------------------------------------------------------

    def add(self, text: str, due: date, *, meta_skill: str | None = None, gap: str | None = None) -> Commitment:
        """Write down one thing you will do, and by when."""
        text = " ".join((text or "").split())
        if not text:
            raise InputError("write what you will do before saving a commitment")
        if len(text) > MAX_TEXT:
            raise InputError(f"a commitment is at most {MAX_TEXT:,} characters; keep it to one thing")
        if not isinstance(due, date):
            raise InputError("a commitment needs a due date")
        with translated(self._label), write(self._db) as db:
            (row,) = db.execute(
                f"""INSERT INTO commitments (owner, text, due, meta_skill, gap, status, created)
                    VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING {_COMMITMENT.sql}""",
                [self.owner, text, due.isoformat(), meta_skill, gap, now()],
            ).fetchall()
        return _COMMITMENT.read(row)

    def entries(self) -> list[Commitment]:
        """Every commitment of this owner: open ones first, soonest due first."""
        with translated(self._label):
            rows = self._db.execute(
                f"SELECT {_COMMITMENT.sql} FROM commitments WHERE owner = ? ORDER BY status = 'done', due, id",
                [self.owner],
            ).fetchall()
        return [_COMMITMENT.read(r) for r in rows]

    def due(self, today: date) -> list[Commitment]:
        """Open commitments due on or before `today`, the longest overdue first."""
        return [c for c in self.entries() if c.is_due(today)]

    def get(self, commitment_id: int) -> Commitment:
        with translated(self._label):
            row = self._db.execute(
                f"SELECT {_COMMITMENT.sql} FROM commitments WHERE id = ? AND owner = ?", [commitment_id, self.owner]
            ).fetchone()
        if row is None:
            raise NotFoundError(f"there is no commitment {commitment_id} in {self.owner}'s journal")
        return _COMMITMENT.read(row)

    # --- check-ins -----------------------------------------------------------

    def check_in(
        self,
        commitment_id: int,
        review: AfterActionReview,
        *,
        rating: int | None = None,
        next_step: str | None = None,
    ) -> CheckIn:
        """Give an account of a commitment: the after-action review; the commitment is then done."""
        commitment = self.get(commitment_id)
        if commitment.status == "done":
            raise InputError("you have already checked in on this commitment; make a new one for what comes next")
        if rating is not None and not 1 <= rating <= 5:
            raise InputError(f"the rating is from 1 to 5, not {rating}")
        step = " ".join((next_step or "").split()) or None
        with translated(self._label), write(self._db) as db:
            (row,) = db.execute(
                f"""INSERT INTO checkins (owner, commitment_id, expected, happened, why, change, stuck, rating,
                                          next_step, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_CHECKIN.sql}""",
                [
                    self.owner,
                    commitment.id,
                    review.expected,
                    review.happened,
                    review.why,
                    review.change,
                    review.stuck,
                    rating,
                    step,
                    now(),
                ],
            ).fetchall()
            db.execute("UPDATE commitments SET status = 'done' WHERE id = ? AND owner = ?", [commitment.id, self.owner])
        return _CHECKIN.read(row)

    def checkins(self) -> list[CheckIn]:
        """This owner's check-ins, newest first."""
        with translated(self._label):
            rows = self._db.execute(
                f"SELECT {_CHECKIN.sql} FROM checkins WHERE owner = ? ORDER BY created DESC, id DESC", [self.owner]
            ).fetchall()
        return [_CHECKIN.read(r) for r in rows]

    # --- sharing one entry ---------------------------------------------------

    def share(self, kind: ShareKind, entry_id: int, manager: str) -> SharedEntry:
        """Copy exactly one of your entries for one named manager. Sharing it again refreshes the copy."""
        manager = " ".join((manager or "").split())
        if not manager:
            raise InputError("name the manager to share this entry with")
        if _key(manager) == _key(self.owner):
            raise InputError("that is you: name the manager to share this entry with")
        heading, body = self._copy(kind, entry_id)
        with translated(self._label), write(self._db) as db:
            (row,) = db.execute(
                f"""INSERT INTO shared_entries (owner, manager, manager_key, kind, entry_id, heading, body, shared)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (kind, entry_id, manager_key)
                    DO UPDATE SET heading = excluded.heading, body = excluded.body, shared = excluded.shared
                    RETURNING {_SHARED}""",
                [self.owner, manager, _key(manager), kind, entry_id, heading, json.dumps(body), now()],
            ).fetchall()
        return _shared(row)

    def shares(self) -> list[SharedEntry]:
        """What this owner has shared, and with whom: newest first."""
        with translated(self._label):
            rows = self._db.execute(
                f"SELECT {_SHARED} FROM shared_entries WHERE owner = ? ORDER BY shared DESC, id DESC", [self.owner]
            ).fetchall()
        return [_shared(r) for r in rows]

    def unshare(self, shared_id: int) -> None:
        """Take a shared copy back: the manager no longer sees it."""
        with translated(self._label), write(self._db) as db:
            cur = db.execute("DELETE FROM shared_entries WHERE id = ? AND owner = ?", [shared_id, self.owner])
        if cur.rowcount == 0:
            raise NotFoundError(f"{self.owner} has shared no entry {shared_id}")

    def _copy(self, kind: str, entry_id: int) -> tuple[str, dict[str, str | int | None]]:
        """The heading and fields of one of this owner's entries, as the copy will hold them."""
        names: tuple[str, ...]
        with translated(self._label):
            if kind == "checkin":
                row = self._db.execute(
                    """SELECT m.text, k.expected, k.happened, k.why, k.change, k.stuck, k.rating, k.next_step
                       FROM checkins k JOIN commitments m ON m.id = k.commitment_id AND m.owner = k.owner
                       WHERE k.id = ? AND k.owner = ?""",
                    [entry_id, self.owner],
                ).fetchone()
                names = ("expected", "happened", "why", "change", "stuck", "rating", "next_step")
            elif kind == "reflection":
                row = self._db.execute(
                    "SELECT question, meta_skill, answer, rating FROM reflections WHERE id = ? AND owner = ?",
                    [entry_id, self.owner],
                ).fetchone()
                names = ("meta_skill", "answer", "rating")
            else:
                raise InputError(f"only a check-in or a reflection can be shared, not {kind!r}")
        if row is None:
            raise NotFoundError(f"there is no {kind} {entry_id} in {self.owner}'s journal")
        return row[0], dict(zip(names, row[1:], strict=True))


class CommitmentsMixin(StoreCore):
    def commitments(self, owner: str) -> Commitments:
        """The owner-scoped commitments, check-ins and shares: the only way to read or write them."""
        return Commitments(self._private_db(), owner, self.label)

    def shared_with(self, manager: str) -> list[SharedEntry]:
        """The entries people chose to share with `manager`, newest first; nothing else of anyone's journal."""
        key = _key(manager or "")
        if not key:
            raise InputError("shared entries are looked up by the manager's name or login")
        with translated(self.label):
            rows = (
                self._private_db()
                .execute(
                    f"SELECT {_SHARED} FROM shared_entries WHERE manager_key = ? ORDER BY shared DESC, id DESC",
                    [key],
                )
                .fetchall()
            )
        return [_shared(r) for r in rows]
