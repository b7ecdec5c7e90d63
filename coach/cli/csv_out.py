"""CSV for HR tools: spreadsheet-safe cells, one header, written as rows arrive."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

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
