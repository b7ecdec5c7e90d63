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

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import ahocorasick

from coach.text import Document, Unit

MIN_ANCHOR = 3

# Words so common that an anchor made of them filters nothing.
_COMMON = frozenset(
    "the and you your our their its his her they she him with can for from that this "
    "are was were has have had not but all any may who how what when which into onto over "
    "than then them these those each every work act add new use out one two get set see "
    "also just more most some such only very can't won't don't "
    "of to in on at as by or an is be it we if so no do".split()
)


def _usable(anchor: str) -> bool:
    """Long enough to filter: three characters, or a symbol such as '%' or '£'."""
    return len(anchor) >= MIN_ANCHOR or (anchor != "" and not any(c.isalnum() or c.isspace() for c in anchor))


def _cost(anchors: frozenset[str]) -> float:
    """How unselective a set of anchors is: common or short words cost most.

    Multi-word anchors ("will be our") are rare and cheap; a set that
    includes a very common word ("the", "not") costs as much as scanning
    nearly every sentence.
    """
    total = 0.0
    for a in anchors:
        word = a.strip()
        if word in _COMMON:
            total += 1000
        elif a and all(c in "()[].,;:-'\"/ " for c in a):
            total += 1000  # everyday punctuation
        elif word and not any(c.isalnum() for c in word):
            total += 30  # a symbol: '%', '$', '£'
        elif " " in word:
            total += 1
        elif len(word) <= 3:
            total += 100
        elif len(word) <= 5:
            total += 20
        else:
            total += 3
    return total


@dataclass(frozen=True, slots=True)
class Pattern:
    owner: str  # rule id
    regex: re.Pattern[str]
    anchors: frozenset[str] | None  # None: run everywhere
    groups: tuple[frozenset[str], ...]  # all must appear in a unit (groups[0] == anchors)
    word_start: bool  # the pattern starts with a word character: check the boundary
    word_end: bool


@dataclass(frozen=True, slots=True)
class Hit:
    owner: str
    unit: Unit
    start: int
    end: int


_MAX_ALTERNATIVES = 64
_MAX_TRIE_WORDS = 2000


def _pure_literals(items: list, limit: int = _MAX_ALTERNATIVES) -> list[str] | None:
    """The strings a literal-only piece can match ("will|'ll", "s?"), or None."""
    outs = [""]
    for op, av in items:
        if op is C.LITERAL:
            outs = [o + chr(av) for o in outs]
        elif op is C.SUBPATTERN:
            inner = _pure_literals(list(av[-1]), limit)
            if inner is None:
                return None
            outs = [o + i for o in outs for i in inner]
        elif op is C.BRANCH:
            alts = [_pure_literals(list(b), limit) for b in av[1]]
            if any(a is None for a in alts):
                return None
            outs = [o + i for o in outs for a in alts for i in a]  # type: ignore[union-attr]
        elif op is C.IN and all(k is C.LITERAL for k, _ in av):
            outs = [o + chr(v) for o in outs for _, v in av]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            inner = _pure_literals(list(av[2]), limit)
            if inner is None:
                return None
            outs = [o + i for o in outs for i in ["", *inner]]
        else:
            return None
        if len(outs) > limit:
            return None
    return outs


def _literal_anchors(items: list, found: list[frozenset[str]] | None = None) -> frozenset[str] | None:
    """Literal strings one of which any match of `items` must contain.

    Walks the pattern keeping the set of literal strings the text must have
    at this point ("will be " and "'ll be " for `(?:will|'ll) be `); where
    the pattern stops being literal, that set is a candidate. Of all the
    candidates the least common (by `_cost`) wins.
    """
    best: frozenset[str] | None = None

    def consider(cand: frozenset[str] | None) -> None:
        nonlocal best
        if not cand or not all(_usable(a) for a in cand):
            return
        if found is not None:
            found.append(cand)
        if best is None or _cost(cand) < _cost(best):
            best = cand

    current = [""]
    for item in items:
        lits = _pure_literals([item])
        if lits is not None and len(current) * len(lits) <= _MAX_ALTERNATIVES:
            current = [c + l for c in current for l in lits]
            continue
        consider(frozenset(current))
        current = [""]
        op, av = item
        if lits is not None:  # too many combinations: start afresh from this piece
            current = lits
            continue
        if op is C.SUBPATTERN:
            consider(_literal_anchors(list(av[-1])))
        elif op is C.BRANCH:
            alts = [_literal_anchors(list(b)) for b in av[1]]
            if alts and all(alts):
                consider(frozenset().union(*alts))  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            if lo >= 1:
                consider(_literal_anchors(list(body)))
        elif op is C.ATOMIC_GROUP:
            consider(_literal_anchors(list(av)))
    consider(frozenset(current))
    return best


def anchors_of(pattern: str) -> frozenset[str] | None:
    """The single most selective set of anchors (see `anchor_groups`)."""
    groups = anchor_groups(pattern)
    return groups[0] if groups else None


# A group of anchors this common is not worth a pass of its own.
_GROUP_COST_LIMIT = 1500.0
_MAX_GROUPS = 3


