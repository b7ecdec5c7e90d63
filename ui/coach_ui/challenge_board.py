"""The Challenges page's board: filters, the list, the charts, one challenge, and the publish form.

Open challenges come first, newest first; closed ones stay readable with
their outcome (how many ideas in each status, and the accepted ones). The
publish form is shown to leaders and HR only; the store checks the fields
and the page shows its one-line refusal beside the form, keeping what was
typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import streamlit as st

from coach_ui import challenge_charts, challenge_tables, idea_form, idea_review, messages
from coach_ui.escaping import plain
from coach_ui.store_access import run_action
from coach_ui.users import Identity

if TYPE_CHECKING:
    from coach.store import Store
    from coach.store.challenge_models import Challenge

KEY = "challenges"
ANY = ""
PUBLISH = "publish"
PUBLISH_FIELDS = ("title", "question", "priority", "level", "unit", "opens", "closes", "owner")


def board(store: Store, me: Identity) -> None:
    """Filters, the charts and the list; the challenge opened below it."""
    from coach.store.challenge_models import LEVELS

    today = date.today()
    cols = st.columns([3, 2, 2])
    priority = cols[0].selectbox(
        "Strategic priority",
        [ANY, *store.challenge_priorities()],
        format_func=lambda p: "every priority" if p == ANY else p,
        key=f"{KEY}_priority",
    )
    level = cols[1].selectbox(
        "Level", [ANY, *LEVELS], format_func=lambda v: "every level" if v == ANY else v, key=f"{KEY}_level"
    )
    state = cols[2].selectbox(
        "Show",
        [ANY, "open", "upcoming", "closed"],
        format_func=lambda s: "open, upcoming and closed" if s == ANY else challenge_tables.STATE_LABELS[s],
        key=f"{KEY}_state",
    )
    found = store.challenges(priority=priority or None, level=level or None, state=state or None, today=today)  # type: ignore[arg-type]
    if not found:
        st.info("No challenges match." if (priority or level or state) else "No challenges are published yet.")
        return
    with st.expander(
        "At a glance: ideas per challenge, and per strategic priority", expanded=False, key=f"{KEY}_glance"
    ):
        _charts(store)
    for challenge in found:
        _card(challenge, today)
    labels = {c.id: f"#{c.id} {c.title} ({challenge_tables.STATE_LABELS[c.state(today)]})" for c in found}
    opened = st.selectbox(
        "Open a challenge",
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder="Choose a challenge to read it, submit an idea or review its ideas",
        key=f"{KEY}_open",
    )
    if opened is not None:
        detail(store, store.get_challenge(opened), me, today)


def _charts(store: Store) -> None:
    counts = store.idea_counts()
    if counts:
        left, right = st.columns(2)
        with left:
            st.markdown("**Ideas by status**")
            st.altair_chart(
                challenge_charts.ideas_by_chart(challenge_tables.status_points(counts), "status"),
                key=f"{KEY}_status_chart",
            )
        with right:
            st.markdown("**Ideas by team**")
            st.altair_chart(
                challenge_charts.ideas_by_chart(challenge_tables.team_points(counts), "team"), key=f"{KEY}_team_chart"
            )
    else:
        st.caption("No ideas yet.")
    st.markdown("**Per strategic priority: challenges and the ideas they drew**")
    st.altair_chart(
        challenge_charts.priorities_chart(challenge_tables.priority_points(store.priority_counts())),
        key=f"{KEY}_priority_chart",
    )


def _card(challenge: Challenge, today: date) -> None:
    state = challenge.state(today)
    with st.container(border=True, key=f"{KEY}_card_{challenge.id}"):
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.markdown(f"**#{challenge.id} {plain(challenge.title)}**")
            st.badge(challenge_tables.STATE_LABELS[state], color=challenge_tables.STATE_BADGES[state])
        st.caption(plain(challenge_tables.challenge_line(challenge)))
        st.markdown(plain(challenge.question))
        st.caption(f"Ideas: {challenge_tables.status_counts(challenge)}")


def detail(store: Store, challenge: Challenge, me: Identity, today: date) -> None:
    """One challenge: the idea form while it is open, its outcome when closed, the review for its owner."""
    from coach.store.challenging import is_reviewer

    state = challenge.state(today)
    st.subheader(f"#{challenge.id} {plain(challenge.title)}")
    st.caption(plain(challenge_tables.challenge_line(challenge)))
    st.markdown(plain(challenge.question))
    if state == "open":
        with st.container(border=True, key=f"{KEY}_idea_form"):
            idea_form.form(challenge, me)
    elif state == "upcoming":
        st.info(f"This challenge opens on {challenge.opens:%d %B %Y}; ideas are taken from then.")
    else:
        st.markdown(
            f"**Outcome.** Closed on {challenge.closes:%d %B %Y} with {challenge_tables.status_counts(challenge)}."
        )
        accepted = store.accepted_ideas(challenge.id)
        for title, note in accepted:
            st.markdown(f"- Accepted: **{plain(title)}**" + (f" — {plain(note)}" if note else ""))
        if not accepted:
            st.caption("No idea was accepted.")
    if is_reviewer(challenge, me.actor):
        with st.container(border=True, key=f"{KEY}_review"):
            idea_review.review(store, challenge, me)


# --- publishing -----------------------------------------------------------------


def _publish(me: Identity) -> None:
    state = st.session_state
    fields = {f: state.get(f"{PUBLISH}_{f}") for f in PUBLISH_FIELDS}
    fields["unit"] = (fields["unit"] or "").strip() or None
    if fields["level"] == "organisation" and fields["unit"]:
        fields["unit"] = None  # the 'which' box is ignored at organisation level

    def action(store: Store) -> str:
        challenge = store.publish_challenge(fields, by=me.owner)
        return f"Challenge #{challenge.id} “{challenge.title}” is published; it opens on {challenge.opens:%d %B %Y}."

    if run_action(PUBLISH, action):
        for f in ("title", "question", "unit"):
            state.pop(f"{PUBLISH}_{f}", None)


def publish_form(store: Store, me: Identity) -> None:
    """The form a leader (or HR) publishes a challenge with."""
    from coach.store.challenge_models import LEVELS

    if not me.is_leader:
        st.info("Challenges are published by leaders and HR. Ask an administrator to add you to the leaders list.")
        return
    messages.show_flash(PUBLISH)
    today = date.today()
    state = st.session_state
    state.setdefault(f"{PUBLISH}_opens", today)
    state.setdefault(f"{PUBLISH}_closes", today + timedelta(days=30))
    state.setdefault(f"{PUBLISH}_owner", me.owner)
    with st.form(key=f"{PUBLISH}_form", clear_on_submit=False, border=True):
        st.text_input("Title", key=f"{PUBLISH}_title", max_chars=120)
        st.text_area("The question", key=f"{PUBLISH}_question", height=100)
        known = store.known_priorities()
        if known is not None:
            st.selectbox("Strategic priority", known, key=f"{PUBLISH}_priority")
        else:
            used = store.challenge_priorities()
            st.text_input(
                "Strategic priority",
                key=f"{PUBLISH}_priority",
                help="Its name" + (f"; in use: {', '.join(used)}" if used else ""),
            )
        cols = st.columns(2)
        cols[0].selectbox("Level", list(LEVELS), key=f"{PUBLISH}_level")
        cols[1].text_input("Which department or team", key=f"{PUBLISH}_unit", help="Leave empty at organisation level")
        cols = st.columns(3)
        cols[0].date_input("Opens", key=f"{PUBLISH}_opens", format="YYYY-MM-DD")
        cols[1].date_input("Closes", key=f"{PUBLISH}_closes", format="YYYY-MM-DD")
        cols[2].text_input("Owner (reviews the ideas)", key=f"{PUBLISH}_owner")
        st.form_submit_button(
            "Publish challenge", key=f"{PUBLISH}_submit", type="primary", on_click=_publish, args=(me,)
        )
