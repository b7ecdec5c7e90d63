"""`coach import`, `coach queue` and `coach export`: what HR runs, and what they say when things are wrong.

Most tests use click's CliRunner for speed; `test_the_real_entry_point...`
runs the installed command in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import main
from coach.store import open_store

OWNED = "# Release lead\n\nYou own the release. You have the final say on which changes enter it.\n"
THIN = "Answer tickets. Other duties as assigned.\n"


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "coach.db"


@pytest.fixture
def roles(tmp_path) -> Path:
    folder = tmp_path / "roles"
    folder.mkdir()
    (folder / "release-lead.md").write_text(OWNED)
    (folder / "support_agent.txt").write_text(THIN)
    return folder


def coach(db: Path, *args: str):
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    return result


def test_import_stores_a_folder_and_says_what_it_did(db, roles):
    result = coach(db, "import", str(roles), "--team", "Support")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Stored 2 contracts in {db}: 2 new, 0 new versions, 0 already stored;")
    titles = {r.title: r for r in open_store(db).export_rows()}
    assert set(titles) == {"Release lead", "Support agent"}  # a heading, else the file name in words
    assert titles["Support agent"].team == "Support"
    assert titles["Support agent"].source.endswith("support_agent.txt")


def test_importing_again_adds_nothing_and_an_edited_file_becomes_a_new_version(db, roles):
    coach(db, "import", str(roles))
    assert "0 new, 0 new versions, 2 already stored" in coach(db, "import", str(roles)).stdout

    (roles / "support_agent.txt").write_text(THIN + "You may refund up to £50 without asking.\n")
    assert "0 new, 1 new version, 1 already stored" in coach(db, "import", str(roles)).stdout


def test_a_file_edited_to_the_text_of_another_file_becomes_a_new_version_of_its_own_contract(db, roles):
    coach(db, "import", str(roles))

    (roles / "support_agent.txt").write_text(OWNED)  # now word for word the release lead's text
    result = coach(db, "import", str(roles))

    assert "0 new, 1 new version, 1 already stored" in result.stdout
    rows = {Path(r.source).name: r for r in open_store(db).export_rows()}  # a file is its own contract
    assert (rows["support_agent.txt"].version, rows["support_agent.txt"].text) == (2, OWNED)
    assert (rows["release-lead.md"].version, rows["release-lead.md"].text) == (1, OWNED)


def test_csv_rows_with_the_same_text_under_different_titles_or_teams_are_different_contracts(db, tmp_path):
    table = tmp_path / "roles.csv"
    template = "You own the onboarding of new customers."
    table.write_text(f"title,team,text\nOnboarding lead,Sales,{template}\nOnboarding lead,Support,{template}\n")

    assert "2 new, 0 new versions, 0 already stored" in coach(db, "import", str(table)).stdout
    assert "0 new, 0 new versions, 2 already stored" in coach(db, "import", str(table)).stdout
    assert [r.team for r in open_store(db).export_rows()] == ["Sales", "Support"]


def test_import_reads_csv_with_title_team_and_text_columns(db, tmp_path):
    table = tmp_path / "roles.csv"
    table.write_text(
        'id,title,team,owner,text\n7,Analyst,Data,Kim,"You will help the team succeed."\n,Designer,Design,,"Own the design system."\n'
    )

    result = coach(db, "import", str(table))

    assert result.exit_code == 0, result.stderr
    rows = {r.title: r for r in open_store(db).export_rows()}
    assert (rows["Analyst"].team, rows["Analyst"].owner) == ("Data", "Kim")
    assert rows["Designer"].source == f"{table} row 3"


def test_import_reads_jsonl_objects(db, tmp_path):
    lines = tmp_path / "roles.jsonl"
    lines.write_text(json.dumps({"title": "Recruiter", "team": "People", "text": "Hire people."}) + "\n\n")
    assert coach(db, "import", str(lines)).exit_code == 0
    assert [r.team for r in open_store(db).export_rows()] == ["People"]


def test_bad_files_and_rows_are_reported_one_line_each_and_the_rest_is_stored(db, tmp_path, roles):
    (roles / "empty.md").write_text("")
    (tmp_path / "roles.csv").write_text("title,text\nAnalyst,\n")
    (tmp_path / "roles.jsonl").write_text('not json\n{"title": "no text"}\n')
    (tmp_path / "nothing.csv").write_text("name,description\nx,y\n")

    result = coach(
        db,
        "import",
        str(roles),
        *(str(tmp_path / n) for n in ("roles.csv", "roles.jsonl", "nothing.csv", "missing.md")),
    )

    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert all(line.startswith("error: ") for line in errors) and "Traceback" not in result.stderr
    assert [e.split(":")[1].strip().split("/")[-1] for e in errors] == [
        "empty.md", "roles.csv row 2", "roles.jsonl line 1", "roles.jsonl line 2", "nothing.csv", "missing.md",
    ]  # fmt: skip
    assert "no 'text' column (the header has name, description)" in result.stderr
    assert "Stored 2 contracts" in result.stdout and "6 skipped" in result.stdout
    assert len(list(open_store(db).export_rows())) == 2


def test_queue_lists_flagged_contracts_worst_first_with_filters(db, roles):
    coach(db, "import", str(roles), "--team", "Support")

    flagged = [r for r in open_store(db).export_rows() if r.flagged]
    assert "Support agent" in {r.title for r in flagged}  # no purpose, no decisions: always flagged

    text = coach(db, "queue").stdout
    assert text.startswith(f"{len(flagged)} contract{'s' if len(flagged) > 1 else ''} in the review queue")
    assert all(r.title in text for r in flagged)
    assert coach(db, "queue", "--team", "Nobody").stdout.strip() == "The review queue is empty for these filters."

    listed = json.loads(coach(db, "queue", "--format", "json").stdout)
    assert {i["title"] for i in listed} == {r.title for r in flagged}
    assert all(set(i["gaps"]) for i in listed)
    missing = json.loads(coach(db, "queue", "--element", "discretion:missing", "-f", "json").stdout)
    assert all("discretion:missing" in i["gaps"] for i in missing)


def test_queue_csv_has_a_header_and_a_row_per_item(db, roles):
    coach(db, "import", str(roles))
    rows = list(csv.DictReader(io.StringIO(coach(db, "queue", "--format", "csv", "--status", "all").stdout)))
    assert {r["title"] for r in rows} == {r.title for r in open_store(db).export_rows() if r.flagged}
    assert {"contract_id", "score", "status", "discretion", "gaps"} <= set(rows[0])


def test_queue_rejects_an_unknown_element(db, roles):
    coach(db, "import", str(roles))
    result = CliRunner().invoke(main, ["--db", str(db), "queue", "--element", "vision"])
    assert result.exit_code == 2 and "use an element (purpose, discretion, resources, accountability)" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_queue_refuses_a_page_number_beyond_any_queue_with_a_clear_message(db, roles, fmt):
    coach(db, "import", str(roles))

    result = CliRunner().invoke(main, ["--db", str(db), "queue", "--page", "9223372036854775807", "-f", fmt])

    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "'--page': 9223372036854775807 is not in the range 1<=x<=1000000" in result.stderr


def test_queue_text_says_so_when_the_page_is_past_the_end(db, roles):
    coach(db, "import", str(roles))
    result = coach(db, "queue", "--page", "5")
    assert result.exit_code == 2
    assert result.stderr == "error: page 5 is past the end: these filters give 1 page(s); use --page 1 to 1\n"


def test_queue_status_all_lists_resolved_and_dismissed_reviews_too(db, roles):
    coach(db, "import", str(roles))
    store = open_store(db)
    queued = store.queue().items[0].contract_id
    store.set_status(queued, "dismissed", author="hr@example.com")

    listed = json.loads(coach(db, "queue", "--status", "all", "-f", "json").stdout)

    assert queued in {i["contract_id"] for i in listed}
    assert queued not in {i["contract_id"] for i in json.loads(coach(db, "queue", "-f", "json").stdout)}


def test_export_csv_and_jsonl_give_every_contract(db, roles):
    coach(db, "import", str(roles))

    rows = list(csv.DictReader(io.StringIO(coach(db, "export", "--format", "csv").stdout)))
    assert [r["title"] for r in rows] == ["Release lead", "Support agent"]
    assert rows[0]["text"] == OWNED and rows[0]["flagged"] in ("yes", "no")

    objects = [json.loads(line) for line in coach(db, "export", "--format", "jsonl").stdout.splitlines()]
    assert [o["title"] for o in objects] == ["Release lead", "Support agent"]
    assert objects[0]["report"]["input_sha256"] == objects[0]["text_sha256"]
    # CSV has every field of the JSONL rows but the full report, in the same order.
    assert list(rows[0]) == [k for k in objects[0] if k != "report"]


def test_export_to_a_file(db, roles, tmp_path):
    coach(db, "import", str(roles))
    result = coach(db, "export", "-f", "jsonl", "-o", str(tmp_path / "out.jsonl"))
    assert result.stderr.strip() == f"Exported 2 contracts to {tmp_path / 'out.jsonl'}."
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_an_export_to_a_full_disk_is_one_line_and_exit_2(db, roles):
    coach(db, "import", str(roles))
    result = coach(db, "export", "-f", "jsonl", "-o", "/dev/full")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: /dev/full: cannot write the export (No space left on device); free some space and export again\n"
    )


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(db, tmp_path):
    (tmp_path / "evil.csv").write_text('title,text\n"=HYPERLINK(""http://x"")","Own the release."\n')
    coach(db, "import", str(tmp_path / "evil.csv"))
    row = next(csv.DictReader(io.StringIO(coach(db, "export", "-f", "csv").stdout)))
    assert row["title"] == '\'=HYPERLINK("http://x")'


def test_read_only_commands_do_not_create_a_database_at_a_mistyped_path(tmp_path):
    for command in (["queue"], ["export", "-f", "csv"]):
        result = coach(tmp_path / "typo.db", *command)
        assert result.exit_code == 2 and result.stderr.startswith("error: ") and "no database here yet" in result.stderr
    assert not (tmp_path / "typo.db").exists()


def test_every_storage_command_refuses_another_applications_database_in_one_line(tmp_path, roles):
    foreign = tmp_path / "suppliers.db"
    with sqlite3.connect(foreign) as conn:  # its own `contracts` table: import and queue used to crash on it
        conn.execute("CREATE TABLE contracts (id INTEGER PRIMARY KEY, supplier TEXT)")
        conn.execute("INSERT INTO contracts (supplier) VALUES ('Acme')")
    before = foreign.read_bytes()

    for command in (["queue"], ["queue", "-f", "json"], ["export", "-f", "csv"], ["import", str(roles)]):
        result = coach(foreign, *command)
        assert result.exit_code == 2, command
        assert result.stderr == f"error: {foreign}: is another application's database; pass --db with a new file\n"
    assert foreign.read_bytes() == before


def test_the_db_option_and_COACH_DB_choose_the_database(tmp_path, roles, monkeypatch):
    monkeypatch.setenv("COACH_DB", str(tmp_path / "from-env.db"))
    CliRunner().invoke(main, ["import", str(roles)], catch_exceptions=False)
    assert (tmp_path / "from-env.db").exists()
    coach(tmp_path / "from-flag.db", "import", str(roles))
    assert len(list(open_store(tmp_path / "from-flag.db").export_rows())) == 2


def test_the_real_entry_point_imports_queues_and_refuses_a_file_that_is_not_a_database(tmp_path, roles):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, text=True, timeout=60)

    db = tmp_path / "coach.db"
    imported = run("--db", str(db), "import", str(roles))
    assert imported.returncode == 0 and imported.stdout.startswith("Stored 2 contracts"), imported.stderr
    assert run("--db", str(db), "queue", "-f", "json").returncode == 0

    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database\n" * 50)
    before = notes.read_bytes()
    refused = run("--db", str(notes), "import", str(roles))
    assert refused.returncode == 2
    assert (
        refused.stderr.count("\n") == 1 and refused.stderr.startswith("error: ") and "Traceback" not in refused.stderr
    )
    assert "not a usable SQLite database" in refused.stderr and notes.read_bytes() == before


def test_every_storage_command_has_help():
    for command in ("import", "queue", "export"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and len(result.output) > 200
