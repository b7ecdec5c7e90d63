"""`coach publish`, `coach challenges` and `coach ideas`: the challenge loop from the command line.

Like `coach queue`: text for people, JSON and CSV for HR tools, and every
problem one line on stderr with exit 2.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import main
from coach.store import Actor, open_store

TODAY = date.today()
IDEA = (
    "Reusable crates would cut our cardboard waste by half. The depot manager would need to approve them. "
    "It needs a £3,000 pilot budget. We would know it worked if we bought 50% less cardboard by June."
)


def coach(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def publish_args(**changes: str) -> list[str]:
    values = {
        "title": "Less waste", "question": "How could we halve our waste?", "priority": "Net zero",
        "level": "department", "unit": "Logistics", "opens": (TODAY - timedelta(days=1)).isoformat(),
        "closes": (TODAY + timedelta(days=9)).isoformat(), "owner": "olu@example.com",
    } | changes  # fmt: skip
    out = ["publish"]
    for key, value in values.items():
        if value:
            out += [f"--{key}", value]
    return out


@pytest.fixture
def db(tmp_path) -> Path:
    db = tmp_path / "coach.db"
    assert coach(db, *publish_args()).exit_code == 0
    coach(db, *publish_args(title="Quiet offices", priority="Wellbeing", level="organisation", unit=""))
    with open_store(db) as store:
        store.submit_idea(1, "Reusable crates", IDEA, author="ana@example.com", team="Depot North")
        store.submit_idea(1, "Bike racks", IDEA + " Racks too.", author="bo@example.com", anonymous=True)
        store.review_idea(2, "parked", Actor(name="olu@example.com"), "After the car park is rebuilt.")
    return db


def test_publish_prints_the_new_challenge_and_challenges_lists_open_ones_with_their_ideas(db):
    result = coach(db, "challenges")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("#2 [open] Quiet offices — Wellbeing · organisation")  # newest open first
    assert lines[1].startswith("#1 [open] Less waste — Net zero · department: Logistics")
    assert lines[1].endswith("owner olu@example.com · 1 new, 1 parked")


@pytest.mark.parametrize(
    ("args", "rows"),
    [
        (["--priority", "net zero"], ["Less waste"]),
        (["--level", "organisation"], ["Quiet offices"]),
        (["--state", "closed"], []),
    ],
)
def test_challenges_filter_by_priority_level_and_state(db, args, rows):
    result = coach(db, "challenges", *args, "-f", "json")
    assert [c["title"] for c in json.loads(result.output)] == rows


def test_challenges_csv_and_per_priority_counts(db):
    table = list(csv.DictReader(io.StringIO(coach(db, "challenges", "-f", "csv").output)))
    assert [(r["title"], r["ideas"], r["new"], r["parked"], r["state"]) for r in table] == [
        ("Quiet offices", "0", "0", "0", "open"),
        ("Less waste", "2", "1", "1", "open"),
    ]
    assert coach(db, "challenges", "--by-priority").output.splitlines() == [
        "Net zero: 1 challenge, 2 ideas",
        "Wellbeing: 1 challenge, 0 ideas",
    ]
    as_json = json.loads(coach(db, "challenges", "--by-priority", "-f", "json").output)
    assert as_json == [
        {"priority": "Net zero", "challenges": 1, "ideas": 2},
        {"priority": "Wellbeing", "challenges": 1, "ideas": 0},
    ]


def test_ideas_show_status_grades_the_reason_and_anonymous_authors_as_anonymous(db):
    text = coach(db, "ideas", "--challenge", "1").output.splitlines()
    assert text[0].startswith("#1 [new] Reusable crates — challenge #1 · Depot North · ana@example.com · score ")
    assert text[1].startswith("#2 [parked] Bike racks — challenge #1 · no team · anonymous · score ")
    assert text[1].endswith("reason: After the car park is rebuilt.")

    rows = list(csv.DictReader(io.StringIO(coach(db, "ideas", "-f", "csv").output)))
    assert [(r["title"], r["submitter"], r["anonymous"], r["status"]) for r in rows] == [
        ("Reusable crates", "ana@example.com", "no", "new"),
        ("Bike racks", "", "yes", "parked"),
    ]
    parked = json.loads(coach(db, "ideas", "--status", "parked", "-f", "json").output)
    assert [(i["title"], i["reason"]) for i in parked] == [("Bike racks", "After the car park is rebuilt.")]
    assert set(parked[0]["check"]["grades"]) == {"purpose", "discretion", "resources", "accountability"}
    assert [i["title"] for i in json.loads(coach(db, "ideas", "--search", "crate", "-f", "json").output)] == [
        "Reusable crates",
        "Bike racks",
    ]


def test_idea_counts_per_challenge_status_and_team(db):
    assert coach(db, "ideas", "--counts").output.splitlines() == [
        "#1 Less waste · new · Depot North: 1",
        "#1 Less waste · parked · no team: 1",
    ]


def test_export_ideas_writes_every_idea_without_an_anonymous_author(db, tmp_path):
    out = tmp_path / "ideas.csv"
    result = coach(db, "export", "--what", "ideas", "-f", "csv", "-o", str(out))
    assert result.exit_code == 0 and "Exported 2 ideas" in result.output
    rows = list(csv.DictReader(out.open()))
    assert [(r["title"], r["priority"], r["submitter"]) for r in rows] == [
        ("Reusable crates", "Net zero", "ana@example.com"),
        ("Bike racks", "Net zero", ""),
    ]
    lines = coach(db, "export", "--what", "ideas", "-f", "jsonl").output.splitlines()
    assert [json.loads(line)["reason"] for line in lines] == [None, "After the car park is rebuilt."]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (publish_args(closes=(TODAY - timedelta(days=5)).isoformat()), "before it opens"),
        (publish_args(opens="tomorrow"), "opens: .*YYYY-MM-DD"),
        (publish_args(unit=""), "say which department"),
        (publish_args(title=" "), "needs a title"),
        (["ideas", "--challenge", "9"], "there is no challenge 9"),
        (["challenges", "--level", "planet"], "Invalid value for '--level'"),
        (["ideas", "--status", "maybe"], "Invalid value for '--status'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_and_nothing_is_stored(db, args, message):
    import re

    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert result.exit_code == 2
    assert re.search(message, result.output), result.output
    assert "Traceback" not in result.output
    with open_store(db) as store:
        assert len(store.challenges()) == 2


def test_every_challenge_command_has_help():
    for command in ("challenges", "publish", "ideas"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and len(result.output) > 200


def test_the_real_entry_point_lists_challenges_and_refuses_a_missing_database(tmp_path, db):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, text=True, timeout=60)

    listed = run("--db", str(db), "ideas", "-f", "json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 2
    missing = run("--db", str(tmp_path / "nope.db"), "challenges")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and missing.stderr.startswith("error: ")
