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

from coach.engine.anchors import analyse, flexible_spaces, max_width, trie_groups
from coach.engine.regexes import Packed, build
from coach.engine.text import Document, Unit, opening_end

# A match never starts or ends inside a word: at its edges the text must not
# have a word character on both sides. Written into every regex (rather than
# read off the pattern's structure) so alternatives backtrack to the whole
# word ("plan|plans" matches "plans") and "plan" never matches "planning".
WORD_EDGE = r"(?!(?<=\w)\w)"


class Pattern:
    """One rule pattern, analysed: its regex source, anchors and window.

    The regex is compiled on first use: a single description needs only the
    patterns whose anchors it contains, and `coach check one.md` should not
    pay for compiling all of them. Instances are pickled in the rules cache
    without the compiled regex, but with `packed`, re's compiled form of it
    (coach.engine.regexes), so it rebuilds in microseconds.
    """

    __slots__ = ("_regex", "before", "groups", "opening", "owner", "packed", "reach", "source", "span")

    def __init__(
        self,
        owner: str,
        source: str,
        groups: tuple[frozenset[str], ...],
        before: int | None,
        span: int | None,
        packed: Packed | None = None,
        opening: int | None = None,
        reach: int | None = None,
    ) -> None:
        self.owner = owner  # rule id
        self.source = source
        self.groups = groups  # all must appear in a unit; groups[0] is the most selective
        self.before = before  # longest text a match can have before its anchor (None: unbounded)
        self.span = span  # longest text from the anchor's start to the match's end (None: unbounded)
        self.opening = opening  # matches must begin within a unit's first N words (None: anywhere)
        self.reach = reach  # how far past the opening a match can run (its longest match, spaces squeezed)
        self.packed = packed  # re's compiled form, kept in the rules cache (coach.engine.regexes)
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
        return (self.owner, self.source, self.groups, self.before, self.span, self.packed, self.opening, self.reach)

    def __setstate__(self, state: tuple) -> None:
        self.__init__(*state)  # type: ignore[misc]


@dataclass(slots=True, eq=False, repr=False)
class Hit:
    owner: str
    unit: Unit
    start: int
    end: int


def prepare_pattern(owner: str, pattern: str, opening: int | None = None) -> Pattern:
    """Prepare one rule pattern: whole words, flexible spaces, anchors, window.

    Anchors come from the pattern as written, single spaces included
    ("final say"); they are looked up in a copy of the text whose runs of
    spaces are squeezed to one (see Matcher.scan). The regex itself gets
    WORD_EDGE at both ends and flexible spaces; the anchors and window only
    decide where it is tried, so when the analysis understands nothing of a
    pattern it simply runs everywhere, matching exactly the same.
    """
    groups, before, span = analyse(pattern)
    flexible = flexible_spaces(trie_groups(pattern))
    return Pattern(
        owner=owner,
        source=f"{WORD_EDGE}(?:{flexible}){WORD_EDGE}",
        groups=groups,
        before=before,
        span=span,
        opening=opening,
        reach=None if opening is None else max_width(pattern),
    )


def _unit_index(doc: Document) -> list[int]:
    """For every character of the text, the index of its unit (-1 between units)."""
    owner = [-1] * len(doc.masked)
    for u in doc.units:
        owner[u.start : u.end] = [u.position] * (u.end - u.start)
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
        # anchor -> ((pattern index, group bit, anchor length or 0), ...)
        by_anchor: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        self.full: list[int] = []  # the bits a unit must collect, per pattern
        for i, p in enumerate(patterns):
            self.full.append((1 << len(p.groups)) - 1)
            for g, group in enumerate(p.groups):
                for a in group:
                    # group 0 also carries the anchor's length, to find where it
                    # starts, when the pattern's window can be narrowed around it
                    narrow = g == 0 and (p.before is not None or p.span is not None)
                    by_anchor[a].append((i, 1 << g, len(a) if narrow else 0))
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
        # Keyed by pattern index * stride + unit index (stride: the number of
        # units, so no text is too long for the key).
        stride = max(len(units), 1)
        seen: dict[int, int] = {}  # key -> group bits found
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
                for i, bit, length in refs:
                    key = i * stride + ui
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
            i, ui = divmod(key, stride)
            if bits != full[i]:
                continue
            pattern = patterns[i]
            unit = units[ui]
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
        limit = stop
        if p.opening is not None:
            # Only matches that begin in the unit's opening words count: search no further.
            limit = opening_end(masked, unit.start, unit.end, p.opening)
            reach = _OPENING_REACH if p.reach is None else 2 * p.reach + 1
            stop = min(stop, limit + reach)
        for m in p.regex.finditer(masked, begin, stop):
            s, e = m.span()
            if s >= limit:
                break
            if s == e:
                continue
            # At `stop` the edge check saw the end of the window, not the next character.
            if e == stop and e < len(masked) and e > 0 and _word(masked[e - 1]) and _word(masked[e]):
                continue
            out.append(Hit(p.owner, unit, s, e))


# How far past its opening words a match that begins there may run.
_OPENING_REACH = 200


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"
