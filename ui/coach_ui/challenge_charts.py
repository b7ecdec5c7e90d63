"""The Challenges page's charts, as Altair specs built from `challenge_tables` points.

Altair is imported inside each function (it takes ~0.7 s), so only a page
that draws a chart pays for it. Plain Python: tests read the specs, which
AppTest cannot see.
"""

from __future__ import annotations

from typing import Any

STATUS_COLOURS = {
    "new": "#4c78a8",
    "shortlisted": "#9467bd",
    "accepted": "#2ca02c",
    "declined": "#d62728",
    "parked": "#ff9f1c",
}


def ideas_by_chart(points: list[dict], by: str) -> Any:
    """Per challenge, its ideas as one bar split by `by` ('status' or 'team')."""
    import altair as alt

    colour = (
        alt.Color(
            "status:N",
            title="status",
            scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
            sort=list(STATUS_COLOURS),
        )
        if by == "status"
        else alt.Color("team:N", title="team")
    )
    return (
        alt.Chart(alt.Data(values=points))
        .mark_bar()
        .encode(
            x=alt.X("ideas:Q", title="ideas", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("challenge:N", title=None, axis=alt.Axis(labelLimit=320)),
            color=colour,
            tooltip=["challenge:N", f"{by}:N", "ideas:Q"],
        )
        # Room for the bars and for the whole legend (five statuses), however few challenges there are.
        .properties(height=max(130, 30 * len({p["challenge"] for p in points})))
    )


def priorities_chart(points: list[dict]) -> Any:
    """Per strategic priority, how many challenges it has and how many ideas they drew, side by side."""
    import altair as alt

    return (
        alt.Chart(alt.Data(values=points))
        .mark_bar()
        .encode(
            x=alt.X("count:Q", title=None, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("what:N", title=None, sort=["challenges", "ideas"]),
            row=alt.Row("priority:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=260)),
            color=alt.Color(
                "what:N", title=None, scale=alt.Scale(domain=["challenges", "ideas"], range=["#4c78a8", "#72b7b2"])
            ),
            tooltip=["priority:N", "what:N", "count:Q"],
        )
        .properties(height=alt.Step(18), width=360)
    )
