"""`heading`: everything under certain kinds of section is evidence.

Items under "What success looks like" or "In your first 90 days" are how the
holder's results will be judged, whatever words they use. A heading rule
names kinds of section (from the `sections` rule) and the element they show.
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
    from pydantic import Field

    from coach.engine.kinds.base import Rule, Target, UnitKind

    class HeadingRule(Rule):
        kind: Literal["heading"]
        element: Target
        strength: Literal["specified", "vague"]
        sections: list[str] = Field(min_length=1)
        units: list[UnitKind] = ["item", "sentence"]

    return {"HeadingRule": HeadingRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("HeadingRule",):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(slots=True, eq=False, repr=False)
class HeadingSpec:
    id: str
    element: str
    strength: str
    units: frozenset[str]
    sections: frozenset[str]


def compile_rule(rule: Any, tables: Tables) -> None:
    tables.headings.append(
        HeadingSpec(rule.id, rule.element, rule.strength, frozenset(rule.units), frozenset(rule.sections))
    )
    tables.fixes[rule.id] = rule.fix


def hook(trace: Trace, tables: Tables) -> None:
    """Add each unit under a matching section as evidence of the rule's element."""
    from coach.engine.trace import Found

    if not tables.headings:
        return
    for unit in trace.doc.units:
        if unit.kind == "heading":
            continue
        secs = tables.sections_of(unit)
        if not secs:
            continue
        for rule in tables.headings:
            if (
                unit.kind in rule.units
                and not secs.isdisjoint(rule.sections)
                and rule.element not in trace.blocked(unit)
            ):
                trace.add_evidence(Found(rule.id, rule.element, unit, unit.start, unit.end, rule.strength))


def group(rule: Any) -> str:
    return rule.element


def tag(rule: Any) -> str:
    return rule.strength
