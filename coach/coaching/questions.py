"""What counts as a good coaching question, and the shapes questions travel in.

One validator, `check_open_question`, holds the house rules for a question:
open (not answerable with yes or no), one question, plain text, at most 30
words. The curated bank is checked with it when it loads and every model
reply is checked with it before anyone sees it, so both sources meet the
same bar.

`QuestionDraft` is the structured reply asked of a model (its JSON schema is
sent as `response_format`); `Question` is a question in a coaching plan,
carrying where it came from and why it was chosen.
"""

from __future__ import annotations

import re
from collections import Counter

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.coaching.skills import META_SKILLS, MetaSkill

MAX_WORDS = 30
MIN_WORDS = 4
MIN_PER_SKILL = 2
MAX_PER_SKILL = 4

# First words that make a question answerable with yes or no.
YES_NO_OPENERS = frozenset(
    [
        "am",
        "is",
        "are",
        "was",
        "were",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "do",
        "does",
        "did",
        "don't",
        "doesn't",
        "didn't",
        "can",
        "could",
        "can't",
        "couldn't",
        "cannot",
        "will",
        "would",
        "won't",
        "wouldn't",
        "shall",
        "should",
        "shouldn't",
        "may",
        "might",
        "must",
        "have",
        "has",
        "had",
        "haven't",
        "hasn't",
        "hadn't",
    ]
)
_MARKUP = re.compile(r"[<>{}`*#\[\]|\\]")
_WORD = re.compile(r"[\w'’-]+")


def check_open_question(text: str) -> str:
    """Return `text` stripped if it is an open coaching question, else raise ValueError.

    The message says what to change, because it goes back to the model in
    the repair request and to whoever edits the bank.
    """
    text = text.strip()
    if not text:
        raise ValueError("question is empty")
    if "\n" in text or "\r" in text:
        raise ValueError("question must be a single line")
    if _MARKUP.search(text):
        raise ValueError("question must be plain text without markup or brackets")
    if not text.endswith("?"):
        raise ValueError("question must end with '?'")
    if text.count("?") > 1:
        raise ValueError("ask one question at a time (only one '?')")
    words = _WORD.findall(text)
    if len(words) > MAX_WORDS:
        raise ValueError(f"question has {len(words)} words; keep it to {MAX_WORDS} or fewer")
    if len(words) < MIN_WORDS:
        raise ValueError(f"question has {len(words)} words; a coaching question needs at least {MIN_WORDS}")
    opener = words[0].lower().replace("’", "'")
    if opener in YES_NO_OPENERS:
        raise ValueError(
            f"question opens with {words[0]!r} and can be answered yes or no; "
            "ask an open question (what, how, where, when, which, who, why)"
        )
    return text


def question_key(text: str) -> str:
    """Two questions are duplicates when their words match, ignoring case and punctuation."""
    return " ".join(w.lower() for w in _WORD.findall(text))


class DraftedQuestion(BaseModel):
    """One question as a model must return it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    meta_skill: MetaSkill
    text: str

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return check_open_question(v)


class QuestionDraft(BaseModel):
    """The whole reply asked of a model: `{"questions": [{"meta_skill", "text"}]}`.

    Beyond each question's own rules: no duplicates, and every one of the six
    meta skills gets between MIN_PER_SKILL and MAX_PER_SKILL questions.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: list[DraftedQuestion]

    @model_validator(mode="after")
    def _balanced(self) -> QuestionDraft:
        seen: dict[str, int] = {}
        for i, q in enumerate(self.questions):
            key = question_key(q.text)
            if key in seen:
                raise ValueError(f"questions {seen[key]} and {i} are duplicates: {q.text!r}")
            seen[key] = i
        counts = Counter(q.meta_skill for q in self.questions)
        wrong = [
            f"{skill.value} has {counts[skill]}"
            for skill in META_SKILLS
            if not MIN_PER_SKILL <= counts[skill] <= MAX_PER_SKILL
        ]
        if wrong:
            raise ValueError(f"each meta skill needs {MIN_PER_SKILL} to {MAX_PER_SKILL} questions: " + ", ".join(wrong))
        return self


class Question(BaseModel):
    """A question in a coaching plan, with its provenance.

    `source` is `bank` or `llm:<model>`; `because` lists the report's gap ids
    (e.g. `discretion:missing`) and rule ids that put it there — empty for a
    general question about the skill.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    meta_skill: MetaSkill
    text: str
    source: str = Field(pattern=r"^(bank|llm:.+)$")
    because: list[str] = []

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return check_open_question(v)
