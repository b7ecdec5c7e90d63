"""`heading`: everything under certain kinds of section is evidence.

Items under "What success looks like" or "In your first 90 days" are how the
holder's results will be judged, whatever words they use. A heading rule
names kinds of section (from the `sections` rule) and the element they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from coach.engine.kinds.base import Rule, Target, UnitKind

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.trace import Trace


class HeadingRule(Rule):
    kind: Literal["heading"]
    element: Target
    strength: Literal["specified", "vague"]
    sections: list[str] = Field(min_length=1)
    units: list[UnitKind] = ["item", "sentence"]


@dataclass(frozen=True, slots=True)
class HeadingSpec:
    id: str
    element: str
    strength: str
    units: frozenset[str]
    sections: frozenset[str]


def compile_rule(rule: HeadingRule, tables: Tables) -> None:
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
            if unit.kind in rule.units and not secs.isdisjoint(rule.sections) and rule.element not in trace.blocked(unit):
                trace.add_evidence(Found(rule.id, rule.element, unit, unit.start, unit.end, rule.strength))


def group(rule: HeadingRule) -> str:
    return rule.element


def tag(rule: HeadingRule) -> str:
    return rule.strength
