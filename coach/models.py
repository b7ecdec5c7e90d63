"""The report: what the engine says about one role description.

These models are the boundary between the engine and everything that shows,
stores or coaches from its verdict (formats, store, coaching, UI), so they are
pydantic models with a versioned JSON schema (`SCHEMA_VERSION`, documented in
docs/report-schema.md). The words follow the product definition in
ELEMENTS.md: four elements graded specified / vague / missing, line of sight,
vague phrases and cross-element findings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


_M = TypeVar("_M", bound=BaseModel)


class Element(StrEnum):
    """The four elements of the empowerment cycle, in reading order."""

    purpose = "purpose"
    discretion = "discretion"
    resources = "resources"
    accountability = "accountability"


ELEMENTS: tuple[Element, ...] = tuple(Element)


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


class _Frozen(BaseModel):
    # defer_build: the schema is built on first validation or serialisation,
    # not at import; `coach check` in text format never needs it.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Span(_Frozen):
    """A stretch of the original text: `text == original[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Evidence(Span):
    """A sentence (or list item) that shows an element, and the cue in it.

    `start`/`end`/`text` cover the whole sentence so a reader sees the
    context; `match` is the cue the rule found inside it.
    """

    rule: str
    strength: Literal["specified", "vague"]
    weight: float = Field(default=1.0, description="how much it counts towards 'specified' (they add up to 1)")
    match: Span
    note: str = ""


class ElementResult(_Frozen):
    element: Element
    grade: Grade
    evidence: list[Evidence] = []
    why: str
    fix: str | None = Field(
        default=None, description="What to add; absent when the element is specified."
    )


class LineOfSight(_Frozen):
    present: bool
    evidence: list[Evidence] = []
    why: str
    fix: str | None = None


class VaguePhrase(Span):
    rule: str
    suggestion: str


class Finding(_Frozen):
    """A cross-element gap, e.g. an outcome owned with no stated authority."""

    rule: str
    message: str
    elements: list[Element]
    why: str
    fix: str


class RulesetInfo(_Frozen):
    name: str
    version: str


class Report(_Frozen):
    """The engine's verdict on one role description (schema version 1)."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    ruleset: RulesetInfo
    input_sha256: str
    input_chars: int
    source: str | None = Field(
        default=None, description="Where the text came from (a path, '-' for stdin); set by callers."
    )
    elements: dict[Element, ElementResult]
    line_of_sight: LineOfSight
    vague_phrases: list[VaguePhrase] = []
    findings: list[Finding] = []
    score: int = Field(ge=0, le=100)
    flagged: bool

    def grade(self, element: Element | str) -> Grade:
        return self.elements[Element(element)].grade

    @property
    def grades(self) -> dict[Element, Grade]:
        return {e: r.grade for e, r in self.elements.items()}

    @property
    def gaps(self) -> list[str]:
        """Gap ids in a stable order: 'discretion:missing', ..., 'line_of_sight:no'.

        Coaching, storage and the UI key their tailoring on these ids.
        """
        out = [f"{e.value}:{r.grade.value}" for e, r in self.elements.items() if r.grade != Grade.specified]
        if not self.line_of_sight.present:
            out.append("line_of_sight:no")
        return out


# Score: each element is worth 22.5 points (specified 22.5, vague 11.25,
# missing 0) and line of sight 10, rounded to a whole number. Vague phrases
# and findings do not change the score: they are advice, not grades.
ELEMENT_WEIGHT = 22.5
LINE_OF_SIGHT_WEIGHT = 10.0


_setattr = object.__setattr__


def trusted(cls: type[_M], **values: object) -> _M:
    """Build a model from values the engine produced itself, skipping validation.

    `check()` builds dozens of these per description and must stay under a
    millisecond; `model_construct` costs twice as much. The values must be
    complete and already valid (tests validate engine reports round-trip).
    """
    obj = cls.__new__(cls)
    _setattr(obj, "__dict__", values)
    _setattr(obj, "__pydantic_fields_set__", set(values))
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return obj


def score(grades: dict[Element, Grade], line_of_sight: bool) -> int:
    """The documented 0–100 score (see docs/report-schema.md)."""
    total = sum(ELEMENT_WEIGHT * g.points / 2 for g in grades.values())
    total += LINE_OF_SIGHT_WEIGHT if line_of_sight else 0.0
    return int(round(total))
