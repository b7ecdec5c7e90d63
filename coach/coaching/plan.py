"""A coaching plan: questions per meta skill, tailored to a report's gaps.

`plan(report)` is deterministic and offline: for each of the six meta
skills it takes the bank's questions for the report's gaps first (most
severe gap first, one gap at a time so several gaps each get a turn), then
general questions, never the same question twice. With `llm=` it asks a
model to draft questions instead and falls back to those bank questions,
with a note saying why, whenever the model cannot deliver valid ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from coach.coaching.bank import Bank, BankQuestion, load_bank
from coach.coaching.questions import Question, question_key
from coach.coaching.skills import AUDIENCES, META_SKILLS, Audience, MetaSkill, by_severity
from coach.errors import CoachError
from coach.report import Element, Report

if TYPE_CHECKING:
    from coach.llm import LLMConfig
    from coach.store import Store

MAX_PER_SKILL = 6  # the bank holds six general questions per skill and audience


class CoachingPlan(BaseModel):
    """Questions for one audience, in meta-skill order, and notes for the reader.

    `to_json()` gives the documented shape:
    `{"questions": [{"meta_skill", "text", "source", "because"}], "notes": [...]}`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    audience: Audience
    gaps: list[str]
    questions: list[Question]
    notes: list[str] = []

    def by_skill(self) -> dict[MetaSkill, list[Question]]:
        return {s: [q for q in self.questions if q.meta_skill == s] for s in META_SKILLS}

    def to_json(self) -> dict:
        return self.model_dump(mode="json", include={"questions", "notes"})


def _because(report: Report, gaps: list[str]) -> list[str]:
    """The gap ids, then the ids of the rules whose evidence shaped those gaps."""
    out = list(gaps)
    for gap in gaps:
        subject = gap.partition(":")[0]
        evidence = (
            report.line_of_sight.evidence if subject == "line_of_sight" else report.elements[Element(subject)].evidence
        )
        for item in evidence:
            if item.rule not in out:
                out.append(item.rule)
    return out


def _pick(
    pool: list[BankQuestion], gaps: list[str], per_skill: int, used: set[str]
) -> list[tuple[BankQuestion, list[str]]]:
    """Round-robin over the gaps (most severe first), then general questions."""
    queues = [[q for q in pool if gap in q.gaps] for gap in gaps]
    chosen: list[tuple[BankQuestion, list[str]]] = []

    def take(q: BankQuestion) -> None:
        used.add(question_key(q.text))
        chosen.append((q, [g for g in gaps if g in q.gaps]))

    while len(chosen) < per_skill and any(queues):
        for queue in queues:
            while queue and question_key(queue[0].text) in used:
                queue.pop(0)
            if queue and len(chosen) < per_skill:
                take(queue.pop(0))
    for q in pool:
        if len(chosen) >= per_skill:
            break
        if not q.gaps and question_key(q.text) not in used:
            take(q)
    return chosen


def bank_questions(report: Report, audience: Audience, per_skill: int, bank: Bank) -> list[Question]:
    """The deterministic, offline selection for every meta skill."""
    gaps = by_severity(report.gaps)
    used: set[str] = set()
    out: list[Question] = []
    for skill in META_SKILLS:
        for q, served in _pick(bank.select(skill, audience), gaps, per_skill, used):
            out.append(Question(meta_skill=skill, text=q.text, source="bank", because=_because(report, served)))
    return out


def plan(
    report: Report,
    audience: Audience = "manager",
    per_skill: int = 3,
    llm: LLMConfig | str | None = None,
    *,
    text: str | None = None,
    store: Store | None = None,
    cache: bool = True,
    bank: Bank | None = None,
) -> CoachingPlan:
    """Coaching questions for `report`, `per_skill` (1–6) for each of the six meta skills.

    Without `llm` the questions come from the curated bank, tailored to
    `report.gaps`. With `llm` (an LLMConfig, or a litellm model string used
    with COACH_LLM_API_BASE / COACH_LLM_API_KEY from the environment) the
    model drafts them from the redacted role `text` (required then); its
    questions are marked `llm:<model>`, topped up from the bank when it
    returns fewer than `per_skill` for a skill, and replaced by the bank
    with a note when it fails. `store` holds the reply cache (default: the
    user's database; `cache=False` skips it). The report's grades are never
    changed.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    if not 1 <= per_skill <= MAX_PER_SKILL:
        raise ValueError(f"per_skill must be between 1 and {MAX_PER_SKILL}, not {per_skill}")
    gaps = by_severity(report.gaps)
    fallback = bank_questions(report, audience, per_skill, bank or load_bank())
    notes = (
        [] if gaps else ["The contract states all four elements and its line of sight: these are general questions."]
    )
    if llm is None:
        return CoachingPlan(audience=audience, gaps=gaps, questions=fallback, notes=notes)
    if text is None:
        raise ValueError("plan(..., llm=...) needs the role text: pass text=... (it is redacted before sending)")

    from coach import llm as llm_module

    config = llm_module.configured(llm) if isinstance(llm, str) else llm
    if config is None:
        raise CoachError("llm= names no model: pass a litellm model such as 'gpt-4o-mini', or no llm for the bank")
    drafted = llm_module.draft(report, text, audience, per_skill, config, store, cache)
    notes += drafted.notes
    if drafted.questions is None:
        return CoachingPlan(audience=audience, gaps=gaps, questions=fallback, notes=notes)
    return CoachingPlan(
        audience=audience,
        gaps=gaps,
        questions=_merge(drafted.questions, fallback, per_skill, config.source, gaps, notes),
        notes=notes,
    )


def _merge(
    drafted, fallback: list[Question], per_skill: int, source: str, gaps: list[str], notes: list[str]
) -> list[Question]:
    """The model's questions per skill, topped up from the bank's when it gave fewer."""
    out: list[Question] = []
    used: set[str] = set()
    topped = 0
    for skill in META_SKILLS:
        mine = [q for q in drafted if q.meta_skill == skill][:per_skill]
        for q in mine:
            used.add(question_key(q.text))
            out.append(Question(meta_skill=skill, text=q.text, source=source, because=list(gaps)))
        for q in fallback:
            if sum(1 for o in out if o.meta_skill == skill) >= per_skill:
                break
            if q.meta_skill == skill and question_key(q.text) not in used:
                used.add(question_key(q.text))
                out.append(q)
                topped += 1
    if topped:
        notes.append(
            f"The model drafted fewer than {per_skill} questions for some skills; {topped} came from the bank."
        )
    return out
