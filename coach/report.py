"""The report: what the engine says about one role description.

These models are the boundary between the engine and everything that shows,
stores or coaches from its verdict (formats, store, coaching, UI), so they are
pydantic models with a versioned JSON schema (`SCHEMA_VERSION`, documented in
docs/report-schema.md). The words follow the product definition in
ELEMENTS.md: four elements graded specified / vague / missing, line of sight,
vague phrases and cross-element findings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from coach.grades import (  # re-exported: the vocabulary is part of the report's API
    ELEMENT_WEIGHT,
    ELEMENTS,
    LINE_OF_SIGHT_WEIGHT,
    SCHEMA_VERSION,
    Element,
    Grade,
    gap_ids,
    score,
)

__all__ = [
    "ELEMENTS",
    "ELEMENT_WEIGHT",
    "LINE_OF_SIGHT_WEIGHT",
    "SCHEMA_VERSION",
    "ChainLink",
    "Contribution",
    "Decision",
    "Element",
    "ElementResult",
    "Evidence",
    "Finding",
    "Grade",
    "LineOfSight",
    "Report",
    "RulesetInfo",
    "Score",
    "Span",
    "Tie",
    "VaguePhrase",
    "score",
]


class _Frozen(BaseModel):
    # defer_build: the schema is built when the first report is validated,
    # not at import (the engine's `check()` validates every report it makes).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Span(_Frozen):
    """A stretch of the original text: `text == original[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Contribution(_Frozen):
    """What one feature (a rule, or the context it sits in) added to a sentence's score."""

    feature: str
    weight: float


class Evidence(Span):
    """A sentence (or list item) that addresses an element, and why it counts.

    `start`/`end`/`text` cover the whole sentence so a reader sees the
    context; `match` is the cue the strongest rule found inside it (never
    cutting a word). `counted` says whether it decided the grade; weak
    evidence that did not count comes after the deciding sentences.
    `score` is its score on the head that decided (coach.engine.weights) and
    `contributions` what each rule and context added to it.
    """

    rule: str
    strength: Literal["specified", "vague"]
    counted: bool = True
    score: float = 0.0
    match: Span
    note: str = ""
    contributions: list[Contribution] = []


class Score(_Frozen):
    """The strongest sentence's score on one head, and the head's threshold.

    A sentence's score is `bias` plus the weights in its evidence's
    `contributions`; null when no sentence addressed the element.
    """

    score: float | None = None
    threshold: float
    bias: float = 0.0


class Decision(_Frozen):
    """How the grade was decided: the strongest scores against the thresholds.

    `specified` is reached when its score is at least its threshold; else
    `any` (the element is addressed at all) makes it vague; else missing.
    """

    specified: Score
    any: Score | None = None


class ElementResult(_Frozen):
    element: Element
    grade: Grade
    evidence: list[Evidence] = []
    decision: Decision | None = None
    why: str
    fix: str | None = Field(default=None, description="What to add; absent when the element is specified.")


class Tie(_Frozen):
    """A role sentence that ties the role to one of the organisation profile's priorities."""

    priority: str
    level: Literal["organisation", "department", "team"]
    owner: str = Field(description="Whose priority it is: the organisation's, a department's or a team's name.")
    serves: str | None = Field(default=None, description="The priority above it that this one serves.")
    evidence: Span
    words: list[str] = Field(description="The words and key words of the sentence that made the tie, as written.")
    score: float


class ChainLink(_Frozen):
    """One step from the role to the organisation's purpose."""

    level: Literal["role", "team", "department", "organisation", "purpose"]
    name: str
    owner: str | None = None
    text: str = ""


class LineOfSight(_Frozen):
    """Line of sight; `ties` and `chain` only when the check was given an organisation profile.

    Without a profile they are left out of the JSON altogether, so a report
    is exactly what it was before profiles existed.
    """

    present: bool
    evidence: list[Evidence] = []
    decision: Decision | None = None
    why: str
    fix: str | None = None
    ties: list[Tie] | None = None
    chain: list[ChainLink] | None = Field(
        default=None, description="role → team priority → … → organisation purpose; [] when no tie was found."
    )

    @model_serializer(mode="wrap")
    def _without_profile_fields(self, handler: SerializerFunctionWrapHandler) -> dict:
        data = handler(self)
        if self.ties is None:
            data.pop("ties", None)
            data.pop("chain", None)
        return data


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
    """The engine's verdict on one role description (schema version 2)."""

    schema_version: Literal["2"] = "2"
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
        return gap_ids(self.grades, self.line_of_sight.present)
