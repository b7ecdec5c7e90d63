"""What a person typed into a search box, made fit to hand to `store.search`.

A search box takes anything a keyboard or a paste can produce. A NUL
character ends the string SQLite's full-text MATCH parses ("unterminated
string", which crashed the Reflect page), and a lone surrogate cannot be
encoded as UTF-8 at all. Neither is a character anyone searches for, so
control characters and lone surrogates become spaces before the store sees
the query (the store guards against them too; this keeps the page's own
echo of the query clean as well).
"""

from __future__ import annotations

import re

_UNSEARCHABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def search_words(typed: str | None) -> str:
    """`typed` with control characters and lone surrogates replaced by spaces, stripped."""
    return _UNSEARCHABLE.sub(" ", typed or "").strip()
