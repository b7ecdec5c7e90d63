"""The Check page's line of sight to the organisation: the team picker and the chain.

Its own module, with a two-line hook in `views/check.py`, so the Check page
can be rebuilt around it. The engine finds the ties (coach.engine.ties);
this picks the saved profile and team, and draws the chain it found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach_ui.escaping import plain

if TYPE_CHECKING:
    from coach.org_profile import OrgProfile
    from coach.report import Report
    from coach.store import Store

NO_TEAM = ""
_LEVEL_WORDS = {"team": "team priority", "department": "department priority", "organisation": "organisation priority"}


def team_picker(store: Store, key: str) -> tuple[OrgProfile | None, str | None]:
    """The saved profile and the team the manager says the role belongs to (None: not chosen)."""
    profile = store.org_profile()
    if profile is None:
        return None, None
    team = st.selectbox(
        "Team the role belongs to (its priorities are read first)",
        [NO_TEAM, *profile.team_names()],
        format_func=lambda t: "not in a team of the profile" if t == NO_TEAM else t,
        key=f"{key}_org_team",
    )
    return profile, team or None


def chain(report: Report) -> None:
    """The chain from the role to the organisation's purpose, or why there is none."""
    los = report.line_of_sight
    if los.ties is None:
        return
    st.subheader("Line of sight to the organisation")
    if not los.chain:
        st.warning("No sentence about the role ties it to one of the organisation's priorities.")
        return
    steps = []
    for link in los.chain:
        if link.level == "role":
            steps.append(f"**This role** — “{plain(link.text)}”")
        elif link.level == "purpose":
            steps.append(f"**{plain(link.name)}'s purpose** — {plain(link.text)}")
        else:
            owner = f" ({plain(link.owner)})" if link.owner and link.level != "organisation" else ""
            steps.append(f"**{plain(link.name)}**{owner} — {_LEVEL_WORDS[link.level]}")
    st.markdown("\n".join(f"{'→ ' if i else ''}{s}  " for i, s in enumerate(steps)))
    st.caption("Ties found: " + " · ".join(f"{plain(t.priority)} ({plain(', '.join(t.words[:4]))})" for t in los.ties))
