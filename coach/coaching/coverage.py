"""How well selection serves people, measured over every gap combination a report can have.

Each of the four elements is specified, vague or missing, and line of sight
is there or not: 3⁴ × 2 = 162 combinations. For each, and for a plan size,
`measure` runs `selection.select` and counts what the issue that shaped it
asked for: every gap served, no gap taking more than its share, no two
skills opening with the same gap, the learning / psychological-safety slot
kept, a question quoting the role when there is something to quote. The
test suite asserts the figures and `benchmarks/bench_coaching.py` prints
them as a table in docs/benchmarks.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import product

from coach.coaching.bank import Bank
from coach.coaching.quoting import Quoted
from coach.coaching.selection import Picked, select
from coach.coaching.skills import META_SKILLS, Audience, by_severity
from coach.report import ELEMENTS, Grade

SAMPLE_QUOTE = "The role says “you may approve refunds”. Which decisions does that leave to this person?"


def all_gap_sets() -> list[list[str]]:
    """Every list of gap ids a report can produce (162), most severe first within each."""
    out = []
    for grades in product((Grade.specified, Grade.vague, Grade.missing), repeat=len(ELEMENTS)):
        for sight in (True, False):
            gaps = [f"{e.value}:{g.value}" for e, g in zip(ELEMENTS, grades, strict=True) if g != Grade.specified]
            out.append(by_severity(gaps + ([] if sight else ["line_of_sight:no"])))
    return out


@dataclass(frozen=True)
class Coverage:
    """Counts over all combinations for one audience and plan size."""

    audience: str
    per_skill: int
    combinations: int
    every_gap_served: int  # plans where each gap present has at least one question
    within_share: int  # plans where no gap has more than `per_gap` questions
    distinct_openers: int  # plans where no two skills open with the same gap
    safety_slot: int  # plans that keep a learning / psychological-safety question
    quotable: int  # plans with a sentence to quote (a vague element)
    quoted: int  # of those, plans that quote it
    self_questions: int  # manager plans with a question about the manager's own behaviour
    distinct_questions: int  # different question texts over all the plans

    def row(self) -> str:
        n = self.combinations
        return (
            f"| {self.audience} | {self.per_skill} | {n} | {self.every_gap_served}/{n} | {self.within_share}/{n} "
            f"| {self.distinct_openers}/{n} | {self.safety_slot}/{n} | {self.quoted}/{self.quotable} "
            f"| {self.self_questions if self.audience == 'manager' else '–'} | {self.distinct_questions} |"
        )


HEADER = (
    "| audience | per skill | combinations | every gap served | ≤ 1 question per gap | distinct openers "
    "| safety slot | quotes the role | about the manager | distinct questions |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def _quote_for(gaps: list[str]) -> Quoted | None:
    """What the report would offer to quote: the most severe vague element's sentence."""
    gap = next((g for g in gaps if g.endswith(":vague")), None)
    return Quoted(META_SKILLS[1], SAMPLE_QUOTE, gap.partition(":")[0], gap, "quote") if gap else None


def check_plan(chosen: dict, gaps: list[str], per_gap: int = 1) -> dict[str, bool]:
    """The properties of one selection, by name (what `measure` counts)."""
    picked: list[Picked] = [p for ps in chosen.values() for p in ps]
    served = Counter(p.gap for p in picked if p.gap)
    openers = [ps[0].gap for ps in chosen.values() if ps and ps[0].gap]
    return {
        "every_gap_served": all(served[g] >= 1 for g in gaps),
        "within_share": all(n <= per_gap for n in served.values()),
        "distinct_openers": len(openers) == len(set(openers)),
        "safety_slot": any(p.kind == "safety" for p in picked),
        "quoted": any(p.kind == "quote" for p in picked),
        "self_questions": any(p.kind == "self" for p in picked),
    }


def measure(bank: Bank, audience: Audience, per_skill: int, per_gap: int = 1) -> Coverage:
    """Run selection over all 162 gap combinations and count the properties."""
    counts: Counter[str] = Counter()
    texts: set[str] = set()
    sets = all_gap_sets()
    quotable = 0
    for seed, gaps in enumerate(sets):
        quote = _quote_for(gaps)
        chosen = select(bank, audience, gaps, per_skill, per_gap=per_gap, seed=seed, quoted=quote)
        checks = check_plan(chosen, gaps, per_gap)
        quotable += quote is not None
        for name, ok in checks.items():
            counts[name] += ok and (name != "quoted" or quote is not None)
        texts.update(p.text for ps in chosen.values() for p in ps)
    return Coverage(
        audience=audience,
        per_skill=per_skill,
        combinations=len(sets),
        every_gap_served=counts["every_gap_served"],
        within_share=counts["within_share"],
        distinct_openers=counts["distinct_openers"],
        safety_slot=counts["safety_slot"],
        quotable=quotable,
        quoted=counts["quoted"],
        self_questions=counts["self_questions"],
        distinct_questions=len(texts),
    )
