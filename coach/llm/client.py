"""The one place that calls a language model: `complete`, through litellm.

litellm is imported here and only here, inside `load_litellm`, the first
time a model is really asked. Importing it takes about 3 s, and by default
its import makes a blocking HTTP fetch of its model price map (a 5 s
timeout, longer where the host drops traffic); `coach check`, `coach
questions --show-prompt` and every page of the app that only renders must
pay neither. So before the import litellm is told, unless the user set
these variables otherwise, to read the price map bundled with it and to
fetch nothing on its own (`coach.llm.config.LITELLM_ENV`).
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.coaching.questions import QuestionDraft
from coach.llm.config import LITELLM_ENV, LLMConfig
from coach.llm.failures import reason, too_slow


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


def load_litellm() -> Any:
    """Import litellm the first time it is needed, offline and quiet.

    The environment variables are set only when unset: a user who chose a
    log level or a price map of their own keeps it. Nothing else here
    reaches beyond litellm itself — no process-wide garbage-collector
    settings (an earlier `gc.freeze()` guarded against a full collection
    in the middle of a cache hit; measured without it, 2,000 cache hits
    after the import ran no full collection at all, see
    benchmarks/bench_coaching.py).
    """
    if "litellm" in sys.modules:
        return sys.modules["litellm"]
    for name, value in LITELLM_ENV.items():
        os.environ.setdefault(name, value)
    import litellm

    litellm.suppress_debug_info = True
    return litellm


def complete(messages: list[dict[str, str]], config: LLMConfig) -> Completion:
    """One chat completion with the reply schema, a deadline and no SDK retries.

    The single seam through which every model call goes. Raises
    LLMCallError with a short reason; our own single repair retry lives in
    `draft`, so `max_retries=0` stops the OpenAI SDK from retrying behind it
    (its default of two retries turned a 1 s timeout into 4.5 s).

    `config.timeout` bounds the whole request, not each read: the HTTP
    client's timeout (also passed, for connecting and for a silent server)
    restarts with every byte received, so a server trickling one byte every
    2 s held `coach questions` for minutes. See `_within`.
    """
    litellm = load_litellm()
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
        response = _within(config.timeout, litellm.completion, kwargs)
    except _DeadlinePassed:
        raise LLMCallError(too_slow(config)) from None
    except Exception as e:
        raise LLMCallError(reason(e, config, litellm)) from e
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


class _DeadlinePassed(Exception):
    """The call was still running when its deadline came."""


def _within(seconds: float, call: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """`call(**kwargs)`, or _DeadlinePassed if it has not returned within `seconds`.

    litellm's HTTP clients (httpx) have no overall deadline, only timeouts
    per connect and per read, and litellm's synchronous call cannot be
    cancelled; so the call runs in a daemon thread and we stop waiting for
    it at the deadline. A call given up on is left to end by itself (a
    server that stops sending hits the per-read timeout; the thread never
    keeps the process alive) and its result is dropped.
    """
    outcome: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def run() -> None:
        try:
            outcome.put((True, call(**kwargs)))
        except BaseException as e:  # handed to the waiting caller, who re-raises it
            outcome.put((False, e))

    threading.Thread(target=run, name="coach-llm-call", daemon=True).start()
    try:
        ok, value = outcome.get(timeout=seconds)
    except queue.Empty:
        raise _DeadlinePassed from None
    if not ok:
        raise value
    return value


def _cost(litellm: Any, response: Any) -> float | None:
    """What the call cost in USD, or None for models litellm has no price for."""
    cost = (getattr(response, "_hidden_params", None) or {}).get("response_cost")
    if cost is None:
        try:
            cost = litellm.completion_cost(completion_response=response)
        except Exception:
            return None
    return float(cost) if cost is not None else None
