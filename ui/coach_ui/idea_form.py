"""Submitting an idea: write it, check its clarity, see the fixes and the questions, then submit.

The idea pack grades the text on the four elements (`coach.idea_check`);
the fixes and the curious-and-creative and risk-sensitive questions are
shown *before* anything is stored. Submit stays disabled until the text in
the box is the text that was checked, so nobody submits an idea they have
not seen the fixes for. The submission is one store call from a button
callback; a refusal (closed challenge, empty text) is shown beside the
form and the text stays in the box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import CoachError
from coach_ui import messages, report_view
from coach_ui.challenge_tables import IDEA_ELEMENT_WORDS
from coach_ui.escaping import plain
from coach_ui.store_access import run_action
from coach_ui.users import Identity
from coach_ui.words import ELEMENT_LABELS

if TYPE_CHECKING:
    from coach.report import Report
    from coach.store import Store
    from coach.store.challenge_models import Challenge

KEY = "idea"
FIELDS = ("title", "text", "team", "anonymous")


def _clear(challenge_id: int) -> None:
    # Assigned, not popped: the browser keeps a popped widget's value and sends it back.
    for field in FIELDS:
        st.session_state[f"{KEY}_{field}_{challenge_id}"] = False if field == "anonymous" else ""
    st.session_state.pop(f"{KEY}_checked_{challenge_id}", None)


def _submit(challenge_id: int, author: str) -> None:
    state = st.session_state
    title = state.get(f"{KEY}_title_{challenge_id}") or ""
    text = state.get(f"{KEY}_text_{challenge_id}") or ""
    team = state.get(f"{KEY}_team_{challenge_id}") or ""
    anonymous = bool(state.get(f"{KEY}_anonymous_{challenge_id}"))

    def action(store: Store) -> str:
        mine = store.submit_idea(challenge_id, title, text, author=author, team=team, anonymous=anonymous)
        how = " anonymously: reviewers will not see your name" if anonymous else ""
        return f"Idea #{mine.idea.id} “{mine.idea.title}” is submitted{how}. Follow it under My ideas."

    if run_action(KEY, action):
        _clear(challenge_id)


def show_check(report: Report) -> None:
    """The clarity check of an idea: badges, each gap's why and fix, vague words, then questions."""
    from coach.coaching.idea_bank import idea_questions
    from coach.report import Grade

    report_view.grade_badges(
        report,
        definitions=IDEA_ELEMENT_WORDS,
        line_of_sight=("Strategic priority", "named", "not named"),
        key="idea_badges",
    )
    gaps = [(e, r) for e, r in report.elements.items() if r.grade is not Grade.specified]
    if not gaps and report.line_of_sight.present:
        messages.success("Clear on all four: what it would change, who decides, what it needs and how we would know.")
    for element, result in gaps:
        with st.container(border=True, key=f"idea_gap_{element.value}"):
            st.markdown(
                f"**{ELEMENT_LABELS[element.value]} ({IDEA_ELEMENT_WORDS[element.value]}) is {result.grade.value}.** "
                f"{plain(result.why)}"
            )
            if result.fix:
                st.markdown(f"**Fix:** {plain(result.fix)}")
    if not report.line_of_sight.present and report.line_of_sight.fix:
        st.markdown(f"**Strategic priority:** {plain(report.line_of_sight.fix)}")
    if report.vague_phrases:
        st.markdown("**Vague words:**")
        for phrase in report.vague_phrases:
            st.markdown(f"- “{plain(phrase.text)}”: {plain(phrase.suggestion)}")
    if report.findings:
        st.markdown("**Between the elements:**")
        for finding in report.findings:
            st.markdown(f"- {plain(finding.message)} **Fix:** {plain(finding.fix)}")
    with st.expander("Think it through: curious-and-creative and risk-sensitive questions", key="idea_questions"):
        for q in idea_questions(report):
            st.markdown(f"- *{plain(q.meta_skill.label)}:* {plain(q.text)}")


def form(challenge: Challenge, me: Identity) -> None:
    """The idea form for an open challenge, with its clarity check and fixes before submission."""
    from coach.idea_check import MAX_IDEA_CHARS, check_idea

    cid = challenge.id
    st.markdown("**Your idea.** Say what it would change, who would have to decide or allow what, "
                "what it would need and how we would know it worked.")  # fmt: skip
    messages_slot = st.container(key=f"{KEY}_messages")
    with messages_slot:
        messages.show_flash(KEY)
    st.text_input("Title", key=f"{KEY}_title_{cid}", max_chars=120)
    text = st.text_area("The idea", key=f"{KEY}_text_{cid}", height=180, max_chars=MAX_IDEA_CHARS)
    cols = st.columns([2, 3])
    cols[0].text_input("Your team (optional)", key=f"{KEY}_team_{cid}")
    cols[1].checkbox(
        "Submit anonymously",
        key=f"{KEY}_anonymous_{cid}",
        help="Reviewers, HR and exports will not see your name; you still see the idea and its outcome under My ideas.",
    )
    if st.session_state.get(f"{KEY}_anonymous_{cid}") and st.session_state.get(f"{KEY}_team_{cid}"):
        # The team is shown to reviewers (it feeds the ideas-by-team chart); in a small team it can name you.
        st.caption(
            "Reviewers still see the team you give; in a small team that can say who you are. Leave it empty to stay unnamed."
        )
    checked_key = f"{KEY}_checked_{cid}"
    if st.button("Check my idea", key=f"{KEY}_check_{cid}", icon=":material/fact_check:"):
        try:
            st.session_state[checked_key] = (text, check_idea(text))
        except CoachError as e:
            st.session_state.pop(checked_key, None)
            with messages_slot:
                messages.error(str(e))
    checked = st.session_state.get(checked_key)
    current = checked is not None and checked[0] == text
    if checked is not None:
        with st.container(border=True, key=f"{KEY}_check_result"):
            if not current:
                st.caption("The text changed since the check: check it again to see the fixes for this version.")
            show_check(checked[1])
    st.button(
        "Submit idea",
        key=f"{KEY}_submit_{cid}",
        type="primary",
        icon=":material/send:",
        disabled=not current,
        help=None if current else "Check your idea first: the fixes are shown before you submit.",
        on_click=_submit,
        args=(cid, me.owner),
    )
