"""The Reflect page's pieces: pick a role, answer questions per meta skill, the private journal.

Reflections go only through `store.journal(owner)`, the owner-scoped API:
the page never asks for anyone's journal but the signed-in person's (or,
in local mode, the one local user's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import InputError
from coach_ui import checkin, messages
from coach_ui.checking import Checked, check_all
from coach_ui.escaping import plain
from coach_ui.role_input import PASTED, read_inputs
from coach_ui.search import search_words
from coach_ui.store_access import run_action
from coach_ui.users import Identity

if TYPE_CHECKING:
    from coach.store import Store

KEY = "reflect"
PER_SKILL = 2
LISTED = 50  # contracts offered before the person searches


def skill_titles() -> dict[str, str]:
    from coach.coaching.skills import META_SKILLS

    return {s.value: s.label for s in META_SKILLS}


RATINGS = [1, 2, 3, 4, 5]  # the self-rating's choices; none is chosen until the person picks one


def contract_choices(store: Store, query: str) -> dict[int, str]:
    """Saved contracts to pick from: search hits for `query`, else the LISTED newest contracts."""
    query = search_words(query)
    if query:
        found = [(h.contract_id, h.title, h.team) for h in store.search(query, limit=LISTED)]
    else:
        found = [(c.contract_id, c.title, c.team) for c in store.recent_contracts(limit=LISTED)]
    return {cid: f"{title} · {team}" if team else title for cid, title, team in found}


def pick_role(store: Store) -> Checked | None:
    """The role to reflect on: a saved contract, or text the person pastes."""
    source = st.radio(
        "Which role?",
        ["saved", "own"],
        format_func=lambda s: {"saved": "A saved contract", "own": "Paste my own role"}[s],
        horizontal=True,
        key=f"{KEY}_source",
    )
    if source == "own":
        st.text_area("Your role description", key=f"{KEY}_text", height=200)
        if st.button("Use this text", key=f"{KEY}_use", icon=":material/fact_check:"):
            with messages.friendly():
                results, problems = check_all(read_inputs(KEY))
                if problems:
                    raise InputError(problems[0])
                st.session_state[f"{KEY}_own"] = results[0]
        return st.session_state.get(f"{KEY}_own")
    query = st.text_input("Find a saved contract", key=f"{KEY}_search", placeholder="words from its title or text")
    choices = contract_choices(store, query)
    if not choices:
        st.info(
            "Nothing matches." if search_words(query) else "No contracts are saved yet: paste your own role instead."
        )
        return None
    cid = st.selectbox(
        "Contract",
        list(choices),
        index=None,
        format_func=lambda c: choices[c],
        placeholder="Choose the contract of your role",
        key=f"{KEY}_contract",
    )
    if cid is None:
        return None
    contract = store.get_contract(cid)
    return Checked(contract.title, contract.text, store.get_report(cid))


def _role_name(checked: Checked) -> str:
    """What the journal calls the role: a saved contract's title, or 'my own role (pasted)'."""
    from coach_ui.role_input import PASTED

    return "my own role (pasted)" if checked.name == PASTED else checked.name


def _gap(because: list[str]) -> str | None:
    return next((g for g in because if ":" in g), None)


def _save(owner: str, asked: list[tuple[str, str, str, str, str | None]], role: str | None = None) -> None:
    """Button callback: write every answered question to the owner's journal, then clear the answers.

    A skill's rating is saved only if the person chose one: nothing chosen is no rating, never a 3.
    """

    def action(store: Store) -> str:
        journal = store.journal(owner)
        saved, rated = 0, set()
        for skill, key, question, source, gap in asked:
            answer = (st.session_state.get(key) or "").strip()
            if not answer:
                continue
            # The self-rating is for the skill, once per save: on its first answer.
            rating = None if skill in rated else st.session_state.get(f"{KEY}_rating_{skill}")
            rated.add(skill)
            journal.add(skill, question, answer, provenance=source, rating=rating, gap=gap, role=role)
            saved += 1
        if not saved:
            raise InputError("write an answer to at least one question before saving")
        for _, key, *_ in asked:
            st.session_state[key] = ""
        for skill in rated:
            st.session_state[f"{KEY}_rating_{skill}"] = None
        return f"Saved {saved} reflection{'s' if saved != 1 else ''} to your private journal."

    run_action(KEY, action)


def questions_form(checked: Checked, me: Identity) -> None:
    """Questions for the chosen meta skills, an answer box each, a 1–5 self-rating per skill."""
    from coach.coaching import plan
    from coach.coaching.moves import load_moves
    from coach.coaching.skills import META_SKILLS

    skills = st.multiselect(
        "Meta skills to reflect on",
        [s.value for s in META_SKILLS],
        format_func=lambda s: skill_titles()[s],
        key=f"{KEY}_skills",
        placeholder="Choose one or more",
    )
    if not skills:
        st.info("Choose the meta skills you want to work on; each gets questions tailored to your role's gaps.")
        return
    if st.session_state.get(f"{KEY}_for") != checked.report.input_sha256:
        # Another role, other questions: answers typed for the last one must not be saved against these.
        st.session_state[f"{KEY}_for"] = checked.report.input_sha256
        for name in [k for k in st.session_state if str(k).startswith(f"{KEY}_answer_")]:
            st.session_state[name] = ""
    # A saved contract's title names the role; pasted text and file names do not.
    title = None if checked.name == PASTED or "." in checked.name else checked.name
    made = plan(checked.report, audience="employee", per_skill=PER_SKILL, text=checked.text, title=title)
    by_skill = made.by_skill()
    asked: list[tuple[str, str, str, str, str | None]] = []
    for skill in META_SKILLS:
        if skill.value not in skills:
            continue
        with st.container(border=True, key=f"{KEY}_skill_{skill.value}"):
            st.markdown(f"**{skill.label}**: {skill.description}")
            for i, q in enumerate(by_skill[skill]):
                key = f"{KEY}_answer_{skill.value}_{i}"
                st.text_area(plain(q.text), key=key, height=90)
                asked.append((skill.value, key, q.text, q.source, _gap(q.because)))
            scaling = load_moves().scaling
            now = st.radio(
                scaling.ask(skill.label.lower()),
                RATINGS,
                index=None,
                horizontal=True,
                key=f"{KEY}_rating_{skill.value}",
                help=scaling.help + " Saved with your answers, so you can see how it moves; "
                "leave it unchosen to save your answers without a rating.",
            )
            if now is not None:
                st.caption(plain(scaling.step(now)) + " Write it in an answer above, or make it your commitment below.")
    st.button(
        "Save privately",
        key=f"{KEY}_save",
        type="primary",
        icon=":material/lock:",
        on_click=_save,
        args=(me.owner, asked, _role_name(checked)),
    )
    checkin.commitment_form(made, me, skills)
