"""The Reflect page's journal: the person's own reflections, their ratings, and their data in their hands.

Everything here reads and writes through `store.journal(owner)` for the
signed-in person (or the one local user), so it can show, export or erase
nothing of anyone else's. The table is static (`st.table`): it wraps, so
the role, the whole answer and the rating fit at 1,400 px without
scrolling sideways; its cells are Markdown, so every piece of text in it
is escaped (`plain`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import CoachError, InputError
from coach_ui import charts, messages, tables
from coach_ui.escaping import plain
from coach_ui.messages import show_flash
from coach_ui.store_access import run_action
from coach_ui.users import Identity

if TYPE_CHECKING:
    from coach.store import Reflection, Store

KEY = "reflect"
SHOWN = 20  # newest reflections in the table; the export has them all
CONFIRM_WORD = "delete"


def skill_titles() -> dict[str, str]:
    from coach.coaching.skills import META_SKILLS

    return {s.value: s.label for s in META_SKILLS}


def table_rows(entries: list[Reflection], titles: dict[str, str]) -> list[dict]:
    """`tables.reflection_rows`, escaped for the Markdown cells of `st.table`; a missing rating reads 'not rated'."""
    rows = []
    for row in tables.reflection_rows(entries, titles):
        rating = row.pop("rating")
        rows.append(
            {k: plain(str(v)) for k, v in row.items()} | {"rating": f"{rating} of 5" if rating else "not rated"}
        )
    return rows


def _delete(owner: str) -> None:
    rid = st.session_state.get(f"{KEY}_delete_pick")
    if rid is None:
        return

    def action(store: Store) -> str:
        store.journal(owner).delete(rid)
        return "Deleted that reflection."

    run_action(f"{KEY}_delete_one", action)


def _delete_all(owner: str) -> None:
    typed = (st.session_state.get(f"{KEY}_delete_all_confirm") or "").strip().lower()

    def action(store: Store) -> str:
        if typed != CONFIRM_WORD:
            raise InputError(f"type “{CONFIRM_WORD}” in the box to confirm; nothing was deleted")
        n = store.journal(owner).delete_all()
        return f"Deleted all {n} of your reflection{'s' if n != 1 else ''}. Your journal is empty."

    if run_action(f"{KEY}_delete_all", action):
        st.session_state[f"{KEY}_delete_all_confirm"] = ""


def _exports(entries: list[Reflection], owner: str) -> None:
    from coach.formats.journal_export import journal_json, journal_markdown

    now = datetime.now(UTC)
    with st.container(horizontal=True, key=f"{KEY}_exports"):
        for label, body, suffix, mime in (
            ("Markdown", journal_markdown(entries, owner, now), "md", "text/markdown"),
            ("JSON", journal_json(entries, owner, now), "json", "application/json"),
        ):
            st.download_button(
                f"Export my journal ({label})",
                body,
                file_name=f"my-reflections-{now:%Y-%m-%d}.{suffix}",
                mime=mime,
                key=f"{KEY}_export_{suffix}",
                icon=":material/download:",
                on_click="ignore",
            )


def my_reflections(store: Store, me: Identity) -> None:
    """The person's own reflections: the chart of their ratings, the table, export and delete."""
    st.subheader("My reflections")
    st.caption(f"Private to {plain(me.owner)}: nobody else, HR included, can read them.")
    try:
        entries = store.journal(me.owner).entries()
    except CoachError as e:
        messages.error(str(e))
        return
    if not entries:
        show_flash(f"{KEY}_delete_one")  # the last one deleted: say so where the journal was
        show_flash(f"{KEY}_delete_all")
        st.info("You have not saved any reflections yet.")
        return
    titles = skill_titles()
    points = tables.rating_points(entries, titles)
    if points:
        st.altair_chart(charts.ratings_chart(points), key=f"{KEY}_chart")
    else:
        st.caption("None of your reflections has a self-rating yet, so there is nothing to chart.")
    if len(entries) > SHOWN:
        st.caption(f"The {SHOWN} newest of your {len(entries)} reflections; the export has every one.")
    st.table(table_rows(entries[:SHOWN], titles), border="horizontal", hide_index=True)
    _exports(entries, me.owner)
    with st.expander("Delete a reflection", key=f"{KEY}_delete_expander"):
        options = {
            r.id: f"{r.created.astimezone():%Y-%m-%d %H:%M} · {titles[r.meta_skill]} · {r.question}" for r in entries
        }
        st.selectbox("Reflection", list(options), format_func=options.get, index=None, key=f"{KEY}_delete_pick")
        st.button(
            "Delete it for good", key=f"{KEY}_delete", on_click=_delete, args=(me.owner,), icon=":material/delete:"
        )
        show_flash(f"{KEY}_delete_one")
    with st.expander("Delete all my reflections", key=f"{KEY}_delete_all_expander"):
        st.markdown(
            f"This erases all **{len(entries)}** of your reflections for good. Export them first if you want "
            "to keep a copy. Nobody else's entries are touched."
        )
        st.text_input(f"Type “{CONFIRM_WORD}” to confirm", key=f"{KEY}_delete_all_confirm")
        st.button(
            "Delete all my reflections",
            key=f"{KEY}_delete_all",
            on_click=_delete_all,
            args=(me.owner,),
            icon=":material/delete_forever:",
            type="primary",
        )
        show_flash(f"{KEY}_delete_all")
