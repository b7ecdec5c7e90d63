"""Opening the database: where it lives, how each connection is set up, migrations.

Why it is shaped this way:

- **One connection per thread.** A sqlite3 connection shared across threads
  corrupts transactions (STACK-NOTES); Streamlit runs every rerun on a new
  thread. So a `Store` hands each thread its own connection, opened lazily.
- **WAL, a busy timeout, foreign keys on.** WAL lets readers (the UI) work
  while an import writes; the busy timeout makes a second writer wait
  instead of failing; foreign keys are off by default in SQLite and must be
  switched on per connection.
- **Writes take the lock up front** (`BEGIN IMMEDIATE`): a deferred
  transaction that reads and then writes can fail with "database is locked"
  without waiting, when another process wrote in between.
- **Named migrations recorded in a table**, applied on open (sqlite-utils'
  `Migrations`): an older database opens and keeps its data. When nothing is
  pending, opening is one small read.
- **Never overwrite what is not ours.** A file that is not an SQLite
  database, or is damaged, is reported as a `StoreError` naming the file;
  nothing is written to it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coach.errors import StoreError

APP_DIR = "empowerment-coach"
DB_NAME = "coach.db"
BUSY_TIMEOUT_S = 30.0
MMAP_BYTES = 256 * 1024 * 1024
CACHE_KIB = 32 * 1024
# Tables an HR-side connection may never touch (see `guard_private`).
PRIVATE_TABLES = frozenset({"reflections"})


def default_path() -> Path:
    """COACH_DB, else a per-user data file (XDG_DATA_HOME, ~/.local/share, %LOCALAPPDATA%)."""
    if env := os.environ.get("COACH_DB"):
        return Path(env).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif xdg := os.environ.get("XDG_DATA_HOME"):
        base = Path(xdg)
    else:
        base = Path.home() / ".local" / "share"
    return base / APP_DIR / DB_NAME


def now() -> str:
    """UTC time as ISO 8601 with milliseconds: sorts as text, parses as datetime."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# --- connections -------------------------------------------------------------

_UNUSABLE = ("file is not a database", "database disk image is malformed", "file is encrypted")


def describe(path: str, e: sqlite3.Error) -> StoreError:
    """A one-line, actionable StoreError for a low-level SQLite failure."""
    msg = str(e)
    if any(s in msg for s in _UNUSABLE):
        return StoreError(
            f"{path}: is not a usable SQLite database ({msg}); it was left untouched — "
            "move it aside or point --db / COACH_DB at another file"
        )
    if "locked" in msg or "busy" in msg:
        return StoreError(
            f"{path}: the database stayed locked for {BUSY_TIMEOUT_S:.0f} s (another coach process is writing); try again"
        )
    if "readonly" in msg or "unable to open" in msg:
        return StoreError(f"{path}: cannot write the database ({msg}); check the file and folder permissions")
    return StoreError(f"{path}: database error ({msg})")


@contextlib.contextmanager
def translated(path: str) -> Iterator[None]:
    """Turn sqlite3 errors about the file itself into StoreError; let bugs through."""
    try:
        yield
    except sqlite3.OperationalError as e:
        if any(s in str(e) for s in ("locked", "busy", "readonly", "unable to open", "disk I/O")):
            raise describe(path, e) from None
        raise
    except sqlite3.DatabaseError as e:
        if type(e) is sqlite3.DatabaseError:  # not Integrity/Programming errors: those are bugs
            raise describe(path, e) from None
        raise


def connect(location: str) -> Database:
    """A configured connection to `location` (a file path, or a shared in-memory URI)."""
    memory = location.startswith("file:") and "mode=memory" in location
    try:
        conn = sqlite3.connect(
            location, timeout=BUSY_TIMEOUT_S, uri=memory, isolation_level=None, check_same_thread=True
        )
    except sqlite3.Error as e:
        raise describe(location, e) from None
    with translated(location):
        # The first read fails on a file that is not SQLite, before anything is written.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not memory:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")  # persists in the file
            # Safe with WAL: a killed process loses nothing committed; only a power cut
            # can roll back the last transactions, never corrupt the file.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return Database(conn, execute_plugins=False)


def guard_private(db: Database) -> None:
    """Make this connection unable to read or write private tables (reflections).

    Every HR-side query runs on a guarded connection, so no query written
    there — today or later — can return a reflection: SQLite itself refuses
    with "not authorized". Owner-scoped journal code uses its own connection.
    """

    def authorizer(action: int, arg1: str | None, arg2: str | None, dbname: str | None, source: str | None) -> int:
        if arg1 in PRIVATE_TABLES or (action == sqlite3.SQLITE_READ and arg1 and arg1.startswith("reflections")):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    db.conn.set_authorizer(authorizer)


@contextlib.contextmanager
def write(db: Database) -> Iterator[Database]:
    """One write transaction, taking the write lock first (BEGIN IMMEDIATE).

    Waits up to the busy timeout for another writer. Nested use joins the
    outer transaction.
    """
    if db.conn.in_transaction:
        yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


