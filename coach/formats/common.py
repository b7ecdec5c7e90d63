"""Small helpers shared by the human-readable formats."""

from __future__ import annotations

from coach.grades import ELEMENTS, LABELS

ELEMENT_LABELS: dict[str, str] = {e.value: LABELS[e.value] for e in ELEMENTS}
"""The four elements as people read them ("Purpose", ...), from the one vocabulary in coach.grades."""


def one_line(s: str, limit: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"
