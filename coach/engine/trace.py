"""What the rules found in one text, before it is graded.

`run(text, tables)` parses the text, runs the matcher once over it and then
each kind's hook in the registry's order (contexts, cues with their
negations, headings, vague phrases). The result is the raw material of a
report, and what the evaluation tools read to see which rules fired where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.engine.text import Document, Unit, parse

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.matcher import Hit


@dataclass(slots=True, eq=False, repr=False)
class Found:
    """One piece of evidence: a cue (or heading rule) in a unit.

    `strength` is what the rule claims, after negations (a negated decision
    verb is a stated limit: specified); `modifiers` are the negations that
    applied. How much it counts is the weights' business (coach.engine.grading).
    """

    rule: str
    element: str
    unit: Unit
    start: int
    end: int
    strength: str
    modifiers: tuple[str, ...] = ()


@dataclass(slots=True, eq=False, repr=False)
class Trace:
    """Everything that fired while reading one text."""

    doc: Document
    hits: list[Hit] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # rule id -> kind, for hits_of
    found: list[Found] = field(default_factory=list)
    contexts: dict[int, set[str]] = field(default_factory=dict)  # unit index -> context ids
    blocks: dict[int, set[str]] = field(default_factory=dict)  # unit index -> blocked elements
    vague: list[Hit] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)

    def hits_of(self, kind: str) -> list[Hit]:
        kinds = self.kinds
        return [h for h in self.hits if kinds[h.owner] == kind]

    def add_context(self, unit: Unit, context: str, blocks: frozenset[str]) -> None:
        self.contexts.setdefault(unit.position, set()).add(context)
        if blocks:
            self.blocks.setdefault(unit.position, set()).update(blocks)
        self.fired.add(context)

    def blocked(self, unit: Unit) -> set[str]:
        return self.blocks.get(unit.position, _NONE)

    def context_of(self, unit: Unit) -> set[str]:
        return self.contexts.get(unit.position, _NONE)

    def add_evidence(self, found: Found) -> None:
        self.found.append(found)
        self.fired.add(found.rule)


_NONE: set[str] = set()


def run(text: str, tables: Tables) -> Trace:
    """Run every rule over `text` (see the module docstring)."""
    from coach.engine.kinds import KINDS, STAGES

    doc = parse(text)
    trace = Trace(doc, tables.matcher.scan(doc), tables.kinds)
    for name in STAGES:
        KINDS[name].hook(trace, tables)
    return trace
