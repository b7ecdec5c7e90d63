"""Rows to models: the column lists the queries share and how to read them back.

Kept in one place so a check reads the same way in the queue, history,
search and export, and a new column is added once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach.report import ELEMENTS, Element, Grade, Report
from coach.store.models import CheckSummary

# The check columns, aliased `k`, in the order `check_from` reads them.
CHECK_COLUMNS = (
    "k.id, k.checked, k.ruleset_name, k.ruleset_version, k.purpose, k.discretion, k.resources, "
    "k.accountability, k.line_of_sight, k.score, k.flagged"
)
CHECK_WIDTH = 11


def check_from(row: Sequence[Any]) -> CheckSummary:
    """A CheckSummary from the CHECK_COLUMNS part of a row."""
    return CheckSummary(
        id=row[0],
        checked=row[1],
        ruleset=row[2],
        ruleset_version=row[3],
        grades={e: Grade(g) for e, g in zip(ELEMENTS, row[4:8], strict=True)},
        line_of_sight=bool(row[8]),
        score=row[9],
        flagged=bool(row[10]),
    )


def check_values(report: Report) -> dict[str, Any]:
    """The columns a check stores for a Report: grades as columns for fast filters.

    The full Report goes to `check_reports` as JSON (see `m006_lean_checks_and_queue`).
    """
    return {
        "ruleset_name": report.ruleset.name,
        "ruleset_version": report.ruleset.version,
        **{e.value: report.grade(e).value for e in ELEMENTS},
        "line_of_sight": int(report.line_of_sight.present),
        "score": report.score,
        "flagged": int(report.flagged),
    }


def element_column(element: Element | str) -> str:
    """The checks column for an element; raises ValueError for anything else (safe to put in SQL)."""
    return Element(element).value
