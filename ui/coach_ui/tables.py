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
from coach_ui.words import ELEMENT_LABELS, STATUS_LABELS, gaps_in_words


def _day(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


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
    """One row per QueueItem: what HR scans to pick the next contract."""
    return [
        {
            "id": item.contract_id,
            "title": item.title,
            "team": item.team or "—",
            "score": item.check.score,
            "gaps": gaps_in_words(item.gaps),
            "status": STATUS_LABELS[item.status],
            "assignee": item.assignee or "—",
            "waiting since": _day(item.queued),
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
                "source": entry.source,
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
    return [
        {
            "when": _day(r.created),
            "meta skill": skill_titles.get(r.meta_skill, r.meta_skill),
            "question": r.question,
            "answer": r.answer,
            "rating": r.rating,
        }
        for r in entries
    ]


def rating_points(entries: Iterable, skill_titles: dict[str, str]) -> list[dict]:
    """Self-ratings over time, one point per rated reflection (for the line chart)."""
    return [
        {
            "when": r.created.isoformat(),
            "meta skill": skill_titles.get(r.meta_skill, r.meta_skill),
            "rating": r.rating,
        }
        for r in sorted(entries, key=lambda r: (r.created, r.id))
        if r.rating is not None
    ]


def team_gap_points(counts: Iterable) -> list[dict]:
    """Per team, element and grade: how many contracts miss or only gesture at the element."""
    rows = []
    for team in counts:
        name = team.team or "(no team)"
        for element in ELEMENTS:
            for grade in (Grade.missing, Grade.vague):
                n = (team.missing if grade is Grade.missing else team.vague)[element]
                rows.append(
                    {
                        "team": name,
                        "element": ELEMENT_LABELS[element.value],
                        "grade": grade.value,
                        "contracts": n,
                        "share": round(n / team.contracts, 3) if team.contracts else 0.0,
                        "team size": team.contracts,
                    }
                )
    return rows


def team_summary_rows(counts: Iterable) -> list[dict]:
    return [
        {
            "team": t.team or "(no team)",
            "contracts": t.contracts,
            "flagged": t.flagged,
            **{f"{ELEMENT_LABELS[e.value]} missing": t.missing[e] for e in ELEMENTS},
            **{f"{ELEMENT_LABELS[e.value]} vague": t.vague[e] for e in ELEMENTS},
            "no line of sight": t.no_line_of_sight,
        }
        for t in counts
    ]


def contracts_csv(rows: Iterable) -> str:
    """Every contract as `coach export --format csv` writes it (same columns, spreadsheet-safe cells)."""
    from coach.csv_out import write_contracts

    out = io.StringIO()
    write_contracts(out, rows)
    return out.getvalue()
