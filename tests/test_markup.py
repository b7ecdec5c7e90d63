"""coach.markup: HTML job ads as plain text, in linear time whatever the input.

One table of conversions (what a pasted careers page becomes), one of
hostile inputs that once took seconds to minutes (each must convert in well
under a second at 1 MB), and the patterns the engine will share.
"""

from __future__ import annotations

import doctest
import time

import pytest

import coach.markup
from coach.markup import (
    BLOCK_TAG,
    ENTITY,
    LI_TAG,
    TAG,
    comment_spans,
    html_to_plain,
    looks_like_html,
    strip_comments,
)

# (html, plain text)
CONVERTED = [
    ("<p>You own the release.</p>", "You own the release."),
    ("<h1>Lead</h1><ul><li>Own the roadmap &amp; budget</li></ul>", "Lead\n\n- Own the roadmap & budget"),
    ('<ul><li class="x">One</li><li>Two</li></ul>', "- One\n\n- Two"),
    ("<p>Line one<br>line two<br/>three</p>", "Line one\nline two\nthree"),
    ("<div>Budget: &pound;5,000 &mdash; &#8364;10 &#x2014; &lt;tbd&gt;</div>", "Budget: £5,000 — €10 — <tbd>"),
    ("<p>Say <!-- not <b>this</b> --> this</p>", "Say  this"),
    ('<p>See <a href="https://acme.example/jobs">our jobs</a>.</p>', "See our jobs."),
    ("<p>Text</p>\n\n\n\n<p>More</p>   ", "Text\n\nMore"),
    ("<p>An unclosed <!-- comment stays as text</p>", "An unclosed <!-- comment stays as text"),
    ("<p>Attributes\nacross lines</p><div\n  class='x'>ok</div>", "Attributes\nacross lines\n\nok"),
]


@pytest.mark.parametrize(("html", "plain"), CONVERTED)
def test_html_becomes_plain_text(html: str, plain: str) -> None:
    assert html_to_plain(html) == plain


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<p>Lead</p>", True),
        ("Intro<br>more", True),
        ("Reports to <Head of Platform> weekly.", False),
        ("Use a < b and c > d.", False),
        ("Plain prose with no tags.", False),
    ],
)
def test_only_text_with_block_tags_counts_as_html(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_comments_are_found_by_a_scan_that_stops_at_the_first_unclosed_one() -> None:
    text = "a<!--x-->b<!---->c<!-- open d <!-- e -->"
    assert [text[s:e] for s, e in comment_spans(text)] == ["<!--x-->", "<!---->", "<!-- open d <!-- e -->"]
    assert strip_comments("a<!--x-->b<!-- never closed") == "ab<!-- never closed"


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        (TAG, ["<p>", "</div>", '<a href="x">', "<br/>"], ["< p>", "<!-- c -->", "a < b"]),
        (BLOCK_TAG, ["<p>", "</LI>", "<h2 id='x'>", "<br />"], ["<pre>", "<b>", "<span>"]),
        (LI_TAG, ["<li>", "<LI class='x'>"], ["</li>", "<link>"]),
        (ENTITY, ["&amp;", "&nbsp;", "&#39;", "&#x2014;"], ["& ", "&;", "&#;", "AT&T"]),
    ],
)
def test_the_shared_patterns(pattern, matches: list[str], misses: list[str]) -> None:
    for text in matches:
        assert pattern.fullmatch(text), text
    for text in misses:
        assert not pattern.search(text), text


def test_the_module_example_runs() -> None:
    assert doctest.testmod(coach.markup).failed == 0


# Each of these once made a regex rescan the rest of the text from every position.
HOSTILE = {
    "repeated comment openers": "<p>x</p>" + "<!--" * 250_000,
    "repeated tag openers": "<p>x</p>" + "<a" * 500_000,
    "a tag that never closes": "<p>x</p><a " + "b" * 1_000_000,
    "repeated list items": "<p>" + "<li" * 333_333,
    "repeated entity starts": "<p>" + "&#" * 500_000,
    "spaces without a newline": "<p>x</p>" + " " * 1_000_000 + "x",
    "blank lines": "<p>x</p>" + " \n" * 500_000,
    "comment openers inside a closed comment": "<p>x</p><!--" + "<!--" * 250_000 + "-->",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_megabyte_of_hostile_markup_converts_in_well_under_a_second(text: str) -> None:
    started = time.perf_counter()
    html_to_plain(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 5.0, f"took {elapsed:.2f} s on {len(text):,} characters"
