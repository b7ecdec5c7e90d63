"""The `coach` command line. `main` is the console-script entry point.

Each subcommand lives in its own module (listed in `app.SUBCOMMANDS`) and
registers itself on `main` when the command is first used.
"""

import os

# The command line is our own process: skip pydantic's plugin discovery,
# which scans every installed package's metadata (~20 ms of every start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from coach.cli.group import main

__all__ = ["main"]
