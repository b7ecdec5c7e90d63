"""`coach import`: check role descriptions and keep them, with their checks, in the database."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.group import ExitStatus, error_line, friendly_errors, load_rules, main, rules_option
from coach.cli.progress import ProgressBar
from coach.cli.terminal import escape_controls
from coach.errors import InputError

if TYPE_CHECKING:
    from coach.store.models import ImportItem


@main.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--team", help="Team for contracts that do not name one (e.g. a folder of one team's roles).")
@click.option("--owner", help="Owner/manager for contracts that do not name one.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    help="Size limit per contract in bytes (default 1 MB; env COACH_MAX_BYTES).",
)
@rules_option
@click.pass_context
@friendly_errors
def import_(
    ctx: click.Context,
    paths: tuple[str, ...],
    team: str | None,
    owner: str | None,
    max_bytes: int | None,
    rules_dirs: tuple[Path, ...],
) -> None:
    """Check contracts and store them, with their checks, for the HR review queue.

    PATHS are folders (every .txt, .md, .html, .docx and .pdf inside),
    documents, CSV files with a header naming title, team, owner, text and
    optionally id columns, or JSONL files with one such object per line.

    A contract is identified by its row id, its document's path, or else its
    team and title. Importing is idempotent: a contract whose text is
    already its latest is skipped, so the same import can be run again
    (after an interruption, too) without duplicates. An edited document or
    row becomes a new version of its contract; the same text under two
    titles or teams is two contracts. A bad file or row is reported and
    skipped; exit status 2 says some were.
    """
    from coach import importing
    from coach.store import open_store

    ruleset = load_rules(rules_dirs)
    store = open_store(ctx.obj["db"])
    errors: list[str] = []
    total = importing.count(list(paths))
    with ProgressBar(total, "importing") as advance:

        def good_items() -> Iterator[ImportItem]:
            for item in importing.items_from(list(paths), team=team, owner=owner, limit=max_bytes):
                if isinstance(item, InputError):
                    errors.append(str(item))
                    advance.note(str(item))
                    advance(1)
                else:
                    yield item

        try:
            summary = store.import_items(good_items(), ruleset=ruleset, progress=advance)
        except KeyboardInterrupt:
            advance.stop()
            click.echo("interrupted: what was stored so far is kept; run the same import again to finish it", err=True)
            sys.exit(130)

    for message in summary.failed:
        click.echo(error_line(message), err=True)
    click.echo(
        f"Stored {summary.stored:,} contract{'s' if summary.stored != 1 else ''} in {escape_controls(store.label)}: "
        f"{summary.added:,} new, {summary.updated:,} new version{'s' if summary.updated != 1 else ''}, "
        f"{summary.unchanged:,} already stored; {summary.flagged:,} flagged for review"
        + (f"; {len(errors) + len(summary.failed):,} skipped (see above)" if errors or summary.failed else "")
        + "."
    )
    if errors or summary.failed:
        sys.exit(ExitStatus.ERROR)
