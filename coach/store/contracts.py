"""Contracts, their versions and checks: saving, importing and reading back.

A contract is a role description that may change, found by its identity
(`coach.store.identity`): an explicit key, else its team and title. Saving
a text that differs from its latest version makes a new **version** with a
new check; saving the same text again under the same identity stores
nothing new (texts are compared by SHA-256, the same hash the engine puts
in `Report.input_sha256`). The same text under another identity is another
contract. The latest check decides whether the contract sits in the HR
review queue (`queue.sync_review`), in the same transaction as the save.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from sqlite_utils import Database

from coach.errors import CoachError, InputError, NotFoundError
from coach.report import ELEMENTS, Element, Report
from coach.store.access import may_change, refusal
from coach.store.core import StoreCore
from coach.store.db import now, write
from coach.store.hashing import text_sha256
from coach.store.identity import follows_title, identity, title_key
from coach.store.models import (
    Actor,
    CheckSummary,
    Contract,
    ContractVersion,
    GradeChange,
    HistoryEntry,
    ImportItem,
    ImportSummary,
)
from coach.store.queue import refresh_queue_row, sync_review
from coach.store.rows import CHECK_COLUMNS, CHECK_FIELDS, Columns, check_from, check_values

if TYPE_CHECKING:
    from coach.engine.ruleset import Ruleset

Outcome = Literal["added", "updated", "unchanged"]
IMPORT_BATCH = 200  # items per write transaction: short lock holds, few commits

_CONTRACT = Columns(
    Contract, "c.id", "c.key", "c.title", "c.team", "c.owner", "c.source", "c.text", "c.text_sha256", "c.version",
    "c.created", "c.updated",
)  # fmt: skip
_HISTORY = Columns(HistoryEntry, "v.version", "v.created", "v.source", "v.text_sha256", "v.owner", "v.author")
_SAVED = Columns(
    ContractVersion, "c.id AS contract_id", "v.version", "c.title", "c.team", "c.owner", "v.source",
    "v.text_sha256", "v.created", "v.author", "r.status AS review_status",
)  # fmt: skip


class ContractsMixin(StoreCore):
    def save_contract(
        self,
        title: str,
        text: str,
        team: str | None = None,
        owner: str | None = None,
        source: str = "pasted",
        report: Report | None = None,
        *,
        contract_id: int | None = None,
        key: str | None = None,
        ruleset: Ruleset | None = None,
        by: Actor | None = None,
    ) -> ContractVersion:
        """Store a contract's text and its check; a changed text becomes a new version.

        Which contract it is: `contract_id` (editing a known contract), else
        `key` (a stable outside identity), else its team and title (so the
        same title and team again is a new version of one contract, and the
        same text under another title or team is another contract). The text
        is checked with `coach.check` unless a `report` for exactly this
        text is given. A flagged check puts the contract in the review
        queue; a clean new version resolves its review.

        `by` is the person saving, in the app (None: a trusted caller such as
        `coach import`). Then only the contract's owner or HR may add a
        version (`NotAllowedError` otherwise, naming the owner), `owner`
        applies only to a new contract (default: `by`), and a clean version
        resolves the review only when `by` is HR (see `coach.store.access`).
        """
        if not title.strip():
            raise InputError("a contract needs a title; give the role's name, e.g. 'Release lead'")
        if not text.strip():
            raise InputError("the contract text is empty; paste the role description first")
        sha = text_sha256(text)
        if report is None:
            from coach.engine import check

            report = check(text, ruleset)
        elif report.input_sha256 != sha:
            raise ValueError("the report was made for a different text than the one being saved")
        item = ImportItem(title=title.strip(), text=text, team=team, owner=owner, source=source, key=key)
        with self._errors(), write(self._db()) as db:
            saved, _ = _store(db, item, report, sha, contract_id=contract_id, by=by)
        return saved

    def import_items(
        self,
        items: Iterable[ImportItem],
        *,
        ruleset: Ruleset | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        """Check and store many contracts; idempotent per contract.

        Each item's identity (its key, else team and title) says which
        contract it is. An item whose text is already its contract's latest
        version is skipped before it is checked, so running the same import
        again adds nothing, and an import cut short can simply be run again.
        Items are checked outside the write lock and written in batches of
        IMPORT_BATCH, each batch one transaction — a killed import leaves
        whole batches, never half a contract. An item the engine cannot
        check is reported in `failed` and skipped. `progress(n)` is called
        after each batch with how many items it held.
        """
        from coach.engine import check
        from coach.engine.ruleset import load_ruleset

        ruleset = ruleset or load_ruleset()
        counts: dict[Outcome, int] = {"added": 0, "updated": 0, "unchanged": 0}
        flagged = 0
        failed: list[str] = []
        for batch in _batched(items, IMPORT_BATCH):
            keyed = [(item, identity(item.key, item.team, item.title), text_sha256(item.text)) for item in batch]
            latest = self._latest_texts({key for _, key, _ in keyed})
            todo: list[tuple[ImportItem, str, Report]] = []
            for item, key, sha in keyed:
                if latest.get(key) == sha:  # already this contract's text (or a twin earlier in this batch)
                    counts["unchanged"] += 1
                    continue
                if not item.text.strip():
                    failed.append(f"{item.source}: is empty; there is no text to check")
                    continue
                try:
                    todo.append((item, sha, check(item.text, ruleset)))
                except CoachError as e:
                    failed.append(f"{item.source}: {e}")
                    continue
                latest[key] = sha
            with self._errors(), write(self._db()) as db:
                for item, sha, report in todo:
                    saved, outcome = _store(db, item, report, sha)  # "unchanged" if another process was first
                    counts[outcome] += 1
                    if outcome != "unchanged":
                        flagged += saved.check.flagged
            if progress is not None:
                progress(len(batch))
        return ImportSummary(**counts, flagged=flagged, failed=failed)

    def _latest_texts(self, keys: set[str]) -> dict[str, str]:
        """The latest text hash of each stored contract among `keys`."""
        if not keys:
            return {}
        marks = ", ".join("?" * len(keys))
        with self._errors():
            rows = self._db().execute(f"SELECT key, text_sha256 FROM contracts WHERE key IN ({marks})", list(keys))
            return dict(rows.fetchall())

    def get_contract(self, contract_id: int) -> Contract:
        """A contract as it stands: latest text, version and check."""
        with self._errors():
            row = (
                self._db()
                .execute(
                    f"""SELECT {_CONTRACT.sql}, {CHECK_COLUMNS}
                    FROM contracts c JOIN checks k ON k.id = c.latest_check_id WHERE c.id = ?""",
                    [contract_id],
                )
                .fetchone()
            )
        if row is None:
            raise NotFoundError(f"there is no contract {contract_id}; list them with coach queue or coach export")
        return _CONTRACT.read(row, check=check_from(_CONTRACT.rest(row)))

    def get_report(self, contract_id: int, version: int | None = None) -> Report:
        """The full engine Report of a contract's latest check (of its latest version by default)."""
        with self._errors():
            row = (
                self._db()
                .execute(
                    """SELECT r.report_json FROM checks k JOIN contract_versions v ON v.id = k.version_id
                   JOIN check_reports r ON r.check_id = k.id
                   WHERE v.contract_id = ? AND v.version = coalesce(?, (SELECT version FROM contracts WHERE id = ?))
                   ORDER BY k.id DESC LIMIT 1""",
                    [contract_id, version, contract_id],
                )
                .fetchone()
            )
        if row is None:
            what = f"version {version} of contract {contract_id}" if version else f"contract {contract_id}"
            raise NotFoundError(f"there is no {what}")
        return Report.model_validate_json(row[0])

    def version_text(self, contract_id: int, version: int) -> str:
        """The text of one version, e.g. to show what changed between two versions."""
        with self._errors():
            row = (
                self._db()
                .execute(
                    "SELECT text FROM contract_versions WHERE contract_id = ? AND version = ?", [contract_id, version]
                )
                .fetchone()
            )
        if row is None:
            raise NotFoundError(f"there is no version {version} of contract {contract_id}")
        return row[0]

    def contract_history(self, contract_id: int) -> list[HistoryEntry]:
        """Every version, oldest first, with how each element's grade changed from the one before."""
        with self._errors():
            rows = (
                self._db()
                .execute(
                    f"""SELECT {_HISTORY.sql}, {CHECK_COLUMNS}
                    FROM contract_versions v
                    JOIN checks k ON k.id = (SELECT max(id) FROM checks WHERE version_id = v.id)
                    WHERE v.contract_id = ? ORDER BY v.version""",
                    [contract_id],
                )
                .fetchall()
            )
        if not rows:
            raise NotFoundError(f"there is no contract {contract_id}")
        history: list[HistoryEntry] = []
        previous: CheckSummary | None = None
        for row in rows:
            check = check_from(_HISTORY.rest(row))
            changes: dict[Element, GradeChange] = {}
            los: tuple[bool, bool] | None = None
            if previous is not None:
                changes = {
                    e: GradeChange(before=previous.grades[e], after=check.grades[e])
                    for e in ELEMENTS
                    if previous.grades[e] != check.grades[e]
                }
                if previous.line_of_sight != check.line_of_sight:
                    los = (previous.line_of_sight, check.line_of_sight)
            history.append(_HISTORY.read(row, check=check, changes=changes, line_of_sight_change=los))
            previous = check
        return history


