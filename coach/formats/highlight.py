"""The role description as HTML, with the evidence for each element highlighted.

The text is the user's own and may contain anything, `<script>` included:
every piece of it goes through `html.escape` before it is placed between
our own tags, so what the user wrote always shows as text and never runs.
Only the few tags and styles built here reach the page.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re

from coach.formats.common import ELEMENT_LABELS
from coach.highlights import Highlight, highlights
from coach.report import ELEMENTS, Report

# One colour per element (light backgrounds readable in light and dark themes).
COLOURS: dict[str, str] = {
    "purpose": "#fde68a",  # amber
    "discretion": "#bfdbfe",  # blue
    "resources": "#bbf7d0",  # green
    "accountability": "#fbcfe8",  # pink
}
LABELS = ELEMENT_LABELS  # one vocabulary: coach.grades


# Line of sight and vague phrases: marked apart from the four elements' colours.
LINE_OF_SIGHT_COLOUR = "#7c3aed"  # violet outline
VAGUE_COLOUR = "#dc2626"  # red wavy underline
_ORDER = [e.value for e in ELEMENTS]


def _segments(items: list[Highlight], length: int) -> list[tuple[int, int, list[Highlight]]]:
    """Split [0, length) at every highlight boundary; each piece lists the highlights covering it.

    One sweep over the boundaries, keeping the highlights open at each: a
    900 KB paste has thousands of highlights, and testing every highlight
    against every piece took over a second.
    """
    starts: dict[int, list[Highlight]] = {}
    ends: dict[int, list[int]] = {}
    cuts = {0, length}
    for i, h in enumerate(items):
        start, end = max(0, h.start), min(length, h.end)
        if start < end:
            starts.setdefault(start, []).append(h)
            ends.setdefault(end, []).append(i)
            cuts.update((start, end))
    index = {id(h): i for i, h in enumerate(items)}
    open_now: dict[int, Highlight] = {}
    out = []
    for a, b in itertools.pairwise(sorted(cuts)):
        for i in ends.get(a, ()):
            open_now.pop(i, None)
        for h in starts.get(a, ()):
            open_now[index[id(h)]] = h
        out.append((a, b, list(open_now.values())))
    return out


def _style(covering: list[Highlight]) -> str:
    """Decided evidence in solid colour; weak evidence pale with a dashed underline; the rest as marks."""
    evidence = sorted((h for h in covering if h.kind == "evidence"), key=lambda h: _ORDER.index(h.target))
    rules = ["border-radius: 3px", "color: #111"]
    shadows = []
    if evidence:
        first = evidence[0]
        colour = COLOURS[first.target]
        if any(h.status == "decided" for h in evidence):
            decided = next(h for h in evidence if h.status == "decided")
            rules.append(f"background: {COLOURS[decided.target]}")
            shadows.append(f"inset 0 -2px 0 {COLOURS[decided.target]}")
            rest = [h for h in evidence if h.target != decided.target]
        else:
            rules.append(f"background: {colour}66")  # pale: weak evidence only
            rules.append(f"border-bottom: 2px dashed {colour}")
            rest = evidence[1:]
        if rest:
            shadows.append(f"inset 0 -3px 0 {COLOURS[rest[0].target]}")
    else:
        rules.append("background: transparent")
    if any(h.kind == "line_of_sight" for h in covering):
        shadows.append(f"0 0 0 1.5px {LINE_OF_SIGHT_COLOUR}")
    if any(h.kind == "vague_phrase" for h in covering):
        rules.append(f"text-decoration: underline wavy {VAGUE_COLOUR}")
    if shadows:
        rules.append("box-shadow: " + ", ".join(shadows))
    return "; ".join(rules)


_TAG = re.compile(r"<!--.*?-->|<[!/]?[A-Za-z][^<>]*>", re.S)
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|ul|ol|tr|table|section|header|footer)\s*>|<br\s*/?>", re.I)
_HTML_DOC = re.compile(r"<(?:p|div|h[1-6]|ul|ol|li|br|body|html|section|table)\b", re.I)


# The '# ' a .docx or .pdf heading is given so the engine reads it as a heading: not what the author wrote.
_DOCX_MARKS = re.compile(r"^#{1,6}[ \t]+", re.M)


def looks_like_html(text: str, source: str | None = None) -> bool:
    """An .html file, or pasted text that starts with a tag and has block tags: shown as what it reads."""
    if source and source.lower().endswith((".html", ".htm")):
        return True
    return text.lstrip().startswith("<") and _HTML_DOC.search(text) is not None


class _Readable:
    """HTML source as the words a browser shows: tags dropped (a block's end becomes a line break,
    a list item a bullet) and entities decoded, piece by piece so the highlights keep their offsets."""

    def __init__(self, text: str, pattern: re.Pattern[str] = _TAG) -> None:
        self.text = text
        self.tags = [(m.start(), m.end()) for m in pattern.finditer(text)]
        self.starts = [a for a, _ in self.tags]

    def piece(self, start: int, end: int) -> str:
        out, at = [], start
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        while i < len(self.tags) and self.tags[i][0] < end:
            a, b = self.tags[i]
            i += 1
            if b <= start:
                continue
            if a > at:
                out.append(html.unescape(self.text[at:a]))
            if a >= start:  # the tag begins in this piece: say what it means once
                tag = self.text[a:b]
                if _BLOCK_END.fullmatch(tag) and b < len(self.text) and not self.text.startswith("\n", b):
                    out.append("\n")
                elif re.fullmatch(r"<li\b[^>]*>", tag, re.I):
                    out.append("• ")
            at = max(at, min(b, end))
        if at < end:
            out.append(html.unescape(self.text[at:end]))
        return "".join(out)


def highlighted_html(
    text: str, report: Report, items: list[Highlight] | None = None, *, readable: bool | None = None
) -> str:
    """`text` as escaped HTML (an HTML role as the words it reads, see `looks_like_html`), every highlight marked: evidence in its element's colour, line of sight
    outlined, vague phrases underlined.

    Sentences that decided a grade are solid, weak ones pale and dashed. A
    sentence that is evidence for two elements gets an underline in the
    second colour. Each mark's `data-n` holds the numbers of its highlights
    (shown after the mark by `highlight_css`, not as text) and its title
    says what they are.
    """
    if items is None:
        items = highlights(report)
    if readable is None:
        readable = looks_like_html(text, report.source)
    shown = _Readable(text) if readable else None
    if not readable and (report.source or "").lower().endswith((".docx", ".pdf")):
        shown = _Readable(text, _DOCX_MARKS)  # headings without the marks added when reading the file
    parts = ['<div class="coach-text" style="white-space: pre-wrap; line-height: 1.7">']
    for start, end, covering in _segments(items, len(text)):
        piece = html.escape(shown.piece(start, end) if shown else text[start:end])
        if not covering:
            parts.append(piece)
            continue
        elements = sorted({h.target for h in covering if h.kind == "evidence"}, key=_ORDER.index)
        ending = [h for h in covering if h.end == end]
        numbers = " ".join(str(h.number) for h in ending)
        title = html.escape(
            "; ".join(f"{h.number}: {h.label}, {h.status.replace('_', ' ')}" for h in covering), quote=True
        )
        kinds = " ".join(sorted({h.kind for h in covering}))
        attrs = f'data-elements="{" ".join(elements)}" data-kinds="{kinds}"'
        if numbers:
            attrs += f' data-n="{numbers}"'
        parts.append(f'<mark {attrs} title="{title}" style="{_style(covering)}">{piece}</mark>')
    parts.append("</div>")
    return "".join(parts)


def highlight_css() -> str:
    """The numbers after each mark, drawn by CSS so that copying the text copies only the text."""
    return (
        "<style>.coach-text mark[data-n]::after { content: attr(data-n); font-size: 0.7em;"
        " vertical-align: super; margin-left: 2px; color: #555; font-weight: 600; }</style>"
    )


def legend_html() -> str:
    """A one-line key to the colours."""
    items = [
        f'<span style="background: {COLOURS[e]}; color: #111; padding: 0 6px; border-radius: 3px">{LABELS[e]}</span>'
        for e in COLOURS
    ]
    items.append(
        f'<span style="box-shadow: 0 0 0 1.5px {LINE_OF_SIGHT_COLOUR}; padding: 0 6px; border-radius: 3px">'
        "Line of sight</span>"
    )
    items.append(f'<span style="text-decoration: underline wavy {VAGUE_COLOUR}">Vague phrase</span>')
    hint = (
        '<div style="font-size: 0.85em; color: #666">Solid: the sentence counted. Pale and dashed: only weak.'
        " Each number opens its card beside the text.</div>"
    )
    return '<div class="coach-legend" style="line-height: 2; margin-bottom: 0.8em">' + " ".join(items) + hint + "</div>"
