"""The store, opened for one rerun or one callback and closed after: never cached.

The real Streamlit server runs every rerun, and every button callback, on
a new thread, and a sqlite3 connection belongs to the thread that opened it:
Python refuses to use it from another, and one shared across threads
corrupts transactions. A store kept across reruns (`st.cache_resource`, a
module global) would fail on the second rerun or, as `Store` opens one
connection per thread, keep a connection open for every rerun that ever
ran. Opened here per rerun and closed at its end, there is one at a time,
for the cost of opening a file. AppTest runs everything on one thread and
cannot catch a regression; the real-browser test does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import CoachError
from coach_ui import messages

if TYPE_CHECKING:
    from coach.store import Store


@contextlib.contextmanager
def per_rerun() -> Iterator[Store]:
    """This rerun's store (COACH_DB, set by `coach ui --db`, or the per-user file); closed after.

    A store that cannot be opened stops the page with its message.
    """
    from coach.store import open_store

    try:
        store = open_store()
    except CoachError as e:
        messages.error(str(e), icon=":material/database:")
        st.stop()
    try:
        yield store
    finally:
        store.close()


def run_action(key: str, action: Callable[[Store], str]) -> bool:
    """Run a write from a button callback with its own store; flash its message or its error.

    Returns whether it worked, so the callback can clear its inputs only then.
    """
    from coach.store import open_store

    try:
        with open_store() as store:
            messages.flash(key, "success", action(store))
    except CoachError as e:
        messages.flash(key, "error", str(e))
        return False
    return True
