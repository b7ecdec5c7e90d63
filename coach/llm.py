"""The one module that talks to a language model, through litellm.

The LLM step is optional and off unless configured (`COACH_LLM_MODEL`, or
`--llm MODEL` on the command line). When it runs it drafts coaching
questions for all six meta skills in **one** request; the reply is always
validated (`QuestionDraft`), repaired once if invalid, and otherwise
replaced by the curated bank with a note that says why. The model never
sees personal details (`coach.redact`) and never changes a grade.

Public pieces, for the CLI and the UI:

- `configured(model=None) -> LLMConfig | None`: the model to use, or None.
  `LLMConfig` never shows its API key (it is a SecretStr).
- `preview(report, text, audience) -> str`: exactly what would be sent.
- `draft(report, text, audience, per_skill, config, store) -> Draft`:
  validated questions or a reason, with tokens and cost when known.

litellm is imported lazily inside `complete`, with its price map read from
disk and offline mode on, so `coach check` never pays the ~3 s import and
nothing is fetched from the network at import time (STACK-NOTES).
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from coach.coaching.prompt import PromptTemplate, load_prompt
from coach.coaching.questions import MAX_PER_SKILL, MIN_PER_SKILL, DraftedQuestion, QuestionDraft
from coach.coaching.skills import AUDIENCE_INFO, META_SKILLS, Audience, by_severity
from coach.datafile import describe
from coach.errors import CoachError, StoreError
from coach.redact import Redaction, redact
from coach.report import Grade, Report

if TYPE_CHECKING:
    from coach.store import Store

ENV_MODEL = "COACH_LLM_MODEL"
ENV_API_BASE = "COACH_LLM_API_BASE"
ENV_API_KEY = "COACH_LLM_API_KEY"
ENV_TIMEOUT = "COACH_LLM_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
PROMPT = "draft_questions"
# Role descriptions are a few thousand characters; a pasted handbook is cut
# here so one request cannot cost a fortune.
MAX_ROLE_CHARS = 24_000
_REPLY_ECHO_CHARS = 4_000


class LLMConfig(BaseModel):
    """Which model to ask and how. Safe to print: the key is a SecretStr.

    `options` are passed to `litellm.completion` as they are (for example
    `temperature`; tests pass `mock_response`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(min_length=1)
    api_base: str | None = None
    api_key: SecretStr | None = None
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0)
    options: dict[str, Any] = {}

    @property
    def source(self) -> str:
        """The provenance written on every question this model drafts."""
        return f"llm:{self.model}"

    def describe(self) -> str:
        """'gpt-4o-mini' or 'openai/x at http://127.0.0.1:8000/v1' — never the key."""
        return self.model + (f" at {self.api_base}" if self.api_base else "")


def configured(model: str | None = None) -> LLMConfig | None:
    """The LLM to use, from `model` (e.g. `--llm`) or COACH_LLM_MODEL; None when off.

    COACH_LLM_API_BASE and COACH_LLM_API_KEY are optional (a local server
    needs the first; hosted providers may read their usual variables, such
    as OPENAI_API_KEY, instead of the second). COACH_LLM_TIMEOUT is seconds.
    """
    name = (model or os.environ.get(ENV_MODEL, "")).strip()
    if not name:
        return None
    raw_timeout = os.environ.get(ENV_TIMEOUT, "").strip()
    try:
        timeout = float(raw_timeout) if raw_timeout else DEFAULT_TIMEOUT
    except ValueError:
        raise CoachError(f"{ENV_TIMEOUT}={raw_timeout!r} is not a number of seconds; unset it or use e.g. 30") from None
    if timeout <= 0:
        raise CoachError(f"{ENV_TIMEOUT} must be more than 0 seconds")
    key = os.environ.get(ENV_API_KEY, "").strip()
    return LLMConfig(
        model=name,
        api_base=os.environ.get(ENV_API_BASE, "").strip() or None,
        api_key=SecretStr(key) if key else None,
        timeout=timeout,
    )


