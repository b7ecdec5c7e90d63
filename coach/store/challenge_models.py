"""What the challenge loop hands across the store's boundary: challenges, ideas and their history.

Leaders publish **challenges** tied to a strategic priority; anyone signed
in submits **ideas**, each graded like a small contract by the idea rule
pack; the challenge owner moves each idea through its statuses with a note.
Input models forbid unknown fields and carry the checks a person can fix
(dates, lengths, levels), so the CLI and the app show the same one line.

An idea's author appears in `Idea.submitter` only when the idea was not
submitted anonymously; the author of every idea is kept in a private table
read only for the author's own view (`MyIdea`), see `coach.store.challenging`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from coach.grades import gap_ids
from coach.idea_check import MAX_TITLE_CHARS
from coach.report import Element, Grade

Level = Literal["organisation", "department", "team"]
LEVELS: tuple[Level, ...] = ("organisation", "department", "team")
IdeaStatus = Literal["new", "shortlisted", "accepted", "declined", "parked"]
IDEA_STATUSES: tuple[IdeaStatus, ...] = ("new", "shortlisted", "accepted", "declined", "parked")
# Where an idea may go from each status. Declined and accepted are final; a parked idea can come back.
NEXT_STATUSES: dict[str, tuple[IdeaStatus, ...]] = {
    "new": ("shortlisted", "declined", "parked"),
    "shortlisted": ("accepted", "declined", "parked"),
    "parked": ("shortlisted", "declined"),
    "accepted": (),
    "declined": (),
}
# A move to one of these needs a reason, kept and shown to the submitter: the organisation
# learns from what it did not do.
NEEDS_REASON: tuple[IdeaStatus, ...] = ("declined", "parked")
ChallengeState = Literal["upcoming", "open", "closed"]
MAX_QUESTION_CHARS = 2000
ANONYMOUS = "anonymous"  # what reviewers, HR, exports and the history show for an anonymous author

Title = Annotated[str, StringConstraints(strip_whitespace=True)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NewChallenge(_Model):
    """A challenge as a leader fills it in. Every check here is one the leader can fix."""

    title: Title
    question: Title
    priority: Title
    level: Level
    unit: Title | None = None  # which department or team; none at organisation level
    opens: date
    closes: date
    owner: Title

    @model_validator(mode="after")
    def _sensible(self) -> NewChallenge:
        for name, value, most in (
            ("title", self.title, MAX_TITLE_CHARS),
            ("question", self.question, MAX_QUESTION_CHARS),
            ("strategic priority", self.priority, MAX_TITLE_CHARS),
            ("owner", self.owner, MAX_TITLE_CHARS),
        ):
            if not value:
                article = "an" if name[0] in "aeiou" else "a"
                raise ValueError(f"the challenge needs {article} {name}; fill it in")
            if len(value) > most:
                raise ValueError(f"the {name} is {len(value):,} characters; keep it to {most:,}")
        if self.closes < self.opens:
            raise ValueError(
                f"the challenge closes ({self.closes.isoformat()}) before it opens ({self.opens.isoformat()}); "
                "pick a close date on or after the open date"
            )
        if self.level != "organisation" and not self.unit:
            raise ValueError(f"say which {self.level} the challenge is for")
        if self.level == "organisation" and self.unit:
            raise ValueError("an organisation-wide challenge is for no single department or team; leave 'which' empty")
        return self


class Challenge(_Model):
    """A published challenge, with how many ideas it drew in each status."""

    id: int
    title: str
    question: str
    priority: str
    level: Level
    unit: str | None
    opens: date
    closes: date
    owner: str
    published_by: str
    created: datetime
    ideas: int = 0
    by_status: dict[str, int] = {}

    def state(self, today: date) -> ChallengeState:
        """Upcoming before it opens, open from the open date to the close date (inclusive), then closed."""
        if today < self.opens:
            return "upcoming"
        return "open" if today <= self.closes else "closed"

    @property
    def where(self) -> str:
        """'organisation', or 'team: Payments' / 'department: Finance'."""
        return self.level if self.unit is None else f"{self.level}: {self.unit}"


class IdeaGrades(_Model):
    """An idea's clarity, as the idea rule pack graded it when it was submitted."""

    grades: dict[Element, Grade]
    line_of_sight: bool
    score: int

    @property
    def gaps(self) -> list[str]:
        return gap_ids(self.grades, self.line_of_sight)


class Idea(_Model):
    """An idea as its reviewers see it: the submitter's name only if they gave it."""

    id: int
    challenge_id: int
    challenge_title: str
    title: str
    text: str
    team: str | None
    submitter: str | None  # None: submitted anonymously
    anonymous: bool
    status: IdeaStatus
    reason: str | None  # the note of the latest move to declined or parked
    check: IdeaGrades
    created: datetime
    updated: datetime

    @property
    def shown_submitter(self) -> str:
        return self.submitter or ANONYMOUS


class IdeaEvent(_Model):
    """One step in an idea's history (append-only): submitted, or moved to a status with a note."""

    id: int
    idea_id: int
    time: datetime
    author: str  # the reviewer; 'anonymous' for an anonymous submission
    status: IdeaStatus
    note: str


class MyIdea(_Model):
    """An idea as its own author sees it: every status change and the reason for it."""

    idea: Idea
    events: list[IdeaEvent]


class IdeaCount(_Model):
    """How many ideas of one challenge are in one status from one team (for the charts)."""

    challenge_id: int
    challenge_title: str
    status: IdeaStatus
    team: str | None
    ideas: int


class PriorityCount(_Model):
    """How many challenges a strategic priority has, and how many ideas they drew."""

    priority: str
    challenges: int
    ideas: int


class IdeaExportRow(_Model):
    """One idea as `coach export --what ideas` writes it: never an anonymous author."""

    idea_id: int
    challenge_id: int
    challenge_title: str
    priority: str
    title: str
    team: str | None
    submitter: str | None
    anonymous: bool
    status: IdeaStatus
    reason: str | None
    score: int
    purpose: Grade
    discretion: Grade
    resources: Grade
    accountability: Grade
    line_of_sight: bool
    gaps: list[str]
    created: datetime
    updated: datetime
    text: str
