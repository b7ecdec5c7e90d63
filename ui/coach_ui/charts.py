"""The app's two charts, as Altair specs built from `tables` rows.

Altair is imported inside each function (it takes ~0.7 s), so only the
pages that draw a chart pay for it. Plain Python: tests build the charts
and read their specs, which AppTest cannot see.
"""

from __future__ import annotations

from typing import Any

GRADE_COLOURS = {"missing": "#d62728", "vague": "#ff9f1c"}


def team_gaps_chart(points: list[dict]) -> Any:
    """For each element, each team's share of contracts missing it or only vague about it."""
    import altair as alt

    data = alt.Data(values=points)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "share:Q",
                title="share of the team's contracts",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("team:N", title=None),
            color=alt.Color(
                "grade:N",
                title="grade",
                scale=alt.Scale(domain=list(GRADE_COLOURS), range=list(GRADE_COLOURS.values())),
            ),
            order=alt.Order("grade:N", sort="ascending"),
            tooltip=[
                "team:N",
                "element:N",
                "grade:N",
                "contracts:Q",
                "team size:Q",
                alt.Tooltip("share:Q", format=".0%"),
            ],
        )
        .properties(width=190, height=alt.Step(26))
        .facet(
            column=alt.Column("element:N", title=None, sort=["Purpose", "Discretion", "Resources", "Accountability"])
        )
    )


def ratings_chart(points: list[dict]) -> Any:
    """Self-ratings (1–5) over time, one line per meta skill."""
    import altair as alt

    data = alt.Data(values=points)
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            # Whole days: one save on one day still gets a readable axis (not milliseconds).
            x=alt.X("when:T", title=None, scale=alt.Scale(nice="day"), axis=alt.Axis(format="%d %b", tickCount="day")),
            y=alt.Y("rating:Q", title="self-rating", scale=alt.Scale(domain=[1, 5]), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("meta skill:N", title="meta skill"),
            tooltip=["when:T", "meta skill:N", "rating:Q"],
        )
        .properties(height=260)
    )
