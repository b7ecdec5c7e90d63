"""External text made safe for Streamlit's Markdown: it shows as typed and renders nothing.

Almost every Streamlit element renders its text as Markdown, with
Streamlit's own directives on top (`:red[...]`, `:material/icon:`, `$x$`
for LaTeX). Text that does not come from this code (a role description, a
file name, a title, a note, an evidence quote, an LLM's questions or its
server's error) could otherwise show an image fetched from any address, a
link, colours or a formula. Such text goes through `plain()` on its way to
the page; the HTML view of the role text is escaped by
`coach.formats.highlight` instead.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")
_SPACES = re.compile(r"\s+")


def plain_piece(piece: str) -> str:
    """`piece` escaped, with its edge spaces kept, to sit between our own Markdown (e.g. `**`)."""
    return _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", piece))


def plain(text: str) -> str:
    """User or rule text made safe for `st.markdown`: every Markdown, HTML and Streamlit
    directive character is backslash-escaped and line breaks become spaces, so it
    shows as typed: no markup, no images, no links, no colours. (Escaping the `:`
    of `http://` also keeps a bare address from being turned into a link.)"""
    return plain_piece(text.strip())
