"""`cross`: "X without Y" findings across elements.

An outcome owned with no stated authority; authority with no resources; an
outcome with no measure or review. A cross rule reads the grades, never the
text, and raises its message unless one of its `without` grades holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from coach.grades import Element, Grade

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.trace import Trace


def _schemas() -> dict[str, Any]:
    """The pydantic schema(s) of this kind, built when a rule file is first read.

    Checking a text from the cached tables never reads a rule file, so it
    never pays for importing pydantic (about 150 ms of a cold start).
    """
    from pydantic import Field

    from coach.engine.kinds.base import Rule

    class CrossRule(Rule):
        kind: Literal["cross"]
        when: dict[Element, list[Grade]] = Field(min_length=1, description="all must hold")
        without: dict[Element, list[Grade]] = Field(
            min_length=1, description="the finding is raised unless one of these holds"
        )
        message: str

    return {"CrossRule": CrossRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("CrossRule",):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(slots=True, eq=False, repr=False)
class CrossSpec:
    id: str
    when: dict[str, frozenset[str]]
    without: dict[str, frozenset[str]]
    message: str
    why: str
    fix: str


def compile_rule(rule: Any, tables: Tables) -> None:
    tables.cross.append(
        CrossSpec(
            rule.id,
            {e.value: frozenset(g.value for g in gs) for e, gs in rule.when.items()},
            {e.value: frozenset(g.value for g in gs) for e, gs in rule.without.items()},
            rule.message,
            rule.why,
            rule.fix,
        )
    )


def findings(tables: Tables, grades: dict[Element, Grade]) -> list[dict[str, Any]]:
    """The findings raised by these grades, in the report's JSON shape."""
    out = []
    for r in tables.cross:
        if all(grades[Element(e)].value in gs for e, gs in r.when.items()) and not any(
            grades[Element(e)].value in gs for e, gs in r.without.items()
        ):
            out.append(
                {
                    "rule": r.id,
                    "message": r.message,
                    "elements": [Element(e) for e in (*r.when, *r.without)],
                    "why": r.why,
                    "fix": r.fix,
                }
            )
    return out


def hook(trace: Trace, tables: Tables) -> None:
    """Cross rules run after grading (`findings`): they read grades, not text."""


def group(rule: Any) -> str:
    return "cross-element"


def tag(rule: Any) -> str:
    return "finding"
