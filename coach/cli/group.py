"""The `coach` command group and what every subcommand shares.

Subcommands live in their own modules and register on `main` when
`LazyGroup` first needs them; heavy libraries are imported inside the
commands that need them, so `coach check` starts fast. Library errors
(`CoachError`) become one clear line and exit 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from importlib import import_module
from pathlib import Path
from typing import NoReturn, ParamSpec, TypeVar

import click

from coach.errors import CoachError
from coach.version import __version__

P = ParamSpec("P")
R = TypeVar("R")


class ExitStatus(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    FLAGGED = 1  # a contract is flagged at or above --fail-on
    ERROR = 2  # usage or input error


def error_line(message: str) -> str:
    """`error: <message>` as printed: one line, whatever file name or text the message quotes."""
    from coach.cli.terminal import escape_controls

    return click.style("error: ", fg="red", bold=True) + escape_controls(message)


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit 2 — the shape of every user error."""
    click.echo(error_line(message), err=True)
    sys.exit(ExitStatus.ERROR)


def friendly_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn CoachError from the library into `error: <message>` and exit 2."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CoachError as e:
            fail(str(e))

    return wrapper


rules_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of your organisation's own rules, layered over the bundled pack (repeatable).",
)


def format_option(choices: Sequence[str], help: str):
    """`--format/-f` (into `fmt`), text by default: every command that prints a result has one."""
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(choices), default="text", show_default=True, help=help
    )


def load_rules(rules_dirs: tuple[Path, ...]):
    """The bundled pack (None: the engine's cached default) or it plus `--rules` folders."""
    if not rules_dirs:
        return None
    from coach.engine.compile import compiled
    from coach.engine.ruleset import load_ruleset

    ruleset = load_ruleset(list(rules_dirs))
    compiled(ruleset)  # a bad weights file is reported once, here, not once per checked file
    return ruleset


# Each subcommand's module, imported only when the command runs (or help lists it):
# `coach check` should not pay for the store, the coaching layer or the UI launcher.
SUBCOMMANDS = {
    "challenges": "coach.cli.challenges_cmd",
    "check": "coach.cli.check_cmd",
    "coverage": "coach.cli.coverage_cmd",
    "org": "coach.cli.org_cmd",
    "eval": "coach.cli.eval_cmd",
    "fit": "coach.cli.fit_cmd",
    "export": "coach.cli.export_cmd",
    "ideas": "coach.cli.challenges_cmd",
    "import": "coach.cli.import_cmd",
    "publish": "coach.cli.challenges_cmd",
    "questions": "coach.cli.questions_cmd",
    "queue": "coach.cli.queue_cmd",
    "rules": "coach.cli.rules_cmd",
    "ui": "coach.cli.ui_cmd",
}


class LazyGroup(click.Group):
    """A group whose subcommands register themselves when their module is first imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *SUBCOMMANDS})

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, but a mistyped command names the nearest one ("Did you mean 'check'?")."""
        import difflib

        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            near = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            if near:
                raise click.UsageError(f"No such command {name!r}. Did you mean {near[0]!r}?", ctx)
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in SUBCOMMANDS:
            import_module(SUBCOMMANDS[name])  # its @main.command adds it to self.commands
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="coach")
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="COACH_DB",
    help="SQLite database to use (default: a per-user data file; env COACH_DB).",
)
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Empowerment Coach: find the gaps in a role contract and coach people through them.

    A role contract empowers its holder when it states the role's purpose,
    the discretion and resources the holder has, and how they give an
    account of results. `coach check` grades each of the four.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
