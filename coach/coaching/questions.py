"""What counts as a good coaching question, and the shapes questions travel in.

One validator, `check_open_question`, holds the house rules for a question:
open (not answerable with yes or no, also after a preamble such as
"Honestly, are you…"), one idea (not two questions joined by ", and how"),
blame-free (no "who is to blame", no "why did you let…"), plain text, at
most 30 words. Failure is tolerated as a condition for learning
(ELEMENTS.md), so a question asks what happened and what was learned, never
whose fault it was. The curated bank is checked with it when it loads and every model
reply is checked with it before anyone sees it, so both sources meet the
same bar.

`QuestionDraft` is the structured reply asked of a model (its JSON schema is
sent as `response_format`); `Question` is a question in a coaching plan,
carrying where it came from and why it was chosen.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.coaching.skills import GAP_IDS, META_SKILLS, MetaSkill

QuestionKind = Literal["gap", "quote", "title", "safety", "self", "general"]
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
_OPEN_OPENERS = frozenset(["what", "how", "which", "who", "whom", "whose", "why"])
# A second question glued on after a comma: "What went wrong, and how will you fix it?".
# ("Which risks ..., and which must come to you?" is one choice, so `which` is not here.)
_DOUBLE = re.compile(r",\s*(?:and|or|but)\s+(what|how|when|where|who|whom|why)\b", re.I)
# Words and turns that look for a culprit instead of a lesson.
_BLAME = re.compile(
    r"\b(blam\w*|faults?(?!-)|guilt\w*|culprits?|screw(?:ed)? up|mess(?:ed)? up)\b"
    r"|\bwhy (?:did|didn't|do|don't|would|wouldn't|won't|haven't|hasn't|can't|couldn't) "
    r"(?:you|they|he|she|this person|the team)\b"
    r"|\blet (?:\w+ ){0,3}(?:slip|fail|down)\b"
    r"|\bwho (?:is|was|are|were) responsible for (?:the )?(?:failure|mistake|error|miss|missed)\b",
    re.I,
)
_MARKUP = re.compile(r"[<>{}`*#\[\]|\\]")
_WORD = re.compile(r"[\w'’-]+")


def check_open_question(text: str, min_words: int = MIN_WORDS) -> str:
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
    if len(words) < min_words:
        raise ValueError(f"question has {len(words)} words; a coaching question needs at least {min_words}")
    opener = words[0].lower().replace("’", "'")
    if opener in YES_NO_OPENERS:
        raise ValueError(
            f"question opens with {words[0]!r} and can be answered yes or no; "
            "ask an open question (what, how, where, when, which, who, why)"
        )
    # "Honestly, are you ready?": a preamble in front of a closed question. A question that
    # already opens with what/how/which… may carry a parenthetical ("Which outcome, rather
    # than tasks, would you…?"), so only other openers are looked behind.
    clauses = re.split(r"[,;:]", text)[1:] if opener not in _OPEN_OPENERS else []
    for clause in clauses:
        after = _WORD.findall(clause)
        if after and after[0].lower().replace("’", "'") in YES_NO_OPENERS:
            raise ValueError(
                f"after its preamble the question asks {after[0]!r}… and can be answered yes or no; "
                "ask an open question (what, how, where, when, which, who, why)"
            )
    double = _DOUBLE.search(text)
    if double:
        raise ValueError(
            f"ask one thing at a time: the part from {double.group(0).strip(', ')!r} is a second question; "
            "make it a follow-up"
        )
    blame = _BLAME.search(text)
    if blame:
        raise ValueError(
            f"{blame.group(0)!r} looks for someone to blame; ask what happened and what was learned instead"
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
    gap: str | None = Field(description="the gap id this question serves (e.g. 'discretion:missing'), or null")

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return check_open_question(v)

    @field_validator("gap")
    @classmethod
    def _gap(cls, v: str | None) -> str | None:
        if v is not None and v not in GAP_IDS:
            raise ValueError(f"unknown gap {v!r}; use one of {', '.join(GAP_IDS)} or null")
        return v


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
    general question about the skill. `kind` says which slot it fills: a
    `gap`, a `quote` of the role's evidence or its `title`, the `safety`
    (learning) slot, the manager's own behaviour (`self`), or `general`.
    `follow_ups` are probes to ask after the answer.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    meta_skill: MetaSkill
    text: str
    source: str = Field(pattern=r"^(bank|llm:.+)$")
    because: list[str] = []
    kind: QuestionKind = "general"
    follow_ups: list[str] = Field(default=[], max_length=2)

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return check_open_question(v)

    @field_validator("follow_ups")
    @classmethod
    def _probes(cls, v: list[str]) -> list[str]:
        return [check_open_question(f, min_words=2) for f in v]


class Commitment(BaseModel):
    """The Will step that ends every plan: one thing the person will do, with its probes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    follow_ups: list[str] = []

    @field_validator("text")
    @classmethod
    def _open(cls, v: str) -> str:
        return check_open_question(v)
