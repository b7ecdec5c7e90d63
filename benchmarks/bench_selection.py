"""Coaching selection: what people get, over every gap combination a report can have.

Issue 13 found that gap questions filled every slot (the manager's "When
something goes wrong in this role, how do you make it safe to talk
about?" appeared in 1 of 162 plans at 3 per skill, never at 2), that all
six skills asked about the same gap, and that two roles got identical
questions. This counts, over all 3⁴ × 2 = 162 gap combinations, how often
each rule of `coach.coaching.selection` holds (`coach.coaching.coverage`;
the test suite asserts the same figures), and times one selection.
"""

from __future__ import annotations

import statistics
import time

from coach.coaching import load_bank
from coach.coaching.coverage import HEADER, all_gap_sets, measure
from coach.coaching.selection import SAFETY_SKILL, select

SAFE_TO_TALK = "When something goes wrong in this role, how do you make it safe to talk about?"


def _safe_to_talk(bank, per_skill: int) -> int:
    return sum(
        any(p.text == SAFE_TO_TALK for p in select(bank, "manager", gaps, per_skill, seed=seed)[SAFETY_SKILL])
        for seed, gaps in enumerate(all_gap_sets())
    )


def run(quick: bool = False) -> str:
    bank = load_bank()
    sizes = (1, 2, 3) if quick else (1, 2, 3, 6)
    rows = [measure(bank, audience, k).row() for audience in ("manager", "employee") for k in sizes]
    sets = all_gap_sets()
    times = []
    for _ in range(3 if quick else 10):
        started = time.perf_counter()
        for seed, gaps in enumerate(sets):
            select(bank, "employee", gaps, 3, seed=seed)
        times.append((time.perf_counter() - started) / len(sets))
    lines = [
        "## Coaching selection",
        "",
        "Every gap combination a report can have (each element specified, vague or missing; line of",
        "sight yes or no: 162), for each audience and plan size (questions per skill), with one gap per",
        "plan by default. A combination with a vague element has a sentence to quote. Targets (issue 13):",
        "every gap served, no gap taking more than one question, no two skills opening with the same",
        "gap, a learning / psychological-safety question in every plan, the role quoted when it can be.",
        "",
        HEADER,
        *rows,
        "",
        f"The manager's “{SAFE_TO_TALK}” now appears in "
        f"{_safe_to_talk(bank, 2)}/162 plans at 2 per skill and {_safe_to_talk(bank, 3)}/162 at 3 "
        "(before: never and 1/162); the safety slot rotates over the bank's safety questions by the",
        "role's text digest. “About the manager” counts manager plans with a question about their own",
        "enabling behaviour besides the safety slot; at one question per skill the slots go to the gaps first.",
        f"One selection takes {statistics.median(times) * 1000:.2f} ms (median over {len(times)} passes of all 162).",
    ]
    return "\n".join(lines) + "\n"
