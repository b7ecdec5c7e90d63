"""Messages in the page: a CoachError as its one line, and messages that outlive a rerun.

A `CoachError` is the error a user can fix; its text is the same line the
CLI prints, so the page shows exactly that (`friendly()`), never a
traceback. A button callback runs before the page draws, so what it has to
say is left in session state (`flash()`) and shown where the page draws it
(`show_flash()`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st

from coach.errors import CoachError


@contextlib.contextmanager
def friendly() -> Iterator[None]:
    """Show a CoachError as its message and skip the rest of the block."""
    try:
        yield
    except CoachError as e:
        st.error(str(e), icon=":material/error:")


def flash(key: str, kind: str, message: str) -> None:
    """Leave a message for the next render (callbacks run before the page draws)."""
    st.session_state[f"{key}_flash"] = (kind, message)


def show_flash(key: str) -> None:
    """Show, once, the message a callback left under `key`."""
    kind, message = st.session_state.pop(f"{key}_flash", (None, None))
    if kind == "error":
        st.error(message, icon=":material/error:")
    elif kind == "success":
        st.success(message, icon=":material/check:")
    elif kind:
        st.info(message)
