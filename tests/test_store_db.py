"""Opening the database: where it lives, how it is set up, and what it refuses to touch."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from store_helpers import save

from coach.errors import StoreError
from coach.store import default_path, open_store
from coach.store.db import APPLICATION_ID
from coach.store.migrations import migrations


def test_the_default_database_is_a_per_user_data_file(monkeypatch, tmp_path):
    monkeypatch.delenv("COACH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "empowerment-coach" / "coach.db"

    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".local" / "share" / "empowerment-coach" / "coach.db"


def test_COACH_DB_overrides_the_default_and_the_folder_is_created(monkeypatch, tmp_path):
    target = tmp_path / "nested" / "here.db"
    monkeypatch.setenv("COACH_DB", str(target))
    store = open_store()
    assert store.path == target
    assert target.exists()


def test_a_new_database_has_every_migration_and_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    store = open_store(tmp_path / "coach.db")
    assert store.migrations_applied == [m.name for m in migrations.pending(_empty())]
    conn = store._db().conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_opening_again_applies_nothing_and_is_cheap(tmp_path):
    open_store(tmp_path / "coach.db")
    started = time.perf_counter()
    again = open_store(tmp_path / "coach.db")
    elapsed = time.perf_counter() - started
    assert again.migrations_applied == []
    assert elapsed < 0.05, "the UI opens a Store on every rerun; opening must stay in milliseconds"


def test_each_thread_gets_its_own_connection(tmp_path):
    store = open_store(tmp_path / "coach.db")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(store._db()))
    thread.start()
    thread.join()
    assert seen[0] is not store._db()


def test_a_file_that_is_not_sqlite_is_reported_and_never_overwritten(tmp_path):
    path = tmp_path / "notes.db"
    original = b"These are my meeting notes, not a database.\n" * 200
    path.write_bytes(original)

    with pytest.raises(StoreError) as caught:
        open_store(path)

    message = str(caught.value)
    assert str(path) in message and "not a usable SQLite database" in message and "\n" not in message
    assert path.read_bytes() == original
    assert not Path(f"{path}-wal").exists()


def test_a_damaged_sqlite_file_is_reported_and_left_as_it_was(tmp_path):
    path = tmp_path / "coach.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:  # fold the WAL back so the file holds everything
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page after the header
    path.write_bytes(bytes(data))

    with pytest.raises(StoreError, match="not a usable SQLite database"):
        open_store(path)
    assert path.read_bytes() == bytes(data)


def test_a_folder_at_the_database_path_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_read_only_commands_can_refuse_to_create_a_missing_database(tmp_path):
    with pytest.raises(StoreError, match="no database here yet"):
        open_store(tmp_path / "typo.db", create=False)
    assert not (tmp_path / "typo.db").exists()


def test_an_in_memory_store_is_shared_by_its_threads_and_private_to_it():
    first, second = open_store(":memory:"), open_store(":memory:")
    first.llm_cache_put("k", "m", "reply", None, None, None)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(first.llm_cache_get("k")))
    thread.start()
    thread.join()
    assert seen[0] is not None and seen[0].reply == "reply"
    assert second.llm_cache_get("k") is None


def _empty():
    from sqlite_utils import Database

    return Database(memory=True)


def test_the_package_exports_each_name_from_one_list_and_type_checkers_see_the_same_names():
    import ast
    import importlib

    import coach.store as package

    tree = ast.parse(Path(package.__file__).read_text())
    (block,) = [n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"]
    for_type_checkers = {
        alias.name: node.module.removeprefix("coach.store.")
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    for_runtime = {name: module for module, names in package.EXPORTS.items() for name in names}

    assert for_type_checkers == for_runtime
    assert package.__all__ == sorted(for_runtime)
    for name, module in for_runtime.items():
        assert getattr(package, name) is getattr(importlib.import_module(f"coach.store.{module}"), name)


# --- who else may read the file ------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="Windows keeps access in ACLs, not file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    """The umask most systems start with (022), which would make new files world-readable."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@posix_only
def test_a_new_database_and_its_data_folder_are_private_to_the_user(monkeypatch, tmp_path, usual_umask):
    monkeypatch.delenv("COACH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    store = open_store()
    store.add_reflection("ana@example.com", "learning", "What did you learn?", "Something private.")

    assert store.path == tmp_path / "data" / "empowerment-coach" / "coach.db"
    assert mode(tmp_path / "data") == mode(tmp_path / "data" / "empowerment-coach") == 0o700
    wal, shm = Path(f"{store.path}-wal"), Path(f"{store.path}-shm")
    assert wal.exists() and shm.exists()
    assert (mode(store.path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)


@posix_only
def test_the_wal_files_sqlite_makes_again_later_are_private_too(tmp_path, usual_umask):
    path = tmp_path / "coach.db"
    open_store(path).close()
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    assert not wal.exists() and not shm.exists()  # the last connection folded them back and removed them

    store = open_store(path)
    save(store, "Analyst", "Own the numbers.")

    assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)


@posix_only
def test_an_existing_folder_or_database_keeps_the_mode_its_owner_gave_it(tmp_path, usual_umask):
    shared = tmp_path / "team"
    shared.mkdir(mode=0o750)
    os.chmod(shared, 0o750)
    open_store(shared / "team.db").close()
    os.chmod(shared / "team.db", 0o640)  # shared with a group on purpose

    open_store(shared / "team.db").close()

    assert (mode(shared), mode(shared / "team.db")) == (0o750, 0o640)


# --- other applications' databases ------------------------------------------------------


def another_apps_database(path: Path) -> bytes:
    """An SQLite file some other program keeps, with a `contracts` table of its own."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contracts (id INTEGER PRIMARY KEY, supplier TEXT, value REAL)")
        conn.execute("INSERT INTO contracts (supplier, value) VALUES ('Acme', 1200.0)")
    return path.read_bytes()


def test_another_applications_database_is_refused_and_left_exactly_as_it_was(tmp_path):
    path = tmp_path / "suppliers.db"
    original = another_apps_database(path)

    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            open_store(path, create=create)
        assert str(caught.value) == f"{path}: is another application's database; pass --db with a new file"

    assert path.read_bytes() == original  # no tables added, still in its own journal mode
    assert not Path(f"{path}-wal").exists()


def test_a_database_another_tool_migrates_with_sqlite_utils_is_not_taken_for_ours(tmp_path):
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    path = tmp_path / "other.db"
    theirs = Migrations("some-other-app")
    theirs(name="m001_things")(lambda db: db.execute("CREATE TABLE things (x)"))
    theirs.apply(Database(path))

    with pytest.raises(StoreError, match="another application's database"):
        open_store(path)


def test_an_empty_sqlite_file_is_taken_as_a_new_database_and_marked_as_coachs(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()  # a zero-byte file, as `sqlite3 empty.db` leaves

    store = open_store(path, create=False)

    assert store.migrations_applied == [m.name for m in migrations._migrations]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    open_store(path).close()  # and it is recognised as coach's from then on
