"""Reflect (employees): questions for the meta skills you choose, answered in a private journal."""

import streamlit as st
from coach_ui import checkin, frame, journal_view, reflecting, report_view, users
from coach_ui.messages import friendly, show_flash
from coach_ui.store_access import per_rerun

st.title("Reflect on your role")
st.markdown(
    "Pick the contract of your role (or paste it), choose the meta skills you want to grow, "
    "answer a few questions and rate yourself. Your answers are **private**: only you can read them."
)
me = users.current()
frame.require_sign_in(me)
with per_rerun() as store:
    show_flash(checkin.KEY)
    checkin.due_first(store, me)  # a commitment that has come due comes first
    show_flash(reflecting.KEY)
    with friendly():
        checked = reflecting.pick_role(store)
        if checked is not None:
            report_view.grade_badges(checked.report)
            reflecting.questions_form(checked, me)
    st.divider()
    journal_view.my_reflections(store, me)
    checkin.my_accounts(store, me)
    checkin.shared_with_me(store, me)
