"""Review → Organisation → coverage: which of the organisation's priorities the saved roles serve.

Its own module so the Organisation view's charts can change apart from it;
`coach.tie_coverage` does the counting, this only draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from coach_ui.escaping import plain

if TYPE_CHECKING:
    from coach.store import Store
    from coach.tie_coverage import Coverage

KEY = "coverage"
LEVEL_COLOURS = {"organisation": "#1f4e79", "department": "#4a90c2", "team": "#9cc9e8"}
ANY = ""


def coverage_points(c: Coverage) -> list[dict[str, Any]]:
    """One bar per priority: how many roles serve it (tests read these, AppTest cannot see charts)."""
    return [{"priority": p.priority, "level": p.level, "roles": p.roles, "direct": p.direct} for p in c.priorities]


def coverage_chart(points: list[dict[str, Any]]) -> Any:
    import altair as alt

    return (
        alt.Chart(alt.Data(values=points))
        .mark_bar()
        .encode(
            x=alt.X("roles:Q", title="saved roles that serve it", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("priority:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            # Blues, not the grade colours: red means "missing" everywhere else in the app.
            color=alt.Color(
                "level:N",
                title="level",
                scale=alt.Scale(domain=list(LEVEL_COLOURS), range=list(LEVEL_COLOURS.values())),
            ),
            tooltip=["priority:N", "level:N", "roles:Q", alt.Tooltip("direct:Q", title="tied directly")],
        )
        .properties(height=alt.Step(26))
    )


@st.cache_data(max_entries=8, show_spinner="Reading the saved roles against the priorities…")
def _coverage(profile_yaml: str, rows: list[tuple[int, str, str | None, str]], team: str | None) -> Coverage:
    """Coverage, computed once per profile and set of texts: every rerun of the tab would
    otherwise re-read every saved role (about 2 ms each)."""
    from coach.org_profile import parse_profile
    from coach.tie_coverage import coverage

    return coverage(rows, parse_profile(profile_yaml, "the saved organisation profile"), team)


def section(store: Store) -> None:
    """The coverage sub-section, with its team filter; a hint when no profile is saved."""
    st.subheader("Coverage of the organisation's priorities")
    profile_yaml = store.org_profile_yaml()
    profile = store.org_profile()
    if profile is None or profile_yaml is None:
        st.info("No organisation profile is saved: create one on the Organisation page to see coverage.")
        return
    team = st.selectbox(
        "Team", [ANY, *store.teams()], format_func=lambda t: "all teams" if t == ANY else t, key=f"{KEY}_team"
    )
    result = _coverage(profile_yaml, store.latest_texts(team or None), team or None)
    if not result.contracts:
        st.info("No contracts are saved for this filter.")
        return
    st.markdown(
        f"{result.contracts} saved roles read against the priorities of **{plain(profile.name)}**: a role "
        "serves a priority when its own sentences tie to it, or to a team or department priority beneath it."
    )
    st.altair_chart(coverage_chart(coverage_points(result)), key=f"{KEY}_chart")
    cols = st.columns(2)
    with cols[0]:
        st.markdown("**No role serves**")
        if result.unserved:
            st.markdown("\n".join(f"- {plain(n)}" for n in result.unserved))
        else:
            st.caption("Every priority is served by at least one role.")
    with cols[1]:
        st.markdown(f"**Roles that serve no priority** ({len(result.untied_roles)})")
        st.dataframe(
            [{"id": r.contract_id, "title": r.title, "team": r.team or "—"} for r in result.untied_roles],
            hide_index=True,
            key=f"{KEY}_untied",
        )
