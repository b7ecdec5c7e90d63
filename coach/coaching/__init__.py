"""Coaching questions for the six meta skills, tailored to a report's gaps.

    >>> import coach
    >>> from coach.coaching import plan
    >>> report = coach.check("You own the reliability of our payments platform.")
    >>> p = plan(report, audience="employee", per_skill=2)
    >>> [q.source for q in p.questions][:2]
    ['bank', 'bank']

The curated bank (`prompts/questions/`) works offline and always; the
optional LLM step (`coach.llm`, litellm) drafts questions from the redacted
role text and falls back to the bank. Every question, from either source,
passes `check_open_question`.
"""

from coach.coaching.bank import Bank, BankQuestion, load_bank
from coach.coaching.plan import CoachingPlan, bank_questions, plan
from coach.coaching.questions import DraftedQuestion, Question, QuestionDraft, check_open_question
from coach.coaching.skills import AUDIENCES, GAP_IDS, META_SKILLS, Audience, MetaSkill

__all__ = [
    "AUDIENCES",
    "GAP_IDS",
    "META_SKILLS",
    "Audience",
    "Bank",
    "BankQuestion",
    "CoachingPlan",
    "DraftedQuestion",
    "MetaSkill",
    "Question",
    "QuestionDraft",
    "bank_questions",
    "check_open_question",
    "load_bank",
    "plan",
]
