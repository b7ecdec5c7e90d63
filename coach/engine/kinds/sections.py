"""`sections`: names for kinds of section, recognised by their headings.

Headings carry meaning: a tool named under "Requirements" is an ask of the
candidate, not a means at the holder's disposal; an amount under "Benefits"
is pay. This rule names kinds of section ("success", "requirements",
"benefits") by patterns searched in the lower-cased heading text (or an
inline label such as "**Reports to**"), for other rules to refer to and for
the fitted weights to use as context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from coach.engine.kinds.base import RULE_ID, Examples, Strict

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.trace import Trace


class SectionDef(Strict):
    headings: list[str] = Field(min_length=1, description="patterns searched in heading text")
    examples: Examples = Examples()

    @field_validator("headings")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        import re

        for p in v:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"heading pattern {p!r} is not a valid regular expression: {e}") from None
        return v


class SectionsRule(Strict):
    """Names kinds of section by their headings, for other rules to refer to."""

    id: str = Field(default="", pattern=r"^$|" + RULE_ID)
    kind: Literal["sections"]
    description: str = ""
    sections: dict[str, SectionDef]


def compile_rule(rule: SectionsRule, tables: Tables) -> None:
    for name, d in rule.sections.items():
        tables.section_sources[name] = "|".join(f"(?:{h})" for h in d.headings)


def hook(trace: Trace, tables: Tables) -> None:
    """Sections are looked up by the other kinds through `Tables.sections_of`."""


def group(rule: SectionsRule) -> str:
    return "sections"


def tag(rule: SectionsRule) -> str:
    return f"{len(rule.sections)} kinds"
