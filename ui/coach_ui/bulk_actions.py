"""The Review queue's bulk actions: one status, assignee or note for every selected row.

Selected rows come from the queue table's own row selection. Each action
is one store call (`Store.set_status_many` and friends: one transaction,
one history event per contract changed) from a button callback, and its
confirmation (how many changed, and why any did not) is shown inside the
bulk-actions box, beside the button that did it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from coach_ui.messages import show_flash
from coach_ui.store_access import run_action
from coach_ui.words import STATUS_LABELS

if TYPE_CHECKING:
    from coach.store import BulkChange, Store

KEY = "review_bulk"


def _plural(n: int) -> str:
    return f"{n} contract{'s' if n != 1 else ''}"


def summary(done: BulkChange, what: str, already: str) -> str:
    """'2 contracts now in review; 1 already in review; 1 not in the review queue (never flagged), so left unchanged.'"""
    n = len(done.changed)
    parts = [f"{_plural(n)} {what}" if n else "No contract changed"]
    if done.already:
        parts.append(f"{len(done.already)} {already}")
    if done.not_queued:
        parts.append(f"{len(done.not_queued)} not in the review queue (never flagged), so left unchanged")
    return "; ".join(parts) + "."


def has_message() -> bool:
    """Whether a bulk action left a confirmation or error to show."""
    return f"{KEY}_flash" in st.session_state


def _run(action: Callable[[Store], str]) -> None:
    if run_action(KEY, action):
        st.session_state[f"{KEY}_note"] = ""


def _status(ids: list[int], author: str) -> None:
    status = st.session_state[f"{KEY}_status"]
    label = STATUS_LABELS[status]
    _run(
        lambda s: summary(
            s.set_status_many(ids, status, author, st.session_state.get(f"{KEY}_note") or ""),
            f"now {label}",
            f"already {label}",
        )
    )


def _assign(ids: list[int], author: str) -> None:
    assignee = (st.session_state.get(f"{KEY}_assignee") or "").strip() or None
    what = f"assigned to {assignee}" if assignee else "unassigned"
    run_action(KEY, lambda s: summary(s.assign_many(ids, assignee, author), what, f"already {what}"))


def _note(ids: list[int], author: str) -> None:
    body = st.session_state.get(f"{KEY}_note") or ""
    _run(lambda s: summary(s.add_note_many(ids, author, body), "got the note", ""))


def panel(ids: list[int], author: str) -> None:
    """Act on the selected contracts: status, assignee, or the same note for all.

    The box is there whenever the queue has rows, so the confirmation of a
    change that took its rows off the list still shows where the buttons were.
    """
    from coach.store.vocab import STATUSES

    with st.container(border=True, key=f"{KEY}_box"):
        if not ids:
            st.caption("Tick rows' checkboxes to change their status, assign them or add a note to all at once.")
            show_flash(KEY)
            return
        listed = ", ".join(f"#{c}" for c in ids[:20]) + ("…" if len(ids) > 20 else "")
        st.markdown(f"**Act on the {_plural(len(ids))} selected:** {listed}")
        left, middle, right = st.columns(3)
        left.selectbox("New status", list(STATUSES), format_func=STATUS_LABELS.get, key=f"{KEY}_status")
        left.button("Change status of all", key=f"{KEY}_status_save", on_click=_status, args=(ids, author))
        middle.text_input("Assign all to", key=f"{KEY}_assignee", placeholder="an e-mail; empty unassigns")
        middle.button("Assign all", key=f"{KEY}_assign_save", on_click=_assign, args=(ids, author))
        right.text_input("Note (also the why of a status change)", key=f"{KEY}_note")
        right.button("Add the note to all", key=f"{KEY}_note_save", on_click=_note, args=(ids, author))
        show_flash(KEY)