# --- building the request ------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """Everything that would leave the machine, and what was redacted to get there."""

    messages: list[dict[str, str]]
    schema: dict[str, Any]
    per_skill: int
    redaction: Redaction
    truncated: bool
    template: PromptTemplate

    def cache_key(self, config: LLMConfig) -> str:
        """Hash of model + server + template version + messages (the redacted input) + schema."""
        payload = {
            "model": config.model,
            "api_base": config.api_base,
            "template": self.template.version,
            "messages": self.messages,
            "schema": self.schema,
            "per_skill": self.per_skill,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def asked_per_skill(per_skill: int) -> int:
    """The number of questions per skill to ask a model for: per_skill within 2–4."""
    return max(MIN_PER_SKILL, min(MAX_PER_SKILL, per_skill))


_DELIMITER = re.compile(r"<(/?)\s*(role_description|gaps)\b", re.I)
_HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]{0,500}>", re.S)
_HTML_LI = re.compile(r"<li\b[^<>]{0,200}>", re.I)
_HTML_BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|br|tr|table|section)\b[^<>]{0,200}>", re.I)


def _plain(text: str) -> str:
    """HTML job ads as plain text: the model needs the words, not the tags."""
    if not _HTML_BLOCK.search(text):
        return text
    text = _HTML_LI.sub("\n- ", text)
    text = _HTML_BLOCK.sub("\n", text)
    text = html.unescape(_HTML_TAG.sub("", text))
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", re.sub(r"[ \t]+\n", "\n", text))


def _as_data(text: str) -> tuple[str, Redaction, bool]:
    """Redacted plain role text that cannot close its own delimiters, cut to MAX_ROLE_CHARS."""
    redaction = redact(_plain(text))
    body = _DELIMITER.sub(lambda m: f"[{m.group(1)}{m.group(2)}", redaction.text.strip())
    truncated = len(body) > MAX_ROLE_CHARS
    if truncated:
        body = body[:MAX_ROLE_CHARS] + "\n[... the rest of the description was cut ...]"
    return body, redaction, truncated


def _gaps(report: Report) -> list[dict[str, str]]:
    """The report's gaps as structure, most severe first; engine text is redacted too."""
    out = []
    for gap in by_severity(report.gaps):
        subject, _, grade = gap.partition(":")
        if subject == "line_of_sight":
            why, fix = report.line_of_sight.why, report.line_of_sight.fix
        else:
            result = report.elements[subject]
            why, fix = result.why, result.fix
        item = {"id": gap, "element": subject, "grade": grade, "why": redact(why).text}
        if fix:
            item["fix"] = redact(fix).text
        out.append(item)
    return out


def build_request(report: Report, text: str, audience: Audience = "manager", per_skill: int = 3) -> Request:
    """The messages and schema a model would get for this report and text."""
    if audience not in AUDIENCE_INFO:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCE_INFO)}, not {audience!r}")
    template = load_prompt(PROMPT)
    asked = asked_per_skill(per_skill)
    role_text, redaction, truncated = _as_data(text)
    skills = [{"id": s.value, "title": s.title, "description": s.description} for s in META_SKILLS]
    system = template.render(
        "system",
        skills=skills,
        audience=audience,
        audience_description=AUDIENCE_INFO[audience],
        per_skill=asked,
    )
    user = template.render(
        "user",
        audience=audience,
        per_skill=asked,
        specified=[e.value for e, g in report.grades.items() if g == Grade.specified],
        gaps_json=json.dumps(_gaps(report), indent=2, ensure_ascii=False),
        role_text=role_text,
    )
    return Request(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        schema=response_schema(),
        per_skill=asked,
        redaction=redaction,
        truncated=truncated,
        template=template,
    )


def response_schema() -> dict[str, Any]:
    """The JSON schema of the reply, as sent in `response_format` (a fresh copy each call)."""
    return json.loads(_schema_json())


@cache
def _schema_json() -> str:
    # Generating the schema takes ~1 ms; a cache hit needs it for the key every time.
    return json.dumps(QuestionDraft.model_json_schema())


