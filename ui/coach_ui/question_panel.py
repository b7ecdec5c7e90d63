"""The coaching questions panel: the curated bank at once, a language model's draft on request.

Drafting is the one thing in the app that sends text out of the machine,
so it happens only on a click, after a preview of exactly what will be
sent, and only when a model is configured. The questions, their sources
and the notes (why the bank stood in, how many were topped up) come from
`coach.coaching.plan`; a model's questions and its server's error text are
external, so every one of them is escaped before it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import CoachError
from coach_ui import conversation, messages
from coach_ui.checking import Checked
from coach_ui.escaping import plain
from coach_ui.role_input import PASTED
from coach_ui.words import gaps_in_words

if TYPE_CHECKING:
    from coach.coaching import CoachingPlan
    from coach.llm import LLMConfig
    from coach.store import Store

AUDIENCES = {"manager": "the manager of the role", "employee": "the person in the role"}


def show(plan: CoachingPlan, key: str = "questions") -> None:
    """The plan's notes, its questions by meta skill (source, gaps, follow-ups), the 1:1 pairing, the commitment.

    A manager's plan shows their questions beside "Ask them in your 1:1".
    """
    for note in plan.notes:
        messages.info(note)  # may quote the model server's error
    if plan.ask_them:
        mine, theirs = st.columns([3, 2])
        with mine:
            _questions(plan)
        with theirs:
            conversation.ask_them(plan, key)
    else:
        _questions(plan)
    conversation.closing(plan, key)


def _questions(plan: CoachingPlan) -> None:
    from coach.coaching.skills import META_SKILLS

    by_skill = plan.by_skill()
    for skill in META_SKILLS:
        asked = by_skill.get(skill, [])
        if not asked:
            continue
        st.markdown(f"**{skill.label}**: {skill.description}")
        for q in asked:
            why = gaps_in_words([g for g in q.because if ":" in g])
            where = "curated bank" if q.source == "bank" else q.source.replace("llm:", "drafted by ")
            st.markdown(f"- {plain(q.text)}  \n  :gray[{plain(where)} · gaps: {plain(why)}]{conversation.probes(q)}")


def llm_config() -> LLMConfig | None:
    """The configured model, or None; a bad setting is shown, not raised."""
    from coach.llm import configured

    try:
        return configured()
    except CoachError as e:
        messages.warning(str(e))
        return None


def panel(checked: Checked, key: str, store: Store) -> CoachingPlan:
    """Questions for the six meta skills, for the report's current grades: the bank at once, a model's
    draft on request. Returns the plan shown, for the downloads."""
    from coach.coaching import plan

    cols = st.columns(2)
    audience = cols[0].radio(
        "Questions for",
        list(AUDIENCES),
        format_func=AUDIENCES.get,
        horizontal=True,
        key=f"{key}_audience",
    )
    per_skill = cols[1].slider("Questions per meta skill", 1, 6, 2, key=f"{key}_per_skill")
    drafts: dict = st.session_state.setdefault(f"{key}_drafts", {})
    draft_key = (checked.report.input_sha256, audience, per_skill)
    config = llm_config()
    if config is None:
        st.caption(
            "Questions come from the curated bank. To draft them with a language model, "
            "set COACH_LLM_MODEL before starting the app (see About)."
        )
    else:
        from coach.llm import preview

        # A failed call comes back as a note in the plan; a CoachError (say, a broken prompt
        # file) is shown as its message, and the bank's questions below still stand.
        with messages.friendly():
            with st.expander(f"What “Draft with LLM” sends to {plain(config.describe())}", key=f"{key}_llm_preview"):
                st.code(
                    preview(checked.report, checked.text, audience, per_skill, config), language=None, wrap_lines=True
                )
            if st.button("Draft with LLM", key=f"{key}_draft_llm", icon=":material/auto_awesome:"):
                with st.status(f"Drafting questions with {plain(config.describe())}…", expanded=False) as status:
                    drafted = plan(checked.report, audience, per_skill, llm=config, text=checked.text, store=store)
                    status.update(label="Questions drafted", state="complete")
                drafts[draft_key] = drafted
    title = None if checked.name == PASTED or "." in checked.name else checked.name
    chosen = drafts.get(draft_key) or plan(checked.report, audience, per_skill, text=checked.text, title=title)
    show(chosen, key)
    return chosen


def by_skill(chosen: CoachingPlan) -> list[tuple[str, list[str]]]:
    """The plan's questions as (meta skill, question texts), in the meta skills' order."""
    from coach.coaching.skills import META_SKILLS

    grouped = chosen.by_skill()
    return [(s.label, [q.text for q in grouped[s]]) for s in META_SKILLS if grouped.get(s)]
