"""Find every rule pattern in a document fast.

Running a few hundred regular expressions over every sentence would cost
milliseconds per document. Instead each pattern is reduced to its *anchors*:
literal strings one of which must appear in any match ("approv" for
`(?:may|can) approv\\w*`). One Aho-Corasick pass (pyahocorasick, in C) finds
which anchors occur and in which unit; only those patterns then run, and
only over those units. Patterns with no usable anchor run over the whole
text. The result is the same as running every pattern everywhere.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import ahocorasick

from coach.text import Document, Unit

MIN_ANCHOR = 3


@dataclass(frozen=True, slots=True)
class Pattern:
    owner: str  # rule id
    regex: re.Pattern[str]
    anchors: frozenset[str] | None  # None: run everywhere
    word_start: bool  # the pattern starts with a word character: check the boundary
    word_end: bool


@dataclass(frozen=True, slots=True)
class Hit:
    owner: str
    unit: Unit
    start: int
    end: int


def _literal_anchors(items: list) -> frozenset[str] | None:  # noqa: C901 - a small tree walk
    """Literal strings one of which any match of `items` must contain."""
    best: frozenset[str] | None = None

    def consider(cand: frozenset[str] | None) -> None:
        nonlocal best
        if not cand:
            return
        if best is None or min(map(len, cand)) > min(map(len, best)):
            best = cand

    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        consider(frozenset(["".join(run)]) if len(run) >= MIN_ANCHOR else None)
        run = []
        if op is C.SUBPATTERN:
            consider(_literal_anchors(list(av[-1])))
        elif op is C.BRANCH:
            alts = [_literal_anchors(list(b)) for b in av[1]]
            if alts and all(alts):
                consider(frozenset().union(*alts))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            if lo >= 1:
                consider(_literal_anchors(list(body)))
        elif op is C.ATOMIC_GROUP:
            consider(_literal_anchors(list(av)))
    consider(frozenset(["".join(run)]) if len(run) >= MIN_ANCHOR else None)
    if best is not None and min(map(len, best)) < MIN_ANCHOR:
        return None
    return best


def anchors_of(pattern: str) -> frozenset[str] | None:
    try:
        return _literal_anchors(list(P.parse(pattern)))
    except Exception:  # pragma: no cover - re.compile already accepted it
        return None


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _edge_is_word(pattern: str, first: bool) -> bool:
    """Whether the pattern begins (ends) with a literal word character.

    Alternatives count when they all do ("plan|plans"), and so does an
    optional literal letter ("licences?"). A class or `\\w` at the edge does
    not: the author is peeking at the next word on purpose.
    """
    try:
        items = list(P.parse(pattern))
    except Exception:  # pragma: no cover - re.compile already accepted it
        return False
    return _edge_is_word_items(items, first)


def _edge_is_word_items(items: list, first: bool) -> bool:
    if not items:
        return False
    op, av = items[0] if first else items[-1]
    if op is C.LITERAL:
        return _is_word_char(chr(av))
    if op is C.SUBPATTERN:
        return _edge_is_word_items(list(av[-1]), first)
    if op is C.BRANCH:
        branches = [list(b) for b in av[1]]
        if any(not b for b in branches):  # "plan|plans" parses as "plan(?:|s)"
            before = items[1:] if first else items[:-1]
            if not _edge_is_word_items(before, first):
                return False
        return all(_edge_is_word_items(b, first) for b in branches if b)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and not first:
        body = list(av[2])
        # "s?" after a word: the word before it decides.
        return _edge_is_word_items(body, first) and _edge_is_word_items(items[:-1], first)
    return False


def flexible_spaces(pattern: str) -> str:
    """Let each literal space in a pattern match any run of spaces.

    Masking blanks out markup ("**Bold** text" becomes "  bold   text") and
    line breaks inside a sentence become spaces, so a rule author's single
    space must match one or more. Spaces inside [...] classes are left alone.
    """
    out = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == " " and not (i + 1 < len(pattern) and pattern[i + 1] in "*+?{"):
            out.append(" +")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def compile_pattern(owner: str, pattern: str) -> Pattern:
    """Compile one rule pattern: whole words, flexible spaces, anchors.

    A pattern that ends in a letter must end at a word boundary; that is
    part of the regex (a cheap look-ahead) so alternatives such as
    `plan|plans` backtrack to the longer word. A pattern that starts with a
    letter must start at a boundary; that is checked after matching, because
    a look-behind at the start would stop `re` from scanning for the
    literal prefix quickly.
    """
    pattern = flexible_spaces(pattern)
    word_end = _edge_is_word(pattern, False)
    return Pattern(
        owner=owner,
        regex=re.compile(f"(?:{pattern})(?!\\w)" if word_end else pattern),
        anchors=anchors_of(pattern),
        word_start=_edge_is_word(pattern, True),
        word_end=False,
    )


class Matcher:
    """All patterns of a ruleset, ready to scan documents."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.unanchored = [i for i, p in enumerate(patterns) if p.anchors is None]
        by_anchor: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(patterns):
            for a in p.anchors or ():
                by_anchor[a].append(i)
        self.automaton = ahocorasick.Automaton()
        for anchor, ids in by_anchor.items():
            self.automaton.add_word(anchor, tuple(ids))
        self.empty = not by_anchor
        if not self.empty:
            self.automaton.make_automaton()

    def scan(self, doc: Document) -> list[Hit]:
        """Every match of every pattern, in (unit, start) order."""
        masked = doc.masked
        todo: set[tuple[int, int]] = set()  # (pattern index, unit index)
        if not self.empty:
            unit_at = doc.unit_at
            for end, ids in self.automaton.iter(masked):
                unit = unit_at(end)
                if unit is not None:
                    for i in ids:
                        todo.add((i, unit.index))
        hits: list[Hit] = []
        units = doc.units
        for i, ui in todo:
            self._run(self.patterns[i], masked, units[ui], hits)
        for i in self.unanchored:
            for unit in units:
                self._run(self.patterns[i], masked, unit, hits)
        hits.sort(key=lambda h: (h.start, h.owner))
        return hits

    @staticmethod
    def _run(p: Pattern, masked: str, unit: Unit, out: list[Hit]) -> None:
        for m in p.regex.finditer(masked, unit.start, unit.end):
            s, e = m.span()
            if s == e:
                continue
            if p.word_start and s > 0 and _is_word_char(masked[s - 1]):
                continue
            if p.word_end and e < len(masked) and _is_word_char(masked[e]):
                continue
            out.append(Hit(p.owner, unit, s, e))