def anchor_groups(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of anchors that must *all* appear for the pattern to match.

    Every piece of a pattern's top-level sequence must match, so each
    literal piece gives an independent necessary condition: "must not
    merge" needs one of the modal verbs and one of the decision verbs. A
    sentence is tried only when it has an anchor from every group. The
    first group is the most selective.
    """
    try:
        items = list(P.parse(pattern))
    except Exception:  # pragma: no cover - re.compile already accepted it
        return ()
    found: list[frozenset[str]] = []
    best = _literal_anchors(items, found)
    if best is None:
        return ()
    # Only top-level candidates are independent of each other; nested ones
    # were folded into `best` by the walk. Keep the selective ones.
    top = [
        g
        for g in dict.fromkeys(found)
        if g != best and _cost(g) <= _GROUP_COST_LIMIT and not any(a.strip() in _COMMON for a in g)
    ]
    top = [g for g in top if not any(a in b for a in g for b in best)]
    top.sort(key=_cost)
    return (best, *top[: _MAX_GROUPS - 1])


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


_TRIE_MIN = 6  # alternations shorter than this are fast enough as they are


def _escape(s: str) -> str:
    return "".join(c if c.isalnum() or c in " '_-" else "\\" + c for c in s)


def _trie(words: list[str]) -> str:
    """A regex for an alternation of literals, shaped as a trie.

    `re` tries the alternatives of `(?:lead|leader|leads|...)` one by one at
    every position; as a trie it checks each character once. Longer words
    come first at every branch, so `plans` is preferred over `plan`.
    """
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [_escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return "(?:" + build(tree) + ")"


def trie_groups(pattern: str) -> str:
    """Rewrite each `(?:...)` group that is a plain list of words as a trie."""
    out = pattern
    stack: list[int] = []
    spans: list[tuple[int, int]] = []
    i = 0
    in_class = False
    while i < len(out):
        c = out[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            stack.append(i)
        elif c == ")" and stack:
            spans.append((stack.pop(), i + 1))
        i += 1
    # Outermost groups first; once a group is rewritten, skip groups inside it.
    spans.sort(key=lambda s: (s[0], -s[1]))
    chosen: list[tuple[int, int, str]] = []
    covered_until = -1
    for start, end in spans:
        if start < covered_until or not out.startswith("(?:", start):
            continue
        try:
            words = _pure_literals(list(P.parse(out[start:end])), _MAX_TRIE_WORDS)
        except Exception:
            words = None
        if words and len(words) >= _TRIE_MIN and all(words):
            chosen.append((start, end, _trie(sorted(set(words)))))
            covered_until = end
    for start, end, repl in reversed(chosen):
        out = out[:start] + repl + out[end:]
    return out


def flexible_spaces(pattern: str) -> str:
    """Let each literal space in a pattern match any run of spaces.

    Masking blanks out markup ("**Bold** text" becomes "  bold   text") and
    line breaks inside a sentence become spaces, so a rule author's single
    space must match one or more. Spaces inside [...] classes are left alone.
    A word in "(?:\\w+ )" may carry an apostrophe or a hyphen.
    """
    # "(?:\\w+ ){0,3}" means "up to three words": let a word be "group's" or "high-level".
    pattern = pattern.replace("(?:\\w+ )", "(?:[\\w'-]+ )")
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
    # Anchors come from the pattern as written, single spaces included
    # ("final say"): they are looked up in a copy of the text whose runs of
    # spaces are squeezed to one (see Matcher.scan).
    groups = anchor_groups(pattern)
    flexible = flexible_spaces(trie_groups(pattern))
    word_end = _edge_is_word(flexible, False)
    return Pattern(
        owner=owner,
        regex=re.compile(f"(?:{flexible})(?!\\w)" if word_end else flexible),
        anchors=groups[0] if groups else None,
        groups=groups,
        word_start=_edge_is_word(flexible, True),
        word_end=False,
    )


def _squeeze(masked: str) -> tuple[str, list[int], list[int]]:
    """The text with runs of spaces squeezed to one, and how to map back.

    Returns (squeezed, run_starts, shifts): a position `q` in the squeezed
    text is `q + shifts[k]` in the original, where `k` is the last run start
    at or before `q`.
    """
    if "  " not in masked:
        return masked, [], []
    run_starts = [0]
    shifts = [0]
    parts = []
    removed = 0
    prev = 0
    for m in _SPACE_RUN.finditer(masked):
        parts.append(masked[prev : m.start() + 1])
        removed += m.end() - m.start() - 1
        prev = m.end()
        run_starts.append(m.start() + 1 - (removed - (m.end() - m.start() - 1)))
        shifts.append(removed)
    parts.append(masked[prev:])
    return "".join(parts), run_starts, shifts


_SPACE_RUN = re.compile(r" {2,}")


class Matcher:
    """All patterns of a ruleset, ready to scan documents."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self.unanchored = [i for i, p in enumerate(patterns) if p.anchors is None]
        # anchor -> ((pattern index, group bit), ...)
        by_anchor: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.full: list[int] = []  # the bits a unit must collect, per pattern
        for i, p in enumerate(patterns):
            self.full.append((1 << len(p.groups)) - 1)
            for g, group in enumerate(p.groups):
                for a in group:
                    by_anchor[a].append((i, 1 << g))
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
        seen: dict[tuple[int, int], int] = {}  # (pattern, unit) -> group bits found
        if not self.empty and units:
            squeezed, run_starts, shifts = _squeeze(masked)
            unit_at = doc.unit_at
            get = seen.get
            for end, refs in self.automaton.iter(squeezed):
                if run_starts:
                    end += shifts[bisect.bisect_right(run_starts, end) - 1]
                unit = unit_at(end)
                if unit is not None:
                    ui = unit.index
                    for i, bit in refs:
                        key = (i, ui)
                        seen[key] = get(key, 0) | bit
        hits: list[Hit] = []
        run = self._run
        patterns = self.patterns
        full = self.full
        for (i, ui), bits in seen.items():
            if bits == full[i]:
                run(patterns[i], masked, units[ui], hits)
        for i in self.unanchored:
            pattern = patterns[i]
            for unit in units:
                run(pattern, masked, unit, hits)
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