def preview(
    report: Report,
    text: str,
    audience: Audience = "manager",
    per_skill: int = 3,
    config: LLMConfig | None = None,
) -> str:
    """Exactly what would be sent to the model, as readable text. Sends nothing."""
    request = build_request(report, text, audience, per_skill)
    if config is None:
        head = (
            "No LLM is configured, so nothing will be sent. "
            f"Set {ENV_MODEL} (or pass --llm MODEL) to draft questions with a model; this is what it would get."
        )
    else:
        head = f"This is what would be sent to {config.describe()} (nothing has been sent yet)."
    lines = [head, f"Privacy: {request.redaction.sentence()}"]
    if request.truncated:
        lines.append(f"The role description is cut to {MAX_ROLE_CHARS:,} characters.")
    for message in request.messages:
        lines += ["", f"--- {message['role']} message ---", message["content"].rstrip()]
    lines += [
        "",
        "--- response_format: JSON schema of the reply ---",
        json.dumps(request.schema, indent=2),
    ]
    return "\n".join(lines) + "\n"


# --- calling the model -------------------------------------------------------------


@dataclass(frozen=True)
class Completion:
    """A model's raw reply and what it cost (None when litellm does not know)."""

    content: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost: float | None = None


class LLMCallError(Exception):
    """The model could not be asked: timeout, rate limit, HTTP or connection error.

    `str(err)` is a short reason for the note shown to the user.
    """


def _litellm():
    """Import litellm the first time it is needed, offline and quiet."""
    if "litellm" in sys.modules:
        return sys.modules["litellm"]
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    os.environ["LITELLM_OFFLINE_MODE"] = "true"
    os.environ.setdefault("LITELLM_LOG", "CRITICAL")
    import litellm

    litellm.suppress_debug_info = True
    # litellm leaves millions of long-lived objects behind (its price map,
    # provider tables); every later full garbage collection walked them all,
    # a ~300 ms pause in the middle of a 2 ms cache hit (docs/benchmarks.md).
    # Freezing moves what is alive now out of the collector's sight for good.
    gc.collect()
    gc.freeze()
    return litellm


def complete(messages: list[dict[str, str]], config: LLMConfig) -> Completion:
    """One chat completion with the reply schema, an explicit timeout and no SDK retries.

    The single seam through which every model call goes. Raises
    LLMCallError with a short reason; our own single repair retry lives in
    `draft`, so `max_retries=0` stops the OpenAI SDK from retrying behind it.
    """
    litellm = _litellm()
    kwargs: dict[str, Any] = {
        "model": config.model,
        "messages": messages,
        "response_format": QuestionDraft,
        "timeout": config.timeout,
        "max_retries": 0,
        # Some models reject response_format; the reply is validated either way.
        "drop_params": True,
    }
    if config.api_base:
        kwargs["api_base"] = config.api_base
    if config.api_key is not None:
        kwargs["api_key"] = config.api_key.get_secret_value()
    kwargs.update(config.options)
    try:
        response = litellm.completion(**kwargs)
    except Exception as e:
        raise LLMCallError(_reason(e, config)) from e
    message = response.choices[0].message
    content = message.content
    if not content and getattr(message, "tool_calls", None):
        # Older Anthropic models answer a schema as a forced tool call.
        content = message.tool_calls[0].function.arguments
    usage = getattr(response, "usage", None)
    return Completion(
        content=content or "",
        prompt_tokens=getattr(usage, "prompt_tokens", None),
        completion_tokens=getattr(usage, "completion_tokens", None),
        cost=_cost(litellm, response),
    )


def _cost(litellm, response) -> float | None:
    """What the call cost in USD, or None for models litellm has no price for."""
    cost = (getattr(response, "_hidden_params", None) or {}).get("response_cost")
    if cost is None:
        try:
            cost = litellm.completion_cost(completion_response=response)
        except Exception:
            return None
    return float(cost) if cost is not None else None


