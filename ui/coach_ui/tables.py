"""Rows for the app's tables and charts, and the CSV export, built from store models.

Streamlit's AppTest has no typed element for a chart (only the raw
protobuf of its Vega-Lite spec), a download button there carries a URL
into the server's media store rather than its bytes (and a callable's
bytes exist only once a browser clicks), and a dataframe is seen only as
the finished frame. So everything those widgets show is shaped here, in
plain functions the tests call directly on store models. Rows are lists of dicts:
`st.dataframe` and Altair take them as they are, and no page pays for
importing pandas.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime

from coach.report import ELEMENTS, Grade
from coach_ui.words import ELEMENT_LABELS, LINE_OF_SIGHT, STATUS_LABELS, short_gaps, source_label

NO_LINE_OF_SIGHT = "no line of sight"  # the line of sight facet's one "grade": ELEMENTS.md's yes/no


def _day(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _team_label(name: str, size: int) -> str:
    """A team as the chart names it, with its size: a team of one is not "100%" without n = 1."""
    return f"{name} (n = {size})"


def batch_rows(results: Iterable) -> list[dict]:
    """One row per checked file in a batch: its grades at a glance."""
    return [
        {
            "file": r.name,
            "score": r.report.score,
            **{ELEMENT_LABELS[e.value]: r.report.grade(e).value for e in ELEMENTS},
            "line of sight": "yes" if r.report.line_of_sight.present else "no",
            "flagged": "yes" if r.report.flagged else "no",
        }
        for r in results
    ]


def queue_rows(items: Iterable) -> list[dict]:
    """One row per QueueItem: what HR scans to pick the next contract.

    Gaps are abbreviated (`words.short_gaps`; the column's tooltip says how
    to read them, the open contract says them in full) and "waiting since"
    is a time the table shows as "3 days ago", so the row fits at 1,400 px.
    """
    return [
        {
            "id": item.contract_id,
            "title": item.title,
            "team": item.team or "—",
            "score": item.check.score,
            "gaps": short_gaps(item.gaps),
            "status": STATUS_LABELS[item.status],
            "assignee": item.assignee or "—",
            "waiting since": item.queued,
        }
        for item in items
    ]


def search_rows(hits: Iterable) -> list[dict]:
    return [
        {
            "id": hit.contract_id,
            "title": hit.title,
            "team": hit.team or "—",
            "score": hit.score,
            "status": STATUS_LABELS[hit.status] if hit.status else "not queued",
            "where it matches": hit.snippet.replace("**", ""),
        }
        for hit in hits
    ]


def history_rows(history: Iterable) -> list[dict]:
    """One row per version, with how its grades moved from the version before."""
    rows = []
    for entry in history:
        moves = [f"{ELEMENT_LABELS[e.value]}: {c.before.value} → {c.after.value}" for e, c in entry.changes.items()]
        if entry.line_of_sight_change:
            before, after = entry.line_of_sight_change
            moves.append(f"Line of sight: {'yes' if before else 'no'} → {'yes' if after else 'no'}")
        rows.append(
            {
                "version": entry.version,
                "saved": _day(entry.created),
                "source": source_label(entry.source),
                "score": entry.check.score,
                "flagged": "yes" if entry.check.flagged else "no",
                "changes": "; ".join(moves) or ("first version" if entry.version == 1 else "no grade changed"),
            }
        )
    return rows


def event_lines(events: Iterable) -> list[str]:
    """The review history as short lines, oldest first (Markdown-safe: the page escapes them)."""
    out = []
    for ev in events:
        what = {
            "queued": "queued",
            "note": "note",
            "status": f"status → {STATUS_LABELS.get(ev.status or '', ev.status)}",
            "assign": f"assigned to {ev.assignee}" if ev.assignee else "unassigned",
        }[ev.kind]
        body = f": {ev.body}" if ev.body else ""
        out.append(f"{_day(ev.time)} · {ev.author} · {what}{body}")
    return out


def reflection_rows(entries: Iterable, skill_titles: dict[str, str]) -> list[dict]:
    """The journal as a table: when, which role, which skill, the question, the whole answer, the rating.

    A rating left unanswered is None (the table shows it blank), never a 3.
    """
    return [
        {
            "when": _day(r.created),
            "role": r.role or "—",
            "meta skill": skill_titles.get(r.meta_skill, r.meta_skill),
            "question": r.question,
            "answer": r.answer,
            "rating": r.rating,
        }
        for r in entries
    ]


def rating_points(entries: Iterable, skill_titles: dict[str, str]) -> list[dict]:
    """Self-ratings by day, one point per meta skill and day (the last rating saved that day).

    A journal has a few entries, often several on one day: one point a day
    per skill reads as "where I stood then", and a line joins a skill's days.
    """
    last: dict[tuple[str, str], dict] = {}
    for r in sorted(entries, key=lambda r: (r.created, r.id)):
        if r.rating is None:
            continue
        day = r.created.astimezone().date().isoformat()
        skill = skill_titles.get(r.meta_skill, r.meta_skill)
        last[(skill, day)] = {"day": day, "meta skill": skill, "rating": r.rating}
    return sorted(last.values(), key=lambda p: (p["day"], p["meta skill"]))


def team_gap_points(counts: Iterable) -> list[dict]:
    """Per team, element and grade: how many contracts miss or only gesture at the element;
    and per team, how many have no line of sight (a fifth column of the chart).

    Each point carries its count and the team's size beside the share, and
    the team's label names its size, so a share is never read without n.
    """
    rows = []

    def point(name: str, size: int, element: str, grade: str, n: int) -> dict:
        return {
            "team": name,
            "team label": _team_label(name, size),
            "element": element,
            "grade": grade,
            "contracts": n,
            "share": round(n / size, 3) if size else 0.0,
            "team size": size,
        }

    for team in counts:
        name = team.team or "(no team)"
        for element in ELEMENTS:
            for grade in (Grade.missing, Grade.vague):
                n = (team.missing if grade is Grade.missing else team.vague)[element]
                rows.append(point(name, team.contracts, ELEMENT_LABELS[element.value], grade.value, n))
        rows.append(point(name, team.contracts, LINE_OF_SIGHT, NO_LINE_OF_SIGHT, team.no_line_of_sight))
    return rows


def team_summary_rows(counts: Iterable) -> list[dict]:
    """Per team its counts, one column per element ("missing / vague", e.g. "1 / 2"), so it fits without scrolling."""
    return [
        {
            "team": t.team or "(no team)",
            "contracts": t.contracts,
            "flagged": t.flagged,
            **{ELEMENT_LABELS[e.value]: f"{t.missing[e]} / {t.vague[e]}" for e in ELEMENTS},
            "no line of sight": t.no_line_of_sight,
        }
        for t in counts
    ]


def contracts_csv(rows: Iterable) -> str:
    """Every contract as `coach export --format csv` writes it (same columns, spreadsheet-safe cells).

    What the app hands out names a file by its name only (`words.source_label`), never the
    path the server read it from; `coach export`, run by whoever runs the server, keeps it.
    """
    from coach.csv_out import write_contracts

    out = io.StringIO()
    write_contracts(out, (r.model_copy(update={"source": source_label(r.source)}) for r in rows))
    return out.getvalue()
