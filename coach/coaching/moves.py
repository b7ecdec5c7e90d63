"""The coaching moves around the bank: follow-ups, the commitment, quoted questions, the check-in.

A list of questions is a prompt list; coaching also probes an answer
("What else?"), ends with what the person will do and by when (the Will
step of GROW), quotes the person's own contract back to them, and later
asks for an account of what happened and what was learned. The words live
in `prompts/coaching_moves.yml`, validated here when loaded: every
question, once its slots are filled with a sample, passes
`check_open_question`, so a bad edit fails at load time with the file and
field named, not in front of a person.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.coaching.questions import check_open_question
from coach.coaching.skills import Audience, MetaSkill
from coach.datafile import load_model
from coach.errors import PromptError
from coach.paths import prompts_dir

T = TypeVar("T")
FILE = "coaching_moves.yml"
PROBE_MIN_WORDS = 2  # "What else?" is a whole probe
SLOTS = ("quote", "title", "party", "skill", "now", "next")
# What each slot is filled with when a template is checked at load time.
_SAMPLE = {
    "quote": "you decide refunds up to 200 pounds",
    "title": "Night Shift Supervisor",
    "party": "your manager",
    "skill": "risk-sensitive",
    "now": "3",
    "next": "4",
}
SUBJECTS = ("purpose", "discretion", "resources", "accountability", "line_of_sight")


def fill(template: str, **slots: str) -> str:
    """The template with its {slot}s filled; a slot it names but is not given stays visible."""
    out = template
    for name, value in slots.items():
        out = out.replace("{" + name + "}", value)
    return out


def _checked(template: str, min_words: int = 4) -> str:
    unknown = [part.split("}")[0] for part in template.split("{")[1:] if part.split("}")[0] not in SLOTS]
    if unknown:
        raise ValueError(f"unknown slot(s) {', '.join(unknown)}; use {', '.join(SLOTS)}")
    check_open_question(fill(template, **_SAMPLE), min_words=min_words)
    return template


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prompted(_Strict):
    """A question with its follow-up probes (templates: slots may be unfilled)."""

    text: str
    follow_ups: tuple[str, ...] = Field(default=(), max_length=2)

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return _checked(v)

    @field_validator("follow_ups")
    @classmethod
    def _probes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_checked(f, PROBE_MIN_WORDS) for f in v)


class Template(_Strict):
    """A question that names the role: by a quoted sentence of one element's evidence, or by title."""

    element: str
    meta_skill: MetaSkill
    text: str

    @field_validator("element")
    @classmethod
    def _subject(cls, v: str) -> str:
        if v not in SUBJECTS:
            raise ValueError(f"unknown element {v!r}; use one of {', '.join(SUBJECTS)}")
        return v

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return _checked(v)


class PerAudience(_Strict, Generic[T]):
    manager: T
    employee: T

    def of(self, audience: Audience) -> T:
        return self.manager if audience == "manager" else self.employee


class AfterAction(_Strict):
    """The after-action review: expected / happened / why / change / how we'll know it stuck."""

    expected: str
    happened: str
    why: str
    change: str
    stuck: str

    @field_validator("expected", "happened", "why", "change", "stuck")
    @classmethod
    def _open(cls, v: str) -> str:
        return _checked(v, PROBE_MIN_WORDS)

    def steps(self, party: str) -> list[tuple[str, str]]:
        """(field, question) in the order the review asks them."""
        return [(name, fill(getattr(self, name), party=party)) for name in AfterAction.model_fields]


class Scaling(_Strict):
    """The 1–5 self-rating as a scaling question, and the step it invites."""

    question: str
    help: str = Field(min_length=1)
    next_step: str
    top: str

    @field_validator("question", "next_step", "top")
    @classmethod
    def _open(cls, v: str) -> str:
        return _checked(v)

    def ask(self, skill: str) -> str:
        return fill(self.question, skill=skill)

    def step(self, rating: int) -> str:
        """'What would move you from 3 to 4?' — the question a rating opens."""
        return self.top if rating >= 5 else fill(self.next_step, now=str(rating), next=str(rating + 1))


class Moves(_Strict):
    """Everything in `prompts/coaching_moves.yml`."""

    follow_ups: PerAudience[tuple[str, ...]]
    commitment: PerAudience[Prompted]
    quoted: PerAudience[tuple[Template, ...]]
    titled: PerAudience[tuple[Template, ...]]
    after_action: AfterAction
    scaling: Scaling

    @model_validator(mode="after")
    def _probes(self) -> Moves:
        for probes in (self.follow_ups.manager, self.follow_ups.employee):
            if not 1 <= len(probes) <= 2:
                raise ValueError("follow_ups: give one or two probes per audience")
            for probe in probes:
                _checked(probe, PROBE_MIN_WORDS)
        return self


def load_moves(folder: Path | None = None) -> Moves:
    """Load and validate the moves file (the bundled one unless `folder` is given)."""
    return _load((Path(folder) if folder else prompts_dir()) / FILE)


@cache
def _load(path: Path) -> Moves:
    if not path.is_file():
        raise PromptError(f"{path}: coaching moves file not found; reinstall empowerment-coach")
    return load_model(path, Moves, "coaching moves file", PromptError)
