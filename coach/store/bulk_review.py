"""Acting on many reviews at once: one status, one assignee or one note for every selected contract.

HR works a queue like an issue tracker: select rows, then act once. Each
action runs in one write transaction (all or nothing) and writes one
history event per contract it changed, exactly as the one-at-a-time API
does (`queue.QueueMixin`), so a bulk change is as traceable as a single one.
A contract already in the asked-for state gets no event (nothing happened
to it), and one that is not in the queue is reported, not an error: a
selection may include search hits that were never flagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from coach.errors import InputError
from coach.store.core import StoreCore
from coach.store.db import now, write
from coach.store.models import STATUSES, BulkChange, Status
from coach.store.queue import _author, _event

MAX_BULK = 1000  # one page of the queue at its largest


def _ids(contract_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(int(c) for c in contract_ids))  # once each, in the order given
    if not ids:
        raise InputError("select at least one contract in the queue first")
    if len(ids) > MAX_BULK:
        raise InputError(f"{len(ids):,} contracts are selected; act on at most {MAX_BULK:,} at once")
    return ids


def _current(db: Database, ids: list[int]) -> dict[int, tuple[str, str | None]]:
    marks = ", ".join("?" * len(ids))
    rows = db.execute(f"SELECT contract_id, status, assignee FROM reviews WHERE contract_id IN ({marks})", ids)
    return {cid: (status, assignee) for cid, status, assignee in rows.fetchall()}


class BulkReviewMixin(StoreCore):
    def set_status_many(self, contract_ids: Iterable[int], status: Status, author: str, note: str = "") -> BulkChange:
        """Move every selected review to `status`; the note (why) goes into each one's history."""
        if status not in STATUSES:
            raise InputError(f"unknown review status {status!r}; use one of {', '.join(STATUSES)}")
        return self._many(contract_ids, author, "status", note, {"status": status})

    def assign_many(self, contract_ids: Iterable[int], assignee: str | None, author: str) -> BulkChange:
        """Give every selected review to `assignee` (None or blank unassigns them)."""
        assignee = assignee.strip() or None if assignee else None
        return self._many(contract_ids, author, "assign", "", {"assignee": assignee})

    def add_note_many(self, contract_ids: Iterable[int], author: str, body: str) -> BulkChange:
        """Append the same note to every selected review's history."""
        if not body.strip():
            raise InputError("the note is empty; write what you found or decided")
        return self._many(contract_ids, author, "note", body, {})

    def _many(
        self, contract_ids: Iterable[int], author: str, kind: str, body: str, values: dict[str, Any]
    ) -> BulkChange:
        author, ids = _author(author), _ids(contract_ids)
        changed: list[int] = []
        already: list[int] = []
        with self._errors(), write(self._db()) as db:
            current = _current(db, ids)
            at = now()
            for cid in ids:
                if cid not in current:
                    continue
                status, assignee = current[cid]
                after = {"status": status, "assignee": assignee, **values}
                if values and (after["status"], after["assignee"]) == (status, assignee):
                    already.append(cid)
                    continue
                sets = ", ".join(f"{k} = ?" for k in values)  # fixed column names from this module
                db.execute(
                    f"UPDATE reviews SET {sets + ', ' if sets else ''}updated = ? WHERE contract_id = ?",
                    [*values.values(), at, cid],
                )
                event_status = after["status"] if kind != "note" else None
                event_assignee = after["assignee"] if kind != "note" else None
                _event(db, cid, at, author, kind, body.strip(), status=event_status, assignee=event_assignee)
                changed.append(cid)
        not_queued = [cid for cid in ids if cid not in current]
        return BulkChange(changed=changed, already=already, not_queued=not_queued)
