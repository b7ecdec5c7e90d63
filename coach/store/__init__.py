"""Storage in SQLite (sqlite-utils): the only place in coach with SQL.

    >>> from coach.store import open_store
    >>> store = open_store(":memory:")
    >>> store.llm_cache_get("nothing yet") is None
    True

`open_store()` opens (and migrates) the database at `--db` / `COACH_DB`, or
a per-user data file (see `default_path`). Each thread gets its own
connection, so one `Store` may be shared by threads, and opening a new one
per Streamlit rerun is cheap.
"""

from __future__ import annotations

from pathlib import Path

from coach.store.cache import CacheMixin
from coach.store.db import default_path
from coach.store.models import CachedReply


class Store(CacheMixin):
    """The coach database: contracts, checks, the review queue, journals and the LLM cache."""


def open_store(path: Path | str | None = None, *, create: bool = True) -> Store:
    """Open the database at `path` (default: COACH_DB, else a per-user data file).

    Pending migrations are applied; a file that is not an SQLite database
    raises StoreError and is left untouched. With `create=False` a missing
    file is a StoreError instead of a new empty database (for read-only
    commands, so a mistyped --db path does not look like an empty queue).
    ":memory:" gives a private in-memory database (tests, one-off use).
    """
    return Store(path, create=create)


__all__ = ["CachedReply", "Store", "default_path", "open_store"]
