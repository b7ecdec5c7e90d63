"""The Review page's pieces: the queue with filters and search, one contract, the organisation view.

HR works the queue like an issue tracker: click a row to open it (the URL
then names it, `open_contract`), tick rows' checkboxes to act on all of
them at once (`bulk_actions`). Every change (status, assignee, note) goes through
the store's review API from a button callback, so the page that draws next
already shows it, and its confirmation appears beside the button that made
it. The review history stays append-only (the store refuses edits).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import streamlit as st

from coach_ui import bulk_actions, charts, open_contract, report_view, tables
from coach_ui.escaping import plain
from coach_ui.messages import friendly, show_flash
from coach_ui.search import search_words
from coach_ui.store_access import run_action
from coach_ui.users import Identity
from coach_ui.words import ELEMENT_LABELS, GAPS_HELP, STATUS_LABELS, source_label

if TYPE_CHECKING:
    from coach.store import Store

KEY = "review"
PAGE_SIZE = 25
# Widths that let a full row show at 1,400 px (sidebar open): the long cells are abbreviated
# (gaps) or relative (waiting since), with a tooltip on the header that says how to read them.
_COLUMNS = {
    "id": st.column_config.NumberColumn("#", width=40, help="the contract's number; its link is /review?contract=#"),
    "title": st.column_config.TextColumn(width=165),
    "team": st.column_config.TextColumn(width=90),
    "score": st.column_config.NumberColumn(width=52, help="0–100; worst first, ties: longest waiting first"),
    "gaps": st.column_config.TextColumn(width=190, help=GAPS_HELP),
    "status": st.column_config.TextColumn(width=76),
    "assignee": st.column_config.TextColumn(width=110, help="who is on it; — nobody yet"),
    "waiting since": st.column_config.DatetimeColumn(
        width=118, format="distance", help="how long since it was queued; the review history has the time"
    ),
    "where it matches": st.column_config.TextColumn(width="large"),
}
ORDER_WORDS = {
    "score": "worst score first; equal scores: longest waiting first, then the lower #",
    "age": "longest waiting first; the same moment: the lower # first",
}
ANY = ""  # the "no filter" choice: a string, so the select box shows its label and no clear button


def _filters(store: Store) -> tuple[dict, str, str, int]:
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
    sort = cols[1].radio(
        "Order",
        ["score", "age"],
        format_func=lambda s: {"score": "worst score first", "age": "longest waiting first"}[s],
        horizontal=True,
        key=f"{KEY}_sort",
    )
    page_no = int(cols[2].number_input("Page", min_value=1, value=1, step=1, key=f"{KEY}_page"))
    filters = {
        "element": None if element == ANY else element,
        "grade": None if element == ANY or grade == ANY else grade,
        "status": statuses or None,
        "team": None if team == ANY else team,
    }
    return filters, search_words(typed), sort, page_no


def table_key(ids: list[int]) -> str:
    """The table's widget key, one per set of rows shown: a selection belongs to the rows it was made
    on, so after a filter, search or page change no stale tick can point at another contract."""
    return f"{KEY}_table_" + hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()[:12]


def _follow_click(key: str, clicked: int | None) -> None:
    """Open the contract whose row was just clicked (a click selects one cell of it).

    The cell stays selected across reruns, so only a click on another cell
    (or on a new list of rows) opens anything: closing a contract keeps it closed.
    """
    before = st.session_state.get(f"{KEY}_clicked")
    if clicked is not None and before != (key, clicked):
        open_contract.open_(clicked)
    st.session_state[f"{KEY}_clicked"] = (key, clicked)


def queue(store: Store, me: Identity) -> int | None:
    """Filters, search, the queue table and its bulk actions; returns the contract HR has open, if any."""
    filters, query, sort, page_no = _filters(store)
    if query:
        hits = store.search(query, limit=50)
        st.caption(
            f"{len(hits)} contracts match “{plain(query)}” (search covers every contract; the filters apply to the queue)."
        )
        rows = tables.search_rows(hits)
        ids = [h.contract_id for h in hits]
    else:
        page = store.queue(**filters, sort=sort, page=page_no, page_size=PAGE_SIZE)
        st.caption(
            f"{page.total} contract{'s' if page.total != 1 else ''} in the queue match{'es' if page.total == 1 else ''}; "
            f"page {page.page} of {page.pages}. "
            f"Order: {ORDER_WORDS[sort]}. Click a row to open it; tick rows to act on them together."
        )
        rows = tables.queue_rows(page.items)
        ids = [i.contract_id for i in page.items]
    if not rows:
        if bulk_actions.has_message():  # a bulk change emptied the list: still say what it did
            bulk_actions.panel([], me.owner)
        return open_contract.current()
    key = table_key(ids)
    event = st.dataframe(
        rows,
        hide_index=True,
        key=key,
        column_config={k: v for k, v in _COLUMNS.items() if k in rows[0]},
        on_select="rerun",
        # A click on a cell opens its row's contract; the row's checkbox ticks it for a bulk action.
        selection_mode=["multi-row", "single-cell"],
    )
    cells = [row for row, _ in event.selection.cells if 0 <= row < len(ids)]
    _follow_click(key, ids[cells[0]] if cells else None)
    bulk_actions.panel([ids[i] for i in event.selection.rows if 0 <= i < len(ids)], me.owner)
    return open_contract.current()


# --- one contract -----------------------------------------------------------------


def _set_status(cid: int, author: str) -> None:
    status = st.session_state[f"{KEY}_new_status"]
    note = st.session_state.get(f"{KEY}_status_note") or ""

    def action(store: Store) -> str:
        store.set_status(cid, status, author, note)
        return f"Contract #{cid} is now {STATUS_LABELS[status]}."

    if run_action(f"{KEY}_status", action):
        st.session_state[f"{KEY}_status_note"] = ""


def _assign(cid: int, author: str) -> None:
    assignee = (st.session_state.get(f"{KEY}_assignee") or "").strip() or None

    def action(store: Store) -> str:
        store.assign(cid, assignee, author)
        return f"Contract #{cid} is assigned to {assignee}." if assignee else f"Contract #{cid} is unassigned."

    run_action(f"{KEY}_assign", action)


def _add_note(cid: int, author: str) -> None:
    body = st.session_state.get(f"{KEY}_note") or ""

    def action(store: Store) -> str:
        store.add_note(cid, author, body)
        return f"Note added to contract #{cid}."

    if run_action(f"{KEY}_note", action):
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
    # Each action's confirmation (or error) is drawn in its own box, under the button that did it.
    with left, st.container(border=True, key=f"{KEY}_status_box"):
        st.selectbox("Status", list(STATUSES), format_func=STATUS_LABELS.get, key=f"{KEY}_new_status")
        st.text_input("Why (optional)", key=f"{KEY}_status_note")
        st.button("Change status", key=f"{KEY}_status_save", on_click=_set_status, args=(cid, me.owner))
        show_flash(f"{KEY}_status")
    with middle, st.container(border=True, key=f"{KEY}_assign_box"):
        st.text_input("Assignee", key=f"{KEY}_assignee", placeholder="e.g. an HR partner's e-mail")
        st.button("Assign", key=f"{KEY}_assign_save", on_click=_assign, args=(cid, me.owner))
        show_flash(f"{KEY}_assign")
    with right, st.container(border=True, key=f"{KEY}_note_box"):
        st.text_area("Note", key=f"{KEY}_note", height=90)
        st.button("Add note", key=f"{KEY}_note_save", on_click=_add_note, args=(cid, me.owner))
        show_flash(f"{KEY}_note")


def contract_detail(store: Store, cid: int, me: Identity) -> None:
    """One contract: review actions, its report, its versions and its review history."""
    with friendly():
        contract = store.get_contract(cid)
        report = store.get_report(cid)
        title, close = st.columns([6, 1], vertical_alignment="bottom")
        title.subheader(f"#{cid} {plain(contract.title)}")
        close.button("Close", key=f"{KEY}_close", icon=":material/close:", on_click=open_contract.close)
        details = [contract.team or "no team", f"version {contract.version}", f"from {source_label(contract.source)}"]
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
            history = store.contract_history(cid)
            st.dataframe(tables.history_rows(history), hide_index=True, key=f"{KEY}_versions")
            version_changes(store, cid, [h.version for h in history])
        with history_tab:
            lines = tables.event_lines(store.review_history(cid))
            for line in lines:
                st.markdown(f"- {plain(line)}")
            if not lines:
                st.caption("Nothing has happened to this review yet.")


def version_changes(store: Store, cid: int, versions: list[int]) -> None:
    """What the text of one version changed from an earlier one: removed and added lines."""
    from coach.version_diff import text_diff

    if len(versions) < 2:
        st.caption("There is one version, so nothing to compare yet.")
        return
    st.markdown("**What changed in the text**")
    left, right = st.columns(2)
    newer = right.selectbox("Version", versions[1:][::-1], key=f"{KEY}_diff_new_{cid}")
    older_choices = [v for v in versions if v < newer][::-1]
    older = left.selectbox("compared with version", older_choices, key=f"{KEY}_diff_old_{cid}")
    if older is None or newer is None:
        return
    diff = text_diff(store.version_text(cid, older), store.version_text(cid, newer))
    if diff.unchanged:
        st.caption(f"Versions {older} and {newer} have the same text (apart from spacing at line ends).")
        return
    st.caption(f"Version {older} → {newer}: {_lines(diff.added)} added (+), {_lines(diff.removed)} removed (−).")
    st.code(diff.as_unified(), language="diff", wrap_lines=True)


def _lines(n: int) -> str:
    return f"{n} line{'s' if n != 1 else ''}"


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
        "How often each element is **missing** or **vague**, and how often a role has **no line of sight** "
        "to the organisation's purpose, as a share of each team's contracts (the latest version of each). "
        "Each bar ends in its count, and each team shows its size (n)."
    )
    st.altair_chart(charts.team_gaps_chart(tables.team_gap_points(counts)), key=f"{KEY}_org_chart")
    st.caption("Each bar: the share of the team's contracts with that gap, on an axis from 0 to 100%.")
    from coach.report import ELEMENTS

    per_element = st.column_config.TextColumn(help="contracts missing it / contracts only vague about it")
    st.dataframe(
        tables.team_summary_rows(counts),
        hide_index=True,
        key=f"{KEY}_org_table",
        column_config={ELEMENT_LABELS[e.value]: per_element for e in ELEMENTS},
    )
    st.caption("In the table, each element's column reads missing / vague: “1 / 2” is 1 missing, 2 vague.")
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