# "litellm.InternalServerError: InternalServerError: OpenAIException - fake error" -> "fake error"
_LITELLM_PREFIX = re.compile(r"^(?:litellm\.\w+:\s*)?(?:\w+Error:\s*)?(?:\w+Exception\s*-\s*)?")


def _reason(e: Exception, config: LLMConfig) -> str:
    """A one-line reason for a failed call, from litellm's exception classes."""
    litellm = _litellm()
    status = getattr(e, "status_code", None)
    detail = " ".join(str(getattr(e, "message", "") or e).split())
    detail = _LITELLM_PREFIX.sub("", detail).split(" Traceback (most recent call last)")[0][:160]
    if isinstance(e, litellm.Timeout):
        return f"the model did not answer within {config.timeout:g} s"
    if isinstance(e, litellm.RateLimitError):
        return "the model provider is limiting requests (HTTP 429)"
    if "Missing credentials" in detail or "api_key client option must be set" in detail:
        return f"no API key was given; set {ENV_API_KEY} (any value will do for a local server that needs none)"
    if isinstance(e, litellm.AuthenticationError):
        return f"the model provider rejected the API key (HTTP 401); check {ENV_API_KEY}"
    if isinstance(e, litellm.NotFoundError):
        return f"the model {config.model!r} was not found (HTTP 404); check {ENV_MODEL} or --llm"
    if "[200 OK]" in detail:
        return "the server answered, but not with a chat completion (the body is not the JSON expected)"
    if isinstance(e, litellm.APIConnectionError) and not status:
        return f"could not reach the model ({detail})"
    if status:
        return f"the model returned HTTP {status} ({detail})"
    return f"the model call failed ({e.__class__.__name__}: {detail})"


# --- drafting --------------------------------------------------------------------


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


def _plus(a, b):
    return b if a is None else a if b is None else a + b


def validate_reply(content: str) -> QuestionDraft:
    """A model's raw reply as a validated QuestionDraft (strict), or ValidationError."""
    return QuestionDraft.model_validate_json(_unfenced(content), strict=True)


_FENCE = re.compile(r"^\s*```(?:json)?\s*\n(.*)\n\s*```\s*$", re.S)


def _unfenced(content: str) -> str:
    """Drop one Markdown code fence around a JSON reply (local models add them)."""
    m = _FENCE.match(content)
    return m.group(1) if m else content


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
    replies = _Cache(store, tally.notes, enabled=cache)

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
            errors = _errors(e)
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
    replies.put(key, config.model, validated, tally)
    return tally.draft(config.model, tuple(validated.questions))


def _errors(e: ValidationError) -> list[str]:
    """Validation errors as short lines for the repair request and the note."""
    return [part.strip() for part in describe(e, limit=10).split("; ") if part.strip()]


class _Cache:
    """The SQLite reply cache, best effort: a broken database costs a note, not the questions."""

    def __init__(self, store: Store | None, notes: list[str], enabled: bool = True) -> None:
        self._store = store
        self._notes = notes
        self._broken = not enabled

    def _open(self) -> Store | None:
        if self._broken:
            return None
        if self._store is None:
            try:
                from coach.store import open_store

                self._store = open_store()
            except StoreError as e:
                self._failed(e)
        return self._store

    def _failed(self, e: Exception) -> None:
        if not self._broken:
            self._notes.append(f"The LLM cache is unavailable ({e}); replies are not being saved.")
        self._broken = True

    def get(self, key: str) -> QuestionDraft | None:
        store = self._open()
        if store is None:
            return None
        try:
            hit = store.llm_cache_get(key)
        except StoreError as e:
            self._failed(e)
            return None
        if hit is None:
            return None
        try:
            return validate_reply(hit.reply)  # validated again: the rules may have tightened since
        except ValidationError:
            return None

    def put(self, key: str, model: str, reply: QuestionDraft, tally: _Tally) -> None:
        store = self._open()
        if store is None:
            return
        try:
            store.llm_cache_put(
                key, model, reply.model_dump_json(), tally.prompt_tokens, tally.completion_tokens, tally.cost
            )
        except StoreError as e:
            self._failed(e)
