"""`coach org`: the organisation profile in the database (the one the app and `coach coverage` use)."""

from __future__ import annotations

from pathlib import Path

import click

from coach.cli.group import fail, friendly_errors, main


@main.group("org")
def org() -> None:
    """The organisation profile: its purpose and priorities (YAML; see docs/organisation.md)."""


@org.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
@friendly_errors
def import_profile(ctx: click.Context, path: Path) -> None:
    """Validate the profile in PATH and save it as the one in force (the previous one is kept)."""
    from coach.org_profile import load_profile
    from coach.store import open_store

    load_profile(path)  # a bad file is one line naming it and the field, before the database is opened
    store = open_store(ctx.obj["db"])
    profile = store.save_org_profile(path.read_text(encoding="utf-8-sig"))
    names = profile.priority_names()
    click.echo(f"Saved the profile of {profile.name}: {len(names)} priorities, {len(profile.teams)} teams.")


@org.command("export")
@click.pass_context
@friendly_errors
def export_profile(ctx: click.Context) -> None:
    """Print the saved profile's YAML (to edit it and import it again)."""
    from coach.store import open_store

    text = open_store(ctx.obj["db"], create=False).org_profile_yaml()
    if text is None:
        fail("no organisation profile is saved; save one with `coach org import org.yml`")
    click.echo(text.rstrip("\n"))


@org.command("priorities")
@click.pass_context
@friendly_errors
def priorities(ctx: click.Context) -> None:
    """List the saved profile's priority names, one a line."""
    from coach.store import open_store

    names = open_store(ctx.obj["db"], create=False).priority_names()
    if not names:
        fail("no organisation profile is saved; save one with `coach org import org.yml`")
    click.echo("\n".join(names))
