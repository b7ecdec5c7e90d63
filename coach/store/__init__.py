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
from coach.store.contracts import ContractsMixin, text_sha256
from coach.store.db import default_path
from coach.store.insights import InsightsMixin
from coach.store.models import (
    CachedReply,
    CheckSummary,
    Contract,
    ContractVersion,
    ExportRow,
    GradeChange,
    HistoryEntry,
    ImportItem,
    ImportSummary,
    QueueItem,
    QueuePage,
    Reflection,
    ReviewEvent,
    ReviewState,
    SearchHit,
    Status,
    TeamCounts,
)
from coach.store.queue import QueueMixin
from coach.store.reflections import Journal, JournalMixin


class Store(ContractsMixin, QueueMixin, InsightsMixin, JournalMixin, CacheMixin):
    """The coach database: contracts, checks, the review queue, journals and the LLM cache.

    Each concern lives in its own module (contracts, queue, insights,
    reflections, cache); this class only puts them together. Everything but
    the journal runs on a connection that cannot read reflections.
    """


def open_store(path: Path | str | None = None, *, create: bool = True) -> Store:
    """Open the database at `path` (default: COACH_DB, else a per-user data file).

    Pending migrations are applied; a file that is not an SQLite database
    raises StoreError and is left untouched. With `create=False` a missing
    file is a StoreError instead of a new empty database (for read-only
    commands, so a mistyped --db path does not look like an empty queue).
    ":memory:" gives a private in-memory database (tests, one-off use).
    """
    return Store(path, create=create)


__all__ = [
    "CachedReply",
    "CheckSummary",
    "Contract",
    "ContractVersion",
    "ExportRow",
    "GradeChange",
    "HistoryEntry",
    "ImportItem",
    "ImportSummary",
    "Journal",
    "QueueItem",
    "QueuePage",
    "Reflection",
    "ReviewEvent",
    "ReviewState",
    "SearchHit",
    "Status",
    "Store",
    "TeamCounts",
    "default_path",
    "open_store",
    "text_sha256",
]
