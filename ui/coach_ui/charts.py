"""The app's two charts, as Altair specs built from `tables` rows.

Altair is imported inside each function (it takes ~0.7 s), so only the
pages that draw a chart pay for it. Plain Python: tests build the charts
and read their specs, which AppTest cannot see.
"""

from __future__ import annotations

from typing import Any

GRADE_COLOURS = {"missing": "#d62728", "vague": "#ff9f1c", "no line of sight": "#6a3d9a"}
FACETS = ["Purpose", "Discretion", "Resources", "Accountability", "Line of sight"]


def team_gaps_chart(points: list[dict]) -> Any:
    """For each element and line of sight, each team's share of contracts with the gap, 0–100%.

    Each bar ends in its count ("1 of 2"), and each team is labelled with
    its size (n = 2), so a small team's 100% is read for what it is.
    """
    import altair as alt

    data = alt.Data(values=points)
    x = alt.X(
        "share:Q",
        title=None,  # said once, in the caption under the chart, not under each of five columns
        axis=alt.Axis(format="%", values=[0, 0.5, 1]),
        scale=alt.Scale(domain=[0, 1], clamp=True, nice=False),
    )
    y = alt.Y("team label:N", title=None)
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "grade:N",
                title="gap",
                scale=alt.Scale(domain=list(GRADE_COLOURS), range=list(GRADE_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("grade:N", sort="ascending"),
            tooltip=[
                "team:N",
                "element:N",
                alt.Tooltip("grade:N", title="gap"),
                "contracts:Q",
                "team size:Q",
                alt.Tooltip("share:Q", format=".0%"),
            ],
        )
    )
    counts = (
        alt.Chart()
        .transform_aggregate(
            with_gap="sum(contracts)", share="sum(share)", size="max(team size)", groupby=["team label", "element"]
        )
        .transform_calculate(count='datum.with_gap + " of " + datum.size')
        .mark_text(align="left", dx=4, fontSize=11)
        .encode(x=alt.X("share:Q"), y=y, text="count:N")
    )
    return (
        alt.layer(bars, counts, data=data)
        .properties(width=105, height=alt.Step(26))
        .facet(column=alt.Column("element:N", title=None, sort=FACETS), spacing=48)
    )


def ratings_chart(points: list[dict]) -> Any:
    """Self-ratings (1–5) by day: a point per day a skill was rated, one line per meta skill.

    The x axis is the days that have ratings (ordinal), not a time scale:
    two ratings on one day are one column, not a line across an axis of
    hours, and a month's gap takes no room.
    """
    import altair as alt

    data = alt.Data(values=points)
    x = alt.X(
        "day:O",
        title=None,
        sort="ascending",
        axis=alt.Axis(labelExpr="utcFormat(toDate(datum.value), '%d %b %Y')", labelAngle=0),
    )
    y = alt.Y("rating:Q", title="self-rating", scale=alt.Scale(domain=[1, 5]), axis=alt.Axis(values=[1, 2, 3, 4, 5]))
    color = alt.Color("meta skill:N", title="meta skill", legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("day:O", title="day"), "meta skill:N", "rating:Q"]
    lines = alt.Chart().mark_line().encode(x=x, y=y, color=color, detail="meta skill:N")
    dots = alt.Chart().mark_point(filled=True, size=90).encode(x=x, y=y, color=color, tooltip=tooltip)
    return alt.layer(lines, dots, data=data).properties(height=240)
