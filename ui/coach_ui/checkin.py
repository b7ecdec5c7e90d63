"""The Reflect page's loop: make a commitment, check in when it is due, share one account.

When a person opens Reflect with a commitment due, the page starts from it:
an after-action review (what did you expect, what happened, why, what will
you keep or change, how will you know it stuck) beside their rating trend,
with the 1–5 rating asked as a scaling question ("What would move you from
3 to 4?"). Every plan ends with a commitment, saved here with a due date.
A person may copy exactly one account to one named manager with a visible
"Share" action; everything else stays private. The words come from
`prompts/coaching_moves.yml`; storage from `store.commitments(owner)`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import streamlit as st

from coach.errors import CoachError, InputError
from coach_ui import messages
from coach_ui.escaping import plain
from coach_ui.store_access import run_action
from coach_ui.users import Identity

if TYPE_CHECKING:
    from coach.coaching import CoachingPlan
    from coach.store import Commitment, Store

KEY = "checkin"
DEFAULT_DAYS = 14  # two weeks: about the gap between two 1:1s
RATINGS = [1, 2, 3, 4, 5]


def _moves():
    from coach.coaching.moves import load_moves

    return load_moves()


def skill_label(value: str | None) -> str | None:
    from coach.coaching.skills import MetaSkill

    return MetaSkill(value).label if value in {s.value for s in MetaSkill} else None


def rating_trend(store: Store, owner: str, meta_skill: str | None) -> list[int]:
    """The person's ratings on this skill, oldest first: journal ratings and earlier check-ins."""
    if meta_skill is None:
        return []
    dated = [(r.created, r.rating) for r in store.journal(owner).entries(meta_skill) if r.rating is not None]
    mine = store.commitments(owner)
    skills = {c.id: c.meta_skill for c in mine.entries()}
    dated += [(c.created, c.rating) for c in mine.checkins() if c.rating and skills.get(c.commitment_id) == meta_skill]
    return [rating for _, rating in sorted(dated)]


def scaling(label_skill: str, key: str) -> int | None:
    """The 1–5 rating as a scaling question; the step question it opens. None until chosen."""
    moves = _moves()
    rating = st.radio(
        moves.scaling.ask(label_skill),
        RATINGS,
        index=None,
        horizontal=True,
        key=f"{key}_rating",
        help=moves.scaling.help,
    )
    if rating is not None:
        st.text_input(moves.scaling.step(rating), key=f"{key}_step")
    return rating


# --- the check-in ------------------------------------------------------------


def _check_in(owner: str, commitment_id: int) -> None:
    """Button callback: store the after-action review; the answers stay on screen if anything is wrong."""
    from pydantic import ValidationError

    from coach.store import AfterActionReview

    fields = [name for name, _ in _moves().after_action.steps("")]
    values = {name: (st.session_state.get(f"{KEY}_{name}") or "").strip() for name in fields}

    def action(store: Store) -> str:
        if not all(values.values()):
            raise InputError("answer each question of the check-in before saving; a word or two is enough")
        try:
            review = AfterActionReview(**values)
        except ValidationError as e:
            raise InputError(f"the check-in could not be saved: {e.errors()[0]['msg']}") from None
        rating = st.session_state.get(f"{KEY}_rating")
        step = st.session_state.get(f"{KEY}_step")
        checkin = store.commitments(owner).check_in(commitment_id, review, rating=rating, next_step=step)
        st.session_state[f"{KEY}_last"] = checkin.id
        return "Checked in. Your account is saved privately; you can share it with your manager below."

    if run_action(KEY, action):
        for name in [*fields, "rating", "step"]:
            st.session_state.pop(f"{KEY}_{name}", None)


def due_first(store: Store, me: Identity, party: str = "your manager") -> bool:
    """The check-in for the longest-overdue commitment, if any: shown before everything else.

    Returns whether one was shown.
    """
    try:
        due = store.commitments(me.owner).due(date.today())
    except CoachError as e:
        messages.error(str(e))
        return False
    if not due:
        return False
    commitment: Commitment = due[0]
    with st.container(border=True, key=f"{KEY}_due"):
        st.subheader("Check in on your commitment")
        more = f" (and {len(due) - 1} more after it)" if len(due) > 1 else ""
        when = "due today" if commitment.due == date.today() else f"was due {commitment.due:%d %B %Y}"
        st.markdown(f"You said you would: **{plain(commitment.text)}** — {when}{more}.")
        answers, trend = st.columns([3, 1])
        with answers:
            # Our own words (prompts/coaching_moves.yml), so no escaping: labels stay findable as typed.
            for name, question in _moves().after_action.steps(party):
                st.text_area(question, key=f"{KEY}_{name}", height=80)
            label = skill_label(commitment.meta_skill) or "this commitment"
            scaling(label.lower(), KEY)
        with trend:
            show_trend(rating_trend(store, me.owner, commitment.meta_skill), skill_label(commitment.meta_skill))
        st.button(
            "Save my check-in",
            key=f"{KEY}_save",
            type="primary",
            icon=":material/task_alt:",
            on_click=_check_in,
            args=(me.owner, commitment.id),
        )
    return True


