"""Questions to think an idea through: curious-and-creative and risk-sensitive, from our own bank.

Before submitting an idea to a challenge, two of the six meta skills help
most: looking for a better way still, and seeing what could go wrong. The
questions live in `prompts/idea_questions.yml`, tagged with the gaps the
idea pack finds (`purpose:vague`, `line_of_sight:no`, ...); an idea's gaps
choose its questions first, most severe first, then general ones fill up.
Offline and deterministic: no model is asked, and no grade is touched.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, field_validator

from coach.coaching.questions import Question, check_open_question, question_key
from coach.coaching.skills import GAP_IDS, MetaSkill, by_severity
from coach.datafile import load_model
from coach.errors import PromptError
from coach.paths import prompts_dir

if TYPE_CHECKING:
    from coach.report import Report

IDEA_SKILLS: tuple[MetaSkill, ...] = (MetaSkill.curious_creative, MetaSkill.risk_sensitive)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    gaps: tuple[str, ...] = ()

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return check_open_question(v)

    @field_validator("gaps")
    @classmethod
    def _known(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for gap in v:
            if gap not in GAP_IDS:
                raise ValueError(f"unknown gap {gap!r}; use one of {', '.join(GAP_IDS)}")
        return v


class IdeaBankFile(BaseModel):
    """`prompts/idea_questions.yml`: a list of questions for each of the two skills."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    curious_creative: tuple[_Entry, ...]
    risk_sensitive: tuple[_Entry, ...]


def idea_bank_path() -> Path:
    return prompts_dir() / "idea_questions.yml"


@cache
def load_idea_bank(path: Path | None = None) -> IdeaBankFile:
    """The validated idea bank; PromptError naming the file when it is wrong."""
    path = path or idea_bank_path()
    bank = load_model(path, IdeaBankFile, "idea question bank", PromptError)
    for skill in IDEA_SKILLS:
        keys = [question_key(e.text) for e in getattr(bank, skill.value)]
        if len(set(keys)) != len(keys):
            raise PromptError(f"{path}: {skill.value}: a question is listed twice")
    return bank


def idea_questions(report: Report, per_skill: int = 3) -> list[Question]:
    """`per_skill` questions for each idea skill, the idea's gaps first (most severe first)."""
    if not 1 <= per_skill <= 6:
        raise PromptError(f"per_skill is from 1 to 6, not {per_skill}")
    bank = load_idea_bank()
    gaps = by_severity(report.gaps)
    out: list[Question] = []
    for skill in IDEA_SKILLS:
        entries = list(getattr(bank, skill.value))
        chosen: list[_Entry] = []
        for gap in gaps:
            for entry in entries:
                if gap in entry.gaps and entry not in chosen:
                    chosen.append(entry)
                    break
        chosen = chosen[:per_skill]
        for entry in entries:
            if len(chosen) >= per_skill:
                break
            if not entry.gaps and entry not in chosen:
                chosen.append(entry)
        for entry in chosen:
            out.append(
                Question(meta_skill=skill, text=entry.text, source="bank", because=[g for g in gaps if g in entry.gaps])
            )
    return out
