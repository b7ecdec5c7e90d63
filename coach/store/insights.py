"""What HR reads across all contracts: full-text search, counts for charts, exports.

All of it runs on the guarded connection (see `privacy.guard_private`), like
everything else HR-side, so none of it can reach a private reflection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from coach.report import ELEMENTS
from coach.store.core import StoreCore
from coach.store.models import ContractListing, ExportRow, SearchHit, TeamCounts
from coach.store.rows import CHECK_COLUMNS, Columns, check_from

SNIPPET_MARK = "**"
_HIT = Columns(
    SearchHit, "c.id AS contract_id", "c.title", "c.team",
    f"snippet(contracts_fts, 1, '{SNIPPET_MARK}', '{SNIPPET_MARK}', '…', 16) AS snippet",
    "k.score", "k.flagged", "r.status",
)  # fmt: skip
_LISTING = Columns(
    ContractListing, "c.id AS contract_id", "c.title", "c.team", "c.owner", "c.version", "c.updated", "k.score",
    "k.flagged",
)  # fmt: skip
_EXPORT = Columns(
    ExportRow, "c.id AS contract_id", "c.title", "c.team", "c.owner", "c.source", "c.version", "c.created",
    "c.updated", "c.text_sha256", "c.text", "r.status", "r.assignee",
)  # fmt: skip


class InsightsMixin(StoreCore):
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Contracts whose title or latest text match `query`, best match first.

        The query is what a person typed: every word is quoted before it
        reaches FTS5, so `AND`, `"`, `*` or `-` are searched for as words
        instead of raising a syntax error. Words are stemmed (Porter), so
        'decide' also finds 'decides'. NUL characters are dropped: FTS5
        reads the query as a C string, so one ends it mid-word ("unterminated
        string"), and nobody means to search for one.
        """
        query = query.replace("\x00", "").strip()
        quoted = self._db().quote_fts(query) if query else ""
        if not quoted:
            return []
        with self._errors():
            rows = (
                self._db()
                .execute(
                    f"""SELECT {_HIT.sql}
                    FROM contracts_fts
                    JOIN contracts c ON c.rowid = contracts_fts.rowid
                    JOIN checks k ON k.id = c.latest_check_id
                    LEFT JOIN reviews r ON r.contract_id = c.id
                    WHERE contracts_fts MATCH ? ORDER BY rank LIMIT ?""",
                    [quoted, max(1, limit)],
                )
                .fetchall()
            )
        return [_HIT.read(row) for row in rows]

    def count_contracts(self) -> int:
        """How many contracts are stored (each counted once, whatever its versions)."""
        with self._errors():
            return self._db().execute("SELECT count(*) FROM contracts").fetchone()[0]

    def recent_contracts(self, limit: int = 50, offset: int = 0) -> list[ContractListing]:
        """Contracts newest first (by when they were first saved), for a list to pick from.

        Walks the primary key backwards, so the first page costs the same
        with 100 or 100,000 contracts.
        """
        with self._errors():
            rows = (
                self._db()
                .execute(
                    f"""SELECT {_LISTING.sql}
                    FROM contracts c JOIN checks k ON k.id = c.latest_check_id
                    ORDER BY c.id DESC LIMIT ? OFFSET ?""",
                    [max(1, limit), max(0, offset)],
                )
                .fetchall()
            )
        return [_LISTING.read(row) for row in rows]

    def team_element_counts(self) -> list[TeamCounts]:
        """Per team (None = no team given), how many contracts miss or only gesture at each element.

        Counts the latest check of every contract; `TeamCounts.share_missing`
        gives the share for charts.
        """
        sums = ", ".join(f"sum(k.{e.value} = 'missing'), sum(k.{e.value} = 'vague')" for e in ELEMENTS)
        with self._errors():
            rows = (
                self._db()
                .execute(
                    f"""SELECT c.team, count(*), sum(k.flagged), sum(NOT k.line_of_sight), {sums}
                    FROM contracts c JOIN checks k ON k.id = c.latest_check_id
                    GROUP BY c.team ORDER BY c.team IS NULL, c.team"""
                )
                .fetchall()
            )
        return [
            TeamCounts(
                team=row[0], contracts=row[1], flagged=row[2], no_line_of_sight=row[3],
                missing={e: row[4 + 2 * i] for i, e in enumerate(ELEMENTS)},
                vague={e: row[5 + 2 * i] for i, e in enumerate(ELEMENTS)},
            )
            for row in rows
        ]  # fmt: skip

    def teams(self) -> list[str]:
        """The team names in use, for filters."""
        with self._errors():
            rows = self._db().execute("SELECT DISTINCT team FROM contracts WHERE team IS NOT NULL ORDER BY team")
            return [r[0] for r in rows]

    def export_rows(self, *, with_report: bool = False) -> Iterator[ExportRow]:
        """Every contract's latest version, check and review, oldest contract first (streamed).

        `with_report` adds the full engine Report (for JSONL); CSV keeps to
        flat columns.
        """
        report_column = "(SELECT report_json FROM check_reports WHERE check_id = k.id)" if with_report else "NULL"
        with self._errors():
            cursor = self._db().execute(
                f"""SELECT {_EXPORT.sql}, {report_column}, {CHECK_COLUMNS}
                    FROM contracts c JOIN checks k ON k.id = c.latest_check_id
                    LEFT JOIN reviews r ON r.contract_id = c.id ORDER BY c.id"""
            )
            for row in cursor:
                report_json, *check_row = _EXPORT.rest(row)
                check = check_from(check_row)
                yield _EXPORT.read(
                    row,
                    report=json.loads(report_json) if report_json else None,
                    checked=check.checked, ruleset=check.ruleset, ruleset_version=check.ruleset_version,
                    score=check.score, flagged=check.flagged, line_of_sight=check.line_of_sight, gaps=check.gaps,
                    **{e.value: check.grades[e] for e in ELEMENTS},
                )  # fmt: skip
