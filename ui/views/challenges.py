"""Challenges: leaders ask, everyone proposes, owners review, and submitters see what became of their ideas."""

import streamlit as st
from coach_ui import challenge_board, frame, idea_review, users
from coach_ui.messages import friendly
from coach_ui.store_access import per_rerun

st.title("Challenges")
me = users.current()
frame.require_sign_in(me)
st.caption(
    "Leaders publish challenges tied to a strategic priority; anyone can propose an idea. "
    "Each idea gets the same clarity check as a role: what it would change, who decides, what it needs "
    "and how we would know it worked."
)
with per_rerun() as store:
    names = ["Challenges", "My ideas", "Publish"] if me.is_leader else ["Challenges", "My ideas"]
    tabs = st.tabs(names, key="challenges_tabs", on_change="rerun")
    if tabs[0].open:
        with tabs[0], friendly():
            challenge_board.board(store, me)
    if tabs[1].open:
        with tabs[1], friendly():
            idea_review.my_ideas(store, me)
    if me.is_leader and tabs[2].open:
        with tabs[2], friendly():
            challenge_board.publish_form(store, me)
