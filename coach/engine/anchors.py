"""What a pattern needs from a text before it is worth running.

The matcher (coach.engine.matcher) finds candidate sentences with one
Aho-Corasick pass over the text; this module works out, once per pattern,
what that pass should look for:

- anchor groups: sets of literal strings, one from each of which must
  appear in any match (`(?:has|have) (?:the )?final say` needs "final say");
  the least common set comes first, chosen by a rough cost of how often its
  words occur in English;
- a window: how far before (and after) its anchor a match can reach, so the
  regex runs over a few dozen characters instead of a whole sentence;
- rewrites that keep the meaning but run faster or read as authors expect:
  word lists as tries, flexible spaces, whole-word edges.

It walks `re`'s own parse tree (re._parser), which is internal to CPython
but stable across 3.11-3.13. That is kept because a target needs it: without
the pass, the rules' regexes cost about 20 ms per description instead of
under 2 (docs/benchmarks.md). It only ever decides *where* a regex is tried:
anything it does not understand yields no anchor and the pattern runs
everywhere, and whole-word edges are written into each regex
(coach.engine.matcher.WORD_EDGE), so an analysis that fails can make
matching slower but never different. `begins_with_word` is the one answer
that shapes a regex: when it is sure, the edge in front is written in a
faster form that means the same; when it is not, the general edge stays.
"""

from __future__ import annotations

from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

MIN_ANCHOR = 3

# Words so common that an anchor made of them filters nothing.
_COMMON = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "our",
        "their",
        "its",
        "his",
        "her",
        "they",
        "she",
        "him",
        "with",
        "can",
        "for",
        "from",
        "that",
        "this",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "not",
        "but",
        "all",
        "any",
        "may",
        "who",
        "how",
        "what",
        "when",
        "which",
        "into",
        "onto",
        "over",
        "than",
        "then",
        "them",
        "these",
        "those",
        "each",
        "every",
        "work",
        "act",
        "add",
        "new",
        "use",
        "out",
        "one",
        "two",
        "get",
        "set",
        "see",
        "also",
        "just",
        "more",
        "most",
        "some",
        "such",
        "only",
        "very",
        "can't",
        "won't",
        "don't",
        "of",
        "to",
        "in",
        "on",
        "at",
        "as",
        "by",
        "or",
        "an",
        "is",
        "be",
        "it",
        "we",
        "if",
        "so",
        "no",
        "do",
    ]
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


def _literal_anchors(
    items: list,
    found: list[frozenset[str]] | None = None,
    where: dict[frozenset[str], tuple[int, int]] | None = None,
) -> frozenset[str] | None:
    """Literal strings one of which any match of `items` must contain.

    Walks the pattern keeping the set of literal strings the text must have
    at this point ("will be " and "'ll be " for `(?:will|'ll) be `); where
    the pattern stops being literal, that set is a candidate. Of all the
    candidates the least common (by `_cost`) wins. `where` records, for each
    top-level candidate, (items that may precede it, first item it may be in).
    """
    best: frozenset[str] | None = None

    def consider(cand: frozenset[str] | None, before: int, inside: int) -> None:
        nonlocal best
        if not cand or not all(_usable(a) for a in cand):
            return
        if found is not None:
            found.append(cand)
        if where is not None:
            where.setdefault(cand, (before, inside))
        if best is None or _cost(cand) < _cost(best):
            best = cand

    current = [""]
    start = 0  # index of the item where `current` began
    for index, item in enumerate(items):
        lits = _pure_literals([item])
        if lits is not None and len(current) * len(lits) <= _MAX_ALTERNATIVES:
            current = [c + lit for c in current for lit in lits]
            continue
        consider(frozenset(current), start, start)
        current, start = [""], index
        op, av = item
        if lits is not None:  # too many combinations: start afresh from this piece
            current = lits
            continue
        start = index + 1
        # A candidate nested in this item may sit anywhere inside it, unless it
        # is the item's whole list of words (too many to combine with `current`).
        if op is C.SUBPATTERN:
            cand = _literal_anchors(list(av[-1]))
            consider(cand, _head(cand, item, index), index)
        elif op is C.BRANCH:
            alts = [_literal_anchors(list(b)) for b in av[1]]
            if alts and all(alts):
                cand = frozenset().union(*alts)  # type: ignore[arg-type]
                consider(cand, _head(cand, item, index), index)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            if lo >= 1:
                consider(_literal_anchors(list(body)), index + 1, index)
        elif op is C.ATOMIC_GROUP:
            consider(_literal_anchors(list(av)), index + 1, index)
    consider(frozenset(current), start, start)
    return best


def _head(cand: frozenset[str] | None, item: tuple, index: int) -> int:
    """Which top-level items may come before an anchor of `cand`, found inside item `index`.

    In general the anchor may sit anywhere inside the item, so the item
    itself counts as text before it (`index + 1`). When `cand` is exactly the
    list of words the item matches ("(?:act|acts|acting|…)", a word list too
    long to combine with what comes before), every match of the item *is* one
    of its anchors: the anchor starts where the item does (`index`), and a
    pattern that begins with such a list is tried from its anchor on, not
    from the longest word's length before it.
    """
    words = _pure_literals([item], _MAX_TRIE_WORDS) if cand else None
    return index if words is not None and frozenset(words) == cand else index + 1


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
    return analyse(pattern)[0]


def max_width(pattern: str) -> int | None:
    """The longest text `pattern` can match or look at (written single spaces count one), or None if unbounded."""
    try:
        parsed = P.parse(pattern)
    except Exception:  # pragma: no cover - re.compile already accepted it
        return None
    width = parsed.getwidth()[1]
    # A look-ahead reads past the match without counting in its width.
    return width if width < _UNBOUNDED and not _has_lookahead(list(parsed)) else None


