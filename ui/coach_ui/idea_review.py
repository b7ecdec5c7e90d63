"""Reviewing ideas (a challenge's owner and HR) and following one's own (every submitter).

Each move (new → shortlisted → accepted / declined / parked) is one store
call from a button callback, with a note; the store refuses a move that is
not allowed and a decline or parking without a reason, and the refusal is
shown beside the buttons. An anonymous idea reaches this page with no
submitter at all: the store never hands it over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach_ui import challenge_tables, messages
from coach_ui.escaping import plain
from coach_ui.idea_form import show_check
from coach_ui.search import search_words
from coach_ui.store_access import run_action
from coach_ui.users import Identity

if TYPE_CHECKING:
    from coach.store import Store
    from coach.store.challenge_models import Challenge

KEY = "idea_review"


def _keys(idea_id: int, status: str) -> tuple[str, str]:
    """The move's widgets are keyed by the idea's status too: after a move they start afresh
    with the next moves' options (a browser keeps a widget's old value under the same key)."""
    return f"{KEY}_status_{idea_id}_{status}", f"{KEY}_note_{idea_id}_{status}"


def _move(idea_id: int, current: str, me: Identity) -> None:
    status_key, note_key = _keys(idea_id, current)
    status = st.session_state.get(status_key)
    note = st.session_state.get(note_key) or ""

    def action(store: Store) -> str:
        idea = store.review_idea(idea_id, status, me.actor, note)
        return f"Idea #{idea.id} is now {idea.status}."

    run_action(KEY, action)


def review(store: Store, challenge: Challenge, me: Identity) -> None:
    """Every idea of the challenge, one opened for its clarity check, history and the next move."""
    from coach.store.challenge_models import NEEDS_REASON, NEXT_STATUSES

    ideas = store.challenge_ideas(challenge.id, me.actor)
    st.markdown(f"**Ideas ({len(ideas)}).** You see them all because you review this challenge.")
    messages.show_flash(KEY)
    if not ideas:
        st.caption("No ideas yet.")
        return
    query = search_words(
        st.text_input(
            "Search these ideas", key=f"{KEY}_search_{challenge.id}", placeholder="words from a title or text"
        )
    )
    if query:
        ideas = [i for i in store.search_ideas(query, me.actor, limit=500) if i.challenge_id == challenge.id]
        st.caption(f"{len(ideas)} of them match “{plain(query)}”.")
        if not ideas:
            return
    st.dataframe(challenge_tables.idea_rows(ideas), hide_index=True, key=f"{KEY}_table_{challenge.id}")
    labels = {i.id: f"#{i.id} {i.title}" for i in ideas}
    opened = st.selectbox(
        "Open an idea",
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder="Choose an idea to review it",
        key=f"{KEY}_open_{challenge.id}",
    )
    if opened is None:
        return
    idea = next(i for i in ideas if i.id == opened)
    with st.container(border=True, key=f"{KEY}_detail"):
        st.markdown(f"**#{idea.id} {plain(idea.title)}** · {plain(idea.team or 'no team')} · "
                    f"submitted by {plain(idea.shown_submitter)} · {idea.status}")  # fmt: skip
        st.markdown(plain(idea.text))
        show_check(store.idea_report(idea.id, me.actor))
        allowed = NEXT_STATUSES[idea.status]
        if allowed:
            status_key, note_key = _keys(idea.id, idea.status)
            cols = st.columns([2, 4, 2], vertical_alignment="bottom")
            cols[0].selectbox("Move to", list(allowed), key=status_key)
            reason = " (needed for " + " or ".join(NEEDS_REASON) + ": the submitter sees it)"
            cols[1].text_input("Note" + reason, key=note_key)
            cols[2].button(
                "Save", key=f"{KEY}_save_{idea.id}", on_click=_move, args=(idea.id, idea.status, me), type="primary"
            )
        else:
            st.caption(f"This idea is {idea.status}: that decision is final.")
        st.markdown("**History**")
        for line in challenge_tables.history_lines(store.idea_history(idea.id, me.actor)):
            st.markdown(f"- {plain(line)}")


def my_ideas(store: Store, me: Identity) -> None:
    """The ideas this person submitted (anonymous ones too), each status change and its reason."""
    mine = store.my_ideas(me.owner)
    if not mine:
        st.info("You have not submitted an idea yet. Open a challenge on the first tab to submit one.")
        return
    for m in mine:
        idea = m.idea
        with st.container(border=True, key=f"my_idea_{idea.id}"):
            colour = challenge_tables.STATUS_BADGES[idea.status]
            st.markdown(f"**{plain(idea.title)}** · challenge #{idea.challenge_id} {plain(idea.challenge_title)}")
            with st.container(horizontal=True, gap="small"):
                st.badge(idea.status, color=colour)
                if idea.anonymous:
                    st.badge("anonymous to reviewers", icon=":material/visibility_off:", color="gray")
                st.badge(f"clarity {idea.check.score}/100", color="gray")
            if idea.reason:
                st.markdown(f"**Why it was {idea.status}:** {plain(idea.reason)}")
            for line in challenge_tables.history_lines(m.events):
                st.markdown(f"- {plain(line)}")
