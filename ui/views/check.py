"""Check a role (managers): paste or upload, check, then edit: open a highlight, insert a fix, see what moved.

The report, its questions, the Save form and the downloads all follow the
text as last checked; an edit is checked again at once when live re-check
is on (the default), else on a click of Check.
"""

import streamlit as st
from coach_ui import (
    checking,
    downloads,
    editing,
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
from coach_ui.saving import current_title, save_form
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
    role_input.role_input("check", on_change=editing.on_text_change)
    # The saved organisation profile and the team picked: every re-check (a click, an edit, an Insert) uses them.
    st.session_state["check_org"] = org_line.team_picker(store, "check")
    with st.container(horizontal=True, vertical_alignment="center", key="check_actions"):
        if st.button("Check", key="check_run", type="primary", icon=":material/fact_check:"):
            st.session_state.pop("check_inserted", None)
            editing.recheck("check")
        editing.live_toggle("check")
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
        editing.what_changed(checked, "check")
        title = current_title(checked, "check")
        report_view.show(
            checked.report,
            checked.text,
            beside=lambda: editing.card(checked, "check", title),
            action=lambda target: editing.insert_button(checked, "check", target, title, "gap"),
            line_of_sight_extra=lambda: org_line.chain(checked.report),
        )
        st.subheader("Coaching questions")
        st.caption("For the grades above: when a gap is fixed and checked again, its questions go.")
        plan = question_panel.panel(checked, "check", store)
        st.subheader("Save and download")
        save_form(
            checked,
            me,
            store,
            "check",
            stale=checking.is_stale(checked, "check"),
            unfilled=editing.pending_placeholders("check"),
        )
        downloads.report_downloads(
            checked.report, "check", title=current_title(checked, "check"), questions=question_panel.by_skill(plan)
        )
