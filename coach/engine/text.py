"""Turn a role description into units (sentences and list items) with offsets.

The engine matches cues on a *masked* copy of the text: the same length as the
original, lower-cased, with markup (HTML tags, Markdown emphasis, link
targets, list markers) blanked out with spaces. Because the lengths match,
every offset found in the masked text is an offset into the original, so
evidence can always be highlighted exactly where the user wrote it.

Units carry the headings they sit under, because headings carry meaning:
items under "What success looks like" are measures, items under
"Requirements" are asks of the candidate, not means at their disposal.

Everything here is linear in the input size: no pattern can backtrack
catastrophically (inputs of 1 MB, or 200 KB without punctuation, must finish
well under two seconds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from coach import markup

UnitKind = Literal["heading", "item", "sentence"]

# A unit longer than this is cut at a space: evidence stays readable and a
# text with no punctuation still yields many small units.
MAX_UNIT_CHARS = 600

# The HTML patterns are shared with the LLM path (coach.markup): one definition, linear on any input.
_HTML_TAG = markup.TAG
_HTML_BLOCK_END = markup.BLOCK_TAG
_HTML_HEADING = re.compile(r"<h([1-6])\b", re.I)
_HTML_LI = re.compile(r"<li\b", re.I)
_MD_LINK_TARGET = re.compile(r"\]\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,200}\")?\)")
_MD_IMAGE = re.compile(r"!\[")
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]{1,2000}")
_TABLE_PIPES = re.compile(r"\|")
_ENTITY = markup.ENTITY

_ATX = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(\S)")
_SETEXT = re.compile(r"[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE_LINE = re.compile(r"[ \t]{0,3}(?:[-*_][ \t]*){3,}$")
_BULLET = re.compile(r"([ \t]*)(?:[-*+•·▪◦‣–]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\[[ xX]\])[ \t]+(?=\S)")
_BOLD_LINE = re.compile(r"[ \t]*(?:\*\*|__)([^*_\n]{1,120})(?:\*\*|__)[ \t]*:?[ \t]*$")
_TABLE_SEP = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}")

# Sentence ends: terminal punctuation, optional closing quotes/brackets or
# emphasis ("**Do you own the budget?** Then..." is two sentences), whitespace,
# then something that can start a sentence.
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]?[A-Z0-9])")
_ABBREV = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "vs",
        "no",
        "nos",
        "inc",
        "ltd",
        "co",
        "st",
        "approx",
        "cf",
        "jr",
        "sr",
        "dept",
        "al",
        "fig",
        "min",
        "max",
        "est",
        "op",
        "vol",
        "ed",
        "eds",
        "pp",
        "incl",
        "resp",
        "esp",
        "ca",
    ]
)


class Unit(NamedTuple):
    """A sentence, list item or heading, with its offsets in the original.

    A NamedTuple rather than a dataclass: a description has hundreds of
    units and tuples are the cheapest immutable records Python makes.
    """

    position: int  # its place among the document's units (not `index`, which tuple already has)
    start: int
    end: int
    kind: UnitKind
    headings: tuple[str, ...]  # masked, lower-cased headings above it, outermost first
    label: str = ""  # an inline label such as "reports to" in "**Reports to** the CTO"


@dataclass(slots=True, eq=False, repr=False)
class Document:
    """The original text, its masked twin and its units in reading order."""

    text: str
    masked: str
    units: list[Unit] = field(default_factory=list)


_MARKUP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("<", _HTML_TAG),
    ("](", _MD_LINK_TARGET),
    ("http", _BARE_URL),
    ("![", _MD_IMAGE),
    ("&", _ENTITY),
)


def _blank(s: str) -> str:
    """Spaces of the same length, keeping line breaks (so lines and offsets stay where they were)."""
    return " " * len(s) if "\n" not in s else "".join("\n" if c == "\n" else " " for c in s)


def _spaces(m: re.Match[str]) -> str:
    return _blank(m.group())


# Double quotes are blanked like emphasis: a cue's words may be quoted ("a “go” or “no-go” signal").
_SAME_LENGTH = (("’", "'"), ("‘", "'"), ("“", " "), ("”", " "), ('"', " "), ("\u00a0", " "), ("\t", " "))
_EMPHASIS_MARKS = (("*", " "), ("__", "  "), ("`", " "), ("~~", "  "))
# "_word_" emphasis: an underscore that opens or closes a word (not one inside snake_case).
_UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)_(?=\w)|(?<=\w)_(?!\w)")


def mask(text: str) -> str:
    """Lower-case `text` and blank out markup, keeping every offset.

    Lower-casing can change a string's length for a few characters (e.g.
    'İ'); those keep their original case so offsets never drift. Every step
    is a C-speed replace or a regex with a literal prefix: this runs on
    every check.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for old, new in _SAME_LENGTH:
        if old in lowered:
            lowered = lowered.replace(old, new)
    if markup.COMMENT_OPEN in lowered:
        # Comments are found with str.find, not a regex: a text of a million `<!--`
        # stays linear (a lazy `<!--.*?-->` retried from every opening is quadratic).
        parts, last = [], 0
        for a, b in markup.comment_spans(lowered):
            parts += [lowered[last:a], _blank(lowered[a:b])]
            last = b
        lowered = "".join(parts) + lowered[last:]
    for probe, pattern in _MARKUP_PATTERNS:
        if probe in lowered:
            lowered = pattern.sub(_spaces, lowered)
    for old, new in _EMPHASIS_MARKS:
        if old in lowered:
            lowered = lowered.replace(old, new)
    if "_" in lowered:
        lowered = _UNDERSCORE_EMPHASIS.sub(" ", lowered)
    if "[" in lowered:
        # "[text](url)": the brackets go too, so "[Zoom account]" reads as words.
        lowered = lowered.replace("[", " ").replace("]", " ")
    return lowered


