"""The documentation keeps up with the code (sqlite-utils / Datasette style)."""

from __future__ import annotations

import json

import click
from conftest import ROOT

from coach.cli import main
from coach.report import Report


def test_report_schema_file_matches_the_model() -> None:
    on_disk = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    assert on_disk == Report.model_json_schema(), "regenerate docs/report.schema.json from coach.report.Report"


def _commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    return {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}


def test_every_listed_command_loads_and_registers_under_its_name() -> None:
    commands = _commands()
    assert set(commands) == set(main.commands), "a module in SUBCOMMANDS registers a different name"
    assert all(isinstance(c, click.Command) for c in commands.values())


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in _commands():
        assert f"coach {name}" in readme, f"README.md does not mention `coach {name}`"


def test_every_command_and_option_has_help() -> None:
    for name, command in _commands().items():
        assert command.help, f"coach {name} has no help text"
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.help or (param.is_flag and param.secondary_opts), f"coach {name} {param.opts} has no help"


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert [c.split("#")[0].split() for c in commands] == [["python3", "dev.py", "run"], ["python3", "dev.py", "test"]]
