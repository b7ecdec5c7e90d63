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
from operator import attrgetter

import ahocorasick

from coach.engine.anchors import analyse, begins_with_word, flexible_spaces, max_width, trie_groups
from coach.engine.regexes import Packed, build
from coach.engine.text import Document, Unit, opening_end

# A match never starts or ends inside a word: at its edges the text must not
# have a word character on both sides. Written into every regex (rather than
# read off the pattern's structure) so alternatives backtrack to the whole
# word ("plan|plans" matches "plans") and "plan" never matches "planning".
WORD_EDGE = r"(?!(?<=\w)\w)"
# The same edge before a match that begins with a word character (coach.engine.anchors.begins_with_word):
# there it means "no word character before", one look-behind where WORD_EDGE nests two. A search tries
# the edge at every position of its window, so this form makes the rules' regexes about a third faster.
WORD_START = r"(?<!\w)"


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
    WORD_EDGE at both ends (WORD_START, its faster equal, in front of a
    pattern whose matches all begin with a word character) and flexible
    spaces; the anchors and window only decide where it is tried, so when
    the analysis understands nothing of a pattern it simply runs everywhere,
    matching exactly the same.
    """
    groups, before, span = analyse(pattern)
    flexible = flexible_spaces(trie_groups(pattern))
    return Pattern(
        owner=owner,
        source=f"{WORD_START if begins_with_word(flexible) else WORD_EDGE}(?:{flexible}){WORD_EDGE}",
        groups=groups,
        before=before,
        span=span,
        opening=opening,
        reach=None if opening is None else max_width(pattern),
    )


def _squeeze(masked: str) -> tuple[str, list[int], list[int]]:
    """The text with runs of spaces squeezed to one, and the way back.

    Anchors may contain single spaces ("final say") while masking leaves
    runs of them; the squeezed copy lets one Aho-Corasick pass find them.
    Returns (squeezed, run_starts, shifts): squeezed position `q` is
    original position `q + shifts[k]`, `k` the last run start at or before `q`.
    """
    if "  " not in masked:
        return masked, [], []
    parts: list[str] = []
    run_starts, shifts = [0], [0]
    prev = removed = 0
    for m in _SPACE_RUN.finditer(masked):
        cut = m.start() + 1
        parts.append(masked[prev:cut])
        removed += m.end() - cut
        prev = m.end()
        run_starts.append(cut - (removed - (m.end() - cut)))
        shifts.append(removed)
    parts.append(masked[prev:])
    return "".join(parts), run_starts, shifts


def _squeezed_spans(units: list[Unit], run_starts: list[int], shifts: list[int]) -> list[tuple[int, int]]:
    """Each unit's span in the squeezed text: where the characters it keeps went.

    Cheaper than mapping every character to its unit: the scan walks the
    units alongside the anchors, which arrive in order of where they end.
    Position `p` moves back by the spaces removed before it; run `k`
    removed the `shifts[k] - shifts[k - 1]` spaces that followed its first.
    """
    if not run_starts:
        return [(u.start, u.end) for u in units]
    # Where each run's removed spaces begin, in the original text.
    cuts = [run_starts[k] + shifts[k - 1] for k in range(1, len(run_starts))]

    def squeezed(p: int) -> int:
        k = bisect.bisect_right(cuts, p)  # the runs whose removed spaces begin at or before p
        if k == 0:
            return p
        return p - min(shifts[k], shifts[k - 1] + p - cuts[k - 1])

    return [(squeezed(u.start), squeezed(u.end)) for u in units]


# Two spaces or more, written as a literal "  " first: `re` then skips ahead to each
# "  " with a fast scan, where " {2,}" (no literal prefix) is tried at every character;
# the squeeze took twice as long with it.
_SPACE_RUN = re.compile(r"   *")


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
        """Every match of every pattern, in (start, rule) order.

        Aho-Corasick reports anchors in order of where they end, so the hits
        of one unit come together: each unit gets its own small tables,
        keyed by pattern index, and is done when the next unit's hits begin.
        Within a unit, patterns run in the order their first anchor was
        found; hits of one rule at the same start keep that order (the sort
        is stable), which decides the match shown as evidence.
        """
        masked = doc.masked
        units = doc.units
        hits: list[Hit] = []
        if not self.empty and units:
            squeezed, run_starts, shifts = _squeeze(masked)
            spans = _squeezed_spans(units, run_starts, shifts)
            current, last = 0, len(units) - 1
            unit_start, unit_end = spans[0]
            seen: dict[int, int] = {}  # pattern index -> group bits found in the current unit
            window: dict[int, list[int]] = {}  # same -> [earliest, latest] group-0 anchor start (squeezed)
            get, get_window = seen.get, window.get
            for end, refs in self.automaton.iter(squeezed):
                if end >= unit_end:
                    if seen:
                        self._verify(units[current], seen, window, masked, run_starts, shifts, hits)
                        seen, window = {}, {}
                        get, get_window = seen.get, window.get
                    while current < last and end >= unit_end:
                        current += 1
                        unit_start, unit_end = spans[current]
                    if end >= unit_end:
                        break  # past the last unit
                if end < unit_start:
                    continue  # between units
                for i, bit, length in refs:
                    seen[i] = get(i, 0) | bit
                    if length:
                        start = end - length + 1
                        w = get_window(i)
                        if w is None:
                            window[i] = [start, start]
                        elif start < w[0]:
                            w[0] = start
                        elif start > w[1]:
                            w[1] = start
            if seen:
                self._verify(units[current], seen, window, masked, run_starts, shifts, hits)
        run = self._run
        patterns = self.patterns
        for i in self.unanchored:
            pattern = patterns[i]
            for unit in units:
                run(pattern, masked, unit, hits, unit.start, unit.end)
        hits.sort(key=attrgetter("start", "owner"))
        return hits

    def _verify(
        self,
        unit: Unit,
        seen: dict[int, int],
        window: dict[int, list[int]],
        masked: str,
        run_starts: list[int],
        shifts: list[int],
        out: list[Hit],
    ) -> None:
        """Run, in one unit, each pattern that found an anchor of every group, in its window."""
        run = self._run
        patterns = self.patterns
        full = self.full
        openings: dict[int, int] = {}  # opening words -> where they end in this unit
        for i, bits in seen.items():
            if bits != full[i]:
                continue
            pattern = patterns[i]
            begin, stop = unit.start, unit.end
            if pattern.before is not None:
                q = window[i][0] - pattern.before
                if run_starts:
                    q = _original(q, run_starts, shifts)
                if q > begin:
                    begin = q
            if pattern.span is not None:
                # One character more, so a closing \b or look-ahead sees what follows.
                q = window[i][1] + pattern.span
                if run_starts:
                    q = _original(q, run_starts, shifts)
                if q + 1 < stop:
                    stop = q + 1
            limit = None
            if pattern.opening is not None:
                limit = openings.get(pattern.opening)
                if limit is None:
                    limit = openings[pattern.opening] = opening_end(masked, unit.start, unit.end, pattern.opening)
            run(pattern, masked, unit, out, begin, stop, limit)

    @staticmethod
    def _run(
        p: Pattern, masked: str, unit: Unit, out: list[Hit], begin: int, stop: int, limit: int | None = None
    ) -> None:
        """Add `p`'s matches in masked[begin:stop] of `unit` to `out`.

        `limit`: where the unit's opening words end, for a pattern with an
        opening (computed here when not given; a unit's patterns share it).
        """
        if p.opening is not None:
            # Only matches that begin in the unit's opening words count: search no further.
            if limit is None:
                limit = opening_end(masked, unit.start, unit.end, p.opening)
            if begin >= limit:
                return  # every match would begin past the opening
            reach = _OPENING_REACH if p.reach is None else 2 * p.reach + 1
            stop = min(stop, limit + reach)
        else:
            limit = stop
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
