"""The features of each sentence: what the weights are applied to.

A sentence is evidence for an element only when one of the element's cues
(or heading rules) fired in it. Its features are then:

- the ids of those rules, and of the negations that changed them (a cue
  weakened by a negation, "help define the strategy", counts only through
  the negation);
- context: the context rules recognised in it, the kinds of section it
  sits under (`section:requirements`) and whether it is a list item or a
  heading (`unit:item`, `unit:heading`);
- for purpose, whether it is the first sentence of the text where a
  specifying cue fired (`unit:first-claim`): role descriptions state what
  a role is for before they list its duties, so a claim made first is
  likelier to be the role's purpose than one met deep in a procedure.

Context alone never makes a sentence evidence; it only changes how much the
rules in it count (a tool named under "Requirements" is an ask, not a means).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.grades import TARGETS

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.text import Unit
    from coach.engine.trace import Found, Trace


SPECIFYING = frozenset({"specified", "limit", "heading"})
"""Kinds of evidence that can make a sentence specify its element (a vague cue alone never does)."""

FIRST_CLAIM = "unit:first-claim"
FIRST_CLAIM_ELEMENTS = frozenset({"purpose"})
"""Elements whose first specifying sentence is marked: under leave-one-organisation-out it helps
purpose and no other element (the commit that added it has the figures)."""


@dataclass(slots=True, eq=False, repr=False)
class UnitFeatures:
    """One sentence's features for one element, and the evidence behind them."""

    unit: Unit
    features: dict[str, str] = field(default_factory=dict)  # name -> fallback kind for unfitted weights
    found: list[Found] = field(default_factory=list)

    @property
    def can_specify(self) -> bool:
        """Whether a rule that claims to specify the element fired here (else it only addresses it)."""
        return not SPECIFYING.isdisjoint(self.features.values())


def features_of(trace: Trace, tables: Tables) -> dict[str, list[UnitFeatures]]:
    """For each element (and line of sight), the sentences that address it, in reading order."""
    by_element: dict[str, dict[int, UnitFeatures]] = {t: {} for t in TARGETS}
    cues = tables.cues
    for f in trace.found:
        units = by_element[f.element]
        uf = units.get(f.unit.position)
        if uf is None:
            uf = units[f.unit.position] = UnitFeatures(f.unit)
        uf.found.append(f)
        spec = cues.get(f.rule)
        weakened = bool(f.modifiers) and f.strength == "vague" and (spec is None or spec.strength == "specified")
        if not weakened:
            # A weakened cue ("help define the strategy") counts only through
            # the negation that weakened it, never with the cue's own weight.
            # A heading rule specifies unless it says it is only vague (a blurb under "About us").
            uf.features[f.rule] = (
                spec.strength if spec is not None else ("vague" if f.strength == "vague" else "heading")
            )
        for m in f.modifiers:
            uf.features[m] = "downgrade" if weakened else "limit"
    out: dict[str, list[UnitFeatures]] = {}
    for element, units in by_element.items():
        listed = [units[i] for i in sorted(units)]
        for uf in listed:
            unit = uf.unit
            for c in trace.context_of(unit):
                uf.features[c] = "context"
            for s in tables.sections_of(unit):
                uf.features[f"section:{s}"] = ""
            if unit.kind != "sentence":
                uf.features[f"unit:{unit.kind}"] = ""
        if element in FIRST_CLAIM_ELEMENTS:
            first = next((uf for uf in listed if uf.can_specify), None)
            if first is not None:
                first.features[FIRST_CLAIM] = ""
        out[element] = listed
    return out


def known_features(tables: Tables) -> dict[str, set[str]]:
    """Every feature name valid for each element (what a weights file may name)."""
    context = {*tables.contexts, *(f"section:{s}" for s in tables.section_sources), "unit:item", "unit:heading"}
    known: dict[str, set[str]] = {t: set(context) for t in TARGETS}
    for element in FIRST_CLAIM_ELEMENTS:
        known[element].add(FIRST_CLAIM)
    for cue in tables.cues.values():
        known[cue.element].add(cue.id)
    for h in tables.headings:
        known[h.element].add(h.id)
    for element, rules in tables.negations.items():
        known[element].update(r.id for r in rules)
    return known
