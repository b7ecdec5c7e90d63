"""`vague_phrase`: phrases that dilute the contract ("other duties as assigned").

They lower no grade (ELEMENTS.md, "vagueness"): each is reported with its
span and the rule's `fix` as the suggestion shown to the user.
"""

from __future__ import annotations

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

    from coach.engine.kinds.base import Rule, checked_patterns

    class VaguePhraseRule(Rule):
        kind: Literal["vague_phrase"]
        patterns: list[str] = Field(min_length=1)

        @field_validator("patterns")
        @classmethod
        def _valid(cls, v: list[str]) -> list[str]:
            return checked_patterns(v)

    return {"VaguePhraseRule": VaguePhraseRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("VaguePhraseRule",):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def compile_rule(rule: Any, tables: Tables) -> None:
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


def group(rule: Any) -> str:
    return "vague phrases"


def tag(rule: Any) -> str:
    return "phrase"