def analyse(pattern: str) -> tuple[tuple[frozenset[str], ...], int | None, int | None]:
    """(anchor groups, before, span) for a pattern.

    `before`: how far before a group-0 anchor a match can start; `span`:
    how far after the anchor's start it can end. Both are the longest text
    the pattern's pieces can match (written single spaces count one: the
    scan measures in a copy of the text with runs of spaces squeezed), or
    None when unbounded. They let the scan try the regex only where a match
    could be, instead of across the whole sentence.
    """
    try:
        parsed = P.parse(pattern)
    except Exception:  # pragma: no cover - re.compile already accepted it
        return (), None, None
    items = list(parsed)
    found: list[frozenset[str]] = []
    where: dict[frozenset[str], tuple[int, int]] = {}
    best = _literal_anchors(items, found, where)
    if best is None:
        return (), None, None
    # Only top-level candidates are independent of each other; nested ones
    # were folded into `best` by the walk. Keep the selective ones.
    top = [
        g
        for g in dict.fromkeys(found)
        if g != best and _cost(g) <= _GROUP_COST_LIMIT and not any(a.strip() in _COMMON for a in g)
    ]
    top = [g for g in top if not g <= best]
    top.sort(key=_cost)
    before: int | None = None
    span: int | None = None
    if best in where:
        k_before, k_inside = where[best]
        width = P.SubPattern(parsed.state, items[:k_before]).getwidth()[1]
        before = width if width < _UNBOUNDED else None
        tail = items[k_inside:]
        width = P.SubPattern(parsed.state, tail).getwidth()[1]
        # A look-ahead inspects text after the match, and one written before
        # the anchor can reach past it ("with (?!the account executive)…account"):
        # the window must not cut it off.
        span = width if width < _UNBOUNDED and not _has_lookahead(items) else None
    return (best, *top[: _MAX_GROUPS - 1]), before, span


_UNBOUNDED = 10_000


def begins_with_word(pattern: str) -> bool:
    """Whether every match of `pattern` is non-empty and begins with a word character.

    Then the whole-word edge before a match (coach.engine.matcher.WORD_EDGE:
    no word character on both sides) says exactly "no word character
    before it", which `re` checks several times faster at every position a
    search tries. Only pieces whose first character is certain are
    understood (a literal, a class of word characters, groups, alternatives
    and repeats of them, look-arounds and anchors that consume nothing);
    anything else answers False and the pattern keeps the general edge, so
    a pattern this does not understand matches exactly the same, only slower.
    """
    try:
        return _first_is_word(list(P.parse(pattern))) is True
    except Exception:  # pragma: no cover - re.compile already accepted it
        return False


_WORD_CATEGORIES = frozenset({C.CATEGORY_WORD, C.CATEGORY_DIGIT, C.CATEGORY_UNI_WORD, C.CATEGORY_UNI_DIGIT})


def _is_word_char(code: int) -> bool:
    c = chr(code)
    return c.isalnum() or c == "_"


def _word_class(items: list) -> bool:
    """Whether a character class holds only word characters (`[a-z0-9_]`, `\\w`, `\\d`)."""
    for op, av in items:
        if op is C.LITERAL:
            if not _is_word_char(av):
                return False
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 1000 or not all(_is_word_char(c) for c in range(lo, hi + 1)):
                return False
        elif op is C.CATEGORY:
            if av not in _WORD_CATEGORIES:
                return False
        else:  # NEGATE, and anything else
            return False
    return True


def _first_is_word(items: list) -> bool | None:
    """True: every match of `items` begins with a word character; False: not certain;
    None: `items` may match without consuming anything (what follows decides)."""
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue  # consumes nothing: the first character comes later
        if op is C.LITERAL:
            return _is_word_char(av)
        if op is C.IN:
            return _word_class(list(av))
        if op is C.SUBPATTERN:
            inner = _first_is_word(list(av[-1]))
        elif op is C.ATOMIC_GROUP:
            inner = _first_is_word(list(av))
        elif op is C.BRANCH:
            alts = [_first_is_word(list(b)) for b in av[1]]
            if any(a is False for a in alts):
                return False
            inner = True if all(a is True for a in alts) else None
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            inner = _first_is_word(list(body))
            if inner is True and lo == 0:
                inner = None  # may be skipped: what follows must begin with a word character too
        else:
            return False
        if inner is not None:
            return inner
    return None


def _has_lookahead(items: list) -> bool:
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT):
            if av[0] == 1:  # direction 1: look-ahead
                return True
            continue
        if op is C.SUBPATTERN and _has_lookahead(list(av[-1])):
            return True
        if op is C.BRANCH and any(_has_lookahead(list(b)) for b in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and _has_lookahead(list(av[2])):
            return True
        if op is C.ATOMIC_GROUP and _has_lookahead(list(av)):
            return True
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
    space must match one or more. Spaces inside [...] classes are left alone,
    and so are spaces inside a look-behind ("(?<!of )"), which Python's re
    needs to be of fixed width.
    A word in "(?:\\w+ )" may carry an apostrophe or a hyphen.
    """
    # "(?:\\w+ ){0,3}" means "up to three words": let a word be "group's" or "high-level".
    pattern = pattern.replace("(?:\\w+ )", "(?:[\\w'-]+ )")
    out = []
    i, in_class = 0, False
    groups: list[bool] = []  # per open group: whether it is a look-behind
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
        elif c == "(":
            groups.append(pattern.startswith(("(?<=", "(?<!"), i))
        elif c == ")" and groups:
            groups.pop()
        elif c == " " and not any(groups) and not (i + 1 < len(pattern) and pattern[i + 1] in "*+?{"):
            out.append(" +")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)
