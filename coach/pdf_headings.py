"""Headings in a PDF's text: short lines drawn larger than the body text, or bold where it is not.

A PDF has no headings, only text drawn larger or bolder. pypdf puts a
heading on its own line but nothing more, and coach.engine.text.parse reads
a line followed by another as one paragraph, so a heading became the start
of the sentence after it ("Responsibilities You will own …"). pypdf's
visitor reports the font and size of every piece of text it extracts; from
them each line gets its size and boldness, and a heading line becomes a
'# ' line of its own with a blank line around it, as a .docx heading does
(the app shows it without the marks). pypdf's `extraction_mode="layout"`
was no help: in a browser's PDF it left out the blank line before one
heading of two, and it pads lines with spaces to the columns they were
drawn in.

Nothing here imports pypdf: it only reads what pypdf hands the visitor.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Line:
    """One line of a page's text and how it was drawn: the size most of its characters have, and whether all are bold."""

    text: str
    size: float = 0.0
    bold: bool = False
    sizes: Counter[float] = field(default_factory=Counter)  # characters per size, while the line is read
    bold_chars: int = 0
    chars: int = 0


class LineReader:
    """A `visitor_text` for pypdf that cuts what it reports into lines, each with its size and boldness.

    pypdf hands the visitor every piece of text it adds to the page's text,
    line breaks included, so the pieces joined are that text; the size is
    the font size times the scale of the text and page matrices (a browser
    draws at size 1 and scales), rounded to half a point.
    """

    def __init__(self) -> None:
        self.lines: list[Line] = [Line("")]
        self.pieces: list[str] = []
        self.bold_fonts: dict[int, bool] = {}

    def __call__(self, text: str, cm: Any, tm: Any, font: Any, font_size: Any) -> None:
        if not text:
            return
        self.pieces.append(text)
        size = _drawn_size(cm, tm, font_size)
        bold = self._bold(font)
        for i, piece in enumerate(text.split("\n")):
            if i:
                self.lines.append(Line(""))
            line = self.lines[-1]
            line.text += piece
            chars = len(piece) - piece.count(" ")  # characters drawn; C speed, unlike a test of each one
            line.chars += chars
            line.sizes[size] += chars
            line.bold_chars += chars if bold else 0

    def _bold(self, font: Any) -> bool:
        key = id(font)
        if key not in self.bold_fonts:
            self.bold_fonts[key] = _is_bold(font)
        return self.bold_fonts[key]

    def page_lines(self, text: str) -> list[Line]:
        """The page's lines with their styles; without styles when the pieces do not add up to pypdf's text."""
        if "".join(self.pieces) != text:
            return [Line(line) for line in text.split("\n")]
        for line in self.lines:
            line.size = line.sizes.most_common(1)[0][0] if line.sizes else 0.0
            line.bold = line.chars > 0 and line.bold_chars == line.chars
        return self.lines


def _drawn_size(cm: Any, tm: Any, font_size: Any) -> float:
    try:
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        size = abs(float(font_size)) * scale
    except (TypeError, ValueError, IndexError):
        return 0.0
    return round(size * 2) / 2 if math.isfinite(size) else 0.0


_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


def _is_bold(font: Any) -> bool:
    """Whether a font dictionary names a bold face, by its name, its weight or its ForceBold flag."""
    try:
        if font is None:
            return False
        descendants = font.get("/DescendantFonts")
        inner = descendants.get_object()[0].get_object() if descendants else font
        if any(word in str(font.get("/BaseFont", "")).lower() for word in _BOLD_NAMES):
            return True
        descriptor = inner.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        weight = float(descriptor.get("/FontWeight", 0) or 0)
        flags = int(descriptor.get("/Flags", 0) or 0)
        return weight >= 600 or bool(flags & (1 << 18))
    except Exception:  # a damaged font dictionary makes its text plain, never the PDF unreadable
        return False


# A heading is drawn at least this much larger than the body text, or bold where the body is not.
HEADING_SCALE = 1.15
_HEADING_MAX_WORDS = 14


def with_headings(pages: list[list[Line]]) -> Iterator[str]:
    """Each page's text, its heading lines as '# ' lines (larger text, a lower level) with a blank line around.

    The body size is the one most characters of the document are drawn in. A
    heading is short and does not end like a sentence or a clause; a
    heading that wraps onto a second line in the same style is one heading.
    """
    drawn: Counter[float] = Counter()
    bold_at: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            drawn[line.size] += line.chars
            bold_at[line.size] += line.chars if line.bold else 0
    body = drawn.most_common(1)[0][0] if drawn else 0.0
    body_bold = bold_at[body] * 2 > drawn[body]

    def level_key(line: Line) -> float | None:
        """The size that ranks this line as a heading (bold at body size ranks below any larger one), or None."""
        words = line.text.split()
        if body <= 0 or not words or len(words) > _HEADING_MAX_WORDS or line.text.rstrip()[-1] in ".,;":
            return None
        if not any(c.isalnum() for c in line.text):  # a large bullet or rule is not a heading
            return None
        if line.size >= body * HEADING_SCALE:
            return line.size
        if line.bold and not body_bold and line.size >= body * 0.95:
            return 0.0
        return None

    keys = [[level_key(line) for line in lines] for lines in pages]
    ranks = sorted({k for page in keys for k in page if k is not None}, reverse=True)
    for lines, page_keys in zip(pages, keys, strict=True):
        out: list[str] = []
        previous: tuple[float, bool] | None = None  # the style of the heading just written, if the last line was one
        for line, key in zip(lines, page_keys, strict=True):
            if key is None:
                out.append(line.text)
                previous = None
            elif previous == (line.size, line.bold):
                out[-2] += " " + line.text.strip()  # the same heading, wrapped onto a second line
            else:
                if out and out[-1].strip():
                    out.append("")
                out += ["#" * min(ranks.index(key) + 1, 6) + " " + line.text.strip(), ""]
                previous = (line.size, line.bold)
        yield "\n".join(out).strip()
