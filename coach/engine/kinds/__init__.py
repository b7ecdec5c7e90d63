"""The rule kinds, one module each, and the registry that ties them together.

Each kind's module holds its pydantic schema, its compile step (rule file →
the engine's tables) and its engine hook (what it does to a text), plus how
`coach rules` groups and tags it. The registry below is the one list of
kinds: it drives the rule-file union in `coach.engine.ruleset`, the
compile step, the engine's stages, `coach rules`, the example tests and the
table of kinds in docs/rules.md (a test keeps that table in step).

To add a kind: write its module with `compile_rule`, `hook`, `group`, `tag`
and a schema whose `kind` field is a Literal of its name, then add it here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from coach.engine.kinds import context, cross, cue, heading, negation, sections, vague_phrase, vocabulary


@dataclass(frozen=True)
class Kind:
    """One rule kind: its name, the name of its schema, its module and a line for the docs."""

    name: str
    schema_name: str
    module: ModuleType
    summary: str
    fields: str

    @property
    def schema(self) -> type:
        """The pydantic model of a rule file of this kind (built on first use: see cue._schemas)."""
        return getattr(self.module, self.schema_name)

    @property
    def compile_rule(self) -> Callable[[Any, Any], None]:
        return self.module.compile_rule

    @property
    def hook(self) -> Callable[[Any, Any], None]:
        return self.module.hook

    def group(self, rule: Any) -> str:
        return self.module.group(rule)

    def tag(self, rule: Any) -> str:
        return self.module.tag(rule)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "cue",
            "CueRule",
            cue,
            "phrases that show an element; the only source of evidence",
            "`element`, `strength` (specified / vague), `patterns`, `sections` (include / exclude), `units`, `opening`",
        ),
        Kind(
            "negation",
            "NegationRule",
            negation,
            "words near a cue that change what it means",
            "`element`, `effect` (limit / cancel / downgrade), `patterns`, `scope` (before / after / sentence / opening), `window`, `only`",
        ),
        Kind(
            "context",
            "ContextRule",
            context,
            "what a sentence is about (pay, the organisation, an ask of the candidate)",
            "`patterns`, `scope` (sentence / opening), `window`, `blocks` (elements)",
        ),
        Kind(
            "heading",
            "HeadingRule",
            heading,
            "everything under certain kinds of section is evidence",
            "`element`, `strength`, `sections`, `units`",
        ),
        Kind(
            "sections",
            "SectionsRule",
            sections,
            "names kinds of section by their headings, and which headings are job titles (never a section)",
            "`sections: {name: {headings: [...], examples}}`, `titles: {patterns: [...], examples}`",
        ),
        Kind(
            "vague_phrase",
            "VaguePhraseRule",
            vague_phrase,
            "phrases that dilute the contract; reported, never graded",
            "`patterns`; its `fix` is the suggestion shown",
        ),
        Kind(
            "cross",
            "CrossRule",
            cross,
            '"X without Y" findings across elements',
            "`when: {element: [grades]}`, `without: {element: [grades]}`, `message`",
        ),
        Kind(
            "vocabulary",
            "VocabularyRule",
            vocabulary,
            "word lists shared by rules",
            "`terms: {name: alternatives}`, used in patterns as `{{name}}`",
        ),
    )
}

# The order the engine runs the per-text hooks in: contexts before the cues
# they qualify, negations inside the cue stage, headings after, phrases last.
STAGES: tuple[str, ...] = ("sections", "vocabulary", "context", "cue", "negation", "heading", "vague_phrase", "cross")

__all__ = ["KINDS", "STAGES", "Kind"]
