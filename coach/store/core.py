"""The connection keeper every part of the store builds on.

A `StoreCore` knows where the database is and hands each thread its own
connection (`_db()`), opened on first use in that thread. HR-side
connections are guarded so they cannot read private tables; the journal
asks for an unguarded one (`_private_db()`). Opening a `Store` applies
pending migrations once; opening it again is a cheap no-op.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from coach.store import db as dbmod
from coach.store import files, migrations
from coach.store.privacy import guard_private

MEMORY = ":memory:"


class StoreCore:
    """Where the database is, and one connection per thread to it."""

    def __init__(self, path: Path | str | None = None, *, create: bool = True) -> None:
        location = str(path) if path is not None else str(files.default_path())
        self._memory_keeper: Database | None = None
        created = False
        if location == MEMORY:
            # A named shared-cache memory database, so every thread sees the same data;
            # it lives as long as this Store keeps one connection open.
            self.path: Path | None = None
            self.location = f"file:coach-{uuid.uuid4().hex}?mode=memory&cache=shared"
            self.label = MEMORY
        else:
            self.path = Path(location).expanduser()
            self.location = str(self.path)
            self.label = str(self.path)
            created = files.prepare(self.path, create=create)
        self._local = threading.local()
        opener = dbmod.connect(self.location, claim=self.path is not None)
        if self.path is None:
            self._memory_keeper = opener
        self.migrations_applied = migrations.migrate(opener, self.label)
        if self.path is not None:
            if created:
                files.make_companions_private(self.path)
            opener.close()

    # --- connections ---------------------------------------------------------

    def _db(self) -> Database:
        """This thread's guarded connection: everything except the private journal."""
        conn = getattr(self._local, "hr", None)
        if conn is None:
            conn = dbmod.connect(self.location)
            guard_private(conn)
            self._local.hr = conn
        return conn

    def _private_db(self) -> Database:
        """This thread's unguarded connection, for owner-scoped journal code only."""
        conn = getattr(self._local, "private", None)
        if conn is None:
            conn = dbmod.connect(self.location)
            self._local.private = conn
        return conn

    def _author_db(self) -> Database:
        """This thread's connection for an idea author's own view: idea authors, but never reflections."""
        conn = getattr(self._local, "author", None)
        if conn is None:
            conn = dbmod.connect(self.location)
            guard_private(conn, allow=frozenset({"idea_authors"}))
            self._local.author = conn
        return conn

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Report low-level failures about the file as StoreError naming it."""
        with dbmod.translated(self.label):
            yield

    def close(self) -> None:
        """Close this thread's connections (other threads' are closed when they are collected)."""
        for name in ("hr", "private", "author"):
            conn = getattr(self._local, name, None)
            if conn is not None:
                conn.close()
                setattr(self._local, name, None)
        if self._memory_keeper is not None:
            self._memory_keeper.close()
            self._memory_keeper = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.label}>"

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this database has, in the order they ran."""
        with self._errors():
            return migrations.applied(self._db())
