"""`coach export`: every stored contract with its latest check and review (or every idea), for HR tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coach.cli.group import fail, friendly_errors, main


@main.command("export")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["csv", "jsonl"]),
    required=True,
    help="csv: flat columns; jsonl: one object per contract with the full Report.",
)
@click.option(
    "--what",
    type=click.Choice(["contracts", "ideas"]),
    default="contracts",
    show_default=True,
    help="contracts, or the ideas submitted to challenges (an anonymous idea has no submitter).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
)
@click.pass_context
@friendly_errors
def export(ctx: click.Context, fmt: str, what: str, output: Path | None) -> None:
    """Export every stored contract: latest text, grades, score, gaps and review status.

    `--what ideas` exports every idea instead: its challenge and priority,
    status, reason, clarity grades and text. Reflections are never
    exported, and neither is the author of an anonymous idea.
    """
    from coach.store import open_store

    store = open_store(ctx.obj["db"], create=False)
    try:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as e:
        fail(f"{output}: cannot write ({e.strerror})")
    try:
        try:
            if what == "ideas":
                count = _export_ideas(store, fmt, out)
            elif fmt == "jsonl":
                count = 0
                for count, row in enumerate(store.export_rows(with_report=True), 1):  # noqa: B007
                    out.write(row.model_dump_json() + "\n")
            else:
                from coach.csv_out import write_contracts

                count = write_contracts(out, store.export_rows())
        finally:
            if output:
                out.close()  # flushes: a full disk may only show here
    except OSError as e:  # e.g. the disk filled up half way; the database itself is only read
        fail(f"{output or 'standard output'}: cannot write the export ({e.strerror}); free some space and export again")
    if output:
        noun = "idea" if what == "ideas" else "contract"
        click.echo(f"Exported {count:,} {noun}{'s' if count != 1 else ''} to {output}.", err=True)


def _export_ideas(store, fmt: str, out) -> int:
    from coach.csv_out import write_csv
    from coach.store.challenge_models import IdeaExportRow

    if fmt == "jsonl":
        count = 0
        for count, row in enumerate(store.export_ideas(), 1):  # noqa: B007
            out.write(row.model_dump_json() + "\n")
        return count
    columns = list(IdeaExportRow.model_fields)
    return write_csv(out, columns, ([getattr(r, c) for c in columns] for r in store.export_ideas()))
