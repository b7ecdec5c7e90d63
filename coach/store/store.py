"""The `Store`: every part of the storage layer put together, and `open_store`."""

from __future__ import annotations

from pathlib import Path

from coach.store.bulk_review import BulkReviewMixin
from coach.store.challenging import ChallengesMixin
from coach.store.commitments import CommitmentsMixin
from coach.store.contracts import ContractsMixin
from coach.store.insights import InsightsMixin
from coach.store.llm_cache import CacheMixin
from coach.store.org_profiles import OrgProfileMixin
from coach.store.queue import QueueMixin
from coach.store.reflections import JournalMixin


class Store(
    ContractsMixin,
    QueueMixin,
    BulkReviewMixin,
    InsightsMixin,
    JournalMixin,
    CommitmentsMixin,
    CacheMixin,
    ChallengesMixin,
    OrgProfileMixin,
):
    """The coach database: contracts, checks, the review queue, journals, the LLM cache, challenges and the organisation profile.

    Each concern lives in its own module (contracts, queue, bulk_review,
    insights, reflections, commitments, cache, challenging); this class only puts them together. Everything but
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
