"""A manager's plan as one conversation: their questions beside the ones to ask in the 1:1.

The manager's questions ask about the contract and about what they
themselves will delegate and how they meet failure; `ask_them` holds the
person's own questions for the same gaps, so the two sides read as one
1:1 rather than two lists. Every plan closes with its commitment prompt.
All text from the plan (it may quote the role) is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach_ui.escaping import plain
from coach_ui.words import gaps_in_words

if TYPE_CHECKING:
    from coach.coaching import CoachingPlan, Question


def probes(q: Question) -> str:
    """The follow-ups as one gray line under a question ('' when it has none)."""
    return f"  \n  :gray[then: {plain(' · '.join(q.follow_ups))}]" if q.follow_ups else ""


def ask_them(plan: CoachingPlan, key: str) -> None:
    """The person's questions for the same gaps, to ask in the 1:1 (manager plans only)."""
    if not plan.ask_them:
        return
    with st.container(border=True, key=f"{key}_ask_them"):
        st.markdown("**Ask them in your 1:1**")
        st.caption("The person's own questions for the same gaps: ask, then listen.")
        for q in plan.ask_them:
            why = gaps_in_words([g for g in q.because if ":" in g])
            st.markdown(f"- {plain(q.text)}  \n  :gray[gaps: {plain(why)}]")


def closing(plan: CoachingPlan, key: str) -> None:
    """The commitment prompt that ends the plan."""
    if plan.commitment is None:
        return
    with st.container(border=True, key=f"{key}_commitment"):
        st.markdown(f"**To close: a commitment.** {plain(plan.commitment.text)}")
        if plan.commitment.follow_ups:
            st.caption(plain(" · ".join(plan.commitment.follow_ups)))
