"""Organisation (HR): the organisation's purpose and priorities that line of sight reads roles against."""

import streamlit as st
from coach_ui import frame, org_editor, users
from coach_ui.messages import friendly
from coach_ui.store_access import per_rerun

st.title("Organisation")
me = users.current()
frame.require_sign_in(me)
if not me.is_hr:  # not in this person's navigation; refuse a direct visit too
    st.error("The organisation profile is edited by HR. Ask an administrator to add your e-mail to the HR list.")
    st.stop()
st.markdown(
    "The organisation's **purpose** and **priorities**, and the teams' priorities beneath them. "
    "A check reads each role against them and says which priority it serves and how it reaches the purpose."
)
with per_rerun() as store, friendly():
    org_editor.editor(store, me.owner)
