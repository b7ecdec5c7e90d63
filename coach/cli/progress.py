"""A progress bar on stderr for batches (check, import), shared by the commands.

Nothing is drawn for a single item or when stderr is not a terminal (CI
logs, pipes); errors can be printed above the bar as they happen instead
of after a long run.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from coach.cli.group import error_line

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ProgressBar:
    """A rich progress bar on stderr; `bar(n)` advances it, `bar.note(msg)` prints an error above it."""

    def __init__(self, total: int, label: str) -> None:
        self.total = total
        self.label = label
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        if self.total < 2 or not sys.stderr.isatty():
            return self  # no bar: and no rich import (~40 ms) on the single-file path
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(stderr=True)
        if console.is_terminal:
            self.bar = Progress(
                TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=console, transient=True,
            )  # fmt: skip
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=self.total)
        return self

    def __call__(self, n: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task, n)

    def note(self, message: str) -> None:
        """Show an error now, above the bar, instead of after a long import (always on one line)."""
        if self.bar is not None:
            from rich.text import Text

            from coach.cli.terminal import escape_controls

            self.bar.console.print(Text.assemble(("error: ", "bold red"), escape_controls(message)))
        else:
            click.echo(error_line(message), err=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __exit__(self, *exc: object) -> None:
        self.stop()
