"""The matcher's shortcuts never change what is found.

Anchors, anchor groups, windows around anchors and tries are there for
speed only: the hits must equal running every pattern over every sentence.
"""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, EXAMPLES

from coach.engine.anchors import _trie, anchor_groups, flexible_spaces, trie_groups
from coach.engine.compile import compiled
from coach.engine.matcher import prepare_pattern
from coach.engine.text import parse

TEXTS = [p.read_text() for p in sorted(EXAMPLES.iterdir())] + [
    "**Reports to:** the COO.  You  decide   which\nfeatures ship; you must not merge untested code.",
    "<ul><li>Own the <b>budget</b> of $40k</li><li>Lead a team of 4 (20%)</li></ul>",
    "The Chair's role is to ensure the group's roadmap is delivered. Chairs report status to the board every quarter.",
    # a look-ahead written before the anchor ("with (?!the account executive)…account") reads past it
    "Agree the save plan with the account executive.",
]


def brute_force(text: str) -> set[tuple[str, int, int]]:
    c = compiled()
    doc = parse(text)
    found: set[tuple[str, int, int]] = set()
    for p in c.matcher.patterns:
        out: list = []
        for unit in doc.units:
            c.matcher._run(p, doc.masked, unit, out, unit.start, unit.end)
        found |= {(h.owner, h.start, h.end) for h in out}
    return found


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_scan_finds_exactly_what_brute_force_finds(text: str) -> None:
    doc = parse(text)
    fast = {(h.owner, h.start, h.end) for h in compiled().matcher.scan(doc)}
    assert fast == brute_force(text)


@pytest.mark.skipif(not CORPUS.exists(), reason="dev corpus not available")
def test_scan_equals_brute_force_on_the_dev_corpus() -> None:
    import json

    for line in CORPUS.read_text().splitlines():
        text = json.loads(line)["text"]
        assert {(h.owner, h.start, h.end) for h in compiled().matcher.scan(parse(text))} == brute_force(text)


@pytest.mark.parametrize(
    ("pattern", "must_contain"),
    [
        ("(?:has|have) (?:the )?final say", "final say"),
        ("(?:must|shall) not (?:merge|ship)", "not "),
        ("budget", "budget"),
    ],
)
def test_anchor_groups_are_necessary_literals(pattern: str, must_contain: str) -> None:
    groups = anchor_groups(pattern)
    assert groups and any(must_contain in a for g in groups for a in g)


def test_a_long_word_list_anchors_where_it_begins() -> None:
    """A list of more words than the walk combines ("(?:act|acts|acting|...)") is its own
    anchor: a match begins where the word does, so the window starts there too."""
    from coach.engine.anchors import analyse

    words = [f"{a}{b}{c}ing" for a in "bcdfghjklmnp" for b in "aeiou" for c in "rst"][:100]
    groups, before, _ = analyse("(?:" + "|".join(words) + r") +\w+")
    assert groups[0] == frozenset(words) and before == 0
    # an alternative that is not a plain word: its anchor (" hours") may sit anywhere inside
    groups, before, _ = analyse("(?:" + "|".join(words) + r"|\d+ hours) +\w+")
    assert " hours" in groups[0] and before is None


def test_trie_matches_the_same_words_and_prefers_longer_ones() -> None:
    words = ["plan", "plans", "lead", "leader", "leads", "chair"]
    rx = re.compile(_trie(words) + r"(?!\w)")
    for w in words:
        assert rx.fullmatch(w)
    assert rx.match("plans").group() == "plans"
    assert not rx.fullmatch("pla")
    assert trie_groups("(?:a|b)") == "(?:a|b)"  # short lists stay as written


def test_flexible_spaces_and_whole_words() -> None:
    assert flexible_spaces("final say") == "final +say"
    assert flexible_spaces("[ ]x") == "[ ]x"
    # a look-behind must keep a fixed width: its spaces stay single
    assert flexible_spaces("(?<!of )win (?:a )?deal") == "(?<!of )win +(?:a +)?deal"
    assert prepare_pattern("r", "(?<!strategy of )winning").regex.search("we are winning")
    assert not prepare_pattern("r", "(?<!strategy of )winning").regex.search("our strategy of winning")
    p = prepare_pattern("r", "plan|plans")
    assert p.regex.fullmatch("plans")  # the alternative backtracks to the whole word
    assert not prepare_pattern("r", "plan").regex.search("planning")
    assert not prepare_pattern("r", "plan").regex.search("replan")


