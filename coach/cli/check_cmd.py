"""`coach check`: grade role descriptions from files, folders or stdin."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.group import ExitStatus, fail, format_option, friendly_errors, load_rules, main, rules_option
from coach.cli.progress import ProgressBar
from coach.errors import CoachError, InputError
from coach.formats import NAMES as FORMAT_NAMES
from coach.grades import Grade

if TYPE_CHECKING:
    from coach.engine import ReportData
    from coach.engine.ruleset import Ruleset
    from coach.org_profile import OrgProfile

FAIL_ON = ("missing", "vague", "never")


def _breaches(report: ReportData, fail_on: str) -> bool:
    """Whether a report is flagged at or above the --fail-on threshold."""
    if fail_on == "never":
        return False
    worst = {Grade.missing} if fail_on == "missing" else {Grade.missing, Grade.vague}
    return any(r["grade"] in worst for r in report["elements"].values())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(
    FORMAT_NAMES,
    "text for a terminal, json (docs/report-schema.md), markdown for a ticket, sarif for code scanning,"
    " html for a page to print or e-mail.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="vague",
    show_default=True,
    help="Exit 1 when an element is at or below this grade (vague: any flagged contract).",
)
@click.option(
    "--max-bytes", type=click.IntRange(min=1), help="Input size limit in bytes (default 1 MB; env COACH_MAX_BYTES)."
)
@rules_option
@click.option(
    "--org",
    "org_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="An organisation profile (YAML): line of sight names which of its priorities each role serves.",
)
@click.option("--team", help="The team the roles belong to, as the --org profile names it (its priorities first).")
@friendly_errors
def check(
    paths: tuple[str, ...],
    fmt: str,
    fail_on: str,
    max_bytes: int | None,
    rules_dirs: tuple[Path, ...],
    org_path: Path | None,
    team: str | None,
) -> None:
    """Grade role descriptions on purpose, discretion, resources and accountability.

    PATHS are files, folders (every .txt, .md, .html, .docx and .pdf inside)
    or - for standard input. Exit status: 0 all clear, 1 a contract is
    flagged at or above --fail-on, 2 a usage or input error (bad files are
    reported and the rest are still checked).
    """
    from coach.inputs import expand

    ruleset = load_rules(rules_dirs)
    profile = _profile(org_path, team)
    targets = list(expand(list(paths)))
    if sum(1 for t in targets if isinstance(t, Path) and str(t) == "-") > 1:
        fail("'-' (standard input) can be given only once")

    reports: list[ReportData] = []
    texts: list[str] = []  # each report's text, so quotes and SARIF regions say line and column
    errors = 0
    with ProgressBar(len(targets), "checking") as advance:
        for target in targets:
            try:
                report, text = _checked(target, ruleset, max_bytes, profile, team)
                reports.append(report)
                texts.append(text)
            except InputError as e:
                errors += 1
                advance.note(str(e))
            advance(1)

    if reports:
        click.echo(_rendered(reports, fmt, texts))
    if errors:
        sys.exit(ExitStatus.ERROR)
    if any(_breaches(r, fail_on) for r in reports):
        sys.exit(ExitStatus.FLAGGED)


def _profile(org_path: Path | None, team: str | None) -> OrgProfile | None:
    """The --org profile (pydantic and YAML are imported only then), with --team checked against it."""
    if org_path is None:
        if team is not None:
            fail("--team needs --org: give the organisation profile that names the team")
        return None
    from coach.org_profile import load_profile

    profile = load_profile(org_path)
    if team is not None and profile.team(team) is None:
        teams = ", ".join(profile.team_names()) or "none defined"
        fail(f"--team {team!r} is not a team of {org_path} (its teams: {teams})")
    return profile


def _checked(
    target: Path | InputError,
    ruleset: Ruleset | None,
    max_bytes: int | None,
    profile: OrgProfile | None = None,
    team: str | None = None,
) -> tuple[ReportData, str]:
    """The report for one file (or '-') and the text it graded, or an InputError that names it.

    A failure nobody foresaw, while reading or grading, is turned into an
    InputError too: in a folder of 300 files it costs that file's report,
    not the other 299.
    """
    # The engine's plain JSON-shaped reports: the text format renders them
    # directly, so a terminal check never pays for importing pydantic.
    from coach.engine import assess
    from coach.inputs import read_path, read_stdin

    if isinstance(target, InputError):
        raise target
    name = str(target)
    try:
        source = read_stdin(max_bytes) if name == "-" else read_path(target, max_bytes)
        report = assess(source.text, ruleset) if profile is None else assess(source.text, ruleset, profile, team)
    except CoachError:
        raise
    except Exception as e:  # one file's failure must not cost the batch
        raise InputError(
            f"{name}: could not be checked ({e.__class__.__name__}); please report this, with the file if you can"
        ) from None
    report["source"] = source.name
    return report, source.text


def _rendered(reports: list[ReportData], fmt: str, texts: list[str]) -> str:
    """The reports in `fmt`, with nothing in them that a terminal would act on.

    Text from a role file reaches the screen only through here: escape
    sequences and control characters in it are removed (and file names
    shown with their newlines escaped) for the formats people read; the
    JSON formats keep the text exact, with C1 characters as \\u escapes.
    """
    from coach.cli.terminal import escape_c1_in_json, escape_controls, scrub_report
    from coach.formats import renderer

    if fmt in ("text", "markdown", "html"):
        reports = [scrub_report({**r, "source": escape_controls(r["source"] or "")}) for r in reports]
    if fmt == "text":
        from coach.formats import text_format

        return text_format.render(reports, texts)
    from coach.report import Report

    models = [Report.model_validate(r) for r in reports]
    if fmt == "sarif":
        from coach.formats import sarif

        return escape_c1_in_json(sarif.render(models, texts))
    out = renderer(fmt)(models)
    return out if fmt in ("markdown", "html") else escape_c1_in_json(out)
