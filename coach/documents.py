"""Text out of .docx and .pdf files, with a hard bound on what each file may cost.

Both formats are containers whose insides can be far larger than the file:
a 2 MB .docx can unpack to 1.5 GB of XML, a 10 MB PDF can hold 90,000
pages. So nothing here unpacks or parses a document whole before looking
at it. Every part is read with a byte cap, the .docx XML is parsed as a
stream (expat, no tree in memory), and the text limit is checked while the
text is produced, so a reader stops at the first limit it crosses.

Why not python-docx: its `paragraph.style` finds a paragraph's style by
scanning every style in the file, about a millisecond each time (and the
reader asked twice per paragraph), so 20,000 one-letter paragraphs took
9 s, 52 s on a slower machine; and it parses the whole document into a
tree first, so a zip bomb took many GB of memory. The text needs only the
paragraphs, their style names and the table cells, which a streaming
parser gets in one pass, in a few milliseconds per thousand paragraphs.

pypdf is imported only when a PDF arrives; what it logs or warns about a
damaged file is kept off the terminal, where only our one line should be.

A PDF has no headings, only text drawn larger or bolder: coach.pdf_headings
marks them, so a heading is never glued to the sentence after it.
"""

from __future__ import annotations

import io
import logging
import posixpath
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any
from xml.parsers import expat

from coach.errors import InputError
from coach.inputs import human
from coach.pdf_headings import Line, LineReader, with_headings

MAX_PARAGRAPHS = 100_000
MAX_PAGES = 500
MAX_PDF_OBJECTS = 50_000
_CHUNK = 64 * 1024

# Both spellings of the WordprocessingML namespace (transitional, as Word
# writes it, and ISO strict); anything else in the XML is ignored.
_WORD = frozenset(
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"}
)
# Word writes a text box twice, as a drawing and as an older VML fallback:
# reading only the first keeps its text from appearing twice.
_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006 Fallback"


def xml_budget(limit: int) -> int:
    """How many bytes of XML one .docx part may unpack to: ten times the text limit, at least 10 MB.

    Word's XML is about ten times the text it holds; 10 MB is far more than
    any role description and still parses in well under a second.
    """
    return max(10 * limit, 10_000_000)


def pdf_content_budget(limit: int) -> int:
    """How many bytes of page drawing instructions a PDF may hold: the text limit, at least 1 MB.

    pypdf interprets them at about a megabyte a second, so this keeps a PDF
    under two seconds; text takes fewer bytes to draw than it has.
    """
    return max(limit, 1_000_000)


# --- .docx ---------------------------------------------------------------


def docx_text(data: bytes, name: str, limit: int) -> str:
    """The text of a .docx as Markdown-like lines: '# ' headings, '- ' list items, '| a | b |' table rows."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(
            f"{name}: not a readable .docx file (not a zip archive: an old .doc, or password-protected?); "
            "save it again from Word as .docx or paste the text"
        ) from None
    with archive:
        budget = xml_budget(limit)
        main = _related(archive, "", "officeDocument", name) or "word/document.xml"
        styles_part = _related(archive, main, "styles", name)
        styles = _style_names(archive, styles_part, name, budget) if styles_part else {}
        body = _BodyText(name, limit, styles)
        _parse_part(archive, main, body.wire, name, budget)
        return body.text()


def _part_stream(archive: zipfile.ZipFile, part: str, name: str, budget: int) -> IO[bytes]:
    """An open member of the archive, refused up front when it declares more than `budget` bytes."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise InputError(
            f"{name}: not a readable .docx file (it has no {part}); save it again from Word or paste the text"
        ) from None
    if info.file_size > budget:
        raise _expands(name, budget)
    return archive.open(info)


def _expands(name: str, budget: int) -> InputError:
    return InputError(
        f"{name}: expands to more than {human(budget)} when unpacked, far more than a role description "
        "(a damaged file or a zip bomb); save it again from Word or paste the text"
    )


