"""HTML in pasted job ads: the one place that says what a tag, a comment and an entity are.

Role descriptions are often pasted from a careers page, so they can carry
HTML. Whoever needs the words and not the tags — the LLM prompt today, the
engine's text module later — uses the patterns here, so both agree on what
markup is. The module depends on nothing but the standard library.

Every pattern here runs in linear time on hostile input, because the text
comes from outside and may be up to the input limit (1 MB). The rule that
keeps them linear: each pattern starts with a literal character and every
repetition in it is either bounded or cannot run past the next `<` (or `&`).
So a match attempt that fails costs at most the bound, and a text of
`<a<a<a…` or `&&&…` costs one short attempt per character.

Comments are the exception that has no pattern on purpose. `<!--.*?-->`
(what this project used before) rescans to the end of the text from every
`<!--` that is never closed: 1.4 s for 25 KB of repeated `<!--`, 21 s for
100 KB. A bounded `<!--.{0,N}?-->` only trades that for N steps per
`<!--`. `comment_spans` finds comments with `str.find` instead and stops at
the first `<!--` that has no `-->` after it (then no later one has either),
which is linear. An unclosed `<!--` is left as text.

    >>> html_to_plain("<h1>Lead</h1><!-- draft --><ul><li>Own the roadmap &amp; budget</li></ul>")
    'Lead\\n\\n- Own the roadmap & budget'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

COMMENT_OPEN = "<!--"
COMMENT_CLOSE = "-->"

# An opening or closing tag: `<p>`, `</div>`, `<a href="...">`. Attributes may span lines; the
# body cannot contain `<` or `>` and is at most 500 characters, so a failed attempt is short.
TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")

# Tags that end a line of text: paragraphs, list items, headings, breaks, table rows.
BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|br|tr|table|section)\b[^<>]{0,200}>", re.I)

# The start of a list item, which becomes a "- " bullet.
LI_TAG = re.compile(r"<li\b[^<>]{0,200}>", re.I)

# A character reference: `&amp;`, `&nbsp;`, `&#39;`, `&#x2014;` (names are at most 32 characters).
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def comment_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every closed `<!-- ... -->` comment, in order, in linear time."""
    start = text.find(COMMENT_OPEN)
    while start != -1:
        close = text.find(COMMENT_CLOSE, start + len(COMMENT_OPEN))
        if close == -1:
            return  # no `-->` after this `<!--`, so none after any later one either
        end = close + len(COMMENT_CLOSE)
        yield start, end
        start = text.find(COMMENT_OPEN, end)


def strip_comments(text: str) -> str:
    """The text without its closed HTML comments."""
    parts, last = [], 0
    for start, end in comment_spans(text):
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)


def looks_like_html(text: str) -> bool:
    """Whether the text has a block tag (`<p>`, `<li>`, `<br>`...): a lone `<x>` in prose is not HTML."""
    return BLOCK_TAG.search(text) is not None


def html_to_plain(text: str) -> str:
    """HTML as plain text: the words without the tags, one line per block, `- ` per list item.

    Comments go, `<li>` becomes a "- " bullet on a new line, other block tags
    become line breaks, remaining tags are dropped, and entities are decoded
    (`html.unescape`). Trailing spaces are trimmed from every line and runs
    of blank lines become one, as the tags leave many behind. Linear time.
    """
    text = strip_comments(text)
    text = LI_TAG.sub("\n- ", text)
    text = BLOCK_TAG.sub("\n", text)
    text = html.unescape(TAG.sub("", text))
    return _tidy_lines(text)


def _tidy_lines(text: str) -> str:
    """Trailing spaces off each line, at most one blank line in a row, none at either end.

    Written with str methods rather than `[ \\t]+\\n`, which backtracks
    quadratically over a long run of spaces that ends without a newline.
    """
    out: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip(" \t\r\f\v\xa0")
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
