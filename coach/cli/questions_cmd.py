"""`coach questions`: coaching questions for one role description.

Questions come from the curated bank, tailored to the report's gaps; with
an LLM configured (COACH_LLM_MODEL or --llm) a model drafts them from the
redacted text and the bank stands in whenever it cannot. Exit 0 whenever
questions were produced, including after a fallback (the note says why);
2 for unusable input.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.group import format_option, friendly_errors, load_rules, main, rules_option

if TYPE_CHECKING:
    from coach.coaching.skills import Audience


@main.command()
@click.argument("path")
@click.option(
    "--audience",
    type=click.Choice(["manager", "employee"]),
    default="manager",
    show_default=True,
    help="manager: questions about the contract they wrote or hold; employee: self-reflection.",
)
@click.option(
    "--llm",
    "llm_model",
    metavar="MODEL",
    help="Draft questions with this litellm model (e.g. gpt-4o-mini, ollama_chat/llama3.1); overrides COACH_LLM_MODEL.",
)
@click.option("--no-llm", is_flag=True, help="Use only the curated bank, even when COACH_LLM_MODEL is set.")
@format_option(
    ["text", "json", "markdown"], 'json: {"questions": [{"meta_skill", "text", "source", "because"}], "notes": [...]}.'
)
@click.option("--per-skill", type=click.IntRange(1, 6), default=3, show_default=True, help="Questions per meta skill.")
@click.option(
    "--per-gap",
    type=click.IntRange(1, 3),
    default=1,
    show_default=True,
    help="Questions one gap may take in the whole plan (more crowds out the learning questions).",
)
@click.option(
    "--show-prompt",
    is_flag=True,
    help="Print exactly what would be sent to the model (after redaction) and stop; nothing is sent.",
)
@click.option(
    "--max-bytes", type=click.IntRange(min=1), help="Input size limit in bytes (default 1 MB; env COACH_MAX_BYTES)."
)
@rules_option
@click.pass_context
@friendly_errors
def questions(
    ctx: click.Context,
    path: str,
    audience: Audience,
    llm_model: str | None,
    no_llm: bool,
    fmt: str,
    per_skill: int,
    per_gap: int,
    show_prompt: bool,
    max_bytes: int | None,
    rules_dirs: tuple[Path, ...],
) -> None:
    """Coaching questions for the six meta skills, tailored to PATH's gaps.

    PATH is a role description file or - for standard input. Without an LLM
    the questions come from the curated bank (no network). With one
    (COACH_LLM_MODEL, COACH_LLM_API_BASE, COACH_LLM_API_KEY, or --llm)
    personal details are redacted first; --show-prompt prints what would be
    sent. Exit status: 0 questions produced (also after falling back to the
    bank), 2 a usage or input error.
    """
    from coach.coaching import plan
    from coach.coaching.render import RENDERERS
    from coach.engine import check as grade
    from coach.inputs import read_path, read_stdin
    from coach.llm import configured, preview

    source = read_stdin(max_bytes) if path == "-" else read_path(Path(path), max_bytes)
    report = grade(source.text, load_rules(rules_dirs)).model_copy(update={"source": source.name})
    config = None if no_llm else configured(llm_model)

    if show_prompt:
        click.echo(preview(report, source.text, audience, per_skill, config), nl=False)
        return

    store, cache = None, True
    if config is not None:
        store, cache = _open_cache(ctx.obj.get("db"))
    result = plan(report, audience, per_skill, config, text=source.text, store=store, cache=cache, per_gap=per_gap)
    click.echo(RENDERERS[fmt](result))


def _open_cache(db: Path | None):
    """The reply cache in --db / COACH_DB / the user's data file; a broken one only warns."""
    from coach.errors import StoreError
    from coach.store import open_store

    try:
        return open_store(db), True
    except StoreError as e:
        click.echo(click.style("warning: ", fg="yellow", bold=True) + f"{e}; LLM replies will not be cached", err=True)
        return None, False
