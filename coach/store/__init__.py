"""Storage in SQLite (sqlite-utils): the only place in coach with SQL.

    >>> from coach.store import open_store
    >>> store = open_store(":memory:")
    >>> store.llm_cache_get("nothing yet") is None
    True

`open_store()` opens (and migrates) the database at `--db` / `COACH_DB`, or
a per-user data file (see `default_path`). Each thread gets its own
connection, so one `Store` may be shared by threads, and opening a new one
per Streamlit rerun is cheap.

Names are loaded on first use: sqlite-utils takes ~0.4 s to import, and
`coach check` (which imports the CLI modules that mention the store) must
not pay for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.store.db import default_path
    from coach.store.hashing import text_sha256
    from coach.store.models import (
        CachedReply,
        CheckSummary,
        Contract,
        ContractListing,
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
    from coach.store.reflections import Journal
    from coach.store.store import Store, open_store

_HOME = {
    "CachedReply": "models",
    "CheckSummary": "models",
    "Contract": "models",
    "ContractListing": "models",
    "ContractVersion": "models",
    "ExportRow": "models",
    "GradeChange": "models",
    "HistoryEntry": "models",
    "ImportItem": "models",
    "ImportSummary": "models",
    "QueueItem": "models",
    "QueuePage": "models",
    "Reflection": "models",
    "ReviewEvent": "models",
    "ReviewState": "models",
    "SearchHit": "models",
    "Status": "models",
    "TeamCounts": "models",
    "Journal": "reflections",
    "Store": "store",
    "open_store": "store",
    "default_path": "db",
    "text_sha256": "hashing",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"coach.store.{_HOME[name]}"), name)
    raise AttributeError(f"module 'coach.store' has no attribute {name!r}")


__all__ = [
    "CachedReply",
    "CheckSummary",
    "Contract",
    "ContractListing",
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