def _heading_key(s: str) -> str:
    """A heading as matched by section rules: masked words, single-spaced."""
    return " ".join(re.sub(r"[^\w&'/+-]+", " ", s).split())


def _split_long(start: int, end: int, masked: str) -> list[tuple[int, int]]:
    """Cut a unit longer than MAX_UNIT_CHARS at spaces (linear, no regex)."""
    spans = []
    while end - start > MAX_UNIT_CHARS:
        cut = masked.rfind(" ", start + MAX_UNIT_CHARS // 2, start + MAX_UNIT_CHARS)
        if cut <= start:
            cut = start + MAX_UNIT_CHARS
        spans.append((start, cut))
        start = cut
        while start < end and masked[start] in " \n":
            start += 1
    if start < end:
        spans.append((start, end))
    return spans


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentences, skipping common abbreviations."""
    if end - start < 40 or not _SENT_END.search(text, start, end):
        return [(start, end)]
    spans = []
    s = start
    for m in _SENT_END.finditer(text, start, end):
        # The word before the full stop: an abbreviation does not end a sentence.
        j = m.start()
        k = j
        while k > s and (text[k - 1].isalnum() or text[k - 1] == "."):
            k -= 1
        word = text[k:j].lower().rstrip(".")
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        e = m.end()
        spans.append((s, e))
        s = e
    if s < end:
        spans.append((s, end))
    return spans


def _html_blocks(text: str, kind: UnitKind, start: int, end: int) -> list[tuple[UnitKind, int, int]]:
    """Split a block at HTML block tags (<p>, <li>, <br>...); <li> parts are items."""
    if text.find("<", start, end) < 0:
        return [(kind, start, end)]
    parts: list[tuple[UnitKind, int, int]] = []
    s, k = start, kind
    for m in _HTML_BLOCK_END.finditer(text, start, end):
        if m.start() > s:
            parts.append((k, s, m.start()))
        k = "item" if m.group()[:3].lower() == "<li" else kind
        s = m.end()
    if s < end:
        parts.append((k, s, end))
    return parts


def _trim(masked: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) past leading and trailing blanks (C-speed strips)."""
    seg = masked[start:end]
    left = seg.lstrip(" \n\r")
    if not left:
        return end, end
    return start + len(seg) - len(left), start + len(left.rstrip(" \n\r")) + (len(seg) - len(left))


class _Parser:
    """One pass over the lines; see `parse`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = mask(text)
        self.doc = Document(text=text, masked=self.masked)
        # Heading stack of (level, key). Markdown levels 1-6; bold-only and
        # ALL-CAPS lines are level 7; a "lead-in:" paragraph before a list is
        # level 8 and lasts until the next paragraph.
        self.stack: list[tuple[int, str]] = []
        self.headings: tuple[str, ...] = ()  # the stack's keys, kept in step with it
        self.para: tuple[int, int] | None = None
        self.item: tuple[int, int] | None = None
        self.item_indent = 0
        # Whether everything under the innermost bold or ALL-CAPS heading so
        # far is list items (None: nothing yet); see `start_para`.
        self.list_only: bool | None = None

    # -- emitting units -------------------------------------------------
    def emit(self, kind: UnitKind, start: int, end: int, label: str = "") -> None:
        masked = self.masked
        start, end = _trim(masked, start, end)
        if start >= end:
            return
        units = self.doc.units
        hs = self.headings
        if end - start <= MAX_UNIT_CHARS:
            if _has_word(masked, start, end):
                units.append(Unit(len(units), start, end, kind, hs, label))
            return
        for a, b in _split_long(start, end, masked):
            a, b = _trim(masked, a, b)
            if a < b and _has_word(masked, a, b):
                units.append(Unit(len(units), a, b, kind, hs, label))
                label = ""

    def emit_block(self, kind: UnitKind, start: int, end: int) -> None:
        label = self.inline_label(start, end)
        for part_kind, s, e in _html_blocks(self.text, kind, start, end):
            for a, b in _sentences(self.text, s, e):
                self.emit(part_kind, a, b, label)
                label = ""

    def inline_label(self, start: int, end: int) -> str:
        # "**Reports to** the Director" or "Reports to: the Director"
        seg = self.text[start : min(end, start + 80)]
        m = _LABEL_BOLD.match(seg) or _LABEL_COLON.match(seg)
        return _heading_key(m.group(1).lower()) if m else ""

    def flush_para(self) -> None:
        if self.para:
            start, end = self.para
            self.para = None
            self.emit_block("sentence", start, end)
            # A short paragraph ending in ':' introduces the list below it.
            tail = self.masked[start:end].rstrip()
            if tail.endswith(":"):
                last_line = tail[tail.rfind("\n") + 1 :]
                if len(last_line.split()) <= 14:
                    self.pop_leadin()
                    self.stack.append((8, _heading_key(last_line.rstrip(":"))))
                    self.headings = tuple(k for _, k in self.stack)

    def flush_item(self) -> None:
        if self.item:
            start, end = self.item
            self.item = None
            self.emit_block("item", start, end)

    def flush(self) -> None:
        self.flush_para()
        self.flush_item()

    def start_para(self, prev_blank: bool) -> None:
        """A paragraph begins: it ends a bold or ALL-CAPS label that only introduced a list.

        "**Preferred qualifications**" over a list of asks does not make the
        closing paragraph after the list an ask too; a label whose section
        began with prose keeps covering prose, and a Markdown or HTML heading
        covers everything up to the next heading.
        """
        if self.list_only and prev_blank and self.stack and self.stack[-1][0] == 7:
            self.pop_leadin()
            self.stack.pop()
            self.headings = tuple(k for _, k in self.stack)
        self.list_only = False

    def pop_leadin(self) -> None:
        if self.stack and self.stack[-1][0] == 8:
            while self.stack and self.stack[-1][0] == 8:
                self.stack.pop()
            self.headings = tuple(k for _, k in self.stack)

    def push_heading(self, level: int, start: int, end: int) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.headings = tuple(k for _, k in self.stack)
        self.emit("heading", start, end)
        self.stack.append((level, _heading_key(self.masked[start:end].strip(" #:"))))
        self.headings = tuple(k for _, k in self.stack)
        self.list_only = None

    # -- the line loop --------------------------------------------------
    def run(self) -> Document:
        text = self.text
        n = len(text)
        pos = 0
        prev_blank = True
        while pos < n:
            nl = text.find("\n", pos)
            if nl == -1:
                nl = n
            ls, le = pos, nl
            pos = nl + 1
            raw = text[ls:le]
            stripped = raw.strip()
            if not stripped or not self.masked[ls:le].strip():
                if not stripped:
                    self.flush()
                    prev_blank = True
                continue
            first = stripped[0]

            if first == "#" or first == "<":
                atx = _ATX.match(raw) if first == "#" else None
                hm = _HTML_HEADING.match(stripped) if first == "<" else None
                if atx or hm:
                    self.flush()
                    level = len(atx.group(1)) if atx else int(hm.group(1)) if hm else 1
                    self.push_heading(level, ls + (atx.start(2) if atx else 0), le)
                    prev_blank = False
                    continue

            if first in "=-_*|:":
                if self.para and first in "=-" and _SETEXT.match(raw):
                    # "Title\n=====": the paragraph so far was a heading.
                    start, end = self.para
                    self.para = None
                    self.push_heading(1 if first == "=" else 2, start, end)
                    continue
                if _RULE_LINE.match(raw) or _TABLE_SEP.match(raw):
                    self.flush()
                    continue

            if (prev_blank or (not self.para and not self.item)) and (
                (first in "*_" and _BOLD_LINE.match(raw))
                or (stripped.isupper() and len(stripped) >= 4 and len(stripped.split()) <= 8 and not _BULLET.match(raw))
            ):
                self.flush()
                self.push_heading(7, ls, le)
                prev_blank = False
                continue

            bm = _BULLET.match(raw) if (first in _BULLET_FIRST or first.isalnum()) else None
            if bm:
                self.flush()
                self.item = (ls + bm.end(), le)
                self.item_indent = len(bm.group(1).expandtabs(4))
                if self.list_only is None:
                    self.list_only = True
                prev_blank = False
                continue

            if first == "|":
                # A table row: each cell is its own item.
                self.flush()
                cell = ls
                for i, ch in enumerate(raw):
                    if ch == "|":
                        self.emit("item", cell, ls + i)
                        cell = ls + i + 1
                self.emit("item", cell, le)
                prev_blank = False
                continue

            if self.item:
                indent = len(raw) - len(raw.lstrip())
                if not prev_blank or indent > self.item_indent:
                    self.item = (self.item[0], le)  # continuation of a list item
                    prev_blank = False
                    continue
                self.flush_item()
            if prev_blank:
                self.pop_leadin()
            if not self.para:
                self.start_para(prev_blank)
            self.para = (self.para[0], le) if self.para else (ls, le)
            prev_blank = False

        self.flush()
        # Rules match across line breaks inside a sentence.
        self.doc.masked = self.masked.replace("\n", " ")
        return self.doc


_BULLET_FIRST = frozenset("-*+•·▪◦‣–([")
_LABEL_BOLD = re.compile(r"[ \t]*(?:\*\*|__)([^*_\n]{1,60}?)[ \t]*:?[ \t]*(?:\*\*|__)[ \t]*:?[ \t]*\S")
_LABEL_COLON = re.compile(r"[ \t]*([A-Za-z][A-Za-z /&'-]{1,40}):[ \t]+\S")
_WORD = re.compile(r"[^\W_]")


def _has_word(masked: str, start: int, end: int) -> bool:
    return _WORD.search(masked, start, end) is not None


def opening_end(masked: str, start: int, end: int, words: int) -> int:
    """Where the first `words` words of masked[start:end] end (runs of spaces are one gap)."""
    i = start
    for _ in range(words):
        while i < end and masked[i] == " ":
            i += 1
        j = masked.find(" ", i, end)
        if j < 0:
            return end
        i = j
    return i


def parse(text: str) -> Document:
    """Split a role description into headed units with original offsets.

    Handles plain text, Markdown (ATX and setext headings, bold-line
    headings, bullets, numbered lists, tables) and HTML (tags blanked,
    <h1>-<h6> read as headings).
    """
    return _Parser(text).run()
