"""Checking what came in: each source graded by the engine, kept with its text.

A report is only meaningful next to the text it grades (the highlighting,
the LLM's prompt, the saved contract all need both), so they travel
together as `Checked`. The engine does the grading; this module only runs
it over a batch with a progress bar and notices when the pasted text was
edited after its check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import CoachError, InputError
from coach.report import Report
from coach_ui.role_input import PASTED

if TYPE_CHECKING:
    from coach.org_profile import OrgProfile


@dataclass(frozen=True)
class Checked:
    """A role description that was checked: where it came from, its text and its report."""

    name: str
    text: str
    report: Report


def check_all(
    sources: list[tuple[str, str | InputError]], profile: OrgProfile | None = None, team: str | None = None
) -> tuple[list[Checked], list[str]]:
    """Check every readable source, with a progress bar when there are several.

    With the saved organisation profile (and the team picked), line of sight
    names the priorities each role serves.
    """
    from coach.engine import check

    results: list[Checked] = []
    problems: list[str] = []
    bar = st.progress(0.0, text="Checking…") if len(sources) > 1 else None
    for i, (name, text) in enumerate(sources, start=1):
        if isinstance(text, InputError):
            problems.append(str(text))
        else:
            try:
                results.append(
                    Checked(name, text, check(text, profile=profile, team=team).model_copy(update={"source": name}))
                )
            except CoachError as e:
                problems.append(f"{name}: {e}")
        if bar is not None:
            bar.progress(i / len(sources), text=f"Checked {i} of {len(sources)}")
    if bar is not None:
        bar.empty()
    return results, problems


def is_stale(checked: Checked, key: str) -> bool:
    """Whether the pasted text was edited after it was checked (the report is of the old text)."""
    return checked.name == PASTED and (st.session_state.get(f"{key}_text") or "") != checked.text


def stale_note(checked: Checked, key: str) -> None:
    """Say so when the pasted text was edited after it was checked."""
    if is_stale(checked, key):
        st.warning("The text above has changed since this check: click Check again to grade the new text.")
