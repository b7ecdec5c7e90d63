"""Read role descriptions from files, folders, uploads and stdin — safely.

Every way a text can be unusable (missing path, empty, binary, not UTF-8,
over the size limit, a folder with nothing readable, a pipe or device, a
damaged document) becomes an `InputError` with one line that says what is
wrong and what to do. The CLI and the UI both read through here, so they
say the same thing.

Every read is bounded: a file is read up to its limit and one byte, never
further, and .docx and .pdf are turned into text by `coach.documents`,
which caps what they unpack and parse (it is imported, with pypdf, only
when such a file arrives).
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.errors import InputError

DEFAULT_MAX_BYTES = 1_000_000
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".html", ".htm", ".rst"})
DOC_SUFFIXES = frozenset({".docx", ".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | DOC_SUFFIXES
_RAISE_LIMIT = "split the file or raise the limit with --max-bytes / COACH_MAX_BYTES"


def for_the_web(message: str) -> str:
    """An input error as a web user should read it: no command-line option, what to do in a browser."""
    hint = f"split the text or paste only the role itself (the app takes up to {human(max_bytes())} of text)"
    return message.replace(_RAISE_LIMIT, hint)


def limits_in_words() -> str:
    """The size limits, as the upload box states them: text files and pasted text, then .docx and .pdf."""
    limit = max_bytes()
    return f"text up to {human(limit)}, .docx and .pdf up to {human(document_limit(limit))}"


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


def document_limit(limit: int) -> int:
    """The file size limit for a .docx or .pdf: ten times the text limit, since they are compressed."""
    return limit * 10


def human(n: int) -> str:
    """A byte count as people read it: '1.5 MB' or '2,048 bytes'."""
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


@dataclass(frozen=True)
class Source:
    """A text to check and where it came from (a path, an upload name or '-')."""

    name: str
    text: str


def decode(data: bytes, name: str, limit: int | None = None) -> str:
    """Bytes of a text file to a checked string, or an InputError.

    UTF-8 is expected; a byte-order mark says when a file is UTF-16 instead
    (Windows' "Unicode" text), and it is decoded as such.
    """
    limit = limit or max_bytes()
    if len(data) > limit:
        raise InputError(f"{name}: {human(len(data))} is over the {human(limit)} limit; {_RAISE_LIMIT}")
    text = _decoded(data, name)
    if not text.strip():
        raise InputError(f"{name}: is empty; paste or write the role description first")
    return text


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decoded(data: bytes, name: str) -> str:
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    binary = InputError(f"{name}: looks like a binary file, not text; save the role description as .txt or .md")
    if encoding != "utf-16" and b"\x00" in data:  # UTF-16 is full of zero bytes; other text has none
        raise binary
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        if encoding == "utf-16":
            raise InputError(
                f"{name}: starts like UTF-16 text but is not valid UTF-16 (byte {e.start:,}); "
                "save it as UTF-8 text and try again"
            ) from None
        raise InputError(
            f"{name}: not valid UTF-8 at {where_not_utf8(data, e)}; "
            "save it as UTF-8 text (in most editors: Save As, Encoding: UTF-8) and try again"
        ) from None
    if "\x00" in text:
        raise binary
    return text


def where_not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """Where a UTF-8 decoding error is, and what the byte probably meant, for a person to find it.

    'line 3, column 14 (byte 0xE9: "é" in Windows-1252/Latin-1)': a line
    and column an editor can go to, and the character the byte stands for
    in the single-byte encoding that Windows and older tools save by default.
    """
    line_start = data.rfind(b"\n", 0, error.start) + 1
    line = data.count(b"\n", 0, line_start) + 1
    column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
    return f"line {line:,}, column {column:,} ({bad_byte(data[error.start])})"


def bad_byte(byte: int) -> str:
    """'byte 0xE9: "é" in Windows-1252/Latin-1', the likeliest meaning of a byte that is not UTF-8."""
    try:
        return f'byte 0x{byte:02X}: "{bytes([byte]).decode("cp1252")}" in Windows-1252/Latin-1'
    except UnicodeDecodeError:  # five bytes mean nothing in Windows-1252
        return f"byte 0x{byte:02X}"


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
    """One file as a checked Source.

    Only a regular file is read, and never more than its limit and one
    byte: a FIFO would wait forever for a writer, /dev/zero would fill the
    memory, and a file can grow after its size was looked at.
    """
    name = str(path)
    limit = limit or max_bytes()
    document = path.suffix.lower() in DOC_SUFFIXES
    cap = document_limit(limit) if document else limit
    data = _read_regular_file(path, name, cap)
    if len(data) > cap and not document:  # grew past the limit while being read (extract says so for documents)
        raise InputError(f"{name}: more than the {human(limit)} limit; {_RAISE_LIMIT}")
    return Source(name, extract(data, name, limit))


def _read_regular_file(path: Path, name: str, cap: int) -> bytes:
    """At most `cap` + 1 bytes of a regular file, or an InputError saying why not."""
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a folder; pass it on its own to check every file in it")
        # O_NONBLOCK: opening a FIFO to look at it must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(
                    f"{name}: is not a regular file (a pipe, device or socket); "
                    "save the role description to a file and pass that, or pipe it to -"
                )
            if info.st_size > cap:
                raise _too_large(name, info.st_size, cap)
            return f.read(cap + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; pass it on its own to check every file in it") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e.__class__.__name__})") from None
    except ValueError:  # a NUL character in the path
        raise InputError(f"{name}: not a usable path; check the name") from None


def _too_large(name: str, size: int, cap: int) -> InputError:
    if Path(name).suffix.lower() in DOC_SUFFIXES:
        return InputError(f"{name}: {human(size)} is too large to open; the limit is {human(cap)}")
    return InputError(f"{name}: {human(size)} is over the {human(cap)} limit; {_RAISE_LIMIT}")


def read_stdin(limit: int | None = None) -> Source:
    """Standard input as a checked Source, read up to the limit and one byte."""
    limit = limit or max_bytes()
    data = sys.stdin.buffer.read(limit + 1)
    if not data.strip():
        raise InputError("-: standard input is empty; pipe a role description in, e.g. coach check - < role.md")
    return Source("-", decode(data, "-", limit))


def expand(paths: list[str]) -> Iterator[Path | InputError]:
    """Files to read, in a stable order; folders become their supported files.

    Yields an InputError in place of a path that does not exist, a folder
    with nothing readable, a subfolder that cannot be opened or a link that
    leads out of the folder, so a batch reports it and goes on.
    """
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            yield path
        elif path.is_dir():
            yield from _folder(path, raw)
        elif not path.exists() and not path.is_symlink():
            yield InputError(f"{raw}: no such file or folder; check the path")
        else:
            yield path  # read_path says what is wrong with it, if anything


def _folder(root: Path, raw: str) -> Iterator[Path | InputError]:
    """The supported files under `root`, sorted, and an error for each part that was skipped.

    Hidden files and folders (.git, .venv), virtual environments (any folder
    with a `pyvenv.cfg`), `node_modules` and `__pycache__` are not role
    descriptions and are passed over without a word. Links are followed only when they stay
    inside `root`: a folder of role descriptions should not read files from
    elsewhere on the disk because someone linked them in.
    """
    inside = root.resolve()
    found: list[tuple[Path, Path | InputError]] = []

    def cannot_open(error: OSError) -> None:
        where = Path(error.filename or root)
        reason = error.strerror or error.__class__.__name__
        found.append((where, InputError(f"{where}: cannot open this folder ({reason}); its files were skipped")))

    for folder, dirs, files in os.walk(root, onerror=cannot_open):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not _not_roles(here / d)]
        for d in dirs:
            if (here / d).is_symlink() and not _within(here / d, inside):
                found.append((here / d, _outside(here / d, raw, "folder")))
        for f in files:
            path = here / f
            if f.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if path.is_symlink() and not _within(path, inside):
                found.append((path, _outside(path, raw, "file")))
            else:
                found.append((path, path))
    if not found:
        yield InputError(
            f"{raw}: no readable files in this folder; add .txt, .md, .html, .docx or .pdf role descriptions"
        )
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


_NOT_ROLES = frozenset({"node_modules", "__pycache__", "site-packages"})


def _not_roles(folder: Path) -> bool:
    """A folder of tooling, not of role descriptions: hidden, a virtual environment, node_modules."""
    return folder.name.startswith(".") or folder.name in _NOT_ROLES or (folder / "pyvenv.cfg").is_file()


def _within(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a link loop
        return False


def _outside(path: Path, raw: str, kind: str) -> InputError:
    return InputError(f"{path}: is a link to a {kind} outside {raw}; skipped (copy what it links to into the folder)")
