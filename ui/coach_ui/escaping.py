"""External text made safe for Streamlit's Markdown: it shows as typed and renders nothing.

Almost every Streamlit element renders its text as Markdown, with
Streamlit's own directives on top (`:red[...]`, `:material/icon:`, `$x$`
for LaTeX) and GitHub's autolinks (a bare `https://...`, `www.` or e-mail
address becomes a link). Text that does not come from this code (a role
description, a file name, a title, a note, an evidence quote, an LLM's
questions or its server's error) could otherwise show an image fetched
from any address, a link, colours or a formula. Such text goes through
`plain()` on its way to the page; the HTML view of the role text is escaped
by `coach.formats.highlight` instead.
"""

from __future__ import annotations

import re
import string

# CommonMark lets any ASCII punctuation character be backslash-escaped, and the backslash
# disappears when rendered. Escaping all of them (not only today's Markdown syntax) also
# covers `&amp;` entities, Streamlit's directives and `$math$`, and whatever syntax comes next.
_MD_SPECIAL = re.compile(f"([{re.escape(string.punctuation)}])")
_SPACES = re.compile(r"\s+")

# Autolinks are found in the text *after* escapes are resolved, so escaping cannot stop
# them. An invisible WORD JOINER after `http`, `https` or `www` and before `@` can: the
# address no longer matches, and the reader sees the same characters.
WORD_JOINER = "\u2060"
_LINK_STARTS = re.compile(r"(?i)(https?|www)(?=[:.])|(?=@)")


def _unlinked(text: str) -> str:
    return _LINK_STARTS.sub(lambda m: (m.group(1) or "") + WORD_JOINER, text)


def plain_piece(piece: str) -> str:
    """`piece` escaped, with its edge spaces kept, to sit between our own Markdown (e.g. `**`)."""
    return _MD_SPECIAL.sub(r"\\\1", _unlinked(_SPACES.sub(" ", piece)))


def plain(text: str) -> str:
    """User or rule text made safe for `st.markdown`: every ASCII punctuation character is
    backslash-escaped, bare addresses are kept from becoming links and runs of whitespace
    become one space, so it shows as typed: no markup, no images, no links, no colours."""
    return plain_piece(text.strip())
