"""Opening the database: how each connection is set up, its errors, and write transactions.

Where the file lives and who may read it: `coach.store.files`.

Why it is shaped this way:

- **One connection per thread.** A sqlite3 connection is one transaction
  state: two threads writing through it interleave their statements, so one
  thread's COMMIT (or ROLLBACK) ends the other's transaction half way, and
  Python's sqlite3 refuses cross-thread use outright unless told not to
  check. Streamlit runs every rerun on a new thread. So a `Store` hands each
  thread its own connection, opened lazily.
- **WAL, a busy timeout, foreign keys on.** WAL lets readers (the UI) work
  while an import writes; the busy timeout makes a second writer wait
  instead of failing; foreign keys are off by default in SQLite and must be
  switched on per connection.
- **Writes take the lock up front** (`BEGIN IMMEDIATE`): a deferred
  transaction that reads and then writes can fail with "database is locked"
  without waiting, when another process wrote in between.
- **Named migrations recorded in a table**, applied on open: see
  `coach.store.migrations`.
- **Never touch what is not ours.** A file that is not an SQLite
  database, or is damaged, is reported as a `StoreError` naming the file;
  so is another application's SQLite database (`ensure_ours`). Nothing is
  written to either, not even the switch to WAL.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlite_utils import Database

from coach.errors import StoreError

BUSY_TIMEOUT_S = 30.0
MMAP_BYTES = 256 * 1024 * 1024
CACHE_KIB = 32 * 1024
# How a coach database says it is one: `PRAGMA application_id` (set by
# migrations.m008_application_id; the same number is written out there) and,
# in databases from before it, the name of coach's migration set.
APPLICATION_ID = 0x436F6163  # "Coac"
MIGRATION_SET = "empowerment-coach"


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
    if _is_full(e):
        return StoreError(
            f"{path}: the disk is full ({msg}); nothing from this last step was stored and everything saved "
            "before it is intact — free some space and run it again"
        )
    return StoreError(f"{path}: database error ({msg})")


def _is_full(e: sqlite3.Error) -> bool:
    """SQLITE_FULL: the disk, or the database's page limit, has no room for what is being written."""
    return getattr(e, "sqlite_errorname", "") == "SQLITE_FULL" or "database or disk is full" in str(e)


@contextlib.contextmanager
def translated(path: str) -> Iterator[None]:
    """Turn sqlite3 errors about the file itself into StoreError; let bugs through."""
    try:
        yield
    except sqlite3.OperationalError as e:
        if _is_full(e) or any(s in str(e) for s in ("locked", "busy", "readonly", "unable to open", "disk I/O")):
            raise describe(path, e) from None
        raise
    except sqlite3.DatabaseError as e:
        if type(e) is sqlite3.DatabaseError:  # not Integrity/Programming errors: those are bugs
            raise describe(path, e) from None
        raise


def connect(location: str, *, claim: bool = False) -> Database:
    """A configured connection to `location` (a file path, or a shared in-memory URI).

    With `claim`, the database must be coach's own or empty (`ensure_ours`),
    checked before anything is written: the first connection a Store opens
    claims, the later ones know the answer.
    """
    memory = location.startswith("file:") and "mode=memory" in location
    try:
        conn = sqlite3.connect(
            location, timeout=BUSY_TIMEOUT_S, uri=memory, isolation_level=None, check_same_thread=True
        )
    except sqlite3.Error as e:
        raise describe(location, e) from None
    with translated(location), _closed_on_error(conn):
        # The first read fails on a file that is not SQLite, before anything is written.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if claim:
            ensure_ours(conn, location)
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


def ensure_ours(conn: sqlite3.Connection, location: str) -> None:
    """Refuse, before touching it, a database that another application made.

    Ours: it carries coach's application id, or (made before coach set one)
    its migrations table lists coach's migrations. Empty: a new database,
    ours to set up. Anything else belongs to someone else, and migrating it
    would add coach's tables to it and switch it to WAL.
    """
    application = conn.execute("PRAGMA application_id").fetchone()[0]
    if application == APPLICATION_ID:
        return
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not tables and application == 0:
        return
    if "_sqlite_migrations" in tables:
        try:
            ours = conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1", [MIGRATION_SET]
            ).fetchone()
        except sqlite3.OperationalError:  # another tool's table of that name, shaped differently
            ours = None
        if ours:
            return
    raise StoreError(f"{location}: is another application's database; pass --db with a new file")


@contextlib.contextmanager
def _closed_on_error(conn: sqlite3.Connection) -> Iterator[None]:
    try:
        yield
    except BaseException:
        conn.close()
        raise


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
