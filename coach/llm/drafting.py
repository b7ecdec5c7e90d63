"""Drafting: one request for all six skills, validated, repaired once, or a reason to fall back.

The model is asked once for every meta skill (one model latency, not six).
Its reply is validated; an invalid reply gets exactly one repair request
carrying the validation errors; anything else that goes wrong returns no
questions and a note saying why, so the caller shows the curated bank
instead. A model's reply never changes a grade and is never shown unvalidated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError

from coach.coaching.questions import DraftedQuestion, QuestionDraft
from coach.coaching.skills import Audience
from coach.errors import CoachError
from coach.llm.client import Completion, LLMCallError, complete
from coach.llm.config import ENV_MODEL, LLMConfig, configured
from coach.llm.reply import error_lines, validate_reply
from coach.llm.reply_cache import ReplyCache
from coach.llm.request import MAX_ROLE_CHARS, build_request
from coach.report import Report

if TYPE_CHECKING:
    from coach.store import Store

# What of an invalid reply is echoed back in the repair request: enough to fix, not a second bill.
_REPLY_ECHO_CHARS = 4_000

N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Draft:
    """The outcome of asking a model: validated questions, or None and a note why.

    `calls` counts the requests actually sent (0 for a cache hit, 2 after a
    repair); tokens and cost add up over them, None when unknown.
    """

    model: str
    questions: tuple[DraftedQuestion, ...] | None
    notes: tuple[str, ...] = ()
    cached: bool = False
    calls: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost: float | None = None


@dataclass
class _Tally:
    """Requests sent, tokens and cost so far, and the notes for the reader."""

    calls: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost: float | None = None
    notes: list[str] = field(default_factory=list)

    def draft(self, model: str, questions: tuple[DraftedQuestion, ...] | None) -> Draft:
        return Draft(
            model,
            questions,
            tuple(self.notes),
            calls=self.calls,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            cost=self.cost,
        )

    def add(self, c: Completion) -> None:
        self.prompt_tokens = _plus(self.prompt_tokens, c.prompt_tokens)
        self.completion_tokens = _plus(self.completion_tokens, c.completion_tokens)
        self.cost = _plus(self.cost, c.cost)


def _plus(a: N | None, b: N | None) -> N | None:
    """a + b where None means unknown: unknown plus a number is that number."""
    return b if a is None else a if b is None else a + b


def draft(
    report: Report,
    text: str,
    audience: Audience = "manager",
    per_skill: int = 3,
    config: LLMConfig | None = None,
    store: Store | None = None,
    cache: bool = True,
) -> Draft:
    """Ask the model for questions for all six skills in one request, validated.

    Order of events: cache lookup (by model + template version + redacted
    input + schema); one request; if the reply is invalid, one repair
    request carrying the validation errors; the validated reply is cached
    with its tokens and cost. Any failure returns `questions=None` and a
    note saying why, for the caller to fall back to the bank.

    `store` holds the cache (default: `coach.store.open_store()`, i.e.
    COACH_DB or the user's data file); `cache=False` neither reads nor
    writes it.
    """
    config = config or configured()
    if config is None:
        raise CoachError(f"no LLM is configured; set {ENV_MODEL} or pass --llm MODEL")
    request = build_request(report, text, audience, per_skill)
    tally = _Tally()
    if request.redaction.total:
        tally.notes.append(f"Privacy: {request.redaction.sentence()}")
    if request.truncated:
        tally.notes.append(f"Only the first {MAX_ROLE_CHARS:,} characters of the role description were sent.")
    key = request.cache_key(config)
    replies = ReplyCache(store, tally.notes, enabled=cache)

    hit = replies.get(key)
    if hit is not None:
        tally.notes.append(f"Questions drafted earlier by {config.model}, from the local cache (nothing was sent).")
        return Draft(config.model, tuple(hit.questions), tuple(tally.notes), cached=True)

    def fail(why: str) -> Draft:
        tally.notes.append(f"LLM drafting failed: {why}; showing questions from the curated bank.")
        return tally.draft(config.model, None)

    messages = list(request.messages)
    validated: QuestionDraft | None = None
    for attempt in (1, 2):
        tally.calls += 1
        try:
            reply = complete(messages, config)
        except LLMCallError as e:
            return fail(str(e))
        tally.add(reply)
        try:
            validated = validate_reply(reply.content)
            break
        except ValidationError as e:
            errors = error_lines(e)
            if attempt == 2:
                return fail(f"the reply broke the rules twice ({'; '.join(errors[:3])})")
            messages += [
                {"role": "assistant", "content": reply.content[:_REPLY_ECHO_CHARS]},
                {
                    "role": "user",
                    "content": request.template.render("repair", errors=errors, per_skill=request.per_skill),
                },
            ]
    assert validated is not None
    if tally.calls > 1:
        tally.notes.append(f"The first reply from {config.model} broke the rules; the repaired reply is shown.")
    replies.put(key, config.model, validated, tally.prompt_tokens, tally.completion_tokens, tally.cost)
    return tally.draft(config.model, tuple(validated.questions))
