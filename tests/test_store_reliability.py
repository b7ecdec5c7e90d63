"""The store under stress: concurrent writers, a killed import, threads sharing one Store.

Real processes through the real entry point (`python -m coach import`),
because that is how two HR people or a cron job and a person collide.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from store_helpers import save

from coach.store import open_store


def write_jsonl(path: Path, start: int, count: int) -> Path:
    """`count` different contracts numbered from `start` (the same number gives the same text)."""
    with path.open("w") as f:
        for i in range(start, start + count):
            text = (
                f"# Coordinator {i}\n\nYou own the onboarding of cohort {i}. "
                f"You may approve spend up to £{i % 50 + 1},000. You lead a team of {i % 9 + 2}.\n"
                f"- Keep the tracker for region {i % 17} tidy.\n- Other duties as assigned.\n"
            )
            f.write(
                json.dumps({"id": str(i), "title": f"Coordinator {i}", "team": f"Team {i % 5}", "text": text}) + "\n"
            )
    return path


def import_process(db: Path, *files: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "coach", "--db", str(db), "import", *map(str, files)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            "contracts": conn.execute("SELECT count(*) FROM contracts").fetchone()[0],
            "distinct_texts": conn.execute("SELECT count(DISTINCT text_sha256) FROM contracts").fetchone()[0],
            "versions": conn.execute("SELECT count(*) FROM contract_versions").fetchone()[0],
            "checks": conn.execute("SELECT count(*) FROM checks").fetchone()[0],
            "reports": conn.execute("SELECT count(*) FROM check_reports").fetchone()[0],
            "queued": conn.execute("SELECT count(*) FROM reviews").fetchone()[0],
            "flagged": conn.execute(
                "SELECT count(*) FROM contracts c JOIN checks k ON k.id = c.latest_check_id WHERE k.flagged"
            ).fetchone()[0],
            "unchecked": conn.execute("SELECT count(*) FROM contracts WHERE latest_check_id IS NULL").fetchone()[0],
        }


def assert_whole(found: dict[str, int], expected: int) -> None:
    """Every contract once, with one version, one check, its report, and queued exactly if flagged."""
    assert found["contracts"] == found["distinct_texts"] == expected
    assert found["versions"] == found["checks"] == found["reports"] == expected
    assert found["queued"] == found["flagged"] and found["unchecked"] == 0


@pytest.mark.slow
def test_two_processes_importing_at_once_lose_nothing_and_duplicate_nothing(tmp_path):
    db = tmp_path / "coach.db"
    open_store(db).close()  # both start on an existing database, as in real use
    shared = write_jsonl(tmp_path / "shared.jsonl", 0, 150)
    first = write_jsonl(tmp_path / "first.jsonl", 1000, 450)
    second = write_jsonl(tmp_path / "second.jsonl", 2000, 450)

    procs = [import_process(db, first, shared), import_process(db, second, shared)]
    results = [p.communicate(timeout=120) for p in procs]

    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert err.strip() == "" and out.startswith("Stored ")
    assert_whole(counts(db), 150 + 450 + 450)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_an_import_stopped_midway_leaves_a_sound_database_and_running_it_again_completes_it(tmp_path, stop):
    db = tmp_path / "coach.db"
    total = 4000
    big = write_jsonl(tmp_path / "big.jsonl", 0, total)
    open_store(db).close()

    proc = import_process(db, big)
    deadline = time.monotonic() + 60
    while counts(db)["contracts"] < 400:  # at least two batches committed
        assert proc.poll() is None, "the import finished before it could be killed; make the file larger"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(proc.pid, stop)
    _, err = proc.communicate(timeout=30)
    if stop == signal.SIGINT:  # Ctrl-C: the open batch is rolled back and the user told how to finish
        assert proc.returncode == 130 and "Traceback" not in err
        assert err.strip() == "interrupted: what was stored so far is kept; run the same import again to finish it"

    partial = counts(db)
    assert 400 <= partial["contracts"] < total
    assert_whole(partial, partial["contracts"])  # whole batches only: no half-stored contract
    store = open_store(db)  # opens cleanly: no error, nothing to repair
    assert store.migrations_applied == []

    again = subprocess.run(
        [sys.executable, "-m", "coach", "--db", str(db), "import", str(big)],
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert again.returncode == 0, again.stderr
    assert f"{partial['contracts']:,} already stored" in again.stdout
    assert_whole(counts(db), total)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_threads_sharing_one_store_each_get_a_connection_and_every_save_lands(tmp_path):
    store = open_store(tmp_path / "coach.db")
    failures: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(40):
                save(store, f"Role {n}-{i}", f"Text {n}-{i}.", {"discretion": "missing"})
                store.queue(page_size=5)
        except BaseException as e:
            failures.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert failures == []
    assert store.queue(page_size=1).total == 160


# --- a full disk ------------------------------------------------------------------------


def no_room_to_grow(monkeypatch) -> None:
    """Every connection opened from now on may not grow the file: the disk is, in effect, full."""
    from coach.store import db as dbmod

    real_connect = dbmod.connect

    def connect(location: str, **kwargs):
        db = real_connect(location, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(dbmod, "connect", connect)


def test_a_full_disk_is_one_clear_error_and_what_was_saved_stays(tmp_path, monkeypatch):
    from coach.errors import StoreError

    path = tmp_path / "coach.db"
    with open_store(path) as store:
        kept = save(store, "Analyst", "Own the numbers.", {"discretion": "missing"})
    no_room_to_grow(monkeypatch)

    with open_store(path) as store, pytest.raises(StoreError) as caught:
        save(store, "Archivist", "Keep every record. " * 5_000)

    message = str(caught.value)
    assert message.startswith(f"{path}: the disk is full") and "\n" not in message
    assert "saved before it is intact" in message
    monkeypatch.undo()
    with open_store(path) as store:
        assert [c.title for c in store.recent_contracts()] == ["Analyst"]
        assert store.queue().items[0].contract_id == kept.contract_id
        assert store._db().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_import_onto_a_full_disk_stops_with_one_line_and_exit_2(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from coach.cli import main

    db = tmp_path / "coach.db"
    first = write_jsonl(tmp_path / "first.jsonl", 0, 3)
    assert CliRunner().invoke(main, ["--db", str(db), "import", str(first)]).exit_code == 0
    no_room_to_grow(monkeypatch)

    result = CliRunner().invoke(main, ["--db", str(db), "import", str(write_jsonl(tmp_path / "more.jsonl", 100, 400))])

    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {db}: the disk is full") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert_whole(counts(db), 3)  # the first import, whole; nothing half-stored from the second
