"""The HR review queue: which flagged contracts need a look, and what was done about them.

A contract enters the queue when its latest check is flagged (`sync_review`,
called in the same transaction that stores the check). HR moves it through
`open → in_review → resolved | dismissed`, assigns it and adds notes. Every
one of those is an event in `review_events`, which the database itself keeps
append-only (triggers refuse UPDATE and DELETE), so resolving a contract
keeps its whole history. A new version that is no longer flagged resolves
its review when HR saved it (or an import did); saved by its owner, it
leaves the review open with a note for HR (`access`: only HR closes a
review). A new flagged version of a resolved or dismissed contract opens it
again. All of these are written down as events by 'coach'.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlite_utils import Database

from coach.errors import InputError, NotFoundError
from coach.grades import TARGETS
from coach.report import Grade
from coach.store.access import closes_reviews
from coach.store.core import StoreCore
from coach.store.db import now, write
from coach.store.models import (
    ACTIVE_STATUSES,
    STATUSES,
    Actor,
    CheckSummary,
    QueueItem,
    QueuePage,
    ReviewEvent,
    ReviewState,
    Status,
)
from coach.store.rows import CHECK_COLUMNS, Columns, check_from, element_column
from coach.store.vocab import MAX_PAGE, MAX_PAGE_SIZE

SYSTEM_AUTHOR = "coach"
Sort = Literal["score", "age"]
_ORDER = {
    "score": "r.score ASC, r.queued ASC, r.contract_id ASC",  # worst contracts first
    "age": "r.queued ASC, r.contract_id ASC",  # longest waiting first
}
# What each reviews row copies from its contract and latest check, so the queue
# filters and sorts on one narrow table (see migrations.m006_lean_checks_and_queue).
# A column added here needs a migration that adds it to `reviews` and fills it.
QUEUE_COPY = ("team", "score", *TARGETS)
REFRESH_QUEUE_ROWS = f"""UPDATE reviews SET ({", ".join(QUEUE_COPY)}) = (
    SELECT c.team, {", ".join("k." + c for c in QUEUE_COPY[1:])}
    FROM contracts c JOIN checks k ON k.id = c.latest_check_id WHERE c.id = reviews.contract_id
)"""
_EVENT = Columns(ReviewEvent, "id", "contract_id", "time", "author", "kind", "body", "status", "assignee")
_STATE = Columns(ReviewState, "contract_id", "status", "assignee", "queued", "updated")
_ITEM = Columns(
    QueueItem, "c.id AS contract_id", "c.title", "c.team", "c.owner", "c.version", "r.status", "r.assignee",
    "r.queued", "r.updated",
)  # fmt: skip


def refresh_queue_row(db: Database, cid: int) -> None:
    """Copy a contract's team, latest grades and score onto its review row (what the queue filters on)."""
    db.execute(REFRESH_QUEUE_ROWS + " WHERE contract_id = ?", [cid])


