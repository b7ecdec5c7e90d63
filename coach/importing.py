"""What `coach import` reads: folders of documents, CSV tables and JSONL files, as ImportItems.

Documents (.txt, .md, .html, .docx, .pdf) are read through `coach.inputs`,
so a bad file gives the same one-line message as `coach check`. A CSV needs
a header with a `text` column (`title`, `team`, `owner`, `id` are used when
present); a JSONL file has one object per line with the same keys. Every
unusable file, row or line becomes an `InputError` in the stream instead of
stopping the import: the caller reports it and goes on.

Each item gets a `key`, its identity across imports: a document's absolute
path, a row's `id`, or else its team and title (`coach.store.identity`) —
so re-importing an edited file or table updates the contract (a new
version) instead of adding one, and two rows with the same text but
different titles or teams are two contracts.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

from coach.errors import InputError
from coach.inputs import expand, max_bytes, read_path
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
            for row in reader(Path(raw), limit):
                yield row if isinstance(row, InputError) else _with_defaults(row, team, owner)
            continue
        for target in expand([raw]):
            if isinstance(target, InputError):
                yield target
            elif str(target) == "-":
                yield InputError("-: import reads files and folders, not standard input; save the text to a file first")
            else:
                yield from _document(target, team, owner, limit)


def count(paths: list[str]) -> int:
    """How many items `items_from` will yield (errors included), for the progress bar."""
    total = 0
    for raw in paths:
        if is_table(raw):
            try:
                with Path(raw).open(encoding="utf-8-sig", errors="replace", newline="") as f:
                    if TABLE_SUFFIXES[Path(raw).suffix.lower()] == "csv":
                        _raise_csv_field_limit(max_bytes())
                        total += max(0, sum(1 for _ in csv.reader(f)) - 1)
                    else:
                        total += sum(1 for line in f if line.strip())
            except (OSError, csv.Error):
                total += 1
        else:
            total += sum(1 for _ in expand([raw]))
    return total


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


def _csv_rows(path: Path, limit: int) -> Iterator[ImportItem | InputError]:
    _raise_csv_field_limit(limit)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            if "text" not in header:
                found = ", ".join(h for h in header if h) or "nothing"
                yield InputError(
                    f"{path}: no 'text' column (the header has {found}); add a header row with title, team, text"
                )
                return
            for number, row in enumerate(reader, 2):  # the row number a spreadsheet shows (header is 1)
                where = f"{path} row {number}"
                if not any(cell.strip() for cell in row):
                    continue
                yield _row_item(dict(zip(header, row, strict=False)), where, f"{path.stem} row {number}", limit)
    except UnicodeDecodeError as e:
        yield InputError(f"{path}: not valid UTF-8 (byte {e.start}); save the CSV as UTF-8 and import again")
    except csv.Error as e:
        yield InputError(f"{path}: not a readable CSV ({e}); check the quoting near that line")
    except OSError as e:
        yield InputError(f"{path}: cannot read ({e.strerror})")


def _jsonl_rows(path: Path, limit: int) -> Iterator[ImportItem | InputError]:
    try:
        with path.open(encoding="utf-8-sig") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{path} line {number}"
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as e:
                    yield InputError(f"{where}: not valid JSON ({e.msg}); each line must be one object")
                    continue
                if not isinstance(value, dict) or not isinstance(value.get("text"), str):
                    yield InputError(
                        f'{where}: expected an object with a "text" string, like {{"title": "...", "text": "..."}}'
                    )
                    continue
                values = {k: str(v) for k, v in value.items() if k in FIELDS and v is not None}
                yield _row_item(values, where, f"{path.stem} line {number}", limit)
    except UnicodeDecodeError as e:
        yield InputError(f"{path}: not valid UTF-8 (byte {e.start}); save it as UTF-8 and import again")
    except OSError as e:
        yield InputError(f"{path}: cannot read ({e.strerror})")