def show_trend(ratings: list[int], label: str | None) -> None:
    """The person's rating trend on the skill: latest, change since the first, and the run of ratings."""
    if not ratings:
        st.caption("Your ratings will show here once you have rated yourself on this skill.")
        return
    delta = ratings[-1] - ratings[0] if len(ratings) > 1 else None
    st.caption("Your self-rating so far")
    st.metric(
        label or "Rating",
        f"{ratings[-1]} of 5",
        delta=delta,
        chart_data=ratings if len(ratings) > 1 else None,
        chart_type="line",
        border=True,
    )
    st.caption("So far: " + " → ".join(str(r) for r in ratings[-8:]))
    st.caption("Rate yourself again below; the number matters less than what would move it.")


# --- the commitment that ends a plan -----------------------------------------


def _commit(owner: str, meta_skill: str | None, gap: str | None) -> None:
    text = (st.session_state.get(f"{KEY}_commit_text") or "").strip()
    due = st.session_state.get(f"{KEY}_commit_due")

    def action(store: Store) -> str:
        if not isinstance(due, date):
            raise InputError("choose the date you will have done it by")
        if due < date.today():
            raise InputError("the due date is in the past; choose today or a later date")
        made = store.commitments(owner).add(text, due, meta_skill=meta_skill, gap=gap)
        return f"Commitment saved: this page will ask you how it went on {made.due:%d %B %Y}."

    if run_action(KEY, action):
        st.session_state[f"{KEY}_commit_text"] = ""


def commitment_form(plan: CoachingPlan, me: Identity, skills: list[str]) -> None:
    """The plan's commitment prompt, an answer box and a due date, saved to the private journal."""
    if plan.commitment is None:
        return
    with st.container(border=True, key=f"{KEY}_commit"):
        st.markdown(f"**{plain(plan.commitment.text)}**")
        if plan.commitment.follow_ups:
            st.caption(plain(" · ".join(plan.commitment.follow_ups)))
        st.text_area("What you will do", key=f"{KEY}_commit_text", height=80)
        st.date_input(
            "By when",
            value=date.today() + timedelta(days=DEFAULT_DAYS),
            min_value=date.today(),
            key=f"{KEY}_commit_due",
        )
        gap = plan.gaps[0] if plan.gaps else None
        st.button(
            "Save my commitment",
            key=f"{KEY}_commit_save",
            icon=":material/flag:",
            on_click=_commit,
            args=(me.owner, skills[0] if len(skills) == 1 else None, gap),
        )


# --- sharing one account ------------------------------------------------------


def _share(owner: str) -> None:
    checkin_id = st.session_state.get(f"{KEY}_share_pick")
    manager = (st.session_state.get(f"{KEY}_share_with") or "").strip()

    def action(store: Store) -> str:
        if checkin_id is None:
            raise InputError("choose the check-in to share")
        shared = store.commitments(owner).share("checkin", checkin_id, manager)
        return f"Shared that one check-in with {shared.manager}. Everything else stays private."

    run_action(KEY, action)


def my_accounts(store: Store, me: Identity) -> None:
    """The person's check-ins, with the one explicit way to share one of them."""
    try:
        mine = store.commitments(me.owner)
        checkins = mine.checkins()
        texts = {c.id: c.text for c in mine.entries()}
        shares = mine.shares()
    except CoachError as e:
        messages.error(str(e))
        return
    if not checkins:
        return
    st.subheader("My check-ins")
    for c in checkins:
        shared_with = [s.manager for s in shares if s.kind == "checkin" and s.entry_id == c.id]
        label = f"{c.created.astimezone():%Y-%m-%d} · {texts.get(c.commitment_id, '')}"
        with st.expander(plain(label), key=f"{KEY}_entry_{c.id}"):
            for name, question in _moves().after_action.steps("your manager"):
                st.markdown(f"**{plain(question)}** {plain(getattr(c, name))}")
            if c.rating:
                st.markdown(
                    f"**Rating:** {c.rating} of 5" + (f" · next step: {plain(c.next_step)}" if c.next_step else "")
                )
            st.caption(
                "Shared with " + plain(", ".join(shared_with)) if shared_with else "Private: only you can read it."
            )
    with st.container(border=True, key=f"{KEY}_share"):
        st.markdown("**Share one check-in with your manager**")
        st.caption("This copies that one account for the person you name; nothing else in your journal is shared.")
        options = {c.id: f"{c.created.astimezone():%Y-%m-%d} · {texts.get(c.commitment_id, '')}" for c in checkins}
        last = st.session_state.get(f"{KEY}_last")
        st.selectbox(
            "Check-in",
            list(options),
            index=list(options).index(last) if last in options else 0,
            format_func=options.get,
            key=f"{KEY}_share_pick",
        )
        st.text_input("Share with (your manager's e-mail or name)", key=f"{KEY}_share_with")
        st.button(
            "Share this check-in", key=f"{KEY}_share_go", icon=":material/share:", on_click=_share, args=(me.owner,)
        )


def shared_with_me(store: Store, me: Identity) -> None:
    """Accounts people chose to share with the signed-in person, if any."""
    try:
        shared = store.shared_with(me.owner)
    except CoachError as e:
        messages.error(str(e))
        return
    if not shared:
        return
    st.subheader("Shared with you")
    for s in shared:
        with st.container(border=True, key=f"{KEY}_shared_{s.id}"):
            st.markdown(f"**{plain(s.owner)}** · {s.shared.astimezone():%Y-%m-%d} · {plain(s.heading)}")
            for name, value in s.body.items():
                if value not in (None, ""):
                    st.markdown(f"- {plain(name.replace('_', ' '))}: {plain(str(value))}")
