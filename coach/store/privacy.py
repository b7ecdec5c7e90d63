"""The wall around private tables: HR-side connections cannot touch reflections.

Every HR-side query (queue, search, counts, export, history) runs on a
connection guarded here, so no HR function, including ones written later,
can return a reflection: SQLite itself refuses the statement. Only the
owner-scoped journal (`coach.store.reflections`) uses an unguarded
connection.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

# Tables an HR-side connection may never touch.
PRIVATE_TABLES = frozenset({"reflections"})


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
