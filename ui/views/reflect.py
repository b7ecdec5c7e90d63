"""Reflect (employees): questions for the meta skills you choose, answered in a private journal."""

import streamlit as st
from coach_ui import components as ui
from coach_ui import identity, reflecting

st.title("Reflect on your role")
st.markdown(
    "Pick the contract of your role (or paste it), choose the meta skills you want to grow, "
    "answer a few questions and rate yourself. Your answers are **private**: only you can read them."
)
me = identity.current()
ui.require_sign_in(me)
with ui.database() as store:
    ui.show_flash(reflecting.KEY)
    with ui.friendly():
        checked = reflecting.pick_role(store)
        if checked is not None:
            ui.grade_badges(checked.report)
            reflecting.questions_form(checked, me)
    st.divider()
    reflecting.my_reflections(store, me)
