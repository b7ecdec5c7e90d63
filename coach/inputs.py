"""Read role descriptions from files, folders, uploads and stdin — safely.

Every way a text can be unusable (missing path, empty, binary, not UTF-8,
over the size limit, a folder with nothing readable) becomes an `InputError`
with one line that says what is wrong and what to do. The CLI and the UI
both read through here, so they say the same thing.

.docx and .pdf are turned into text by `coach.documents`, which caps what
they unpack and parse (it is imported, with pypdf, only when such a file
arrives).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.errors import InputError

DEFAULT_MAX_BYTES = 1_000_000
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".html", ".htm", ".rst"})
DOC_SUFFIXES = frozenset({".docx", ".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | DOC_SUFFIXES


def max_bytes() -> int:
    """The input size limit: COACH_MAX_BYTES, or 1 MB."""
    raw = os.environ.get("COACH_MAX_BYTES", "")
    try:
        value = int(raw) if raw else DEFAULT_MAX_BYTES
    except ValueError:
        raise InputError(
            f"COACH_MAX_BYTES={raw!r} is not a whole number of bytes; unset it or use e.g. 2000000"
        ) from None
    return value if value > 0 else DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Source:
    """A text to check and where it came from (a path, an upload name or '-')."""

    name: str
    text: str


def human(n: int) -> str:
    """A byte count as people read it: '1.5 MB' or '2,048 bytes'."""
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def decode(data: bytes, name: str, limit: int | None = None) -> str:
    """Bytes of a text file to a checked string, or an InputError."""
    limit = limit or max_bytes()
    if len(data) > limit:
        raise InputError(
            f"{name}: {human(len(data))} is over the {human(limit)} limit; "
            "split the file or raise the limit with --max-bytes / COACH_MAX_BYTES"
        )
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text; save the role description as .txt or .md")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not valid UTF-8 (byte {e.start}); save it as UTF-8 text and try again") from None
    if not text.strip():
        raise InputError(f"{name}: is empty; paste or write the role description first")
    return text


def document_limit(limit: int) -> int:
    """The file size limit for a .docx or .pdf: ten times the text limit, since they are compressed."""
    return limit * 10


def extract(data: bytes, name: str, limit: int | None = None) -> str:
    """Text of an uploaded or on-disk file by its suffix (.txt, .md, .docx, .pdf...).

    Whatever goes wrong inside a document parser becomes an InputError
    naming the file: a damaged document can break a parser in any way, and
    it must cost only its own line in a batch, never the batch.
    """
    limit = limit or max_bytes()
    suffix = Path(name).suffix.lower()
    if suffix not in DOC_SUFFIXES:
        return decode(data, name, limit)
    if len(data) > document_limit(limit):
        raise InputError(
            f"{name}: {human(len(data))} is too large to open; the limit is {human(document_limit(limit))}"
        )
    from coach import documents  # the .docx and .pdf readers, only when such a file arrives

    kind, fix = (".docx file", "save it again from Word") if suffix == ".docx" else ("PDF", "export it again")
    try:
        text = documents.docx_text(data, name, limit) if suffix == ".docx" else documents.pdf_text(data, name, limit)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{name}: not a readable {kind} (it is nested too deeply); {fix} or paste the text") from None
    except Exception as e:  # a damaged document may break its parser in any way
        raise InputError(f"{name}: not a readable {kind} ({e.__class__.__name__}); {fix} or paste the text") from None
    if text.strip():
        return text
    if suffix == ".pdf":
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); run it through OCR or paste the text")
    raise InputError(f"{name}: contains no text; paste the role description instead")


def read_path(path: Path, limit: int | None = None) -> Source:
    """One file as a checked Source."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a folder; pass it on its own to check every file in it")
        size = path.stat().st_size
        limit = limit or max_bytes()
        if path.suffix.lower() not in DOC_SUFFIXES and size > limit:
            raise InputError(
                f"{name}: {human(size)} is over the {human(limit)} limit; "
                "split the file or raise the limit with --max-bytes / COACH_MAX_BYTES"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; pass it on its own to check every file in it") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror})") from None
    return Source(name, extract(data, name, limit))


def read_stdin(limit: int | None = None) -> Source:
    limit = limit or max_bytes()
    data = sys.stdin.buffer.read(limit + 1)
    if not data.strip():
        raise InputError("-: standard input is empty; pipe a role description in, e.g. coach check - < role.md")
    return Source("-", decode(data, "-", limit))


def expand(paths: list[str]) -> Iterator[Path | InputError]:
    """Files to read, in a stable order; folders become their supported files.

    Yields an InputError in place of a path that does not exist or a folder
    with nothing readable, so a batch reports it and goes on.
    """
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            yield path
        elif path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not _hidden(p, path)
            )
            if not files:
                yield InputError(
                    f"{raw}: no readable files in this folder; add .txt, .md, .html, .docx or .pdf role descriptions"
                )
            yield from files
        elif not path.exists():
            yield InputError(f"{raw}: no such file or folder; check the path")
        else:
            yield path


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)
