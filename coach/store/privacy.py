"""The wall around private tables: HR-side connections cannot touch reflections or idea authors.

Every HR-side query (queue, search, counts, export, history) runs on a
connection guarded here, so no HR function, including ones written later,
can return a reflection: SQLite itself refuses the statement ("not
authorized"). Only the owner-scoped journal (`coach.store.reflections`)
uses an unguarded connection.

SQLite's authorizer is asked about every action a statement will take,
with up to two arguments whose meaning depends on the action: for a read
the first is the table, but for ALTER TABLE it is the database name and
for CREATE TRIGGER the trigger's name, the table coming second. Checking
only the first argument let `ALTER TABLE reflections RENAME TO x` through
(then `SELECT answer FROM x`), and a trigger `ON reflections` that copies
each new answer into another table. So the guard works in two layers:

1. **No schema changes at all** on this connection: no CREATE, DROP or
   ALTER of tables, indexes, triggers or views (temporary ones included),
   no virtual tables, no ATTACH or DETACH, no writable schema. Changing the
   schema is the migrations' job, and they run on their own connection
   before any guarded one exists.
2. **No action on a private table**, looking at the argument that names
   the table for each kind of action (`_TABLE_ARGUMENT`). A read through a
   view or a trigger is reported as a read of the underlying table, so an
   old view cannot launder one either.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

# Tables an HR-side connection may never touch. Names starting with one of
# these and "_" (an index's or a full-text index's shadow tables) count too.
# Commitments, check-ins and shared copies are a person's journal too (issue13 migration);
# `idea_authors` names who wrote each idea, anonymous ones included: only the
# author's own view reads it (`coach.store.challenging`).
PRIVATE_TABLES = frozenset({"reflections", "commitments", "checkins", "shared_entries", "idea_authors"})

_SCHEMA_CHANGES = frozenset(
    {
        sqlite3.SQLITE_CREATE_INDEX,
        sqlite3.SQLITE_CREATE_TABLE,
        sqlite3.SQLITE_CREATE_TEMP_INDEX,
        sqlite3.SQLITE_CREATE_TEMP_TABLE,
        sqlite3.SQLITE_CREATE_TEMP_TRIGGER,
        sqlite3.SQLITE_CREATE_TEMP_VIEW,
        sqlite3.SQLITE_CREATE_TRIGGER,
        sqlite3.SQLITE_CREATE_VIEW,
        sqlite3.SQLITE_CREATE_VTABLE,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_DROP_TABLE,
        sqlite3.SQLITE_DROP_TEMP_INDEX,
        sqlite3.SQLITE_DROP_TEMP_TABLE,
        sqlite3.SQLITE_DROP_TEMP_TRIGGER,
        sqlite3.SQLITE_DROP_TEMP_VIEW,
        sqlite3.SQLITE_DROP_TRIGGER,
        sqlite3.SQLITE_DROP_VIEW,
        sqlite3.SQLITE_DROP_VTABLE,
        sqlite3.SQLITE_ALTER_TABLE,
        sqlite3.SQLITE_ATTACH,
        sqlite3.SQLITE_DETACH,
        sqlite3.SQLITE_REINDEX,
    }
)
# For actions on one table's rows: which argument (1 or 2) names the table.
_TABLE_ARGUMENT = {
    sqlite3.SQLITE_READ: 1,
    sqlite3.SQLITE_INSERT: 1,
    sqlite3.SQLITE_UPDATE: 1,
    sqlite3.SQLITE_DELETE: 1,
    sqlite3.SQLITE_ANALYZE: 1,
}
# SQLite's raw page reader (when compiled in): reading pages would go round every rule here.
_RAW_PAGES = "sqlite_dbpage"
# Turning this on lets UPDATE sqlite_master rewrite the schema behind the rules above;
# while it is off, SQLite itself refuses to edit sqlite_master.
_DENIED_PRAGMAS = frozenset({"writable_schema"})


def is_private(table: str | None, private: frozenset[str] = PRIVATE_TABLES) -> bool:
    """Whether `table` is one of the `private` tables or one of their shadow tables."""
    if not table:
        return False
    name = table.casefold()
    return any(name == t or name.startswith(f"{t}_") for t in private)


def authorize(
    action: int,
    arg1: str | None,
    arg2: str | None,
    dbname: str | None,
    source: str | None,
    private: frozenset[str] = PRIVATE_TABLES,
) -> int:
    """The HR-side authorizer: SQLITE_DENY for any schema change or any touch of a private table."""
    if action in _SCHEMA_CHANGES:
        return sqlite3.SQLITE_DENY
    if action in _TABLE_ARGUMENT:
        table = arg1 if _TABLE_ARGUMENT[action] == 1 else arg2
        if is_private(table, private) or (table or "").casefold() == _RAW_PAGES:
            return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").casefold() in _DENIED_PRAGMAS and arg2 is not None:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def guard_private(db: Database, allow: frozenset[str] = frozenset()) -> None:
    """Make this connection unable to change the schema or touch private tables.

    `allow` opens one private table to a connection that needs it and no
    other: the idea authors' own view reads `idea_authors` on a connection
    that still cannot reach reflections.
    """
    private = PRIVATE_TABLES - allow
    db.conn.set_authorizer(lambda action, a1, a2, name, source: authorize(action, a1, a2, name, source, private))
