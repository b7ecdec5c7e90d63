"""Find every rule pattern in a document fast.

Running a few hundred regular expressions over every sentence would cost
milliseconds per document. Instead each pattern is reduced to its anchor
groups (see coach.engine.anchors): literal strings that any match must contain.
One Aho-Corasick pass (pyahocorasick, in C) finds which anchors occur and
in which unit; a pattern runs only in units that hold an anchor of each of
its groups, and only in a window around the anchor. Patterns with no usable
anchor run over every unit. The result is the same as running every
pattern everywhere (tests/test_matcher.py checks it).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

from coach.engine.anchors import analyse, edge_is_word, flexible_spaces, is_word_char, trie_groups
from coach.engine.regexes import Packed, build
from coach.engine.text import Document, Unit


class Pattern:
    """One rule pattern, analysed: its regex source, anchors and window.

    The regex is compiled on first use: a single description needs only the
    patterns whose anchors it contains, and `coach check one.md` should not
    pay for compiling all of them. Instances are pickled in the rules cache
    without the compiled regex, but with `packed`, re's compiled form of it
    when the cache was built (see coach.engine.regexes), so it rebuilds in
    microseconds.
    """

    __slots__ = ("_regex", "before", "groups", "owner", "packed", "source", "span", "word_end", "word_start")

    def __init__(
        self,
        owner: str,
        source: str,
        groups: tuple[frozenset[str], ...],
        before: int | None,
        span: int | None,
        word_start: bool,
        word_end: bool,
        packed: Packed | None = None,
    ) -> None:
        self.owner = owner  # rule id
        self.source = source
        self.groups = groups  # all must appear in a unit; groups[0] is the most selective
        self.before = before  # longest text a match can have before its anchor (None: unbounded)
        self.span = span  # longest text from the anchor's start to the match's end (None: unbounded)
        self.word_start = word_start  # starts with a word character: check the boundary
        self.word_end = word_end  # the regex ends in a word-boundary look-ahead
        self.packed = packed
        self._regex: re.Pattern[str] | None = None

    @property
    def anchors(self) -> frozenset[str] | None:
        return self.groups[0] if self.groups else None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = build(self.source, self.packed)
        return self._regex

    def __getstate__(self) -> tuple:
        return (
            self.owner,
            self.source,
            self.groups,
            self.before,
            self.span,
            self.word_start,
            self.word_end,
            self.packed,
        )

    def __setstate__(self, state: tuple) -> None:
        self.__init__(*state)  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class Hit:
    owner: str
    unit: Unit
    start: int
    end: int


def prepare_pattern(owner: str, pattern: str) -> Pattern:
    """Prepare one rule pattern: whole words, flexible spaces, anchors, window.

    Anchors come from the pattern as written, single spaces included
    ("final say"); they are looked up in a copy of the text whose runs of
    spaces are squeezed to one (see Matcher.scan).

    A pattern that ends in a letter must end at a word boundary; that is
    part of the regex (a cheap look-ahead) so alternatives such as
    `plan|plans` backtrack to the longer word. A pattern that starts with a
    letter must start at a boundary; that is checked after matching, because
    a look-behind at the start would stop `re` from scanning for the
    literal prefix quickly.
    """
    groups, before, span = analyse(pattern)
    flexible = flexible_spaces(trie_groups(pattern))
    word_end = edge_is_word(flexible, False)
    return Pattern(
        owner=owner,
        source=f"(?:{flexible})(?!\\w)" if word_end else flexible,
        groups=groups,
        before=before,
        span=span,
        word_start=edge_is_word(flexible, True),
        word_end=word_end,
    )


def _unit_index(doc: Document) -> list[int]:
    """For every character of the text, the index of its unit (-1 between units)."""
    owner = [-1] * len(doc.masked)
    for u in doc.units:
        owner[u.start : u.end] = [u.index] * (u.end - u.start)
    return owner


def _squeeze(masked: str, owner: list[int]) -> tuple[str, list[int], list[int], list[int]]:
    """The text with runs of spaces squeezed to one, each character's unit, and the way back.

    Anchors may contain single spaces ("final say") while masking leaves
    runs of them; the squeezed copy lets one Aho-Corasick pass find them.
    Returns (squeezed, owner, run_starts, shifts): squeezed position `q` is
    original position `q + shifts[k]`, `k` the last run start at or before `q`.
    """
    if "  " not in masked:
        return masked, owner, [], []
    parts: list[str] = []
    owners: list[int] = []
    run_starts, shifts = [0], [0]
    prev = removed = 0
    for m in _SPACE_RUN.finditer(masked):
        cut = m.start() + 1
        parts.append(masked[prev:cut])
        owners += owner[prev:cut]
        removed += m.end() - cut
        prev = m.end()
        run_starts.append(cut - (removed - (m.end() - cut)))
        shifts.append(removed)
    parts.append(masked[prev:])
    owners += owner[prev:]
    return "".join(parts), owners, run_starts, shifts


_SPACE_RUN = re.compile(r" {2,}")


def _original(q: int, run_starts: list[int], shifts: list[int]) -> int:
    """A squeezed-text position as a position in the original text."""
    if q <= 0 or not run_starts:
        return q
    return q + shifts[bisect.bisect_right(run_starts, q) - 1]


class Matcher:
    """All patterns of a ruleset, ready to scan documents."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.unanchored = [i for i, p in enumerate(patterns) if not p.groups]
        # anchor -> ((pattern index << 20, group bit), ...); the unit index
        # is added to the first number to key a (pattern, unit) pair.
        by_anchor: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.full: list[int] = []  # the bits a unit must collect, per pattern
        for i, p in enumerate(patterns):
            self.full.append((1 << len(p.groups)) - 1)
            for g, group in enumerate(p.groups):
                for a in group:
                    # group 0 also carries the anchor's length, to find where it
                    # starts, when the pattern's window can be narrowed around it
                    narrow = g == 0 and (p.before is not None or p.span is not None)
                    by_anchor[a].append((i << 20, 1 << g, len(a) if narrow else 0))
        self.automaton = ahocorasick.Automaton()
        for anchor, refs in by_anchor.items():
            self.automaton.add_word(anchor, tuple(refs))
        self.empty = not by_anchor
        if not self.empty:
            self.automaton.make_automaton()

    def scan(self, doc: Document) -> list[Hit]:
        """Every match of every pattern, in (start, rule) order."""
        masked = doc.masked
        units = doc.units
        seen: dict[int, int] = {}  # pattern index * 2**20 + unit index -> group bits found
        first: dict[int, int] = {}  # same key -> earliest group-0 anchor start (squeezed)
        last: dict[int, int] = {}  # same key -> latest group-0 anchor start (squeezed)
        run_starts: list[int] = []
        shifts: list[int] = []
        if not self.empty and units:
            squeezed, owner, run_starts, shifts = _squeeze(masked, _unit_index(doc))
            get = seen.get
            setdefault = first.setdefault
            for end, refs in self.automaton.iter(squeezed):
                ui = owner[end]
                if ui < 0:
                    continue
                for key, bit, length in refs:
                    key += ui
                    seen[key] = get(key, 0) | bit
                    if length:
                        start = end - length + 1
                        if setdefault(key, start) > start:
                            first[key] = start
                        if start > last.get(key, -1):
                            last[key] = start
        hits: list[Hit] = []
        run = self._run
        patterns = self.patterns
        full = self.full
        for key, bits in seen.items():
            i = key >> 20
            if bits != full[i]:
                continue
            pattern = patterns[i]
            unit = units[key & 0xFFFFF]
            begin, stop = unit.start, unit.end
            if pattern.before is not None:
                q = _original(first[key] - pattern.before, run_starts, shifts)
                if q > begin:
                    begin = q
            if pattern.span is not None:
                # One character more, so a closing \b or look-ahead sees what follows.
                q = _original(last[key] + pattern.span, run_starts, shifts) + 1
                if q < stop:
                    stop = q
            run(pattern, masked, unit, hits, begin, stop)
        for i in self.unanchored:
            pattern = patterns[i]
            for unit in units:
                run(pattern, masked, unit, hits, unit.start, unit.end)
        hits.sort(key=lambda h: (h.start, h.owner))
        return hits

    @staticmethod
    def _run(p: Pattern, masked: str, unit: Unit, out: list[Hit], begin: int, stop: int) -> None:
        for m in p.regex.finditer(masked, begin, stop):
            s, e = m.span()
            if s == e:
                continue
            if p.word_start and s > 0 and is_word_char(masked[s - 1]):
                continue
            # At `stop` the look-ahead saw the end of the window, not the next character.
            if p.word_end and e == stop and e < len(masked) and is_word_char(masked[e]):
                continue
            out.append(Hit(p.owner, unit, s, e))
