"""`negation`: words near a cue that change what it means.

"has **no** budget authority" is a stated limit (which specifies
discretion); "**no** budget" is not a budget at all; "**help** ensure the
event runs" is someone else's outcome. A negation looks in a window of words
around each cue of its element and, when one of its patterns is there:

- `cancel`: the cue does not count (the sentence is not evidence through it);
- `limit`: the cue counts as a stated limit, i.e. as specified;
- `downgrade`: the cue counts as vague only.

The negation's id then becomes part of the sentence's evidence, so the fitted
weights (rules/weights.yml) can learn how much a limit or a weakening counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal

from coach.engine.regexes import Packed, build

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.kinds.cue import CueSpec
    from coach.engine.matcher import Hit
    from coach.engine.text import Unit
    from coach.engine.trace import Found, Trace


def _schemas() -> dict[str, Any]:
    """The pydantic schema(s) of this kind, built when a rule file is first read.

    Checking a text from the cached tables never reads a rule file, so it
    never pays for importing pydantic (about 150 ms of a cold start).
    """
    from pydantic import Field, field_validator

    from coach.engine.kinds.base import Rule, Target, checked_patterns

    class NegationRule(Rule):
        kind: Literal["negation"]
        element: Target
        effect: Literal["limit", "cancel", "downgrade"] = Field(
            description="limit: the negated cue is a stated limit (specified); "
            "cancel: it does not count; downgrade: it counts as vague only"
        )
        patterns: list[str] = Field(min_length=1)
        scope: Literal["before", "after", "sentence", "opening"] = Field(
            default="before",
            description="where to look: words before or after the cue, the whole sentence, or its opening words",
        )
        window: int = Field(default=5, ge=1, le=40, description="how many words (before, after, opening)")
        strengths: list[Literal["specified", "vague"]] = ["specified", "vague"]
        only: list[str] = Field(default=[], description="apply only to cues of these rule ids (default: all)")

        @field_validator("patterns")
        @classmethod
        def _valid(cls, v: list[str]) -> list[str]:
            return checked_patterns(v)

    return {"NegationRule": NegationRule}


_SCHEMAS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in ("NegationRule",):
        if not _SCHEMAS:
            _SCHEMAS.update(_schemas())
        return _SCHEMAS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(slots=True, eq=False, repr=False)
class NegationSpec:
    id: str
    element: str
    effect: str
    scope: str
    window: int
    strengths: frozenset[str]
    only: frozenset[str]
    source: str
    packed: Packed | None = None  # re's compiled form, kept in the rules cache (coach.engine.regexes)
    _regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = build(self.source, self.packed)
        return self._regex

    def __getstate__(self) -> tuple:
        # The compiled regex is left out of the rules cache; `packed` rebuilds it.
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "_regex")

    def __setstate__(self, state: tuple) -> None:
        for f, value in zip((f for f in fields(self) if f.name != "_regex"), state, strict=True):
            setattr(self, f.name, value)
        self._regex = None


def compile_rule(rule: Any, tables: Tables) -> None:
    from coach.engine.anchors import flexible_spaces

    source = r"(?<![\w])(?:" + "|".join(f"(?:{flexible_spaces(p)})" for p in rule.patterns) + r")(?![\w])"
    tables.negations.setdefault(rule.element, []).append(
        NegationSpec(
            rule.id,
            rule.element,
            rule.effect,
            rule.scope,
            rule.window,
            frozenset(rule.strengths),
            frozenset(rule.only),
            source,
        )
    )
    tables.fixes[rule.id] = rule.fix


def _window_after(masked: str, unit: Unit, end: int, words: int) -> tuple[int, int]:
    """The span of up to `words` words after `end`, inside the unit and clause."""
    i, limit = end, unit.end
    for _ in range(words):
        while i < limit and masked[i] == " ":  # runs of spaces are one gap
            i += 1
        j = masked.find(" ", i, limit)
        if j < 0:
            i = limit
            break
        i = j
    stop = i
    for p in (";", ".", "?", "!", " but "):
        k = masked.find(p, end, stop)
        if k >= 0:
            stop = k
    return end, stop


def _window_before(masked: str, unit: Unit, start: int, words: int) -> tuple[int, int]:
    """The span of up to `words` words before `start`, inside the unit and clause.

    The window stops at clause punctuation: in "no budget; decides the
    schedule" the "no" does not reach "decides".
    """
    i, limit = start, unit.start
    for _ in range(words):
        while i > limit and masked[i - 1] == " ":
            i -= 1
        j = masked.rfind(" ", limit, i)
        if j < 0:
            i = limit
            break
        i = j
    seg_start = i
    for p in (";", ":", ".", "?", "!", " but ", " and may ", " however"):
        k = masked.rfind(p, seg_start, start)
        if k >= 0:
            seg_start = max(seg_start, k + len(p))
    return seg_start, start


def window(rule: NegationSpec, masked: str, unit: Unit, start: int, end: int) -> tuple[int, int]:
    """Where `rule` looks for its words around a cue at [start, end)."""
    if rule.scope == "sentence":
        return unit.start, unit.end
    if rule.scope == "opening":
        return _window_after(masked, unit, unit.start, rule.window)
    if rule.scope == "after":
        return _window_after(masked, unit, end, rule.window)
    return _window_before(masked, unit, start, rule.window)


def apply(trace: Trace, tables: Tables, cue: CueSpec, hit: Hit) -> Found | None:
    """The cue at `hit` as evidence after its element's negations, or None if cancelled.

    The first negation that applies decides (rules are tried in id order).
    """
    from coach.engine.trace import Found

    found = Found(cue.id, cue.element, hit.unit, hit.start, hit.end, cue.strength)
    masked = trace.doc.masked
    # Many rules look in the same window (five words before, the sentence): find each once.
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for rule in tables.negations_of(cue):
        span = spans.get((rule.scope, rule.window))
        if span is None:
            span = spans[rule.scope, rule.window] = window(rule, masked, hit.unit, hit.start, hit.end)
        if rule.regex.search(masked, *span) is None:
            continue
        trace.fired.add(rule.id)
        if rule.effect == "cancel":
            return None
        found.strength = "specified" if rule.effect == "limit" else "vague"
        found.modifiers = (rule.id,)
        return found
    return found


def hook(trace: Trace, tables: Tables) -> None:
    """Negations run inside the cue stage (`apply`), one cue at a time."""


def group(rule: Any) -> str:
    return rule.element


def tag(rule: Any) -> str:
    return rule.effect
