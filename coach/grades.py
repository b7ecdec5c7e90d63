"""The product's vocabulary: the four elements, the three grades and the score.

Plain Python (no pydantic), so the engine and `coach check --format text`
can use them without paying for pydantic's import; `coach.report` builds the
Report on top of them and re-exports them. The words follow ELEMENTS.md.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

SCHEMA_VERSION = "2"


class Element(StrEnum):
    """The four elements of the empowerment cycle, in reading order."""

    purpose = "purpose"
    discretion = "discretion"
    resources = "resources"
    accountability = "accountability"


ELEMENTS: tuple[Element, ...] = tuple(Element)

LINE_OF_SIGHT = "line_of_sight"
Target = Literal["purpose", "discretion", "resources", "accountability", "line_of_sight"]
"""What a rule can speak to: one of the four elements, or line of sight (spelled for type checkers)."""

TARGETS: tuple[str, ...] = (*(e.value for e in ELEMENTS), LINE_OF_SIGHT)
"""The same, as data; tests/test_vocabulary.py keeps the two in step."""

LABELS: dict[str, str] = {
    "purpose": "Purpose",
    "discretion": "Discretion",
    "resources": "Resources",
    "accountability": "Accountability",
    LINE_OF_SIGHT: "Line of sight",
}
"""How each is named to people, in every format and page."""


class Grade(StrEnum):
    """How clearly a contract states an element (ELEMENTS.md, "Grades")."""

    specified = "specified"
    vague = "vague"
    missing = "missing"

    @property
    def points(self) -> int:
        """2 / 1 / 0, the numeric grade used by the labelled corpus."""
        return _POINTS[self]

    @classmethod
    def from_points(cls, points: int) -> Grade:
        return {2: cls.specified, 1: cls.vague, 0: cls.missing}[points]


_POINTS = {Grade.specified: 2, Grade.vague: 1, Grade.missing: 0}


# Score: each element is worth 22.5 points (specified 22.5, vague 11.25,
# missing 0) and line of sight 10, rounded to a whole number. Vague phrases
# and findings do not change the score: they are advice, not grades.
ELEMENT_WEIGHT = 22.5
LINE_OF_SIGHT_WEIGHT = 10.0


def score(grades: dict[Element, Grade], line_of_sight: bool) -> int:
    """The documented 0–100 score (see docs/report-schema.md)."""
    total = sum(ELEMENT_WEIGHT * g.points / 2 for g in grades.values())
    total += LINE_OF_SIGHT_WEIGHT if line_of_sight else 0.0
    return round(total)


def gap_ids(grades: dict[Element, Grade], line_of_sight: bool) -> list[str]:
    """Gap ids in a stable order: 'discretion:missing', ..., 'line_of_sight:no'.

    Coaching, storage and the UI key their tailoring on these ids.
    """
    out = [f"{e.value}:{g.value}" for e, g in grades.items() if g != Grade.specified]
    if not line_of_sight:
        out.append("line_of_sight:no")
    return out
