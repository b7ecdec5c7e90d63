"""The role description as HTML, with the evidence for each element highlighted.

The text is the user's own and may contain anything, `<script>` included:
every piece of it goes through `html.escape` before it is placed between
our own tags, so what the user wrote always shows as text and never runs.
Only the few tags and styles built here reach the page.
"""

from __future__ import annotations

import html
import itertools

from coach.formats.common import ELEMENT_LABELS
from coach.report import ELEMENTS, Report

# One colour per element (light backgrounds readable in light and dark themes).
COLOURS: dict[str, str] = {
    "purpose": "#fde68a",  # amber
    "discretion": "#bfdbfe",  # blue
    "resources": "#bbf7d0",  # green
    "accountability": "#fbcfe8",  # pink
}
LABELS = ELEMENT_LABELS  # one vocabulary: coach.grades


def _segments(report: Report, length: int) -> list[tuple[int, int, list[str]]]:
    """Split [0, length) at every evidence boundary; each piece lists the elements covering it."""
    cuts = {0, length}
    spans: list[tuple[int, int, str]] = []
    for element in ELEMENTS:
        for ev in report.elements[element].evidence:
            start, end = max(0, ev.start), min(length, ev.end)
            if start < end:
                spans.append((start, end, element.value))
                cuts.update((start, end))
    bounds = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(bounds):
        covering = [el for s, e, el in spans if s <= a and b <= e]
        out.append((a, b, sorted(set(covering), key=[e.value for e in ELEMENTS].index)))
    return out


def highlighted_html(text: str, report: Report) -> str:
    """`text` as escaped HTML, evidence sentences marked in their element's colour.

    A sentence that is evidence for two elements gets the first colour and
    an underline in the second; the title attribute names them all.
    """
    parts = ['<div class="coach-text" style="white-space: pre-wrap; line-height: 1.6">']
    for start, end, elements in _segments(report, len(text)):
        piece = html.escape(text[start:end])
        if not elements:
            parts.append(piece)
            continue
        style = f"background: {COLOURS[elements[0]]}; border-radius: 3px; color: #111"
        if len(elements) > 1:
            style += f"; box-shadow: inset 0 -3px 0 {COLOURS[elements[1]]}"
        title = html.escape(", ".join(LABELS[e] for e in elements), quote=True)
        parts.append(f'<mark data-elements="{" ".join(elements)}" title="{title}" style="{style}">{piece}</mark>')
    parts.append("</div>")
    return "".join(parts)


def legend_html() -> str:
    """A one-line key to the colours."""
    items = [
        f'<span style="background: {COLOURS[e]}; color: #111; padding: 0 6px; border-radius: 3px">{LABELS[e]}</span>'
        for e in COLOURS
    ]
    return '<div class="coach-legend">' + " ".join(items) + "</div>"
