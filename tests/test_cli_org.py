"""`coach check --org`, `coach org` and `coach coverage`, through the entry point."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import main

ROOT = Path(__file__).resolve().parent.parent
ORG = ROOT / "profiles" / "example-org.yml"
RELEASE = ROOT / "examples" / "strong-release-lead.md"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_check_with_a_profile_shows_the_chain(fmt: str) -> None:
    code, out, _ = run("check", str(RELEASE), "--org", str(ORG), "--team", "Platform", "-f", fmt)
    assert code == 0
    assert "This role → Release health (Platform) → Ship every release on its planned date (Engineering)" in out


def test_check_json_and_sarif_carry_the_ties() -> None:
    _, out, _ = run("check", str(RELEASE), "--org", str(ORG), "-f", "json")
    los = json.loads(out)["line_of_sight"]
    assert "Release health" in {t["priority"] for t in los["ties"]}
    assert los["chain"][0]["level"] == "role" and los["chain"][-1]["level"] == "purpose"
    _, out, _ = run("check", str(RELEASE), "--org", str(ORG), "-f", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert any(r["ruleId"] == "line_of_sight/tie" and r["properties"]["priority"] == "Release health" for r in results)


def test_without_org_the_json_report_is_as_before() -> None:
    _, out, _ = run("check", str(RELEASE), "-f", "json")
    assert "ties" not in json.loads(out)["line_of_sight"]


BAD = [
    ("unknown field", "purpose: x\npriorities: [{name: A}]\nmission: y\n", "unknown field 'mission'"),
    ("a team naming a missing priority", "purpose: x\npriorities: [{name: A}]\nteams: [{name: T, priorities: [{name: B, serves: Q}]}]\n", "teams.0.priorities.0.serves: 'Q' is not a priority"),
    ("duplicate names", "purpose: x\npriorities: [{name: A}, {name: A}]\n", "duplicate priority name 'A'"),
    ("empty purpose", "purpose: ''\npriorities: [{name: A}]\n", "purpose"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "yaml", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_profile_is_one_line_and_exit_2(tmp_path: Path, what: str, yaml: str, message: str) -> None:
    org = tmp_path / "org.yml"
    org.write_text(yaml)
    code, out, err = run("check", str(RELEASE), "--org", str(org))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(org) in err and message in err, what


def test_team_must_be_in_the_profile_and_needs_one() -> None:
    code, _, err = run("check", str(RELEASE), "--org", str(ORG), "--team", "Marketing")
    assert code == 2 and "its teams: Platform, Support, Governance" in err
    code, _, err = run("check", str(RELEASE), "--team", "Platform")
    assert code == 2 and "--team needs --org" in err


def test_org_import_export_and_priorities(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    code, out, _ = run("--db", db, "org", "import", str(ORG))
    assert code == 0 and "7 priorities, 3 teams" in out
    _, out, _ = run("--db", db, "org", "export")
    assert out == ORG.read_text()
    _, out, _ = run("--db", db, "org", "priorities")
    assert out.splitlines()[0] == "Win enterprise customers on reliability"


def test_a_bad_import_keeps_the_saved_profile(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    run("--db", db, "org", "import", str(ORG))
    bad = tmp_path / "bad.yml"
    bad.write_text("purpose: x\npriorities: []\n")
    code, _, err = run("--db", db, "org", "import", str(bad))
    assert code == 2 and "bad.yml: priorities" in err
    assert run("--db", db, "org", "export")[1] == ORG.read_text()


def test_coverage_counts_roles_per_priority_and_names_the_gaps(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert run("--db", db, "coverage")[0] == 2  # no database yet: one line, exit 2
    run("--db", db, "import", str(ROOT / "examples"))
    code, _, err = run("--db", db, "coverage")
    assert code == 2 and "no organisation profile" in err
    run("--db", db, "org", "import", str(ORG))
    code, out, _ = run("--db", db, "coverage")
    assert code == 0 and "Roles that serve no priority (1):" in out and "Vague everywhere coordinator" in out
    data = json.loads(run("--db", db, "coverage", "-f", "json")[1])
    by_name = {p["priority"]: p for p in data["priorities"]}
    # The release lead ties directly; the working group chair through the Governance team's priority.
    assert by_name["Win enterprise customers on reliability"]["roles"] == 2
    assert by_name["Win enterprise customers on reliability"]["direct"] == 1
    assert data["contracts"] == 5 and len(data["untied_roles"]) == 1
    rows = list(csv.DictReader(io.StringIO(run("--db", db, "coverage", "-f", "csv")[1])))
    assert [r["priority"] for r in rows] == list(by_name)
