"""The `coach` command line. `main` is the console-script entry point.

Each subcommand lives in its own module and registers itself on `main`
when imported here.
"""

from coach.cli import check, eval_cmd, rules_cmd  # noqa: F401  (registers commands)
from coach.cli.app import main

__all__ = ["main"]
