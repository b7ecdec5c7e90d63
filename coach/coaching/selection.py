"""Choosing the bank's questions so that a plan serves the person, not only the contract.

Filling every slot with gap questions, each skill taking the gaps in the
same order, gave six versions of "what may they decide without asking you"
and crowded out learning exactly where it was needed. So, deterministically:

1. **Every gap gets a question** somewhere in the plan, and by default at
   most one (`per_gap`): the gaps are dealt out across the skills in turn,
   so **no two skills open with the same gap**. A gap served by the quoted
   question counts as served.
2. **One question quotes the role** (its evidence, else its title) when
   there is anything to quote.
3. **One learning / psychological-safety slot** is kept in every plan: the
   Desire-for-learning skill always asks one `safety` question.
4. For managers, a skill's first general question is about **their own
   enabling behaviour** (`self`) when the bank has one.
5. The remaining slots take general questions, rotated by the report's
   text digest: the same contract always gets the same plan, two contracts
   seldom the same one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.coaching.bank import Bank, BankQuestion
from coach.coaching.questions import question_key
from coach.coaching.quoting import Quoted
from coach.coaching.skills import META_SKILLS, Audience, MetaSkill

SAFETY_SKILL = MetaSkill.learning


@dataclass
class Picked:
    """One chosen question before it becomes a `Question`: text, kind, gap served, probes."""

    text: str
    kind: str  # gap, general, safety, self, quote, title
    gap: str | None = None
    follow_ups: tuple[str, ...] = ()


@dataclass
class _Skill:
    capacity: int
    opener: Picked | None = None
    reserved: list[Picked] = field(default_factory=list)
    later: list[Picked] = field(default_factory=list)
    general: list[Picked] = field(default_factory=list)

    def room(self) -> int:
        return self.capacity - (self.opener is not None) - len(self.reserved) - len(self.later) - len(self.general)

    def ordered(self) -> list[Picked]:
        """Opener, the safety slot, one general question, later rounds of gaps, the other general ones."""
        first = [self.opener] if self.opener else []
        return (first + self.reserved + self.general[:1] + self.later + self.general[1:])[: self.capacity]


def _rotated(items: list[BankQuestion], seed: int) -> list[BankQuestion]:
    if not items:
        return items
    start = seed % len(items)
    return items[start:] + items[:start]


def select(
    bank: Bank,
    audience: Audience,
    gaps: list[str],
    per_skill: int,
    *,
    per_gap: int = 1,
    seed: int = 0,
    quoted: Quoted | None = None,
) -> dict[MetaSkill, list[Picked]]:
    """The plan's questions per meta skill, `per_skill` each, following the module's rules."""
    skills = {s: _Skill(per_skill) for s in META_SKILLS}
    used: set[str] = set()

    def take(q: BankQuestion, kind: str, gap: str | None = None) -> Picked:
        used.add(question_key(q.text))
        return Picked(q.text, kind, gap, q.follow_ups)

    pools = {s: bank.select(s, audience) for s in META_SKILLS}
    safety = [q for q in pools[SAFETY_SKILL] if "safety" in q.tags and not q.gaps]
    if safety:
        skills[SAFETY_SKILL].reserved.append(take(_rotated(safety, seed)[0], "safety"))

    demands = [(r, g) for r in range(per_gap) for g in gaps]
    if quoted is not None:
        served = (0, quoted.gap) if quoted.gap else None
        room = sum(s.room() for s in skills.values()) - 1
        if served in demands or room >= len(gaps):
            skills[quoted.meta_skill].opener = Picked(quoted.text, quoted.kind, quoted.gap)
            used.add(question_key(quoted.text))
            if served in demands:
                demands.remove(served)

    order = list(META_SKILLS)
    start = seed % len(order)
    order = order[start:] + order[:start]
    turn = 0
    for r, gap in demands:
        for step in range(len(order)):
            skill = order[(turn + step) % len(order)]
            slot = skills[skill]
            if slot.room() <= 0 or (r == 0 and slot.opener is not None):
                continue
            candidates = [q for q in pools[skill] if gap in q.gaps and question_key(q.text) not in used]
            if not candidates:
                continue
            # Managers hear first about what they can do themselves, when the bank has it.
            mine = [q for q in candidates if "self" in q.tags] if audience == "manager" else []
            picked = take((mine or _rotated(candidates, seed + r))[0], "gap", gap)
            if r == 0:
                slot.opener = picked
            else:
                slot.later.append(picked)
            turn = (turn + step + 1) % len(order)
            break

    for skill in META_SKILLS:
        slot = skills[skill]
        general = [q for q in pools[skill] if not q.gaps and question_key(q.text) not in used]
        mine = [q for q in general if "self" in q.tags] if audience == "manager" else []
        for q in mine[:1] + _rotated([q for q in general if q not in mine[:1]], seed):
            if slot.room() <= 0:
                break
            if question_key(q.text) in used:
                continue
            picked = take(q, "self" if "self" in q.tags else "safety" if "safety" in q.tags else "general")
            if slot.opener is None:
                slot.opener = picked
            else:
                slot.general.append(picked)
    return {s: skills[s].ordered() for s in META_SKILLS}