def _parse_part(archive: zipfile.ZipFile, part: str, wire: Callable[[Any], None], name: str, budget: int) -> None:
    """Stream one XML part through expat with the handlers `wire` sets, never reading more than `budget` bytes.

    The declared size was checked already; the count here holds even when
    the declaration lies.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def no_doctype(*_: object) -> None:  # Word never writes one; refusing it rules out entity expansion
        raise InputError(f"{name}: not a readable .docx file ({part} declares a DOCTYPE); paste the text instead")

    parser.StartDoctypeDeclHandler = no_doctype
    wire(parser)
    read = 0
    try:
        with _part_stream(archive, part, name, budget) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > budget:
                    raise _expands(name, budget)
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as e:
        raise InputError(
            f"{name}: not a readable .docx file (broken XML in {part}: {expat.ErrorString(e.code)}); "
            "save it again from Word or paste the text"
        ) from None


def _related(archive: zipfile.ZipFile, source: str, kind: str, name: str) -> str | None:
    """The part that `source` (or, for '', the package) points to with a relationship of this kind.

    Office files say where their parts are in `_rels/*.rels`; following them
    finds a document that a generator did not name word/document.xml.
    """
    folder, base = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in archive.namelist():
        return None
    targets: dict[str, str] = {}

    def relationship(tag: str, attrs: dict[str, str]) -> None:
        if tag.endswith("Relationship") and attrs.get("TargetMode") != "External":
            targets.setdefault(attrs.get("Type", "").rsplit("/", 1)[-1], attrs.get("Target", ""))

    def wire(parser: Any) -> None:
        parser.StartElementHandler = relationship

    _parse_part(archive, rels, wire, name, 1_000_000)
    target = targets.get(kind)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _style_names(archive: zipfile.ZipFile, part: str, name: str, budget: int) -> dict[str, str]:
    """Style id → style name ('Heading1' → 'heading 1'), which says which paragraphs are headings."""
    names: dict[str, str] = {}
    current: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        ns, _, local = tag.rpartition(" ")
        if ns not in _WORD:
            return
        if local == "style":
            current[:] = [attrs.get(f"{ns} styleId", "")]
        elif local == "name" and current:
            names[current[0]] = attrs.get(f"{ns} val", "")

    def wire(parser: Any) -> None:
        parser.StartElementHandler = start

    if part in archive.namelist():
        _parse_part(archive, part, wire, name, budget)
    return names


class _Paragraph:
    """The text runs and style of one paragraph while it is being read."""

    __slots__ = ("listed", "parts", "style")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.style = ""
        self.listed = False


class _BodyText:
    """Expat handlers that turn word/document.xml into lines of text as it streams by.

    Paragraphs are counted as they open and the text is measured line by
    line, so a document over MAX_PARAGRAPHS or the text limit is refused at
    that point, not after reading the rest (what one paragraph or table row
    holds before it ends is bounded by the XML budget). Runs of empty
    paragraphs, Word's way of adding space, become one blank line.
    """

    def __init__(self, name: str, limit: int, styles: dict[str, str]) -> None:
        self.name, self.limit, self.styles = name, limit, styles
        self.lines: list[str] = []
        self.size = 0  # bytes of text in self.lines
        self.paragraphs = 0
        self.open: list[_Paragraph] = []  # a text box holds paragraphs inside a paragraph
        self.in_text = self.in_run = 0
        self.tables = 0  # table nesting; cells of nested tables are read into the outer cell
        self.row: list[str] = []
        self.cell: list[str] = []
        self.skipping = 0

    def wire(self, parser: Any) -> None:
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _FALLBACK or self.skipping:
            self.skipping += tag == _FALLBACK
            return
        ns, _, local = tag.rpartition(" ")
        if ns not in _WORD:
            return
        if local == "p":
            self.paragraphs += 1
            if self.paragraphs > MAX_PARAGRAPHS:
                raise InputError(
                    f"{self.name}: has more than {MAX_PARAGRAPHS:,} paragraphs, far more than a role description; "
                    "split the document or paste the text"
                )
            self.open.append(_Paragraph())
        elif local == "t":
            self.in_text += 1
        elif local == "r":
            self.in_run += 1
        elif not self.open:
            if local == "tbl":
                self.tables += 1
            elif local == "tr" and self.tables == 1:
                self.row = []
            elif local == "tc" and self.tables == 1:
                self.cell = []
        elif local == "pStyle":
            self.open[-1].style = attrs.get(f"{ns} val", "")
        elif local == "numPr":
            self.open[-1].listed = True
        elif self.in_run and local in ("tab", "ptab"):
            self.open[-1].parts.append("\t")
        elif self.in_run and local in ("br", "cr") and attrs.get(f"{ns} type", "textWrapping") == "textWrapping":
            self.open[-1].parts.append("\n")
        elif self.in_run and local == "noBreakHyphen":
            self.open[-1].parts.append("-")

    def end(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= tag == _FALLBACK
            return
        ns, _, local = tag.rpartition(" ")
        if ns not in _WORD:
            return
        if local == "p" and self.open:
            self._paragraph_done(self.open.pop())
        elif local == "t":
            self.in_text -= 1
        elif local == "r":
            self.in_run -= 1
        elif self.open:
            return
        elif local == "tc" and self.tables == 1:
            self.row.append(" ".join(c for c in self.cell if c))
        elif local == "tr" and self.tables == 1:
            self._add_line("| " + " | ".join(self.row) + " |")
        elif local == "tbl":
            self.tables -= 1

    def chars(self, data: str) -> None:
        if self.in_text and self.open:
            self.open[-1].parts.append(data)

    def _paragraph_done(self, para: _Paragraph) -> None:
        text = "".join(para.parts).strip()
        if self.tables:
            self.cell.append(text)
            return
        style = self.styles.get(para.style, para.style).lower()
        if not text:
            self._add_line("")
        elif style.startswith("heading") or style == "title":
            level = style.removeprefix("heading").strip()
            self._add_line("#" * (min(int(level), 6) if level.isdigit() else 1) + " " + text)
        elif "list" in style or para.listed:
            self._add_line("- " + text)
        else:
            self._add_line(text)

    def _add_line(self, line: str) -> None:
        if not line and (not self.lines or not self.lines[-1]):
            return
        self.lines.append(line)
        self.size += len(line.encode("utf-8")) + 1
        if self.size > self.limit:
            raise InputError(f"{self.name}: its text is over the {human(self.limit)} limit; split the document")

    def text(self) -> str:
        return "\n".join(self.lines).strip()


# --- .pdf ----------------------------------------------------------------


def pdf_text(data: bytes, name: str, limit: int) -> str:
    """The text of a PDF's pages, refused as soon as it has too many pages, too much to draw or too much text."""
    _check_object_count(data, name)
    import pypdf  # only when a PDF arrives

    with _quiet_pypdf():
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: is password-protected; save a copy without the password or paste the text")
        _check_page_count(reader, name)
        pages = list(_page_lines(reader, name, limit))
    return "\n\n".join(with_headings(pages))


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's warnings about damaged files ("incorrect startxref pointer") off stderr.

    pypdf logs them through the `pypdf` logger (printed by logging's last
    resort handler when nothing is configured) and sometimes with `warnings`.
    The file is either read anyway or refused with our own message, so
    neither is worth a line of its own.
    """
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _check_object_count(data: bytes, name: str) -> None:
    """Refuse a PDF with more than MAX_PDF_OBJECTS objects before pypdf opens it.

    Opening a PDF, pypdf seeks to every object the cross-reference table
    lists to check it is there (about 10 µs each): a 10 MB file of 90,000
    one-line pages costs a second before its first page. Counting the
    `endobj` keywords (5 ms) bounds that; 50,000 is a hundred objects for
    each of MAX_PAGES pages. Objects packed into object streams are not
    counted, but pypdf does not check those when it opens the file either.
    """
    objects = data.count(b"endobj")
    if objects > MAX_PDF_OBJECTS:
        raise InputError(
            f"{name}: is built of {objects:,} PDF objects, more than a {MAX_PAGES:,}-page document needs; "
            "split the PDF or paste the text"
        )


def _check_page_count(reader: Any, name: str) -> None:
    """Refuse a PDF with more than MAX_PAGES pages before pypdf builds an object for each.

    pypdf flattens the whole page tree to count it (90,000 pages: 5 s), so
    the tree is walked here, counting the references still to visit as
    pages, which stops a huge or looping tree after a few hundred objects.
    """
    pending: list[Any] = [reader.trailer["/Root"]["/Pages"]]
    pages = visited = 0
    while pending:
        node = pending.pop().get_object()
        visited += 1
        kids = node.get("/Kids") if isinstance(node, dict) else None
        if kids is None:
            pages += 1
        else:
            pending.extend(kids.get_object())
        if pages + len(pending) > MAX_PAGES or visited > 2 * MAX_PAGES:
            raise InputError(
                f"{name}: has more than {MAX_PAGES:,} pages, far more than a role description; "
                "split the PDF or paste the text"
            )


def _page_lines(reader: Any, name: str, limit: int) -> Iterator[list[Line]]:
    """Each page's lines, stopping at the first page that takes the total over a limit."""
    drawn = size = 0
    budget = pdf_content_budget(limit)
    for page in reader.pages:
        contents = page.get_contents()
        drawn += len(contents.get_data()) if contents is not None else 0
        if drawn > budget:
            raise InputError(
                f"{name}: its pages hold more than {human(budget)} of drawing instructions, far more than "
                "a role description needs; export it again as a plain text PDF or paste the text"
            )
        visitor = LineReader()
        text = page.extract_text(visitor_text=visitor) or ""
        size += len(text.strip().encode("utf-8")) + 2
        if size > limit:
            raise InputError(f"{name}: its text is over the {human(limit)} limit; split the document")
        yield visitor.page_lines(text)
