"""`vocabulary`: named word lists that other rules use as `{{name}}`.

`role_noun: "lead|manager|chair|..."` lives in one place and every pattern
that needs it writes `{{role_noun}}`; the loader expands the names before
the patterns are checked and compiled.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from coach.errors import RuleError

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.trace import Trace


def _schemas() -> dict[str, Any]:
    """The pydantic schema(s) of this kind, built when a rule file is first read.

    Checking a text from the cached tables never reads a rule file, so it
    never pays for importing pydantic (about 150 ms of a cold start).
    """
    from pydantic import Field, field_validator

    from coach.engine.kinds.base import RULE_ID, Strict

    class VocabularyRule(Strict):
        """Named pattern pieces, used in other rules' patterns as `{{name}}`."""

        id: str = Field(default="", pattern=r"^$|" + RULE_ID)
        kind: Literal["vocabulary"]
        description: str = ""
        terms: dict[str, str] = Field(min_length=1)

        @field_validator("terms")
        @classmethod
        def _valid(cls, v: dict[str, str]) -> dict[str, str]:
            for name, _piece in v.items():
                if not re.fullmatch(r"[a-z_]+", name):
                    raise ValueError(f"term name {name!r}: use lower-case letters and underscores")
            return v

    return {"VocabularyRule": VocabularyRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("VocabularyRule",):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_TERM = re.compile(r"\{\{([a-z_]+)\}\}")


def unfold(piece: str) -> str:
    """`piece` with the layout space of a folded list taken out.

    Long lists are folded over lines (`a|b<newline>|c` reads `a|b |c`), so
    space around a top-level `|` is layout. Inside a group it is part of the
    pattern: `every (?:other |two )?week` needs the space after "two".
    """
    alternatives, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, ch in enumerate(piece):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alternatives.append(piece[start:i].strip())
            start = i + 1
    alternatives.append(piece[start:].strip())
    return "|".join(alternatives)


def terms_of(rules: dict[str, Any], origins: dict[str, str]) -> dict[str, str]:
    """Every term of every vocabulary rule, expanded (terms may use terms)."""
    terms: dict[str, str] = {}
    where: dict[str, str] = {}
    for rid, rule in rules.items():
        if getattr(rule, "kind", None) == "vocabulary":
            for name, piece in rule.terms.items():
                terms[name] = unfold(piece)
                where[name] = origins[rid]
    for _ in range(5):  # five levels of nesting is plenty
        nested = False
        for name, piece in terms.items():
            if "{{" in piece:
                nested = True
                terms[name] = substitute(piece, terms, f"{where[name]}: terms.{name}")
        if not nested:
            break
    else:
        raise RuleError(f"{', '.join(sorted(set(where.values())))}: terms refer to each other in a loop")
    return terms


def substitute(pattern: str, terms: dict[str, str], where: str) -> str:
    """`pattern` with each `{{name}}` replaced by its term as a `(?:...)` group."""
    for name in _TERM.findall(pattern):
        if name not in terms:
            known = ", ".join(sorted(terms)) or "none (add a vocabulary file)"
            raise RuleError(f"{where}: unknown term {{{{{name}}}}}; known terms: {known}")
    return _TERM.sub(lambda m: f"(?:{terms[m.group(1)]})", pattern)


def compile_rule(rule: Any, tables: Tables) -> None:
    """Nothing to compile: the loader has already expanded every term."""


def hook(trace: Trace, tables: Tables) -> None:
    """Vocabulary works at load time (`terms_of`, `substitute`), not per text."""


def group(rule: Any) -> str:
    return "vocabulary"


def tag(rule: Any) -> str:
    return f"{len(rule.terms)} terms"