def sync_review(
    db: Database, cid: int, version: int, check: CheckSummary, *, new_version: bool, at: str, by: Actor | None = None
) -> None:
    """Keep the queue in step with a contract's latest check (inside the caller's transaction).

    `by` is who saved (None: an import or script, trusted like HR). A clean
    check resolves an open review only when HR (or a trusted caller) saved
    it; otherwise the review stays as it is, with a note for HR.
    """
    row = db.execute("SELECT status FROM reviews WHERE contract_id = ?", [cid]).fetchone()
    gaps = ", ".join(check.gaps)
    if row is None:
        if check.flagged:
            db.execute(
                "INSERT INTO reviews (contract_id, status, queued, updated) VALUES (?, 'open', ?, ?)", [cid, at, at]
            )
            _event(db, cid, at, SYSTEM_AUTHOR, "queued", f"version {version} is flagged: {gaps}", status="open")
            refresh_queue_row(db, cid)
        return
    refresh_queue_row(db, cid)
    status = row[0]
    if check.flagged and status in ("resolved", "dismissed") and new_version:
        db.execute("UPDATE reviews SET status = 'open', queued = ?, updated = ? WHERE contract_id = ?", [at, at, cid])
        _event(db, cid, at, SYSTEM_AUTHOR, "status", f"reopened: version {version} is flagged: {gaps}", status="open")
    elif not check.flagged and status in ACTIVE_STATUSES and closes_reviews(by):
        db.execute("UPDATE reviews SET status = 'resolved', updated = ? WHERE contract_id = ?", [at, cid])
        _event(db, cid, at, SYSTEM_AUTHOR, "status", f"version {version} is no longer flagged", status="resolved")
    elif not check.flagged and status in ACTIVE_STATUSES:
        assert by is not None  # closes_reviews(None) is True
        db.execute("UPDATE reviews SET updated = ? WHERE contract_id = ?", [at, cid])
        _event(
            db, cid, at, SYSTEM_AUTHOR, "note",
            f"version {version}, saved by {by.name}, is no longer flagged; the review stays "
            f"{status.replace('_', ' ')} until HR confirms and resolves it",
        )  # fmt: skip
    elif check.flagged and new_version:
        db.execute("UPDATE reviews SET updated = ? WHERE contract_id = ?", [at, cid])
        _event(db, cid, at, SYSTEM_AUTHOR, "note", f"version {version} saved, still flagged: {gaps}")


def _event(
    db: Database,
    cid: int,
    at: str,
    author: str,
    kind: str,
    body: str,
    status: str | None = None,
    assignee: str | None = None,
) -> ReviewEvent:
    (row,) = db.execute(
        f"""INSERT INTO review_events (contract_id, time, author, kind, body, status, assignee)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_EVENT.sql}""",
        [cid, at, author, kind, body, status, assignee],
    ).fetchall()
    return _EVENT.read(row)


def _author(author: str) -> str:
    if not author or not author.strip():
        raise InputError("say who is making this change (author), so the review history shows it")
    return author.strip()


