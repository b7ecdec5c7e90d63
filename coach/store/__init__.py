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

# The public names and the module each lives in: the one list to edit. `__all__`
# and the lazy lookup are made from it. Type checkers cannot run code, so the
# TYPE_CHECKING imports below spell the same names out for them;
# tests/test_store_db.py fails when the two differ.
EXPORTS: dict[str, tuple[str, ...]] = {
    "access": ("NotAllowedError",),
    "commitments": ("AfterActionReview", "CheckIn", "Commitment", "Commitments", "SharedEntry"),
    "files": ("default_path",),
    "hashing": ("text_sha256",),
    "models": (
        "Actor", "BulkChange", "CachedReply", "CheckSummary", "Contract", "ContractListing", "ContractVersion", "ExportRow",
        "GradeChange", "HistoryEntry", "ImportItem", "ImportSummary", "QueueItem", "QueuePage", "Reflection",
        "ReviewEvent", "ReviewState", "SearchHit", "Status", "TeamCounts",
    ),
    "reflections": ("Journal",),
    "store": ("Store", "open_store"),
}  # fmt: skip
_HOME = {name: module for module, names in EXPORTS.items() for name in names}
__all__ = sorted(_HOME)

if TYPE_CHECKING:  # the same names for type checkers, as explicit re-exports
    from coach.store.access import NotAllowedError as NotAllowedError
    from coach.store.commitments import AfterActionReview as AfterActionReview
    from coach.store.commitments import CheckIn as CheckIn
    from coach.store.commitments import Commitment as Commitment
    from coach.store.commitments import Commitments as Commitments
    from coach.store.commitments import SharedEntry as SharedEntry
    from coach.store.files import default_path as default_path
    from coach.store.hashing import text_sha256 as text_sha256
    from coach.store.models import Actor as Actor
    from coach.store.models import BulkChange as BulkChange
    from coach.store.models import CachedReply as CachedReply
    from coach.store.models import CheckSummary as CheckSummary
    from coach.store.models import Contract as Contract
    from coach.store.models import ContractListing as ContractListing
    from coach.store.models import ContractVersion as ContractVersion
    from coach.store.models import ExportRow as ExportRow
    from coach.store.models import GradeChange as GradeChange
    from coach.store.models import HistoryEntry as HistoryEntry
    from coach.store.models import ImportItem as ImportItem
    from coach.store.models import ImportSummary as ImportSummary
    from coach.store.models import QueueItem as QueueItem
    from coach.store.models import QueuePage as QueuePage
    from coach.store.models import Reflection as Reflection
    from coach.store.models import ReviewEvent as ReviewEvent
    from coach.store.models import ReviewState as ReviewState
    from coach.store.models import SearchHit as SearchHit
    from coach.store.models import Status as Status
    from coach.store.models import TeamCounts as TeamCounts
    from coach.store.reflections import Journal as Journal
    from coach.store.store import Store as Store
    from coach.store.store import open_store as open_store


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"coach.store.{_HOME[name]}"), name)
    raise AttributeError(f"module 'coach.store' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
