"""`vague_phrase`: phrases that dilute the contract ("other duties as assigned").

They lower no grade (ELEMENTS.md, "vagueness"): each is reported with its
span and the rule's `fix` as the suggestion shown to the user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from coach.engine.kinds.base import Rule, checked_patterns

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.trace import Trace


class VaguePhraseRule(Rule):
    kind: Literal["vague_phrase"]
    patterns: list[str] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return checked_patterns(v)


def compile_rule(rule: VaguePhraseRule, tables: Tables) -> None:
    tables.add_patterns(rule.id, "vague_phrase", rule.patterns)
    tables.fixes[rule.id] = rule.fix


def hook(trace: Trace, tables: Tables) -> None:
    """Keep each vague phrase once per span (two rules may find the same words)."""
    seen: set[tuple[int, int]] = set()
    for hit in trace.hits_of("vague_phrase"):
        if (hit.start, hit.end) in seen:
            continue
        seen.add((hit.start, hit.end))
        trace.vague.append(hit)
        trace.fired.add(hit.owner)


def group(rule: VaguePhraseRule) -> str:
    return "vague phrases"


def tag(rule: VaguePhraseRule) -> str:
    return "phrase"