@pytest.mark.parametrize(
    "pattern",
    [
        "plan",  # a literal word
        "(?:set|sets) the plan",  # a group the analysis reads
        "(?<=x)plan",  # a look-behind it gives up on: the pattern runs everywhere
        "p(?:l|x)an",  # a class of alternatives
    ],
)
def test_what_a_pattern_matches_never_depends_on_its_analysis(pattern: str, monkeypatch) -> None:
    """Whole-word edges are written into the regex, not read off re's parse tree,
    so an analysis that fails (here: forced to) only makes the pattern run everywhere."""
    from coach.engine import anchors, matcher

    text = "xplanning and xplan and the plan; set the plan, planned"
    normal = prepare_pattern("r", pattern).regex
    monkeypatch.setattr(matcher, "analyse", lambda p: ((), None, None))
    monkeypatch.setattr(matcher, "trie_groups", lambda p: p)
    blind = matcher.prepare_pattern("r", pattern)
    assert not blind.groups  # nothing to filter on: it runs in every unit
    assert [m.span() for m in blind.regex.finditer(text)] == [m.span() for m in normal.finditer(text)]
    assert anchors.analyse("(?<=x)plan") is not None


@pytest.mark.slow
def test_a_text_of_more_than_two_to_the_twenty_units_keeps_its_grades() -> None:
    """Latent defect: pattern and unit were packed into one integer (i << 20); past 2**20
    units a hit landed on the wrong sentence and an ownership sentence stopped counting."""
    import coach

    owner = "You own the reliability of our payments platform."
    for n in (2**20 - 10, 2**20 + 5):
        text = "- a\n" * n + owner
        assert coach.check(text).grade("purpose").value == "specified", n


def test_every_bundled_pattern_has_anchors_so_it_runs_only_where_it_can_match() -> None:
    """A pattern with no usable literal (a piece as short as "wk" among its
    alternatives is enough) runs over every sentence of every text: keep the
    short word in a pattern of its own, next to a longer literal."""
    matcher = compiled().matcher
    unanchored = [f"{matcher.patterns[i].owner}: {matcher.patterns[i].source[:60]}" for i in matcher.unanchored]
    assert not unanchored, unanchored


@pytest.mark.parametrize(
    ("pattern", "word_first"),
    [
        ("plan", True),
        ("(?:the )?plan", True),  # an optional word, then a word
        ("(?:a|b){1,2}-", True),
        ("(?<!x)plan", True),  # a look-behind consumes nothing
        (r"\d+%", True),
        ("[a-z_]x", True),
        ("(?: )?plan", False),  # may begin with a space
        ("(?:a|b){0,2}-", False),
        (r"(?:\$|eur )5", False),
        ("[^a]x", False),
        (".x", False),
        (r"[\w-]x", False),
        ("'s", False),
        ("(?:a|)", False),  # may match nothing
    ],
)
def test_begins_with_word_is_sure_or_says_no(pattern: str, word_first: bool) -> None:
    from coach.engine.anchors import begins_with_word

    assert begins_with_word(pattern) is word_first


def test_the_faster_opening_edge_matches_exactly_what_the_general_one_does() -> None:
    """WORD_START stands in for WORD_EDGE only in front of patterns whose matches begin
    with a word character: every bundled regex finds the same matches with either."""
    from coach.engine.matcher import WORD_EDGE, WORD_START

    tricky = " x£500 a-b (c) _d 'e' é5% x(10%) co-chair's  you'll  -plan plan- "
    texts = [parse(t).masked for t in TEXTS] + [tricky, tricky.upper().lower()]
    for p in compiled().matcher.patterns:
        if not p.source.startswith(WORD_START):
            continue
        general = re.compile(WORD_EDGE + p.source[len(WORD_START) :])
        for text in texts:
            assert [m.span() for m in p.regex.finditer(text)] == [m.span() for m in general.finditer(text)], p.owner
