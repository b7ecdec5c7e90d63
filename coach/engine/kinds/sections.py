"""`sections`: names for kinds of section, recognised by their headings.

Headings carry meaning: a tool named under "Requirements" is an ask of the
candidate, not a means at the holder's disposal; an amount under "Benefits"
is pay. This rule names kinds of section ("success", "requirements",
"benefits") by patterns searched in the lower-cased heading text (or an
inline label such as "**Reports to**"), for other rules to refer to and for
the fitted weights to use as context.
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

    from coach.engine.kinds.base import RULE_ID, Examples, Strict

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

    class TitlesDef(Strict):
        """Headings that name a role: the document's title, never a kind of section."""

        patterns: list[str] = Field(default_factory=list, description="patterns a whole title heading matches")
        examples: Examples = Examples()

        @field_validator("patterns")
        @classmethod
        def _valid(cls, v: list[str]) -> list[str]:
            return SectionDef._valid(v)

    class SectionsRule(Strict):
        """Names kinds of section by their headings, for other rules to refer to."""

        id: str = Field(default="", pattern=r"^$|" + RULE_ID)
        kind: Literal["sections"]
        description: str = ""
        sections: dict[str, SectionDef]
        titles: TitlesDef = TitlesDef()

    return {"SectionDef": SectionDef, "TitlesDef": TitlesDef, "SectionsRule": SectionsRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("SectionDef", "TitlesDef", "SectionsRule"):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def compile_rule(rule: Any, tables: Tables) -> None:
    for name, d in rule.sections.items():
        tables.section_sources[name] = "|".join(f"(?:{h})" for h in d.headings)
    titles = [f"(?:{p})" for p in rule.titles.patterns]
    tables.title_source = "|".join(filter(None, [tables.title_source, *titles]))


def hook(trace: Trace, tables: Tables) -> None:
    """Sections are looked up by the other kinds through `Tables.sections_of`."""


def group(rule: Any) -> str:
    return "sections"


def tag(rule: Any) -> str:
    return f"{len(rule.sections)} kinds"