def _batched(items: Iterable[ImportItem], size: int) -> Iterable[tuple[ImportItem, ...]]:
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


# --- inside a write transaction ----------------------------------------------------


class _Found(NamedTuple):
    """The stored contract a save is about."""

    id: int
    key: str | None
    title: str
    team: str | None
    owner: str | None
    text_sha256: str
    version: int
    latest_check_id: int


_FOUND = "SELECT id, key, title, team, owner, text_sha256, version, latest_check_id FROM contracts"


def _find(db: Database, item: ImportItem, contract_id: int | None) -> _Found | None:
    if contract_id is not None:
        row = db.execute(f"{_FOUND} WHERE id = ?", [contract_id]).fetchone()
        if row is None:
            raise NotFoundError(f"there is no contract {contract_id} to save a new version of")
    else:
        row = db.execute(f"{_FOUND} WHERE key = ?", [identity(item.key, item.team, item.title)]).fetchone()
    return None if row is None else _Found(*row)


def _store(
    db: Database,
    item: ImportItem,
    report: Report,
    sha: str,
    contract_id: int | None = None,
    by: Actor | None = None,
) -> tuple[ContractVersion, Outcome]:
    """Save one item and its check; returns what was stored and whether it was new."""
    at = now()
    found = _find(db, item, contract_id)
    owner = item.owner or (by.name if by else None)
    details = {k: v for k, v in (("title", item.title), ("team", item.team), ("owner", owner)) if v is not None}
    outcome: Outcome
    if found is None:
        ((cid,),) = db.execute(
            """INSERT INTO contracts (key, title, team, owner, source, text, text_sha256, version, created, updated)
               VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id""",
            [identity(item.key, item.team, item.title), item.title, item.team, owner, item.source, item.text,
             sha, at, at],
        ).fetchall()  # fmt: skip
        version, outcome = 1, "added"
    else:
        cid = found.id
        if not may_change(found.owner, by):
            raise refusal(found.id, found.title, found.team, found.owner)
        if by is not None:
            details.pop("owner", None)  # a save in the app never hands a contract to someone else
            owner = found.owner
        else:
            owner = details.get("owner", found.owner)
        details = _with_moved_key(db, found, details)
        if found.text_sha256 == sha:
            return _unchanged(db, found, details, report, at, by)
        version, outcome = found.version + 1, "updated"
        _update(
            db, cid, {**details, "text": item.text, "text_sha256": sha, "version": version, "source": item.source}, at
        )
    ((version_id,),) = db.execute(
        """INSERT INTO contract_versions (contract_id, version, text, text_sha256, source, created, owner, author)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        [cid, version, item.text, sha, item.source, at, owner, by.name if by else None],
    ).fetchall()
    check = _insert_check(db, cid, version_id, report, at)
    sync_review(db, cid, version, check, new_version=True, at=at, by=by)
    saved = _version(db, cid, version, check, is_new=True)
    return saved, outcome


def _with_moved_key(db: Database, found: _Found, details: dict[str, Any]) -> dict[str, Any]:
    """A contract known by team and title that is renamed or moved keeps being found by them.

    Only a save by `contract_id` can change them (otherwise the contract was
    found by them). Refuses when another contract already has the new team
    and title: two contracts may not share an identity.
    """
    if not follows_title(found.key):
        return details
    title, team = details.get("title", found.title), details.get("team", found.team)
    key = title_key(team, title)
    if key == found.key or (found.key is None and (title, team) == (found.title, found.team)):
        return details
    taken = db.execute("SELECT id FROM contracts WHERE key = ? AND id != ?", [key, found.id]).fetchone()
    if taken is not None:
        where = f" in team {team}" if team else " without a team"
        raise InputError(
            f"there is already a contract “{title}”{where} (#{taken[0]}); "
            "choose another title or team, or save the new text to that contract"
        )
    return {**details, "key": key}


def _unchanged(
    db: Database, found: _Found, details: dict[str, Any], report: Report, at: str, by: Actor | None
) -> tuple[ContractVersion, Outcome]:
    """Same text as the latest version: update details; re-check only under a different ruleset."""
    current = {"title": found.title, "team": found.team, "owner": found.owner, "key": found.key}
    changed = {k: v for k, v in details.items() if current[k] != v}
    if changed:
        _update(db, found.id, changed, at)
        refresh_queue_row(db, found.id)
    row = db.execute(
        f"SELECT {CHECK_COLUMNS}, k.version_id FROM checks k WHERE k.id = ?", [found.latest_check_id]
    ).fetchone()
    check = check_from(row)
    if (check.ruleset, check.ruleset_version) != (report.ruleset.name, report.ruleset.version):
        check = _insert_check(db, found.id, row[-1], report, at)
        sync_review(db, found.id, found.version, check, new_version=False, at=at, by=by)
    return _version(db, found.id, found.version, check, is_new=False), "unchanged"


def _update(db: Database, cid: int, values: dict[str, Any], at: str) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)  # keys are fixed column names from this module
    db.execute(f"UPDATE contracts SET {sets}, updated = ? WHERE id = ?", [*values.values(), at, cid])


def _insert_check(db: Database, cid: int, version_id: int, report: Report, at: str) -> CheckSummary:
    values = check_values(report)
    (row,) = db.execute(
        f"""INSERT INTO checks (version_id, contract_id, checked, {", ".join(values)})
            VALUES (?, ?, ?, {", ".join("?" * len(values))}) RETURNING {", ".join(CHECK_FIELDS)}""",
        [version_id, cid, at, *values.values()],
    ).fetchall()
    check = check_from(row)
    db.execute("INSERT INTO check_reports (check_id, report_json) VALUES (?, ?)", [check.id, report.model_dump_json()])
    db.execute("UPDATE contracts SET latest_check_id = ? WHERE id = ?", [check.id, cid])
    return check


def _version(db: Database, cid: int, version: int, check: CheckSummary, is_new: bool) -> ContractVersion:
    row = db.execute(
        f"""SELECT {_SAVED.sql} FROM contracts c JOIN contract_versions v ON v.contract_id = c.id AND v.version = ?
            LEFT JOIN reviews r ON r.contract_id = c.id WHERE c.id = ?""",
        [version, cid],
    ).fetchone()
    return _SAVED.read(row, check=check, is_new_version=is_new)
