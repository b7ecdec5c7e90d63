"""The Challenges page's words, rows and chart points: plain Python, so tests call them directly.

An idea is graded on the same four elements as a role, read as a
proposal; the labels here say what each element means *for an idea*
(the idea pack's own words, `rules/ideas/pack.yml`), so the page never
talks about a "holder" where there is none.
"""

from __future__ import annotations

from collections.abc import Iterable

IDEA_ELEMENT_WORDS: dict[str, str] = {
    "purpose": "the outcome it would change",
    "discretion": "who would have to decide or allow what",
    "resources": "what it would need",
    "accountability": "how we would know it worked",
}
IDEA_STATUS_LABELS: dict[str, str] = {
    "new": "new",
    "shortlisted": "shortlisted",
    "accepted": "accepted",
    "declined": "declined",
    "parked": "parked",
}
STATE_LABELS: dict[str, str] = {"open": "open", "upcoming": "opens soon", "closed": "closed"}
STATE_BADGES: dict[str, str] = {"open": "green", "upcoming": "blue", "closed": "gray"}
STATUS_BADGES: dict[str, str] = {
    "new": "blue",
    "shortlisted": "violet",
    "accepted": "green",
    "declined": "red",
    "parked": "orange",
}


def challenge_line(challenge) -> str:
    """'Net zero · department: Logistics · 1 Nov 2026 to 31 Dec 2026 · reviewed by olu@…' (escape before showing)."""
    return " · ".join(
        [
            challenge.priority,
            challenge.where,
            f"{challenge.opens:%d %b %Y} to {challenge.closes:%d %b %Y}",
            f"reviewed by {challenge.owner}",
        ]
    )


def status_counts(challenge) -> str:
    """'2 new, 1 shortlisted' in status order, or 'no ideas yet'."""
    parts = [f"{challenge.by_status[s]} {s}" for s in IDEA_STATUS_LABELS if challenge.by_status.get(s)]
    return ", ".join(parts) or "no ideas yet"


def idea_rows(ideas: Iterable) -> list[dict]:
    """A challenge's ideas for its reviewers: an anonymous idea shows 'anonymous', never a name."""
    return [
        {
            "id": i.id,
            "title": i.title,
            "team": i.team or "—",
            "submitted by": i.shown_submitter,
            "status": i.status,
            "score": i.check.score,
            "gaps": ", ".join(i.check.gaps) or "none",
            "reason": i.reason or "",
            "submitted": f"{i.created:%Y-%m-%d}",
        }
        for i in ideas
    ]


def history_lines(events: Iterable) -> list[str]:
    """'2026-12-02 14:03 · parked by olu@example.com: not this year' (escape before showing)."""
    out = []
    for e in events:
        what = "submitted" if e.status == "new" else e.status
        who = f" by {e.author}" if e.status != "new" else (" anonymously" if e.author == "anonymous" else "")
        note = f": {e.note}" if e.note and e.status != "new" else ""
        out.append(f"{e.time:%Y-%m-%d %H:%M} · {what}{who}{note}")
    return out


def status_points(counts: Iterable) -> list[dict]:
    """Ideas per challenge and status, for the stacked bars."""
    totals: dict[tuple[str, str], int] = {}
    for c in counts:
        key = (f"#{c.challenge_id} {c.challenge_title}", c.status)
        totals[key] = totals.get(key, 0) + c.ideas
    return [{"challenge": ch, "status": st, "ideas": n} for (ch, st), n in totals.items()]


def team_points(counts: Iterable) -> list[dict]:
    """Ideas per challenge and team (an idea with no team counts under 'no team')."""
    totals: dict[tuple[str, str], int] = {}
    for c in counts:
        key = (f"#{c.challenge_id} {c.challenge_title}", c.team or "no team")
        totals[key] = totals.get(key, 0) + c.ideas
    return [{"challenge": ch, "team": team, "ideas": n} for (ch, team), n in totals.items()]


def priority_points(counts: Iterable) -> list[dict]:
    """Per strategic priority, two bars: how many challenges it has and how many ideas they drew."""
    out = []
    for c in counts:
        out.append({"priority": c.priority, "what": "challenges", "count": c.challenges})
        out.append({"priority": c.priority, "what": "ideas", "count": c.ideas})
    return out
