"""`context`: what a sentence is about, as opposed to what it shows.

"We are a team of 40 across three continents" is about the organisation;
"Salary £45,000 plus a bonus tied to retention" is about pay; "Experience
with Salesforce" is an ask of the candidate. The same cue words mean
different things there. A context rule recognises such sentences by their
words (anywhere, or in the opening words) and then:

- its id becomes context for every cue in the sentence, which the fitted
  weights use ("a tool named in a requirement counts less"), and
- `blocks: [resources, accountability]` stops cues of those elements from
  counting in the sentence at all (pay is never a resource).

A context never makes a sentence evidence by itself: only cues do.
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

    from coach.engine.kinds.base import Rule, Target, checked_patterns

    class ContextRule(Rule):
        kind: Literal["context"]
        patterns: list[str] = Field(min_length=1)
        scope: Literal["sentence", "opening"] = Field(
            default="sentence", description="anywhere in the sentence, or within its first `window` words"
        )
        window: int = Field(default=4, ge=1, le=20, description="how many opening words (scope: opening)")
        blocks: list[Target] = Field(default=[], description="elements whose cues never count in such a sentence")

        @field_validator("patterns")
        @classmethod
        def _valid(cls, v: list[str]) -> list[str]:
            return checked_patterns(v)

    return {"ContextRule": ContextRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("ContextRule",):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(slots=True, eq=False, repr=False)
class ContextSpec:
    id: str
    scope: str
    window: int
    blocks: frozenset[str]


def compile_rule(rule: Any, tables: Tables) -> None:
    tables.contexts[rule.id] = ContextSpec(rule.id, rule.scope, rule.window, frozenset(rule.blocks))
    tables.add_patterns(rule.id, "context", rule.patterns, rule.window if rule.scope == "opening" else None)
    tables.fixes[rule.id] = rule.fix


def hook(trace: Trace, tables: Tables) -> None:
    """Tag each unit with the contexts recognised in it (before cues are read).

    A context with `scope: opening` reaches the matcher with its window, so
    every hit here already begins within the sentence's opening words.
    """
    for hit in trace.hits_of("context"):
        spec = tables.contexts[hit.owner]
        trace.add_context(hit.unit, spec.id, spec.blocks)


def group(rule: Any) -> str:
    return "context"


def tag(rule: Any) -> str:
    return "blocks " + ",".join(rule.blocks) if rule.blocks else rule.scope
