"""The bundled example role descriptions: the picker's list, and loading them into an empty store.

A newcomer opens the app on an empty database; an empty review queue and
an empty organisation view teach nothing. So HR is offered the bundled
examples (checked and stored like any import, under the team "Examples"),
and the Check page lists them to paste from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import InputError
from coach_ui.messages import flash, friendly, show_flash
from coach_ui.users import Identity

if TYPE_CHECKING:
    from coach.store import Store

EXAMPLES_TEAM = "Examples"


def example_files() -> dict[str, str]:
    """The bundled examples by file name, for the 'start from an example' picker."""
    from coach.inputs import SUPPORTED_SUFFIXES
    from coach.paths import examples_dir

    files = sorted(p for p in examples_dir().iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
    return {p.name: str(p) for p in files}


def is_empty(store: Store) -> bool:
    """Whether no contract is stored yet. Reads at most one row, so it stays cheap on
    every rerun of a page with 100,000 contracts."""
    return not store.recent_contracts(limit=1)


def load_examples(store: Store) -> str:
    """Import the bundled examples through the store, with a progress bar."""
    from coach.importing import items_from
    from coach.paths import examples_dir

    items = [i for i in items_from([str(examples_dir())], team=EXAMPLES_TEAM) if not isinstance(i, InputError)]
    bar = st.progress(0.0, text=f"Checking and storing {len(items)} examples…")
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        bar.progress(done / max(1, len(items)), text=f"Stored {done} of {len(items)}")

    summary = store.import_items(items, progress=progress)
    bar.empty()
    return (
        f"Loaded {summary.added} example contracts (team “{EXAMPLES_TEAM}”); "
        f"{summary.flagged} are flagged and wait in the review queue."
    )


def offer_examples(store: Store, me: Identity, key: str) -> None:
    """On a fresh database, offer the bundled examples so the queue is not empty.

    Once they are loaded the page runs again without the offer, and what
    was loaded is said in its place.
    """
    show_flash(f"{key}_examples")
    if not me.is_hr or not is_empty(store):
        return
    with st.container(border=True, key=f"{key}_examples_offer"):
        st.markdown(
            "**This database is empty.** Load the bundled example role descriptions to see "
            "the checks, the review queue and the organisation view at work."
        )
        if st.button("Load the examples", key=f"{key}_load_examples", icon=":material/library_add:"):
            with friendly():
                flash(f"{key}_examples", "success", load_examples(store))
                st.rerun()  # draw the page again: the database is not empty now, so this box goes
