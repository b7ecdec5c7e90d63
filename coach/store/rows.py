"""Rows to models: the column lists the queries share and how to read them back.

Kept in one place so a check reads the same way in the queue, history,
search and export, and a new column is added once. `Columns` pairs a SELECT
list with the model its rows become, so a query never zips a hand-copied
tuple of names against its row: the names come from the SELECT list itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from coach.grades import TARGETS
from coach.report import ELEMENTS, Element, Grade, Report
from coach.store.models import CheckSummary

M = TypeVar("M", bound=BaseModel)
_ALIAS = re.compile(r"\s+AS\s+(\w+)\s*$", re.IGNORECASE)
_PLAIN = re.compile(r"^(?:\w+\.)?(\w+)$")


class Columns(Generic[M]):
    """A SELECT list and the pydantic model each row of it becomes.

    Each column is an SQL expression; the model field it fills is its alias
    (`"c.id AS contract_id"`) or its bare column name (`"c.title"` fills
    `title`). Every field must exist on the model, so a typo fails when the
    module is imported, not in the middle of a query. Columns that follow
    (e.g. CHECK_COLUMNS) are left for the caller: `rest(row)`.

        >>> from coach.store.models import ContractListing
        >>> LISTING = Columns(ContractListing, "c.id AS contract_id", "c.title")
        >>> LISTING.sql
        'c.id AS contract_id, c.title'
    """

    def __init__(self, model: type[M], *columns: str) -> None:
        self.model = model
        self.fields = tuple(_field_of(column) for column in columns)
        unknown = [f for f in self.fields if f not in model.model_fields]
        if unknown:
            raise ValueError(f"{model.__name__} has no field {unknown[0]!r}; alias the column with AS")
        self.sql = ", ".join(columns)
        self.width = len(columns)

    def read(self, row: Sequence[Any], **more: Any) -> M:
        """The model for one row: its first `width` values by field name, plus `more` (e.g. `check=`)."""
        return self.model.model_validate({**dict(zip(self.fields, row[: self.width], strict=True)), **more})

    def rest(self, row: Sequence[Any]) -> Sequence[Any]:
        """What follows this list in the row, e.g. the CHECK_COLUMNS for `check_from`."""
        return row[self.width :]


def _field_of(column: str) -> str:
    if alias := _ALIAS.search(column):
        return alias.group(1)
    if plain := _PLAIN.match(column.strip()):
        return plain.group(1)
    raise ValueError(f"name the model field this expression fills: {column!r} AS <field>")


# The stored check columns, in the order `check_from` reads them.
CHECK_FIELDS = ("id", "checked", "ruleset_name", "ruleset_version", *TARGETS, "score", "flagged")
# The same, aliased `k` as the queries join them.
CHECK_COLUMNS = ", ".join(f"k.{c}" for c in CHECK_FIELDS)
CHECK_WIDTH = len(CHECK_FIELDS)


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
