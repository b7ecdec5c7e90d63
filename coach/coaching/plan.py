"""A coaching plan: questions per meta skill, tailored to a report's gaps.

`plan(report)` is deterministic and offline: the bank's questions chosen
by `coach.coaching.selection` (every gap served once, gaps rotated across
skills, one question quoting the role, one learning / psychological-safety
slot), each with follow-up probes, then a commitment prompt; a manager's
plan pairs its questions with the employee's for the 1:1. With `llm=` it asks a
model to draft questions instead and falls back to those bank questions,
with a note saying why, whenever the model cannot deliver valid ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from coach.coaching.bank import Bank, load_bank
from coach.coaching.moves import Moves, fill, load_moves
from coach.coaching.questions import Commitment, Question, question_key
from coach.coaching.quoting import DEFAULT_PARTY, answers_to, quoted_question, role_title
from coach.coaching.selection import Picked, select
from coach.coaching.skills import AUDIENCES, META_SKILLS, Audience, MetaSkill, by_severity
from coach.errors import CoachError
from coach.report import Element, Report

if TYPE_CHECKING:
    from coach.llm import LLMConfig
    from coach.store import Store

MAX_PER_SKILL = 6  # the bank holds six general questions per skill and audience
MAX_PER_GAP = 3


class CoachingPlan(BaseModel):
    """Questions for one audience, in meta-skill order, and notes for the reader.

    `to_json()` gives the documented shape: `{"questions": [{"meta_skill",
    "text", "source", "because", "kind", "follow_ups"}], "notes": [...],
    "commitment": {"text", "follow_ups"}, "ask_them": [...], "party": "..."}`.
    `ask_them` (manager plans only) pairs the manager's questions with the
    employee's for the same gaps, to ask in the 1:1; `party` is whom the
    holder answers to.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    audience: Audience
    gaps: list[str]
    questions: list[Question]
    notes: list[str] = []
    commitment: Commitment | None = None
    ask_them: list[Question] = []
    party: str = DEFAULT_PARTY

    def by_skill(self) -> dict[MetaSkill, list[Question]]:
        return {s: [q for q in self.questions if q.meta_skill == s] for s in META_SKILLS}

    def to_json(self) -> dict:
        return self.model_dump(mode="json", include={"questions", "notes", "commitment", "ask_them", "party"})


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


def _question(report: Report, skill: MetaSkill, p: Picked, probes: tuple[str, ...], party: str) -> Question:
    served = [p.gap] if p.gap else []
    return Question(
        meta_skill=skill,
        text=_for_party(p.text, party),
        source="bank",
        because=_because(report, served),
        kind=p.kind,  # type: ignore[arg-type]  # the kinds selection writes are QuestionKind's
        follow_ups=[_for_party(f, party) for f in (p.follow_ups or probes)],
    )


def _for_party(text: str, party: str) -> str:
    """'your manager' becomes whom the holder answers to ('the board') where the role says so."""
    return text if party == DEFAULT_PARTY else text.replace(DEFAULT_PARTY, party)


def bank_questions(
    report: Report,
    audience: Audience,
    per_skill: int,
    bank: Bank,
    *,
    per_gap: int = 1,
    title: str | None = None,
    party: str = DEFAULT_PARTY,
    moves: Moves | None = None,
) -> list[Question]:
    """The deterministic, offline selection for every meta skill (rules: `coach.coaching.selection`)."""
    moves = moves or load_moves()
    gaps = by_severity(report.gaps)
    quoted = quoted_question(report, gaps, audience, moves, title)
    chosen = select(bank, audience, gaps, per_skill, per_gap=per_gap, seed=_seed(report), quoted=quoted)
    probes = moves.follow_ups.of(audience)
    return [_question(report, skill, p, probes, party) for skill in META_SKILLS for p in chosen[skill]]


def _seed(report: Report) -> int:
    """A number fixed by the role's text: the same contract, the same plan; another, another rotation."""
    return int(report.input_sha256[:8], 16) if report.input_sha256 else 0


