"""`coach queue`: the flagged contracts waiting for HR review, for people and for HR tools."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import click

from coach.cli.group import fail, format_option, friendly_errors, main
from coach.grades import ELEMENTS, Grade
from coach.store.vocab import ACTIVE_STATUSES, MAX_PAGE, MAX_PAGE_SIZE, STATUSES

if TYPE_CHECKING:
    from coach.store.models import QueueItem, QueuePage
    from coach.store.queue import Sort
    from coach.store.vocab import Status

    Fetch = Callable[[int, int], QueuePage]  # (page, page size) -> that page, filters applied

EXPORT_PAGE = 500  # json/csv walk every page in chunks of this size


def parse_element(value: str | None) -> tuple[str | None, Grade | None]:
    """'discretion' (any gap) or 'discretion:missing' / 'discretion:vague' → (element, grade)."""
    if value is None:
        return None, None
    element, _, grade = value.strip().lower().partition(":")
    if element not in {e.value for e in ELEMENTS} or grade not in ("", "missing", "vague"):
        choices = ", ".join(e.value for e in ELEMENTS)
        raise click.BadParameter(f"{value!r}: use an element ({choices}), optionally with :missing or :vague")
    return element, Grade(grade) if grade else None


@main.command("queue")
@click.option(
    "--element",
    "-e",
    "element",
    metavar="E[:GRADE]",
    help="Only gaps in this element, e.g. discretion or discretion:missing.",
)
@click.option(
    "--status", "-s", "statuses", multiple=True, type=click.Choice([*STATUSES, "all"]),
    help="Review status (repeatable; default: open and in_review).",
)  # fmt: skip
@click.option("--team", "-t", help="Only this team.")
@click.option("--assignee", help="Only reviews assigned to this person.")
@click.option("--min-score", type=click.IntRange(0, 100), help="Only scores at or above this.")
@click.option("--max-score", type=click.IntRange(0, 100), help="Only scores at or below this.")
@click.option(
    "--sort",
    type=click.Choice(["score", "age"]),
    default="score",
    show_default=True,
    help="Worst score first, or longest waiting first.",
)
@click.option(
    "--page",
    type=click.IntRange(1, MAX_PAGE),
    help="Page to show (text shows page 1 by default; json/csv give every page).",
)
@click.option(
    "--page-size", type=click.IntRange(1, MAX_PAGE_SIZE), default=25, show_default=True, help="Contracts per page."
)
@format_option(["text", "json", "csv"], "text for people; json or csv for HR tools.")
@click.pass_context
@friendly_errors
def queue(
    ctx: click.Context,
    element: str | None,
    statuses: tuple[str, ...],
    team: str | None,
    assignee: str | None,
    min_score: int | None,
    max_score: int | None,
    sort: str,
    page: int | None,
    page_size: int,
    fmt: str,
) -> None:
    """List flagged contracts in the HR review queue, worst first.

    A contract is queued when its latest check is flagged (any element
    below 'specified'). JSON and CSV give every matching contract unless
    --page is given, for HR tools; text shows one page.
    """
    from coach.store import open_store

    el, grade = parse_element(element)
    status: tuple[Status, ...] | None = ACTIVE_STATUSES  # no --status: open and in_review
    if "all" in statuses:
        status = None
    elif statuses:
        status = cast("tuple[Status, ...]", statuses)
    store = open_store(ctx.obj["db"], create=False)

    def fetch(number: int, size: int) -> QueuePage:
        return store.queue(
            element=el, grade=grade, team=team, assignee=assignee, min_score=min_score, max_score=max_score,
            status=status, sort=cast("Sort", sort), page=number, page_size=size,
        )  # fmt: skip

    if fmt == "text":
        shown = fetch(page or 1, page_size)
        if shown.total and shown.page > shown.pages:
            fail(
                f"page {shown.page:,} is past the end: these filters give {shown.pages:,} page(s); use --page 1 to {shown.pages:,}"
            )
        _print_text(shown)
        return
    items = fetch(page, page_size).items if page is not None else _every_item(fetch)
    if fmt == "json":
        click.echo(json.dumps([_json_item(i) for i in items], indent=2, ensure_ascii=False))
    else:
        from coach.csv_out import write_csv

        header = ["contract_id", "title", "team", "owner", "version", "status", "assignee", "score", *[e.value for e in ELEMENTS], "line_of_sight", "gaps", "queued", "updated"]  # fmt: skip
        write_csv(sys.stdout, header, (_csv_row(i) for i in items))


def _every_item(fetch: Fetch) -> list[QueueItem]:
    items: list[QueueItem] = []
    number = 1
    while True:
        chunk = fetch(number, EXPORT_PAGE)
        items += chunk.items
        if number >= chunk.pages:
            return items
        number += 1


def _json_item(item: QueueItem) -> dict[str, Any]:
    data = item.model_dump(mode="json")
    data["gaps"] = item.gaps
    return data


def _csv_row(i: QueueItem) -> list[Any]:
    grades = [i.check.grades[e].value for e in ELEMENTS]
    return [i.contract_id, i.title, i.team, i.owner, i.version, i.status, i.assignee, i.check.score, *grades, i.check.line_of_sight, i.gaps, i.queued, i.updated]  # fmt: skip


def _print_text(page: QueuePage) -> None:
    if page.total == 0:
        click.echo("The review queue is empty for these filters.")
        return
    first = (page.page - 1) * page.page_size + 1
    shown = f"{first}–{first + len(page.items) - 1}" if page.items else "none"
    click.echo(
        f"{page.total:,} contract{'s' if page.total != 1 else ''} in the review queue (showing {shown}, page {page.page} of {page.pages}):"
    )
    click.echo(f"{'id':>6}  {'score':>5}  {'status':<10} {'team':<16} {'title':<32} gaps")
    for i in page.items:
        click.echo(
            f"{i.contract_id:>6}  {i.check.score:>5}  {i.status:<10} {(i.team or '—')[:16]:<16} "
            f"{i.title[:32]:<32} {', '.join(i.gaps)}"
        )
    if page.page < page.pages:
        click.echo(f"More: --page {page.page + 1}")
