"""Small helpers shared by the human-readable formats."""

from __future__ import annotations

from coach.grades import Grade

ELEMENT_LABELS = {
    "purpose": "Purpose",
    "discretion": "Discretion",
    "resources": "Resources",
    "accountability": "Accountability",
}

GRADE_WORDS = {
    Grade.specified: "specified",
    Grade.vague: "vague",
    Grade.missing: "missing",
}


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def one_line(s: str, limit: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"
