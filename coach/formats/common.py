"""Small helpers shared by the human-readable formats."""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterable

from coach.grades import ELEMENTS, LABELS

ELEMENT_LABELS: dict[str, str] = {e.value: LABELS[e.value] for e in ELEMENTS}
"""The four elements as people read them ("Purpose", ...), from the one vocabulary in coach.grades."""


def one_line(s: str, limit: int = 160) -> str:
    """A quote on one line, cut at `limit`, its HTML entities decoded (`&pound;` reads as £)."""
    s = " ".join(html.unescape(s).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def chain_line(chain: list[dict] | None) -> str:
    """The chain as one line: 'This role → Release health (Platform) → … → Example Co'; '' without a profile."""
    if chain is None:
        return ""
    if not chain:
        return "none: no sentence about the role ties it to the profile's priorities"
    parts = []
    for link in chain:
        owner = link.get("owner")
        shown = (
            link["name"]
            if link["level"] in ("role", "purpose", "organisation") or not owner
            else f"{link['name']} ({owner})"
        )
        parts.append(shown if link["level"] != "purpose" else f"{shown}'s purpose")
    return " → ".join(parts)


def ties_line(ties: list[dict]) -> str:
    """The priorities a role ties to, with the words that tied each: 'Release health (quarterly release, ships)'."""
    return " · ".join(f"{t['priority']} ({', '.join(t['words'][:4])})" for t in ties)


def group_phrases(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Vague phrases grouped by their suggestion: [(suggestion, [(phrase, times seen), ...]), ...].

    Several clichés share one suggestion ("as needed", "as required" →
    "say when and how often"), and a long paste repeats the same phrase
    many times: the reader wants the suggestion once, with the phrases it
    covers and how often each occurs. Phrases that differ only in case or
    spacing are one phrase (the first spelling is kept). Order: first seen.
    """
    groups: dict[str, dict[str, list]] = {}
    for text, suggestion in pairs:
        key = " ".join(text.split()).lower()
        seen = groups.setdefault(suggestion, {})
        if key in seen:
            seen[key][1] += 1
        else:
            seen[key] = [" ".join(text.split()), 1]
    return [(s, [(t, n) for t, n in phrases.values()]) for s, phrases in groups.items()]


def counted(phrase: str, times: int) -> str:
    """“as needed” or “as needed” ×3."""
    return f"“{phrase}”" + (f" ×{times}" if times > 1 else "")


class Lines:
    """Offsets in a text as 1-based (line, column), the way linters name a place: `role.md:12:5`.

    Columns count characters (Unicode code points), as SARIF's
    `columnKind: unicodeCodePoints` says.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
