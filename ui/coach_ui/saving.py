"""Saving a checked text as a contract, so HR can review it and people can reflect on it.

The store decides what a save means (a new contract, a new version of the
same title and team, or nothing new for the same text); this form only
collects the title and team and says which of the three happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach.importing import title_key
from coach_ui.checking import Checked
from coach_ui.escaping import plain
from coach_ui.messages import friendly
from coach_ui.users import Identity

if TYPE_CHECKING:
    from coach.store import Store


def suggested_title(checked: Checked) -> str:
    """The text's first non-empty line (a Markdown heading's words), else where it came from."""
    for line in checked.text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:80]
    return checked.name


def current_title(checked: Checked, key: str) -> str:
    """The title in the Save form, set to the text's own suggestion when that suggestion changes.

    Keyed on the suggestion (the first line), not on the text: editing the
    body, inserting a fix, keeps the title the manager typed; checking a
    different role (another first line) suggests its own title, since keeping
    the last one would save this text as a new version of the previous contract.
    """
    suggestion = suggested_title(checked)
    if st.session_state.get(f"{key}_title_for") != suggestion:
        st.session_state[f"{key}_title_for"] = suggestion
        st.session_state[f"{key}_title"] = suggestion
    return st.session_state.get(f"{key}_title") or suggestion


def save_form(
    checked: Checked, me: Identity, store: Store, key: str, *, stale: bool = False, unfilled: list[str] | None = None
) -> None:
    """Save the checked text as a contract; the same title and team again makes a new version.

    What is saved is exactly what the report on screen graded: while the text
    has changed since its check (`stale`), or still holds placeholders of an
    inserted fix (`unfilled`), the button is off and a line says why.
    """
    current_title(checked, key)
    # The team picked for the organisation profile (coach_ui.org_line) fills the Team box, once per
    # pick: a team typed over it afterwards stays.
    picked = (st.session_state.get(f"{key}_org") or (None, None))[1]
    if picked and st.session_state.get(f"{key}_team_picked") != picked:
        st.session_state[f"{key}_team_picked"] = picked
        st.session_state[f"{key}_team"] = picked
    blocked = ""
    if stale:
        blocked = "Save is off: the text changed since this check. Click Check, then save what the report shows."
    elif unfilled:
        blocked = f"Save is off until you fill in {', '.join(unfilled[:4])} in the text, then check again."
    # Not an st.form: the title is read as it is typed, so the fixes above name the role by it.
    with st.container(border=True, key=f"{key}_save_form"):
        st.markdown("**Save this contract** so HR can review it and people can reflect on it.")
        cols = st.columns(2)
        title = cols[0].text_input("Title", key=f"{key}_title")
        team = cols[1].text_input("Team", key=f"{key}_team", placeholder="e.g. Platform")
        st.caption(
            "Saving again under the same title and team stores a new version of that contract"
            " (yours, or any contract if you are HR)."
        )
        if blocked:
            st.warning(plain(blocked), icon=":material/block:")
        submitted = st.button("Save contract", key=f"{key}_save", icon=":material/save:", disabled=bool(blocked))
    if not submitted or blocked:
        return
    with friendly():  # a refusal (someone else's contract) shows as its message
        from coach.store import Actor

        team = team.strip() or None
        saved = store.save_contract(
            title,
            checked.text,
            team=team,
            owner=me.owner,
            source=checked.name,
            report=checked.report,
            key=title_key(team, title.strip()),
            by=Actor(name=me.owner, is_hr=me.is_hr),
        )
        where = f"contract #{saved.contract_id} “{plain(saved.title)}”"
        if saved.is_new_version and saved.version == 1:
            st.success(f"Saved as {where}, version 1.", icon=":material/check:")
        elif saved.is_new_version:
            st.success(f"Saved version {saved.version} of {where}.", icon=":material/check:")
        else:
            st.info(f"This text is already version {saved.version} of {where}; nothing new was stored.")
        if saved.check.flagged:
            st.caption("It is flagged, so it is in the HR review queue.")
        elif saved.review_status in ("open", "in_review"):
            st.caption("It is no longer flagged; its review stays open until HR confirms and closes it.")
