"""Read role descriptions from files, folders, uploads and stdin — safely.

Every way a text can be unusable (missing path, empty, binary, not UTF-8,
over the size limit, a folder with nothing readable) becomes an `InputError`
with one line that says what is wrong and what to do. The CLI and the UI
both read through here, so they say the same thing.

.docx and .pdf are turned into text here too (python-docx and pypdf are
imported only when such a file arrives).
"""

from __future__ import annotations

import io
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


def _human(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def decode(data: bytes, name: str, limit: int | None = None) -> str:
    """Bytes of a text file to a checked string, or an InputError."""
    limit = limit or max_bytes()
    if len(data) > limit:
        raise InputError(
            f"{name}: {_human(len(data))} is over the {_human(limit)} limit; "
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


def extract(data: bytes, name: str, limit: int | None = None) -> str:
    """Text of an uploaded or on-disk file by its suffix (.txt, .md, .docx, .pdf...)."""
    limit = limit or max_bytes()
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return _from_docx(data, name, limit)
    if suffix == ".pdf":
        return _from_pdf(data, name, limit)
    return decode(data, name, limit)


def _checked_size(data: bytes, name: str, limit: int) -> None:
    # Office files are compressed: allow them ten times the text limit.
    if len(data) > limit * 10:
        raise InputError(f"{name}: {_human(len(data))} is too large to open; the limit is {_human(limit * 10)}")


def _from_docx(data: bytes, name: str, limit: int) -> str:
    _checked_size(data, name, limit)
    import zipfile

    import docx  # python-docx, only when a .docx arrives

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(
            f"{name}: not a readable .docx file ({e.__class__.__name__}); save it again from Word or paste the text"
        ) from None
    lines = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            lines.append("")
            continue
        style = (para.style.name or "").lower() if para.style is not None else ""
        if style.startswith("heading") or style == "title":
            level = style.removeprefix("heading").strip()
            lines.append("#" * (int(level) if level.isdigit() else 1) + " " + text)
        elif "list" in style:
            lines.append("- " + text)
        else:
            lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append("| " + " | ".join(c.text.strip() for c in row.cells) + " |")
    return _checked_text("\n".join(lines), name, limit, what="text")


def _from_pdf(data: bytes, name: str, limit: int) -> str:
    _checked_size(data, name, limit)
    import pypdf  # only when a .pdf arrives
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, OSError) as e:
        raise InputError(
            f"{name}: not a readable PDF ({e.__class__.__name__}); export it again or paste the text"
        ) from None
    text = "\n\n".join(p.strip() for p in pages)
    if not text.strip():
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); run it through OCR or paste the text")
    return _checked_text(text, name, limit, what="text")


def _checked_text(text: str, name: str, limit: int, what: str) -> str:
    if not text.strip():
        raise InputError(f"{name}: contains no {what}; paste the role description instead")
    if len(text.encode("utf-8")) > limit:
        raise InputError(f"{name}: its text is over the {_human(limit)} limit; split the document")
    return text


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
                f"{name}: {_human(size)} is over the {_human(limit)} limit; "
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
