"""`coach coverage`: which of the organisation's priorities the saved roles serve (for HR)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.group import fail, format_option, friendly_errors, main

if TYPE_CHECKING:
    from coach.tie_coverage import Coverage


@main.command("coverage")
@click.option(
    "--org",
    "org_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A profile (YAML) to read the roles against (default: the one saved with `coach org import`).",
)
@click.option("--team", "-t", help="Only the contracts of this team (and its line of priorities).")
@format_option(["text", "json", "csv"], "text for people; json or csv for HR tools.")
@click.pass_context
@friendly_errors
def coverage_cmd(ctx: click.Context, org_path: Path | None, team: str | None, fmt: str) -> None:
    """For each priority, how many saved roles serve it; roles that serve none; priorities nobody serves.

    A role serves a priority when its sentences tie to it, or to a team or
    department priority beneath it. Each contract's latest version counts.
    """
    from coach.org_profile import load_profile
    from coach.store import open_store
    from coach.tie_coverage import coverage

    store = open_store(ctx.obj["db"], create=False)
    profile = load_profile(org_path) if org_path is not None else store.org_profile()
    if profile is None:
        fail("no organisation profile: give --org org.yml, or save one with `coach org import org.yml`")
    result = coverage(store.latest_texts(team), profile, team)
    if fmt == "json":
        click.echo(
            json.dumps({**result.model_dump(mode="json"), "unserved": result.unserved}, indent=2, ensure_ascii=False)
        )
    elif fmt == "csv":
        from coach.csv_out import write_csv

        header = ["priority", "level", "owner", "serves", "roles", "direct", "contract_ids"]
        rows = (
            [p.priority, p.level, p.owner, p.serves, p.roles, p.direct, " ".join(map(str, p.contract_ids))]
            for p in result.priorities
        )
        write_csv(sys.stdout, header, rows)
    else:
        _print_text(result)


def _print_text(c: Coverage) -> None:
    from coach.cli.terminal import escape_controls

    where = f" in team {escape_controls(c.team)}" if c.team else ""
    click.echo(
        f"{c.contracts:,} saved role{'s' if c.contracts != 1 else ''}{where} against the priorities of {escape_controls(c.profile)}:"
    )
    click.echo(f"{'roles':>5}  {'level':<12} priority")
    for p in c.priorities:
        indent = {"organisation": "", "department": "  ", "team": "    "}[p.level]
        click.echo(f"{p.roles:>5}  {p.level:<12} {indent}{escape_controls(p.priority)}")
    if c.unserved:
        click.echo("No role serves: " + " · ".join(escape_controls(n) for n in c.unserved))
    if c.untied_roles:
        click.echo(f"Roles that serve no priority ({len(c.untied_roles)}):")
        for r in c.untied_roles[:50]:
            click.echo(f"  {r.contract_id:>6}  {escape_controls(r.team or '—')[:16]:<16} {escape_controls(r.title)}")
        if len(c.untied_roles) > 50:
            click.echo(f"  (+{len(c.untied_roles) - 50} more; --format csv or json lists them all)")