def ask_them(report: Report, bank: Bank, party: str = DEFAULT_PARTY) -> list[Question]:
    """For a manager: the employee's questions for the same gaps, to ask in the 1:1 (one per gap).

    A contract with no gaps gets two general employee questions instead.
    """
    employee = bank_questions(report, "employee", MAX_PER_SKILL, bank, party=party)
    gaps = by_severity(report.gaps)
    out: list[Question] = []
    for gap in gaps:
        q = next(
            (q for q in employee if q.kind in ("gap", "quote", "title") and q.because[:1] == [gap] and q not in out),
            None,
        )
        if q is not None:
            out.append(q)
    if not gaps:
        out = [q for q in employee if q.kind in ("general", "safety")][:2]
    return out


def commitment(audience: Audience, party: str = DEFAULT_PARTY, moves: Moves | None = None) -> Commitment:
    """The commitment prompt that ends every plan for `audience`."""
    prompt = (moves or load_moves()).commitment.of(audience)
    return Commitment(text=fill(prompt.text, party=party), follow_ups=[fill(f, party=party) for f in prompt.follow_ups])


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
    title: str | None = None,
    per_gap: int = 1,
) -> CoachingPlan:
    """Coaching questions for `report`, `per_skill` (1–6) for each of the six meta skills.

    Every plan ends with a commitment prompt for the audience; a manager's
    also carries `ask_them`, the employee's questions for the same gaps.
    `title` (else the first line of `text` when it reads as one) lets a
    question name the role; `text` also tells whom the holder answers to.
    `per_gap` (1–3) is how many questions one gap may take in the plan.

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
    if not 1 <= per_gap <= MAX_PER_GAP:
        raise ValueError(f"per_gap must be between 1 and {MAX_PER_GAP}, not {per_gap}")
    gaps = by_severity(report.gaps)
    bank = bank or load_bank()
    moves = load_moves()
    party = answers_to(text)
    title = title or role_title(text)
    fallback = bank_questions(report, audience, per_skill, bank, per_gap=per_gap, title=title, party=party, moves=moves)
    notes = (
        [] if gaps else ["The contract states all four elements and its line of sight: these are general questions."]
    )
    closing = commitment(audience, party, moves)
    paired = ask_them(report, bank, party) if audience == "manager" else []

    def made(questions: list[Question]) -> CoachingPlan:
        return CoachingPlan(
            audience=audience,
            gaps=gaps,
            questions=questions,
            notes=notes,
            commitment=closing,
            ask_them=paired,
            party=party,
        )

    if llm is None:
        return made(fallback)
    if text is None:
        raise ValueError("plan(..., llm=...) needs the role text: pass text=... (it is redacted before sending)")

    from coach import llm as llm_module

    config = llm_module.configured(llm) if isinstance(llm, str) else llm
    if config is None:
        raise CoachError("llm= names no model: pass a litellm model such as 'gpt-4o-mini', or no llm for the bank")
    drafted = llm_module.draft(report, text, audience, per_skill, config, store, cache)
    notes += drafted.notes
    if drafted.questions is None:
        return made(fallback)
    return made(_merge(report, drafted.questions, fallback, per_skill, config.source, notes))


def _merge(
    report: Report, drafted, fallback: list[Question], per_skill: int, source: str, notes: list[str]
) -> list[Question]:
    """The model's questions per skill, topped up from the bank's when it gave fewer.

    Each drafted question says which gap it serves (`gap`, checked against
    the report's gaps); `because` names that gap and its rules, not every gap.
    """
    out: list[Question] = []
    used: set[str] = set()
    topped = 0
    for skill in META_SKILLS:
        mine = [q for q in drafted if q.meta_skill == skill][:per_skill]
        for q in mine:
            used.add(question_key(q.text))
            gap = q.gap if q.gap in report.gaps else None
            out.append(
                Question(
                    meta_skill=skill,
                    text=q.text,
                    source=source,
                    because=_because(report, [gap] if gap else []),
                    kind="gap" if gap else "general",
                )
            )
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
