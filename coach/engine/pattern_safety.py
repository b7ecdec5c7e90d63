"""Refuse rule patterns that would hang a check or match everything.

An organisation's own rules (`--rules DIR`) are patterns written by people,
run over every sentence of every description. Python's `re` backtracks:
a pattern such as `(a+)+$` or `(?:\\w+\\s?)*z` takes exponential time on a
line that almost matches, and one such rule would hang `coach check` and the
app. Patterns that match the empty text, or any text at all, would make
every sentence evidence. Both are refused when the rule file is loaded, with
a message saying what to change.

The nesting check reads the pattern's structure with `re`'s own parser
(`re._parser`, the module `re.compile` itself uses; internal to CPython but
stable since 3.11). Where that parser is not available the check is skipped
rather than guessed; the empty/everything checks always run.
"""

from __future__ import annotations

import re

try:
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _P = None

# A bounded outer repeat ({0,12}) of a repeating body is fine when each
# iteration is delimited ("(?:\w+ ){0,3}"); beyond this many iterations an
# ambiguous body would already take visibly long, so it is refused too.
_MAX_NESTED_BOUND = 20

# Texts no useful rule should match all of.
_NEUTRAL = (
    "zzz",
    "The quick brown fox jumps over the lazy dog.",
    "42",
    "Lorem ipsum dolor sit amet.",
)


def check_pattern(pattern: str) -> str | None:
    """What is wrong with `pattern` as a rule pattern, or None when it is fine.

    The message completes the sentence "pattern '…' …".
    """
    rx = re.compile(pattern)
    if rx.fullmatch("") is not None or rx.search("") is not None:
        return "matches empty text: every sentence would count; make it match at least one word"
    if all(rx.search(s.lower()) for s in _NEUTRAL):
        return "matches almost any text: make it name the words it looks for"
    if _P is not None and _nested_repeat(list(_P.parse(pattern)), inside=None):
        return (
            "can backtrack catastrophically (a repeat inside a repeat, like '(a+)+'): "
            "rewrite it so each part can match in only one way, e.g. '(?:\\w+ ){0,3}' instead of '(?:\\w+\\s?)*'"
        )
    return None


def _repeats(op: object) -> bool:
    return op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT)


def _nested_repeat(items: list, inside: int | None) -> bool:
    """Whether a repeat that can match many times sits inside another such repeat.

    `inside` is the upper bound of the enclosing repeat (None: none). An
    unbounded outer repeat of a repeating body is refused outright; a bounded
    one only above _MAX_NESTED_BOUND iterations.
    """
    for op, av in items:
        if _repeats(op):
            _lo, hi, body = av
            many = hi == _C.MAXREPEAT or hi > 1
            if many and inside is not None and (inside == _C.MAXREPEAT or inside > _MAX_NESTED_BOUND):
                return True
            if _nested_repeat(list(body), hi if many else inside):
                return True
        elif op is _C.SUBPATTERN:
            if _nested_repeat(list(av[-1]), inside):
                return True
        elif op is _C.BRANCH:
            if any(_nested_repeat(list(b), inside) for b in av[1]):
                return True
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if _nested_repeat(list(av[1]), inside):
                return True
        elif op is _C.ATOMIC_GROUP and _nested_repeat(list(av), inside):
            return True
    return False
