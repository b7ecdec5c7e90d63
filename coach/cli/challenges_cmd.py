"""`coach challenges`, `coach publish` and `coach ideas`: the challenge loop at a glance, for people and HR tools.

The command line runs with the database file's own rights, so it reads
like HR (every idea of every challenge) but never sees who wrote an
anonymous idea: the store keeps that in a table its HR-side connection
cannot read. Text for people; JSON and CSV (spreadsheet-safe, like
`coach queue`) for HR tools.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

import click

from coach.cli.group import format_option, friendly_errors, main

STATES = ("open", "upcoming", "closed", "all")
IDEA_STATUS_CHOICES = ("new", "shortlisted", "accepted", "declined", "parked")
CLI_READER = "coach"  # who the command line reads as: trusted like HR


def _emit(fmt: str, header: Sequence[str], rows: list[list[Any]], records: list[dict[str, Any]]) -> None:
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False, default=str))
    else:
        from coach.csv_out import write_csv

        write_csv(sys.stdout, header, rows)


@main.command("challenges")
@click.option("--priority", "-p", help="Only challenges serving this strategic priority (its name).")
@click.option("--level", "-l", type=click.Choice(["organisation", "department", "team"]), help="Only this level.")
@click.option(
    "--state", "-s", type=click.Choice(STATES), default="all", show_default=True, help="Open, upcoming or closed."
)
@click.option("--by-priority", is_flag=True, help="Per strategic priority: how many challenges and ideas it drew.")
@format_option(["text", "json", "csv"], "text for people; json or csv for HR tools.")
@click.pass_context
@friendly_errors
def challenges(
    ctx: click.Context, priority: str | None, level: str | None, state: str, by_priority: bool, fmt: str
) -> None:
    """List challenges, open ones first, with how many ideas each drew in each status.

    --by-priority counts challenges and ideas per strategic priority instead.
    """
    from coach.store import open_store
    from coach.store.challenge_models import IDEA_STATUSES

    store = open_store(ctx.obj["db"], create=False)
    if by_priority:
        counts = store.priority_counts()
        if fmt == "text":
            if not counts:
                click.echo("No challenges are published yet.")
            for pc in counts:
                click.echo(
                    f"{pc.priority}: {pc.challenges} challenge{'s' * (pc.challenges != 1)}, {pc.ideas} idea{'s' * (pc.ideas != 1)}"
                )
            return
        _emit(
            fmt, ["priority", "challenges", "ideas"], [[pc.priority, pc.challenges, pc.ideas] for pc in counts],
            [pc.model_dump(mode="json") for pc in counts],
        )  # fmt: skip
        return
    today = date.today()
    found = store.challenges(
        priority=priority, level=level, state=None if state == "all" else cast("Any", state), today=today
    )
    if fmt == "text":
        if not found:
            click.echo(
                "No challenges match." if (priority or level or state != "all") else "No challenges are published yet."
            )
        for c in found:
            statuses = ", ".join(f"{c.by_status[s]} {s}" for s in IDEA_STATUSES if c.by_status.get(s)) or "no ideas yet"
            click.echo(
                f"#{c.id} [{c.state(today)}] {c.title} — {c.priority} · {c.where} · "
                f"{c.opens.isoformat()} to {c.closes.isoformat()} · owner {c.owner} · {statuses}"
            )
        return
    header = ["challenge_id", "title", "question", "priority", "level", "unit", "state", "opens", "closes", "owner", "published_by", "ideas", *IDEA_STATUSES]  # fmt: skip
    rows = [
        [
            c.id,
            c.title,
            c.question,
            c.priority,
            c.level,
            c.unit,
            c.state(today),
            c.opens,
            c.closes,
            c.owner,
            c.published_by,
            c.ideas,
            *(c.by_status.get(s, 0) for s in IDEA_STATUSES),
        ]
        for c in found
    ]
    records = [{**c.model_dump(mode="json"), "state": c.state(today)} for c in found]
    _emit(fmt, header, rows, records)


@main.command("publish")
@click.option("--title", required=True, help="The challenge's title.")
@click.option("--question", required=True, help="The question the challenge asks.")
@click.option("--priority", required=True, help="The strategic priority it serves (its name).")
@click.option(
    "--level", type=click.Choice(["organisation", "department", "team"]), required=True, help="Who it is for."
)
@click.option("--unit", help="Which department or team (not for organisation level).")
@click.option("--opens", required=True, metavar="YYYY-MM-DD", help="First day ideas are taken.")
@click.option("--closes", required=True, metavar="YYYY-MM-DD", help="Last day ideas are taken.")
@click.option("--owner", required=True, help="Who reviews the ideas (their login or e-mail).")
@click.option("--by", "publisher", default=CLI_READER, show_default=True, help="Who publishes it.")
@click.pass_context
@friendly_errors
def publish(ctx: click.Context, publisher: str, **fields: Any) -> None:
    """Publish a challenge (the command line is trusted like HR). Prints its id."""
    from coach.store import open_store

    store = open_store(ctx.obj["db"])
    challenge = store.publish_challenge(fields, by=publisher)
    click.echo(f"Published challenge #{challenge.id} “{challenge.title}” ({challenge.where}), owner {challenge.owner}.")


@main.command("ideas")
@click.option("--challenge", "-c", "challenge_id", type=click.IntRange(min=1), help="Only this challenge's ideas.")
@click.option("--status", "-s", type=click.Choice(IDEA_STATUS_CHOICES), help="Only ideas in this status.")
@click.option("--search", "query", metavar="WORDS", help="Ideas whose title or text match these words.")
@click.option("--counts", is_flag=True, help="Ideas per challenge, status and team instead of the ideas.")
@format_option(["text", "json", "csv"], "text for people; json or csv for HR tools.")
@click.pass_context
@friendly_errors
def ideas(
    ctx: click.Context, challenge_id: int | None, status: str | None, query: str | None, counts: bool, fmt: str
) -> None:
    """List submitted ideas with their status, clarity grades and the reason kept for a decline or parking.

    An anonymous idea shows 'anonymous' as its submitter, here as everywhere
    a reviewer looks. --counts gives ideas per challenge, status and team.
    """
    from coach.report import ELEMENTS
    from coach.store import Actor, open_store

    store = open_store(ctx.obj["db"], create=False)
    reader = Actor(name=CLI_READER, is_hr=True)
    if counts:
        tally = store.idea_counts(challenge_id)
        if fmt == "text":
            if not tally:
                click.echo("No ideas yet.")
            for t in tally:
                click.echo(f"#{t.challenge_id} {t.challenge_title} · {t.status} · {t.team or 'no team'}: {t.ideas}")
            return
        _emit(
            fmt, ["challenge_id", "challenge_title", "status", "team", "ideas"],
            [[t.challenge_id, t.challenge_title, t.status, t.team, t.ideas] for t in tally],
            [t.model_dump(mode="json") for t in tally],
        )  # fmt: skip
        return
    if query:
        found = store.search_ideas(query, reader, limit=1000)
        found = [i for i in found if (challenge_id is None or i.challenge_id == challenge_id)]
    elif challenge_id is not None:
        found = store.challenge_ideas(challenge_id, reader)
    else:
        found = [i for c in store.challenges() for i in store.challenge_ideas(c.id, reader)]
    if status:
        found = [i for i in found if i.status == status]
    if fmt == "text":
        if not found:
            click.echo("No ideas match.")
        for i in found:
            line = (
                f"#{i.id} [{i.status}] {i.title} — challenge #{i.challenge_id} · {i.team or 'no team'} · "
                f"{i.shown_submitter} · score {i.check.score}"
            )
            if i.check.gaps:
                line += f" · gaps {', '.join(i.check.gaps)}"
            if i.reason:
                line += f" · reason: {i.reason}"
            click.echo(line)
        return
    header = ["idea_id", "challenge_id", "challenge_title", "title", "team", "submitter", "anonymous", "status", "reason", "score", *(e.value for e in ELEMENTS), "line_of_sight", "gaps", "created", "updated", "text"]  # fmt: skip
    rows = [
        [
            i.id,
            i.challenge_id,
            i.challenge_title,
            i.title,
            i.team,
            i.submitter,
            i.anonymous,
            i.status,
            i.reason,
            i.check.score,
            *(i.check.grades[e].value for e in ELEMENTS),
            i.check.line_of_sight,
            i.check.gaps,
            i.created,
            i.updated,
            i.text,
        ]
        for i in found
    ]
    records = [{**i.model_dump(mode="json"), "gaps": i.check.gaps} for i in found]
    _emit(fmt, header, rows, records)
