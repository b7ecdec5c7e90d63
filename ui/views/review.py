"""Review (HR): the queue of flagged contracts, one contract at a time, and the organisation view."""

import streamlit as st
from coach_ui import coverage_view, examples, frame, open_contract, reviewing, users
from coach_ui.messages import friendly, show_flash
from coach_ui.store_access import per_rerun

st.title("Review")
me = users.current()
frame.require_sign_in(me)
if not me.is_hr:  # the page is not in this person's navigation; refuse a direct visit too
    st.error("The review queue is for HR. Ask an administrator to add your e-mail to the HR list.")
    st.stop()
with per_rerun() as store:
    examples.offer_examples(store, me, reviewing.KEY)
    show_flash(reviewing.KEY)
    # Stateful tabs: only the open one runs, so the queue does not pay for the organisation counts.
    queue_tab, org_tab = st.tabs(["Queue", "Organisation"], key="review_tabs", on_change="rerun")
    if queue_tab.open:
        with queue_tab, friendly():
            open_contract.from_link(store)  # a shared link, read only now that the visitor is known to be HR
        with queue_tab, friendly():
            opened = reviewing.queue(store, me)
            if opened is not None:
                reviewing.contract_detail(store, opened, me)
    if org_tab.open:
        with org_tab, friendly():
            reviewing.organisation(store)
            coverage_view.section(store)
