"""Messages in the page: a CoachError as its one line, and messages that outlive a rerun.

A `CoachError` is the error a user can fix; its text is the same line the
CLI prints, so the page shows exactly that (`friendly()`), never a
traceback. A button callback runs before the page draws, so what it has to
say is left in session state (`flash()`) and shown where the page draws it
(`show_flash()`).

Such messages carry external text: a file name, a title, an assignee, a
setting's value, a language model server's error. Streamlit renders an
alert's body as Markdown, so `error()`, `warning()`, `info()` and
`success()` show their message escaped (`plain()`): an image or a link in
it shows as the characters typed. A message of our own that needs bold
calls `st.*` itself and escapes the pieces it did not write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st

from coach.errors import CoachError
from coach_ui.escaping import plain


def error(message: str, icon: str = ":material/error:") -> None:
    st.error(plain(message), icon=icon)


def warning(message: str, icon: str | None = None) -> None:
    st.warning(plain(message), icon=icon)


def info(message: str, icon: str | None = None) -> None:
    st.info(plain(message), icon=icon)


def success(message: str, icon: str = ":material/check:") -> None:
    st.success(plain(message), icon=icon)


@contextlib.contextmanager
def friendly() -> Iterator[None]:
    """Show a CoachError as its message and skip the rest of the block."""
    try:
        yield
    except CoachError as e:
        error(str(e))


def flash(key: str, kind: str, message: str) -> None:
    """Leave a message for the next render (callbacks run before the page draws)."""
    st.session_state[f"{key}_flash"] = (kind, message)


def show_flash(key: str) -> None:
    """Show, once, the message a callback left under `key`."""
    kind, message = st.session_state.pop(f"{key}_flash", (None, None))
    if kind == "error":
        error(message)
    elif kind == "success":
        success(message)
    elif kind:
        info(message)
