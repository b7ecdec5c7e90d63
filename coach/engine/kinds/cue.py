"""`cue`: phrases that show an element in a sentence.

A cue is the engine's only source of evidence: a sentence counts towards an
element only when one of the element's cues fires in it. How much it counts
is not written in the rule but fitted on the labelled corpus (`coach fit`,
rules/weights.yml); the rule's `strength` is its author's claim and the
weight it gets until it is fitted.

    id: discretion.decides        # = the file's path, rules/discretion/decides.yml
    kind: cue
    element: discretion
    strength: specified
    patterns: ["(?:decide|decides) (?:which|what|whether)"]
    sections: {exclude: [benefits]}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.trace import Trace


def _schemas() -> dict[str, Any]:
    """The pydantic schema(s) of this kind, built when a rule file is first read.

    Checking a text from the cached tables never reads a rule file, so it
    never pays for importing pydantic (about 150 ms of a cold start).
    """
    from pydantic import Field, field_validator

    from coach.engine.kinds.base import Rule, Strict, Target, UnitKind, checked_patterns

    class SectionScope(Strict):
        include: list[str] = Field(default=[], description="count only under these kinds of section")
        exclude: list[str] = Field(default=[], description="never count under these kinds of section")

    class CueRule(Rule):
        kind: Literal["cue"]
        element: Target
        strength: Literal["specified", "vague"] = Field(
            description="what the sentence shows when the cue fires: a specified or only a vague statement"
        )
        patterns: list[str] = Field(min_length=1)
        sections: SectionScope = SectionScope()
        units: list[UnitKind] = ["item", "sentence"]
        opening: int | None = Field(
            default=None,
            ge=1,
            le=12,
            description="count only when the match begins within the sentence's first N words: a duty written "
            "as an instruction ('Decide which…') has the holder as its subject",
        )

        @field_validator("patterns")
        @classmethod
        def _valid(cls, v: list[str]) -> list[str]:
            return checked_patterns(v)

    return {"SectionScope": SectionScope, "CueRule": CueRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("SectionScope", "CueRule"):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(slots=True, eq=False, repr=False)
class CueSpec:
    id: str
    element: str
    strength: str
    units: frozenset[str]
    include: frozenset[str]
    exclude: frozenset[str]
    opening: int | None = None


def compile_rule(rule: Any, tables: Tables) -> None:
    tables.cues[rule.id] = CueSpec(
        rule.id,
        rule.element,
        rule.strength,
        frozenset(rule.units),
        frozenset(rule.sections.include),
        frozenset(rule.sections.exclude),
        rule.opening,
    )
    tables.add_patterns(rule.id, "cue", rule.patterns, rule.opening)
    tables.fixes[rule.id] = rule.fix


def hook(trace: Trace, tables: Tables) -> None:
    """Turn the matcher's cue hits into evidence, where their rule allows them.

    A cue counts only in the kinds of unit its rule names (and, with
    `opening`, only where the matcher found it among the opening words), inside its
    `include` sections and outside its `exclude` ones, and not in a unit
    whose context blocks its element (pay is never a resource). Negations
    then read the words around it (`coach.engine.kinds.negation`).
    """
    from coach.engine.kinds import negation

    for hit in trace.hits_of("cue"):
        cue = tables.cues[hit.owner]
        unit = hit.unit
        if unit.kind not in cue.units or cue.element in trace.blocked(unit):
            continue
        if cue.include or cue.exclude:
            secs = tables.sections_of(unit)
            if cue.include and secs.isdisjoint(cue.include):
                continue
            if cue.exclude and not secs.isdisjoint(cue.exclude):
                continue
        found = negation.apply(trace, tables, cue, hit)
        if found is not None:
            trace.add_evidence(found)


def group(rule: Any) -> str:
    return rule.element


def tag(rule: Any) -> str:
    return rule.strength
