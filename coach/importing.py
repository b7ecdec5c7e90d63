"""What `coach import` reads: folders of documents, CSV tables and JSONL files, as ImportItems.

Documents (.txt, .md, .html, .docx, .pdf) are read through `coach.inputs`,
so a bad file gives the same one-line message as `coach check`. A CSV needs
a header with a `text` column (`title`, `team`, `owner`, `id` are used when
present); a JSONL file has one object per line with the same keys. Every
unusable file, row or line becomes an `InputError` in the stream instead of
stopping the import: the caller reports it and goes on. Tables are decoded
line by line, so a bad byte costs its own row, not the rest of the file, and
no line is read into memory past what a row can hold.

Each item gets a `key`, its identity across imports: a document's absolute
path, a row's `id`, or else its team and title (`coach.store.identity`) —
so re-importing an edited file or table updates the contract (a new
version) instead of adding one, and two rows with the same text but
different titles or teams are two contracts.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from coach.errors import InputError
from coach.inputs import bad_byte, expand, max_bytes, read_path
from coach.store.identity import title_key  # re-exported: the app keys pasted contracts with it
from coach.store.models import ImportItem

TABLE_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FIELDS = ("title", "team", "owner", "text", "id")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def is_table(raw: str) -> bool:
    path = Path(raw)
    return path.suffix.lower() in TABLE_SUFFIXES and path.is_file()


def items_from(
    paths: list[str], *, team: str | None = None, owner: str | None = None, limit: int | None = None
) -> Iterator[ImportItem | InputError]:
    """Every contract in `paths`, in order; `team`/`owner` fill in what an item does not say."""
    limit = limit or max_bytes()
    for raw in paths:
        if is_table(raw):
            reader = _csv_rows if TABLE_SUFFIXES[Path(raw).suffix.lower()] == "csv" else _jsonl_rows
            for row in _guarded(reader(Path(raw), limit), raw):
                yield row if isinstance(row, InputError) else _with_defaults(row, team, owner)
            continue
        for target in expand([raw]):
            if isinstance(target, InputError):
                yield target
            elif str(target) == "-":
                yield InputError("-: import reads files and folders, not standard input; save the text to a file first")
            else:
                yield from _guarded(_document(target, team, owner, limit), str(target))


def _guarded(items: Iterator[ImportItem | InputError], name: str) -> Iterator[ImportItem | InputError]:
    """`items`, with any failure while reading them turned into one error naming the file.

    The readers report every problem they know of as an InputError; this
    catches the ones nobody foresaw, so that they cost the rest of one file,
    never the import (what the file gave before is kept).
    """
    try:
        yield from items
    except Exception as e:  # any failure inside one file must not stop the others
        yield InputError(
            f"{name}: could not be read ({e.__class__.__name__}); the rest of this file was skipped — "
            "check that it is a .txt, .md, .html, .docx, .pdf, CSV or JSONL file"
        )


def count(paths: list[str]) -> int:
    """How many items `items_from` will yield (errors included), for the progress bar."""
    total = 0
    for raw in paths:
        try:
            total += _count_table(Path(raw)) if is_table(raw) else sum(1 for _ in expand([raw]))
        except Exception:  # a file that cannot be counted is read, and reported, by items_from
            total += 1
    return total


def _count_table(path: Path) -> int:
    limit = max_bytes()
    with _table_lines(path, limit, "") as lines:
        if TABLE_SUFFIXES[path.suffix.lower()] == "csv":
            _raise_csv_field_limit(limit)
            return max(0, sum(1 for _ in _csv_records(csv.reader(lines))) - 1)
        return sum(1 for line in lines if line.strip())


def _document(path: Path, team: str | None, owner: str | None, limit: int) -> Iterator[ImportItem | InputError]:
    try:
        source = read_path(path, limit)
    except InputError as e:
        yield e
        return
    yield ImportItem(
        title=title_of(source.text, path), text=source.text, team=team, owner=owner,
        source=source.name, key=str(path.resolve()),
    )  # fmt: skip


def title_of(text: str, path: Path) -> str:
    """A document's first Markdown heading, else its file name in words ('release-lead.md' → 'Release lead')."""
    for line in text.splitlines()[:20]:
        if match := _HEADING.match(line):
            return match.group(1)[:200]
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return (words[:1].upper() + words[1:]) or path.name


def _with_defaults(item: ImportItem, team: str | None, owner: str | None) -> ImportItem:
    if team is None and owner is None:
        return item
    return item.model_copy(update={"team": item.team or team, "owner": item.owner or owner})


def _row_item(values: dict[str, str], where: str, fallback_title: str, limit: int) -> ImportItem | InputError:
    text = values.get("text") or ""
    if not text.strip():
        return InputError(f"{where}: the text is empty; fill in the role description or remove the row")
    if len(text.encode("utf-8")) > limit:
        return InputError(f"{where}: the text is over the {limit:,}-byte limit; shorten it or raise COACH_MAX_BYTES")
    title = (values.get("title") or "").strip() or fallback_title
    team = (values.get("team") or "").strip() or None
    ident = str(values.get("id") or "").strip()
    key = f"id:{ident}" if ident else title_key(team, title)
    return ImportItem(
        title=title, text=text, team=team, owner=(values.get("owner") or "").strip() or None, source=where, key=key
    )


def _raise_csv_field_limit(limit: int) -> None:
    csv.field_size_limit(max(csv.field_size_limit(), limit * 4))  # limit is bytes; a field is characters


def _line_cap(limit: int) -> int:
    """The longest line a table may have, in characters: room for a row whose text is at the limit, JSON-escaped."""
    return 6 * limit + 65_536


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of a byte that is not UTF-8


