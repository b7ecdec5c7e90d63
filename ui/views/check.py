"""Check a role (managers): paste or upload, one click, the report, questions, save, download."""

import streamlit as st
from coach_ui import (
    checking,
    downloads,
    examples,
    frame,
    messages,
    org_line,
    question_panel,
    report_view,
    role_input,
    tables,
    users,
)
from coach_ui.saving import save_form
from coach_ui.store_access import per_rerun

st.title("Check a role")
st.markdown(
    "Paste a role description or upload one. The check grades the four elements that let "
    "someone take ownership of a result — **purpose**, **discretion**, **resources** and "
    "**accountability** — and says what to add."
)
me = users.current()
frame.require_sign_in(me)
with per_rerun() as store:
    examples.offer_examples(store, me, "check")
    role_input.role_input("check")
    profile, team = org_line.team_picker(store, "check")
    if st.button("Check", key="check_run", type="primary", icon=":material/fact_check:"):
        with messages.friendly():
            results, problems = checking.check_all(role_input.read_inputs("check"), profile, team)
            st.session_state["check_results"] = results
            st.session_state["check_problems"] = problems
    for problem in st.session_state.get("check_problems", []):
        messages.error(problem)  # it names the file: external text
    results = st.session_state.get("check_results", [])
    if results:
        if len(results) > 1:
            st.dataframe(tables.batch_rows(results), hide_index=True, key="check_batch_table")
            names = [r.name for r in results]
            shown = st.selectbox("Show the report for", names, key="check_pick")
            checked = results[names.index(shown)] if shown in names else results[0]
        else:
            checked = results[0]
        st.divider()
        checking.stale_note(checked, "check")
        report_view.show(checked.report, checked.text)
        org_line.chain(checked.report)
        st.subheader("Coaching questions")
        question_panel.panel(checked, "check", store)
        st.subheader("Save and download")
        save_form(checked, me, store, "check")
        downloads.report_downloads(checked.report, "check")