# --- migrations ----------------------------------------------------------------

migrations = Migrations("empowerment-coach")


@migrations(name="m001_contracts")
def m001_contracts(db: Database) -> None:
    """Contracts, their versions and the checks of each version.

    `contracts` carries the latest text (what search and the UI show) and a
    pointer to the latest check, so queue queries join by primary key.
    Grades are columns for fast filtering; the full Report is kept as JSON.
    """
    grade = "TEXT NOT NULL CHECK ({col} IN ('specified', 'vague', 'missing'))"
    db.executescript(
        f"""
        CREATE TABLE contracts (
            id INTEGER PRIMARY KEY,
            key TEXT UNIQUE,               -- identity for re-imports (a file path, a CSV id); NULL when pasted
            title TEXT NOT NULL,
            team TEXT,
            owner TEXT,                    -- the role holder's owner/manager
            source TEXT NOT NULL,          -- 'pasted', a file name, 'roles.csv' ...
            text TEXT NOT NULL,            -- the latest version's text
            text_sha256 TEXT NOT NULL,
            version INTEGER NOT NULL,      -- the latest version number
            latest_check_id INTEGER REFERENCES checks(id),
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE INDEX contracts_team ON contracts(team);
        CREATE INDEX contracts_sha ON contracts(text_sha256);
        CREATE INDEX contracts_latest_check ON contracts(latest_check_id);

        CREATE TABLE contract_versions (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contracts(id),
            version INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            source TEXT NOT NULL,
            created TEXT NOT NULL,
            UNIQUE (contract_id, version)
        );
        CREATE INDEX contract_versions_sha ON contract_versions(text_sha256);

        CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES contract_versions(id),
            contract_id INTEGER NOT NULL REFERENCES contracts(id),
            checked TEXT NOT NULL,
            ruleset_name TEXT NOT NULL,
            ruleset_version TEXT NOT NULL,
            purpose {grade.format(col="purpose")},
            discretion {grade.format(col="discretion")},
            resources {grade.format(col="resources")},
            accountability {grade.format(col="accountability")},
            line_of_sight INTEGER NOT NULL,
            score INTEGER NOT NULL,
            flagged INTEGER NOT NULL,
            report_json TEXT NOT NULL
        );
        CREATE INDEX checks_version ON checks(version_id);
        CREATE INDEX checks_contract ON checks(contract_id);
        """
    )


@migrations(name="m002_review_queue")
def m002_review_queue(db: Database) -> None:
    """The HR review queue and its append-only history of notes and changes.

    Triggers refuse UPDATE and DELETE on `review_events`, so the history is
    append-only in the database itself, not only by convention. Contracts
    already flagged when this migration runs are queued.
    """
    db.executescript(
        """
        CREATE TABLE reviews (
            contract_id INTEGER PRIMARY KEY REFERENCES contracts(id),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'in_review', 'resolved', 'dismissed')),
            assignee TEXT,
            queued TEXT NOT NULL,          -- when it last entered the queue ("age" sorts on this)
            updated TEXT NOT NULL
        );
        CREATE INDEX reviews_status ON reviews(status, queued);

        CREATE TABLE review_events (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES reviews(contract_id),
            time TEXT NOT NULL,
            author TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('queued', 'note', 'status', 'assign')),
            body TEXT NOT NULL DEFAULT '',
            status TEXT,                   -- the status after this event
            assignee TEXT                  -- the assignee after this event
        );
        CREATE INDEX review_events_contract ON review_events(contract_id, id);
        CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
            BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
        CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
            BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;

        INSERT INTO reviews (contract_id, status, queued, updated)
            SELECT c.id, 'open', k.checked, k.checked
            FROM contracts c JOIN checks k ON k.id = c.latest_check_id
            WHERE k.flagged;
        INSERT INTO review_events (contract_id, time, author, kind, body, status)
            SELECT contract_id, queued, 'coach', 'queued', 'flagged before the review queue existed', 'open'
            FROM reviews;
        """
    )


@migrations(name="m003_reflections")
def m003_reflections(db: Database) -> None:
    """Private reflections: an employee's answers to coaching questions.

    Only owner-scoped code reads this table; HR-side connections are denied
    it by an authorizer (`guard_private`).
    """
    db.executescript(
        """
        CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            meta_skill TEXT NOT NULL,
            question TEXT NOT NULL,
            provenance TEXT NOT NULL,      -- where the question came from: 'bank:<id>', 'llm:<model>', 'own'
            gap TEXT,                      -- the contract gap it spoke to, e.g. 'discretion:missing'
            answer TEXT NOT NULL,
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            created TEXT NOT NULL
        );
        CREATE INDEX reflections_owner ON reflections(owner, created);
        """
    )


@migrations(name="m004_llm_cache")
def m004_llm_cache(db: Database) -> None:
    """Validated LLM replies keyed by a hash of model + messages + schema."""
    db.executescript(
        """
        CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            reply TEXT NOT NULL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost REAL,
            created TEXT NOT NULL
        );
        """
    )