class _Lines:
    """The lines of a table file as text, one at a time, each checked on its own.

    A bad byte then costs its own line, not the rest of the file. A line
    that is not UTF-8 is still passed on, its bad bytes kept as stand-ins
    (so a CSV row that spans lines stays whole), and noted in `problems` by
    line number, so the row it belongs to is reported instead of stored. A
    line longer than `cap` is cut there, noted, and the rest of it skipped
    without being read into memory. Lines end at \n, \r\n or a lone \r
    (old Mac spreadsheets), as csv expects them.
    """

    def __init__(self, text: IO[str], cap: int, fix_encoding: str) -> None:
        self.text, self.cap, self.fix_encoding = text, cap, fix_encoding
        self.problems: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        number = 0
        while line := self.text.readline(self.cap + 1):
            number += 1
            if len(line) > self.cap and not line.endswith(("\n", "\r")):
                self.problems[number] = (
                    f"the line is longer than {self.cap:,} characters, more than any row can hold; shorten it"
                )
                while (rest := self.text.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                    pass
            elif bad := _NOT_UTF8.search(line):
                byte = bad_byte(ord(bad.group()) - 0xDC00)
                self.problems[number] = f"not valid UTF-8 at column {bad.start() + 1:,} ({byte}); {self.fix_encoding}"
            yield line

    def problem_in(self, first: int, last: int) -> tuple[int, str] | None:
        """The first problem noted on lines `first` to `last` (forgetting them all), with its line number."""
        found = [(n, self.problems.pop(n)) for n in range(first, last + 1) if n in self.problems]
        return found[0] if found else None


@contextmanager
def _table_lines(path: Path, limit: int, fix_encoding: str) -> Iterator[_Lines]:
    """The lines of a CSV or JSONL file; UTF-8 (a BOM is allowed), refused at once when it is UTF-16."""
    with path.open("rb") as raw:
        if raw.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            raise InputError(f"{path}: is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8) and import again")
        raw.seek(0)
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        yield _Lines(text, _line_cap(limit), fix_encoding)


def _csv_records(reader: Iterable[list[str]]) -> Iterator[list[str] | csv.Error]:
    """The records of a csv.reader, with a record that breaks the CSV rules given as its error.

    csv.reader starts afresh on the next line after an error, so one bad
    record (a field over the size limit, say) costs only itself.
    """
    records = iter(reader)
    while True:
        try:
            yield next(records)
        except StopIteration:
            return
        except csv.Error as e:
            yield e


def _csv_rows(path: Path, limit: int) -> Iterator[ImportItem | InputError]:
    _raise_csv_field_limit(limit)
    try:
        with _table_lines(path, limit, "save the CSV as UTF-8 (in Excel: CSV UTF-8) and import again") as lines:
            reader = csv.reader(lines)
            records = _csv_records(reader)
            header_record = next(records, [])
            problem = lines.problem_in(1, reader.line_num)
            if problem or isinstance(header_record, csv.Error):
                reason = problem[1] if problem else f"{header_record}; check the quoting"
                yield InputError(f"{path} row 1 (the header): {reason}")
                return
            header = [h.strip().lower() for h in header_record]
            if "text" not in header:
                found = ", ".join(h for h in header if h) or "nothing"
                yield InputError(
                    f"{path}: no 'text' column (the header has {found}); add a header row with title, team, text"
                )
                return
            last = reader.line_num
            for number, record in enumerate(records, 2):  # the row number a spreadsheet shows (header is 1)
                first, last = last + 1, reader.line_num
                where = f"{path} row {number}"
                problem = lines.problem_in(first, last)
                if problem:
                    yield InputError(f"{where}{_line_note(problem[0], number)}: {problem[1]}")
                elif isinstance(record, csv.Error):
                    yield InputError(
                        f"{where}{_line_note(first, number)}: not a readable CSV row ({record}); "
                        "check the quoting near that line"
                    )
                elif any(cell.strip() for cell in record):
                    yield _row_item(dict(zip(header, record, strict=False)), where, f"{path.stem} row {number}", limit)
    except OSError as e:
        yield InputError(f"{path}: cannot read ({e.strerror or e.__class__.__name__})")
    except InputError as e:
        yield e


def _line_note(line: int, row: int) -> str:
    """' (line 7)' when a row's line in the file is not its row number (a field with line breaks came before)."""
    return f" (line {line:,})" if line != row else ""


def _jsonl_rows(path: Path, limit: int) -> Iterator[ImportItem | InputError]:
    try:
        with _table_lines(path, limit, "save the file as UTF-8 and import again") as lines:
            for number, line in enumerate(lines, 1):
                where = f"{path} line {number}"
                problem = lines.problem_in(number, number)
                if problem:
                    yield InputError(f"{where}: {problem[1]}")
                elif line.strip():
                    yield _json_row(line, where, f"{path.stem} line {number}", limit)
    except OSError as e:
        yield InputError(f"{path}: cannot read ({e.strerror or e.__class__.__name__})")
    except InputError as e:
        yield e


def _json_row(line: str, where: str, fallback_title: str, limit: int) -> ImportItem | InputError:
    """One JSONL line as an item, or the one error that says what is wrong with it."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as e:
        return InputError(f"{where}: not valid JSON ({e.msg} at column {e.colno:,}); each line must be one object")
    except RecursionError:
        return InputError(
            f'{where}: nested too deeply to read; each line must be one flat object like {{"text": "..."}}'
        )
    except ValueError as e:  # e.g. an integer with more digits than Python converts
        return InputError(f"{where}: not readable JSON ({e}); each line must be one object")
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return InputError(f'{where}: expected an object with a "text" string, like {{"title": "...", "text": "..."}}')
    values = {k: str(v) for k, v in value.items() if k in FIELDS and v is not None}
    return _row_item(values, where, fallback_title, limit)
