"""What the store hands back: pydantic models, never raw rows.

These are the boundary between the database and the CLI, the coaching
helper and the UI, so the words follow ELEMENTS.md (grades per element,
gaps like 'discretion:missing') and times are timezone-aware datetimes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from coach.grades import gap_ids
from coach.report import Element, Grade
from coach.store.vocab import ACTIVE_STATUSES, STATUSES, Status  # noqa: F401  (re-exported for callers)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CachedReply(_Model):
    """A validated LLM reply kept so the same question is never paid for twice."""

    key: str
    model: str
    reply: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost: float | None = None
    created: datetime


class Actor(_Model):
    """Who is saving, as the app knows them: their login (or local name), and whether they are HR.

    See `coach.store.access` for what it changes: only a contract's owner or
    HR may add a version, and only HR closes a review.
    """

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    is_hr: bool = False


# --- contracts and checks ------------------------------------------------------


class CheckSummary(_Model):
    """One check of one version: the grades as stored in columns (the full Report is kept too)."""

    id: int
    checked: datetime
    ruleset: str
    ruleset_version: str
    grades: dict[Element, Grade]
    line_of_sight: bool
    score: int
    flagged: bool

    @property
    def gaps(self) -> list[str]:
        """Gap ids in the same order and words as `Report.gaps` ('discretion:missing', ...)."""
        return gap_ids(self.grades, self.line_of_sight)


class ContractVersion(_Model):
    """What `save_contract` stored (or found already stored) for a text."""

    contract_id: int
    version: int
    title: str
    team: str | None
    owner: str | None
    source: str
    text_sha256: str
    created: datetime
    author: str | None = Field(None, description="who saved this version in the app; None for imports and scripts")
    check: CheckSummary
    is_new_version: bool = Field(description="False when this exact text was already the contract's latest version")
    review_status: Status | None = Field(None, description="the contract's review after the save; None if never queued")


class Contract(_Model):
    """A contract as it stands now: its latest text, version and check."""

    id: int
    key: str | None
    title: str
    team: str | None
    owner: str | None
    source: str
    text: str
    text_sha256: str
    version: int
    created: datetime
    updated: datetime
    check: CheckSummary


class ContractListing(_Model):
    """One line of a list of contracts: enough to recognise and pick one, without its text."""

    contract_id: int
    title: str
    team: str | None
    owner: str | None
    version: int
    updated: datetime
    score: int
    flagged: bool


class GradeChange(_Model):
    before: Grade
    after: Grade


class HistoryEntry(_Model):
    """One version in a contract's history and how its grades moved from the version before."""

    version: int
    created: datetime
    source: str
    text_sha256: str
    owner: str | None = Field(None, description="the contract's owner as of this version (None: not recorded)")
    author: str | None = Field(None, description="who saved it in the app; None for imports, scripts, older versions")
    check: CheckSummary
    changes: dict[Element, GradeChange] = {}
    line_of_sight_change: tuple[bool, bool] | None = None


# --- imports ---------------------------------------------------------------------


class ImportItem(_Model):
    """One contract to import: its text and what is known about it.

    `key` identifies the contract across imports (a file's absolute path, a
    CSV `id`); without one, its team and title do. An edited file becomes a
    new version of the same contract instead of a second contract, and the
    same text under two identities is two contracts.
    """

    title: str
    text: str
    team: str | None = None
    owner: str | None = None
    source: str
    key: str | None = None


class ImportSummary(_Model):
    added: int = 0
    updated: int = Field(0, description="contracts that got a new version")
    unchanged: int = Field(
        0, description="items whose text was already their contract's latest: re-importing adds nothing"
    )
    flagged: int = Field(0, description="of the added and updated, how many are flagged for review")
    failed: list[str] = Field([], description="one line per item that could not be checked")

    @property
    def stored(self) -> int:
        return self.added + self.updated


# --- the review queue ------------------------------------------------------------


class QueueItem(_Model):
    """A flagged contract waiting for (or having had) HR review."""

    contract_id: int
    title: str
    team: str | None
    owner: str | None
    version: int
    status: Status
    assignee: str | None
    queued: datetime
    updated: datetime
    check: CheckSummary

    @property
    def gaps(self) -> list[str]:
        return self.check.gaps


class QueuePage(_Model):
    items: list[QueueItem]
    total: int = Field(description="items matching the filters, over all pages")
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


class ReviewState(_Model):
    contract_id: int
    status: Status
    assignee: str | None
    queued: datetime
    updated: datetime


class ReviewEvent(_Model):
    """One entry in a review's append-only history: queued, a note, a status change, an assignment."""

    id: int
    contract_id: int
    time: datetime
    author: str
    kind: Literal["queued", "note", "status", "assign"]
    body: str
    status: Status | None
    assignee: str | None


class SearchHit(_Model):
    contract_id: int
    title: str
    team: str | None
    snippet: str = Field(description="a stretch of the text with matches between ** markers")
    score: int
    flagged: bool
    status: Status | None


class TeamCounts(_Model):
    """Per team: how many contracts, and how many miss or only gesture at each element."""

    team: str | None
    contracts: int
    flagged: int
    missing: dict[Element, int]
    vague: dict[Element, int]
    no_line_of_sight: int

    def share_missing(self, element: Element | str) -> float:
        """The share (0–1) of this team's contracts missing `element`, for charts."""
        return self.missing[Element(element)] / self.contracts if self.contracts else 0.0

    def share_vague(self, element: Element | str) -> float:
        return self.vague[Element(element)] / self.contracts if self.contracts else 0.0


class ExportRow(_Model):
    """One contract as HR tools receive it (`coach export`): latest version, check and review."""

    contract_id: int
    title: str
    team: str | None
    owner: str | None
    source: str
    version: int
    created: datetime
    updated: datetime
    checked: datetime
    ruleset: str
    ruleset_version: str
    score: int
    flagged: bool
    purpose: Grade
    discretion: Grade
    resources: Grade
    accountability: Grade
    line_of_sight: bool
    gaps: list[str]
    status: Status | None
    assignee: str | None
    text_sha256: str
    text: str
    report: dict | None = Field(None, description="the full Report as JSON (jsonl export only)")


# --- the private journal ---------------------------------------------------------


class Reflection(_Model):
    """An employee's private answer to a coaching question. Only its owner reads it."""

    id: int
    owner: str
    meta_skill: str
    question: str
    provenance: str = Field(description="where the question came from: 'bank:<id>', 'llm:<model>', 'own'")
    gap: str | None
    answer: str
    rating: int | None = Field(None, ge=1, le=5)
    created: datetime
    role: str | None = Field(None, description="the title of the role it was about; None when not recorded")


class BulkChange(_Model):
    """What one action on many reviews did: each contract changed, already so, or not in the queue.

    One history event is written for each contract in `changed`, and none
    for the others, so the confirmation can say how many changed and why
    the rest did not.
    """

    changed: list[int] = Field(default_factory=list)
    already: list[int] = Field(default_factory=list, description="already in that state: nothing to record")
    not_queued: list[int] = Field(default_factory=list, description="never flagged, or no such contract")
