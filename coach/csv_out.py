"""CSV for HR tools: spreadsheet-safe cells, one header, written as rows arrive.

Shared by `coach export`, `coach queue` and the app's Review page, so a
spreadsheet gets the same columns from all three.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

from coach.store.models import ExportRow

# The columns of `coach export --format csv`: an ExportRow's fields, in order, without the full report.
CONTRACT_COLUMNS = [name for name in ExportRow.model_fields if name != "report"]

# A cell starting with one of these is run as a formula by Excel and LibreOffice
# (CSV injection). Such cells get a leading apostrophe, which spreadsheets hide.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One value as spreadsheet-safe text: lists joined with '; ', None empty, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if text.startswith(_FORMULA_START) or (text.startswith("-") and text[1:2] not in ("", " ", "-")):
        return "'" + text
    return text


def write_csv(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a header and rows; returns how many rows were written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    written = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        written += 1
    return written


def write_contracts(out: IO[str], rows: Iterable[Any]) -> int:
    """Write stored contracts (`Store.export_rows()`) as CSV; returns how many were written."""
    return write_csv(out, CONTRACT_COLUMNS, ([getattr(r, c) for c in CONTRACT_COLUMNS] for r in rows))