class QueueMixin(StoreCore):
    def queue(
        self,
        *,
        element: str | None = None,
        grade: Grade | str | None = None,
        status: Status | list[Status] | tuple[Status, ...] | None = ACTIVE_STATUSES,
        team: str | None = None,
        min_score: int | None = None,
        max_score: int | None = None,
        assignee: str | None = None,
        sort: Sort = "score",
        page: int = 1,
        page_size: int = 25,
    ) -> QueuePage:
        """One page of the review queue, worst score (or longest waiting) first.

        `element` narrows to contracts with a gap in that element: `grade`
        'missing' or 'vague', or either when `grade` is None. `status`
        defaults to the active ones (open, in_review); None means all.
        """
        where: list[str] = []
        params: list[str | int] = []
        if element is not None:
            column = element_column(element)
            if grade is None:
                where.append(f"r.{column} != 'specified'")
            else:
                where.append(f"r.{column} = ?")
                params.append(Grade(grade).value)
        elif grade is not None:
            raise ValueError("grade filters need an element, e.g. element='discretion', grade='missing'")
        if status is not None:
            statuses = [status] if isinstance(status, str) else list(status)
            bad = [s for s in statuses if s not in STATUSES]
            if bad:
                raise InputError(f"unknown review status {bad[0]!r}; use one of {', '.join(STATUSES)}")
            if set(statuses) == set(ACTIVE_STATUSES):
                where.append("r.active = 1")  # an indexed column: pages come in index order
            else:
                where.append(f"r.status IN ({', '.join('?' * len(statuses))})")
                params += statuses
        for clause, value in (
            ("r.team = ?", team),
            ("r.score >= ?", min_score),
            ("r.score <= ?", max_score),
            ("r.assignee = ?", assignee),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        if sort not in _ORDER:
            raise InputError(f"unknown sort {sort!r}; use score or age")
        if page > MAX_PAGE:
            raise InputError(f"page {page:,} is out of range; ask for a page from 1 to {MAX_PAGE:,}")
        page, page_size = max(1, page), max(1, min(page_size, MAX_PAGE_SIZE))
        # Filter, count and page on the narrow reviews table alone; join the page's rows only.
        filtered = f"FROM reviews r {'WHERE ' + ' AND '.join(where) if where else ''}"
        with self._errors():
            db = self._db()
            total = db.execute(f"SELECT count(*) {filtered}", params).fetchone()[0]
            rows = db.execute(
                f"""WITH page AS (SELECT r.contract_id {filtered} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?)
                    SELECT {_ITEM.sql}, {CHECK_COLUMNS}
                    FROM page JOIN reviews r ON r.contract_id = page.contract_id
                    JOIN contracts c ON c.id = r.contract_id JOIN checks k ON k.id = c.latest_check_id
                    ORDER BY {_ORDER[sort]}""",
                [*params, page_size, (page - 1) * page_size],
            ).fetchall()
        items = [_ITEM.read(row, check=check_from(_ITEM.rest(row))) for row in rows]
        return QueuePage(items=items, total=total, page=page, page_size=page_size)

    def review(self, contract_id: int) -> ReviewState | None:
        """The review of a contract, or None if it was never flagged."""
        with self._errors():
            row = (
                self._db().execute(f"SELECT {_STATE.sql} FROM reviews WHERE contract_id = ?", [contract_id]).fetchone()
            )
        return None if row is None else _STATE.read(row)

    def review_history(self, contract_id: int) -> list[ReviewEvent]:
        """Everything that happened to a contract's review, oldest first (append-only)."""
        with self._errors():
            rows = (
                self._db()
                .execute(f"SELECT {_EVENT.sql} FROM review_events WHERE contract_id = ? ORDER BY id", [contract_id])
                .fetchall()
            )
        return [_EVENT.read(row) for row in rows]

    def set_status(self, contract_id: int, status: Status, author: str, note: str = "") -> ReviewState:
        """Move a review to `status`, recording who did it and why (the note) in its history."""
        if status not in STATUSES:
            raise InputError(f"unknown review status {status!r}; use one of {', '.join(STATUSES)}")
        return self._change(contract_id, author, "status", note, {"status": status})

    def assign(self, contract_id: int, assignee: str | None, author: str) -> ReviewState:
        """Give a review to someone (None unassigns it), recorded in its history."""
        assignee = assignee.strip() or None if assignee else None
        return self._change(contract_id, author, "assign", "", {"assignee": assignee})

    def add_note(self, contract_id: int, author: str, body: str) -> ReviewEvent:
        """Append a note to a review's history; notes are never edited or deleted."""
        author = _author(author)
        if not body.strip():
            raise InputError("the note is empty; write what you found or decided")
        with self._errors(), write(self._db()) as db:
            self._require_review(db, contract_id)
            at = now()
            db.execute("UPDATE reviews SET updated = ? WHERE contract_id = ?", [at, contract_id])
            return _event(db, contract_id, at, author, "note", body.strip())

    def _change(self, contract_id: int, author: str, kind: str, body: str, values: dict[str, Any]) -> ReviewState:
        author = _author(author)
        with self._errors(), write(self._db()) as db:
            self._require_review(db, contract_id)
            at = now()
            sets = ", ".join(f"{k} = ?" for k in values)  # fixed column names from this module
            db.execute(
                f"UPDATE reviews SET {sets}, updated = ? WHERE contract_id = ?", [*values.values(), at, contract_id]
            )
            status, assignee = db.execute(
                "SELECT status, assignee FROM reviews WHERE contract_id = ?", [contract_id]
            ).fetchone()
            _event(db, contract_id, at, author, kind, body.strip(), status=status, assignee=assignee)
        state = self.review(contract_id)
        assert state is not None
        return state

    @staticmethod
    def _require_review(db: Database, contract_id: int) -> None:
        if db.execute("SELECT 1 FROM reviews WHERE contract_id = ?", [contract_id]).fetchone() is None:
            raise NotFoundError(
                f"contract {contract_id} is not in the review queue (it was never flagged, or does not exist)"
            )
