"""The curated question bank: our own questions, per meta skill and audience.

One YAML file per meta skill under `prompts/questions/`, with a list of
questions for each audience. A question without `gaps` is a general
question about the skill; one with `gaps` (ids from `Report.gaps`, such as
`discretion:missing`) is chosen first for contracts with those gaps. Every
question passes the same open-question validator as a model's reply, so the
bank is the floor the LLM step must clear, and the fallback when it cannot.

A question may carry one or two `follow_ups` (short probes asked after its
answer: "What else?") and `tags`: `safety` for a learning /
psychological-safety question (every plan keeps one), `self` for a manager
question about the manager's own enabling behaviour (what they delegate,
how they react to failure). Selection reads the tags; people editing the
bank only write them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coach.coaching.questions import check_open_question, question_key
from coach.coaching.skills import AUDIENCES, GAP_IDS, META_SKILLS, Audience, MetaSkill
from coach.datafile import load_model
from coach.errors import PromptError
from coach.paths import prompts_dir

TAGS = ("safety", "self")
FOLLOW_UP_MIN_WORDS = 2  # "What else?" is a whole probe


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    gaps: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = Field(default=(), max_length=2)
    tags: tuple[str, ...] = ()

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return check_open_question(v)

    @field_validator("follow_ups")
    @classmethod
    def _probes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(check_open_question(f, min_words=FOLLOW_UP_MIN_WORDS) for f in v)

    @field_validator("tags")
    @classmethod
    def _tags(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [t for t in v if t not in TAGS]
        if unknown:
            raise ValueError(f"unknown tag(s) {', '.join(unknown)}; use {' or '.join(TAGS)}")
        return v

    @field_validator("gaps")
    @classmethod
    def _known(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for gap in v:
            if gap not in GAP_IDS:
                raise ValueError(f"unknown gap {gap!r}; use one of {', '.join(GAP_IDS)}")
        if len(set(v)) != len(v):
            raise ValueError("a gap is listed twice")
        return v


class _BankFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    meta_skill: MetaSkill
    manager: tuple[_Entry, ...] = ()
    employee: tuple[_Entry, ...] = ()


class BankQuestion(BaseModel):
    """One curated question: its meta skill, audience and the gaps it serves."""

    model_config = ConfigDict(frozen=True)

    meta_skill: MetaSkill
    audience: Audience
    text: str
    gaps: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    origin: str  # "prompts/questions/proactive.yml: manager.3", for people editing the bank


class Bank(BaseModel):
    """All curated questions, in file order (the order selection prefers)."""

    model_config = ConfigDict(frozen=True)

    questions: tuple[BankQuestion, ...]

    def select(self, meta_skill: MetaSkill, audience: Audience) -> list[BankQuestion]:
        return [q for q in self.questions if q.meta_skill == meta_skill and q.audience == audience]


def bank_dir() -> Path:
    return prompts_dir() / "questions"


def load_bank(folder: Path | None = None) -> Bank:
    """Load and validate the bank (the bundled one unless `folder` is given).

    Raises PromptError naming the file for a bad file, a meta skill in two
    files, a question listed twice, or a meta skill with no questions.
    """
    return _load(Path(folder) if folder else bank_dir())


@cache
def _load(folder: Path) -> Bank:
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    if not files:
        raise PromptError(f"{folder}: no question bank files (*.yml) found; reinstall empowerment-coach")
    owner: dict[MetaSkill, Path] = {}
    questions: list[BankQuestion] = []
    for path in files:
        data = load_model(path, _BankFile, "question bank file", PromptError)
        if data.meta_skill in owner:
            raise PromptError(
                f"{path}: meta skill {data.meta_skill.value!r} is already in {owner[data.meta_skill].name}"
            )
        owner[data.meta_skill] = path
        for audience in AUDIENCES:
            seen: dict[str, int] = {}
            for i, entry in enumerate(getattr(data, audience)):
                key = question_key(entry.text)
                if key in seen:
                    raise PromptError(f"{path}: {audience}.{i}: repeats {audience}.{seen[key]} ({entry.text!r})")
                seen[key] = i
                questions.append(
                    BankQuestion(
                        meta_skill=data.meta_skill,
                        audience=audience,
                        text=entry.text,
                        gaps=entry.gaps,
                        follow_ups=entry.follow_ups,
                        tags=entry.tags,
                        origin=f"{path.name}: {audience}.{i}",
                    )
                )
    missing = [s.value for s in META_SKILLS if s not in owner]
    if missing:
        raise PromptError(f"{folder}: no question bank file for meta skill(s) {', '.join(missing)}")
    return Bank(questions=tuple(questions))