@migrations(name="m005_search")
def m005_search(db: Database) -> None:
    """Full-text search (FTS5, Porter stemming) over contract titles and latest texts.

    sqlite-utils creates the index from the rows already there and the
    triggers that keep it in step with `contracts`.
    """
    db["contracts"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


@migrations(name="m006_lean_checks_and_queue")
def m006_lean_checks_and_queue(db: Database) -> None:
    """The full Report moves to its own table; the queue carries what it filters and sorts on.

    Measured at 20,000 generated contracts (benchmarks/bench_store.py): a
    4 KB Report in every `checks` row made each grade lookup read a page of
    its own, and the queue's joins through wide contract rows put its first
    page on course for ~200 ms at 100,000. Now `checks` is narrow, and each
    `reviews` row keeps a copy of its contract's team and latest grades and
    score, refreshed from the source in one statement (`queue.refresh_queue_row`).
    """
    db.execute(
        """CREATE TABLE check_reports (
               check_id INTEGER PRIMARY KEY REFERENCES checks(id),
               report_json TEXT NOT NULL
           )"""
    )
    db.execute("INSERT INTO check_reports (check_id, report_json) SELECT id, report_json FROM checks")
    db["checks"].transform(drop={"report_json"})
    for column, kind in QUEUE_COPY:
        db.execute(f"ALTER TABLE reviews ADD COLUMN {column} {kind}")
    db.execute(REFRESH_QUEUE_ROWS + " WHERE 1")
    db.execute("CREATE INDEX reviews_status_score ON reviews(status, score)")
    db.execute("CREATE INDEX reviews_team ON reviews(team, status)")
    db.execute("CREATE INDEX contracts_team_check ON contracts(team, latest_check_id)")
    db.execute("DROP INDEX contracts_team")  # the new index starts with team too


@migrations(name="m007_queue_order_and_search_triggers")
def m007_queue_order_and_search_triggers(db: Database) -> None:
    """Queue pages read straight from an index; the search index is touched only when words change.

    Measured at 100,000 generated contracts: the default queue (open and
    in review, worst score first) sorted 81,000 rows for every page (42 ms);
    an `active` column (generated from the status) and indexes in the
    queue's sort orders make the first page ~0.1 ms. sqlite-utils' FTS
    trigger re-indexed a contract's text on *any* update (including
    pointing it at its new check), doubling the cost of each save; it now
    fires only when the title or text changes.
    """
    db.execute(
        "ALTER TABLE reviews ADD COLUMN active INTEGER GENERATED ALWAYS AS (status IN ('open', 'in_review')) VIRTUAL"
    )
    db.execute("CREATE INDEX reviews_active_score ON reviews(active, score, queued)")
    db.execute("CREATE INDEX reviews_active_age ON reviews(active, queued)")
    db.execute("CREATE INDEX reviews_status_score_age ON reviews(status, score, queued)")
    db.execute("DROP INDEX reviews_status_score")  # the new one covers it and the sort
    db.execute("CREATE INDEX reviews_team_score ON reviews(team, active, score, queued)")
    db.execute("DROP INDEX reviews_team")  # (team, status): the new one serves a team's queue in order
    db.execute('DROP TRIGGER "contracts_au"')
    db.execute(
        """CREATE TRIGGER "contracts_au" AFTER UPDATE OF "title", "text" ON "contracts" BEGIN
             INSERT INTO "contracts_fts" ("contracts_fts", rowid, "title", "text")
                 VALUES ('delete', old.rowid, old."title", old."text");
             INSERT INTO "contracts_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
           END"""
    )


# What each reviews row copies from its contract and latest check (m006).
QUEUE_COPY = (
    ("team", "TEXT"),
    ("score", "INTEGER"),
    ("purpose", "TEXT"),
    ("discretion", "TEXT"),
    ("resources", "TEXT"),
    ("accountability", "TEXT"),
    ("line_of_sight", "INTEGER"),
)
REFRESH_QUEUE_ROWS = f"""UPDATE reviews SET ({", ".join(c for c, _ in QUEUE_COPY)}) = (
    SELECT c.team, {", ".join("k." + c for c, _ in QUEUE_COPY[1:])}
    FROM contracts c JOIN checks k ON k.id = c.latest_check_id WHERE c.id = reviews.contract_id
)"""


def migrate(db: Database, location: str) -> list[str]:
    """Apply pending migrations; return their names. A no-op read when up to date."""
    with translated(location):
        if not migrations.pending(db):
            return []
        # Two processes may open a new database at once: take the write lock,
        # then look again, so each migration runs exactly once, all or nothing.
        with write(db):
            pending = [m.name for m in migrations.pending(db)]
            migrations.apply(db)
    return pending


def applied(db: Database) -> list[str]:
    """Names of the migrations recorded in this database, in order."""
    return [m.name for m in migrations.applied(db)]
