"""The frame around every page: the sign-in gate and the sidebar saying who you are.

The navigation in `app.py` already hides pages from people who may not see
them; `require_sign_in` also stops a page reached some other way (a page
file run on its own), so no page depends on the navigation alone.
"""

from __future__ import annotations

import streamlit as st

from coach_ui import messages
from coach_ui.escaping import plain
from coach_ui.users import Identity


def require_sign_in(me: Identity) -> None:
    """Stop a page for someone not signed in (the navigation hides it; this covers direct visits)."""
    if not me.logged_in:
        st.info("Sign in first: this page needs to know who you are.", icon=":material/login:")
        st.stop()


def sidebar(me: Identity) -> None:
    """Who you are (local mode, or signed in and whether as HR), a Log out button, a config problem."""
    with st.sidebar:
        if me.mode == "local":
            st.caption(f"Local mode: you are **{plain(me.name)}** (no login configured).")
        elif me.logged_in:
            st.caption(f"Signed in as **{plain(me.label)}**" + (" · HR" if me.is_hr else ""))
            if st.button("Log out", key="logout", icon=":material/logout:"):
                st.logout()
        if me.problem:
            messages.warning(me.problem)
