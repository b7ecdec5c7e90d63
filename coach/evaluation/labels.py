"""Where a document's labelled evidence sentences sit among the engine's units.

The corpus quotes the sentences that justify each grade (whitespace may
differ from the text). To compare them with the engine's evidence, each
quote is found in the text and matched to the units (sentences, items,
headings) it overlaps: a unit and a quote match when they share at least
half of the shorter of the two.
"""

from __future__ import annotations

from collections.abc import Iterable

from coach.engine.text import Unit


def _squeezed(text: str) -> tuple[str, list[int]]:
    """`text` with runs of whitespace as one space, and each character's original offset."""
    out: list[str] = []
    where: list[int] = []
    space = True
    for i, c in enumerate(text):
        if c.isspace():
            if not space:
                out.append(" ")
                where.append(i)
            space = True
        else:
            out.append(c)
            where.append(i)
            space = False
    return "".join(out), where


def locate(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """The (start, end) offsets of each quote found in `text` (quotes not found are left out)."""
    squeezed, where = _squeezed(text)
    spans = []
    for q in quotes:
        needle = " ".join(q.split())
        if not needle:
            continue
        k = squeezed.find(needle)
        if k >= 0:
            spans.append((where[k], where[k + len(needle) - 1] + 1))
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def labelled_units(units: list[Unit], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the units that match a labelled sentence."""
    return {u.position for u in units for s in spans if overlaps((u.start, u.end), s)}
