"""Which contract the Review page has open, kept in session state and named in the URL.

HR shares a contract by its link (`/review?contract=12`), the way an issue
tracker's URL names the issue. The link only says which contract to open:
the Review page checks that the visitor is HR before it reads the link,
and a link to a contract that does not exist says so beside the queue.
The open contract stays open while filters, search or pages change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from coach.store import Store

PARAM = "contract"
STATE = "review_open"


def current() -> int | None:
    """The open contract's id, or None."""
    return st.session_state.get(STATE)


def open_(cid: int) -> None:
    st.session_state[STATE] = cid
    st.query_params[PARAM] = str(cid)


def close() -> None:
    st.session_state.pop(STATE, None)
    st.query_params.pop(PARAM, None)


def from_link(store: Store) -> None:
    """Open the contract the URL names (a shared link), once; keep the URL in step with what is open.

    Raises InputError for a link that names no contract, after taking it out of the URL.
    """
    raw = st.query_params.get(PARAM)
    opened = current()
    if raw is None:
        if opened is not None:  # back on the page after another one: name it in the URL again
            st.query_params[PARAM] = str(opened)
        return
    if opened is not None and raw == str(opened):
        return
    try:
        cid = int(raw)
        store.get_contract(cid)
    except (ValueError, NotFoundError):
        st.query_params.pop(PARAM, None)
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise InputError(f"the link names contract “{shown}”, which does not exist; pick one from the queue") from None
    open_(cid)
