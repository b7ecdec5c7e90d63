"""What every rule file shares: id, prose, examples, and checked patterns.

A rule is data a non-developer can read and edit, so everything that can be
wrong with it is caught when the file is loaded and reported as one line
naming the file and the field (see `coach.engine.ruleset`).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.engine.pattern_safety import check_pattern
from coach.grades import Target  # noqa: F401  (re-exported: every kind's schema names it)

UnitKind = Literal["heading", "item", "sentence"]

RULE_ID = r"^[a-z0-9][a-z0-9_.-]*$"


class Strict(BaseModel):
    # defer_build: rule files loaded from the cache are never re-validated,
    # so a cached start does not pay for building the schemas.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Examples(Strict):
    """Texts the test suite runs the rule on, with the same meaning for every kind.

    `fires`: the rule fires on each of these texts (a cue finds its element,
    a negation applies, a vague phrase or a cross-element finding is
    reported, a context is recognised). `silent`: it does not.
    """

    fires: list[str] = []
    silent: list[str] = []


class Rule(Strict):
    """Fields of every rule that speaks to the user: its id, why and fix."""

    id: str = Field(default="", pattern=r"^$|" + RULE_ID, description="defaults to the file's path")
    description: str = ""
    why: str
    fix: str
    examples: Examples = Examples()


def checked_patterns(patterns: list[str]) -> list[str]:
    """Validate rule patterns (a pydantic field validator calls this)."""
    for p in patterns:
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"pattern {p!r} is not a valid regular expression: {e}") from None
        if _has_upper_literal(p):
            raise ValueError(f"pattern {p!r} has capital letters: text is matched lower-cased, write it in lower case")
        problem = check_pattern(p)
        if problem:
            raise ValueError(f"pattern {p!r} {problem}")
    return patterns


def _has_upper_literal(pattern: str) -> bool:
    # Capitals after a backslash are escapes (\S, \W, \B, \D); others never match.
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c.isupper():
            return True
        i += 1
    return False
