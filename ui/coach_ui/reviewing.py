"""The Review page's pieces: the queue with filters and search, one contract, the organisation view.

Every change (status, assignee, note) goes through the store's review API
from a button callback, so the page that draws next already shows it, and
the review history stays append-only (the store refuses edits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach_ui import charts, report_view, tables
from coach_ui.escaping import plain
from coach_ui.messages import friendly
from coach_ui.search import search_words
from coach_ui.store_access import run_action
from coach_ui.users import Identity
from coach_ui.words import ELEMENT_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from coach.store import Store

KEY = "review"
PAGE_SIZE = 25
_COLUMNS = {
    "id": st.column_config.NumberColumn(width="small"),
    "score": st.column_config.NumberColumn(width="small"),
    "gaps": st.column_config.TextColumn(width="medium"),
    "where it matches": st.column_config.TextColumn(width="large"),
}
ANY = ""  # the "no filter" choice: a string, so the select box shows its label and no clear button


def queue(store: Store) -> int | None:
    """Filters, search and the queue table; returns the contract HR opened, if any."""
    from coach.report import ELEMENTS
    from coach.store.vocab import ACTIVE_STATUSES, STATUSES

    cols = st.columns([2, 2, 3, 2])
    element = cols[0].selectbox(
        "Element",
        [ANY, *(e.value for e in ELEMENTS)],
        format_func=lambda e: "any element" if e == ANY else ELEMENT_LABELS[e],
        key=f"{KEY}_element",
    )
    grade = cols[1].selectbox(
        "Gap",
        [ANY, "missing", "vague"],
        format_func=lambda g: "missing or vague" if g == ANY else g,
        key=f"{KEY}_grade",
        disabled=element == ANY,
    )
    statuses = cols[2].multiselect(
        "Status (none chosen: all)",
        list(STATUSES),
        default=list(ACTIVE_STATUSES),
        format_func=STATUS_LABELS.get,
        key=f"{KEY}_status_filter",
    )
    team = cols[3].selectbox(
        "Team", [ANY, *store.teams()], format_func=lambda t: "all teams" if t == ANY else t, key=f"{KEY}_team"
    )
    cols = st.columns([3, 2, 1])
    typed = cols[0].text_input("Search every contract", key=f"{KEY}_search", placeholder="words from a title or text")
    query = search_words(typed)
    sort = cols[1].radio(
        "Order",
        ["score", "age"],
        format_func=lambda s: {"score": "worst score first", "age": "longest waiting first"}[s],
        horizontal=True,
        key=f"{KEY}_sort",
    )
    page_no = int(cols[2].number_input("Page", min_value=1, value=1, step=1, key=f"{KEY}_page"))

    if query:
        hits = store.search(query, limit=50)
        st.caption(
            f"{len(hits)} contracts match “{plain(query)}” (search covers every contract; the filters apply to the queue)."
        )
        rows = tables.search_rows(hits)
        labels = {h.contract_id: f"#{h.contract_id} {h.title}" for h in hits}
    else:
        page = store.queue(
            element=None if element == ANY else element,
            grade=None if element == ANY or grade == ANY else grade,
            status=statuses or None,
            team=None if team == ANY else team,
            sort=sort,
            page=page_no,
            page_size=PAGE_SIZE,
        )
        st.caption(f"{page.total} contracts in the queue match; page {page.page} of {page.pages}.")
        rows = tables.queue_rows(page.items)
        labels = {i.contract_id: f"#{i.contract_id} {i.title} · score {i.check.score}" for i in page.items}
    if rows:
        st.dataframe(rows, hide_index=True, key=f"{KEY}_table", column_config=_COLUMNS)
    opened = st.session_state.get(f"{KEY}_open")
    if opened is not None and opened not in labels:
        labels[opened] = f"#{opened} (open now)"  # keep a contract open after its status takes it off the list
    return st.selectbox(
        "Open a contract",
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder="Choose a contract to see its report, versions and review",
        key=f"{KEY}_open",
    )


# --- one contract -----------------------------------------------------------------


def _set_status(cid: int, author: str) -> None:
    status = st.session_state[f"{KEY}_new_status"]
    note = st.session_state.get(f"{KEY}_status_note") or ""

    def action(store: Store) -> str:
        store.set_status(cid, status, author, note)
        return f"Contract #{cid} is now {STATUS_LABELS[status]}."

    if run_action(KEY, action):
        st.session_state[f"{KEY}_status_note"] = ""


def _assign(cid: int, author: str) -> None:
    assignee = (st.session_state.get(f"{KEY}_assignee") or "").strip() or None

    def action(store: Store) -> str:
        store.assign(cid, assignee, author)
        return f"Contract #{cid} is assigned to {assignee}." if assignee else f"Contract #{cid} is unassigned."

    run_action(KEY, action)


def _add_note(cid: int, author: str) -> None:
    body = st.session_state.get(f"{KEY}_note") or ""

    def action(store: Store) -> str:
        store.add_note(cid, author, body)
        return f"Note added to contract #{cid}."

    if run_action(KEY, action):
        st.session_state[f"{KEY}_note"] = ""


def _actions(store: Store, cid: int, me: Identity) -> None:
    from coach.store.vocab import STATUSES

    review = store.review(cid)
    if review is None:
        st.info("This contract was never flagged, so it is not in the review queue.")
        return
    if st.session_state.get(f"{KEY}_loaded") != cid:  # a newly opened contract: start from its own state
        st.session_state[f"{KEY}_loaded"] = cid
        st.session_state[f"{KEY}_new_status"] = review.status
        st.session_state[f"{KEY}_assignee"] = review.assignee or ""
    assigned = f", assigned to {plain(review.assignee)}" if review.assignee else ", not assigned"
    st.markdown(f"**Review:** {STATUS_LABELS[review.status]}{assigned}.")
    left, middle, right = st.columns(3)
    with left, st.container(border=True):
        st.selectbox("Status", list(STATUSES), format_func=STATUS_LABELS.get, key=f"{KEY}_new_status")
        st.text_input("Why (optional)", key=f"{KEY}_status_note")
        st.button("Change status", key=f"{KEY}_status_save", on_click=_set_status, args=(cid, me.owner))
    with middle, st.container(border=True):
        st.text_input("Assignee", key=f"{KEY}_assignee", placeholder="e.g. an HR partner's e-mail")
        st.button("Assign", key=f"{KEY}_assign_save", on_click=_assign, args=(cid, me.owner))
    with right, st.container(border=True):
        st.text_area("Note", key=f"{KEY}_note", height=90)
        st.button("Add note", key=f"{KEY}_note_save", on_click=_add_note, args=(cid, me.owner))


def contract_detail(store: Store, cid: int, me: Identity) -> None:
    """One contract: review actions, its report, its versions and its review history."""
    with friendly():
        contract = store.get_contract(cid)
        report = store.get_report(cid)
        st.subheader(f"#{cid} {plain(contract.title)}")
        details = [contract.team or "no team", f"version {contract.version}", f"from {contract.source}"]
        if contract.owner:
            details.append(f"saved by {contract.owner}")
        st.caption(plain(" · ".join(details)))
        _actions(store, cid, me)
        report_tab, versions_tab, history_tab = st.tabs(
            ["Report", "Versions", "Review history"], key=f"{KEY}_detail_tabs"
        )
        with report_tab:
            report_view.show(report, contract.text)
        with versions_tab:
            st.dataframe(tables.history_rows(store.contract_history(cid)), hide_index=True, key=f"{KEY}_versions")
        with history_tab:
            lines = tables.event_lines(store.review_history(cid))
            for line in lines:
                st.markdown(f"- {plain(line)}")
            if not lines:
                st.caption("Nothing has happened to this review yet.")


# --- the organisation ---------------------------------------------------------------


def export_csv() -> str:
    """Every contract as CSV. Streamlit calls this on its own thread when the button is
    clicked, so it opens its own store instead of borrowing the page's."""
    from coach.store import open_store

    with open_store() as store:
        return tables.contracts_csv(store.export_rows())


def organisation(store: Store) -> None:
    counts = store.team_element_counts()
    if not counts:
        st.info("No contracts are saved yet.")
        return
    st.markdown(
        "How often each element is **missing** or **vague**, as a share of each team's contracts "
        "(the latest version of each). Hover a bar for the numbers."
    )
    st.altair_chart(charts.team_gaps_chart(tables.team_gap_points(counts)), key=f"{KEY}_org_chart")
    st.dataframe(tables.team_summary_rows(counts), hide_index=True, key=f"{KEY}_org_table")
    st.download_button(
        "Export every contract (CSV)",
        export_csv,
        file_name="contracts.csv",
        mime="text/csv",
        key=f"{KEY}_export_csv",
        icon=":material/download:",
        on_click="ignore",  # a rerun would send the tabs back to the queue
        help="The same columns as `coach export --format csv`; reflections are never included.",
    )
