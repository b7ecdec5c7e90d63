"""Why a model call failed, in one line a user can act on.

litellm turns every failure into one of its exception classes, and not
always faithfully: a connection refused arrives as an "InternalServerError"
with status 500, and a server that redirects (302) to a login page that
answers 404 arrives as "NotFoundError". The exception that litellm wrapped
is still there in the chain (`__cause__` / `__context__`), holding the HTTP
client's real response and its redirect history, so the reason is read
from there first: the status the server really sent, a redirect for what it
is (the API base is probably wrong), a connection that never got an
answer. A redirect the HTTP client followed to a page that answered 200 is
not visible there; the reason then says that the answer was no chat
completion. Every reason is free of credentials (`coach.llm.masking`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from coach.llm.config import ENV_API_BASE, ENV_API_KEY, ENV_MODEL, LLMConfig
from coach.llm.masking import MASK, mask_credentials, masked_api_base

# "litellm.InternalServerError: InternalServerError: OpenAIException - fake error" -> "fake error"
_LITELLM_PREFIX = re.compile(r"^(?:litellm\.\w+:\s*)?(?:\w+Error:\s*)?(?:\w+Exception\s*-\s*)?")
_DETAIL_CHARS = 160
# How litellm words a 200 response whose body is not a chat completion (a login page, `{}`).
_NOT_A_COMPLETION = ("[200 OK]", "no 'choices'", "Empty or invalid response")


def too_slow(config: LLMConfig) -> str:
    """The reason for a call that passed its deadline."""
    return f"the model did not answer within {config.timeout:g} s"


def reason(e: BaseException, config: LLMConfig, litellm: Any) -> str:
    """A one-line reason for the failed call `e` (raised by litellm.completion)."""
    import httpx  # litellm's HTTP client: loaded already whenever a call has been made

    detail = _detail(e, config)
    if isinstance(e, litellm.Timeout):
        return too_slow(config)
    chain = list(_chain(e))
    for x in chain:
        response = getattr(x, "response", None)
        history = getattr(response, "history", None) if isinstance(response, httpx.Response) else None
        if history:
            first = history[0]
            return _redirected(first.status_code, first.headers.get("location"), config)
        if isinstance(x, httpx.TooManyRedirects):
            return f"the server redirected the request in a loop, {_base_hint(config)}"
    no_answer = next((x for x in chain if isinstance(x, httpx.RequestError)), None)
    if no_answer is not None:
        return f"could not reach the model at {_where(config)} ({_detail(no_answer, config) or 'no answer'})"
    status = getattr(e, "status_code", None)
    if isinstance(status, int) and 300 <= status < 400:
        return _redirected(status, None, config)
    if isinstance(e, litellm.RateLimitError):
        return f"the model provider is limiting requests (HTTP {status or 429})"
    if "Missing credentials" in detail or "api_key client option must be set" in detail:
        return f"no API key was given; set {ENV_API_KEY} (any value will do for a local server that needs none)"
    if isinstance(e, litellm.AuthenticationError):
        return f"the model provider rejected the API key (HTTP {status or 401}); check {ENV_API_KEY}"
    if isinstance(e, litellm.NotFoundError):
        return f"the model {config.model!r} was not found (HTTP {status or 404}); check {ENV_MODEL} or --llm"
    if any(sign in detail for sign in _NOT_A_COMPLETION):
        # litellm reports these as HTTP 500 although the server said 200: say what happened instead.
        return (
            "the server answered, but not with a chat completion; check that "
            f"{ENV_API_BASE} ({_where(config)}) is the model server's address, not a web page"
        )
    if isinstance(e, litellm.APIConnectionError) and not status:
        return f"could not reach the model ({detail})"
    if status:
        return f"the model returned HTTP {status} ({detail})"
    return f"the model call failed ({e.__class__.__name__}: {detail})"


def without_secrets(text: str, config: LLMConfig) -> str:
    """Error text fit for a note: URL credentials masked, the API key itself never quoted."""
    text = mask_credentials(text)
    if config.api_key is not None and config.api_key.get_secret_value():
        text = text.replace(config.api_key.get_secret_value(), MASK)
    return text


def _chain(e: BaseException) -> Iterator[BaseException]:
    """`e` and the exceptions it was raised from or while handling, outermost first."""
    seen: set[int] = set()
    current: BaseException | None = e
    while current is not None and id(current) not in seen and len(seen) < 20:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _detail(e: BaseException, config: LLMConfig) -> str:
    """The exception's own message on one line, without litellm's class-name prefixes or secrets."""
    text = " ".join(str(getattr(e, "message", "") or e).split())
    text = _LITELLM_PREFIX.sub("", text).split(" Traceback (most recent call last)")[0]
    return without_secrets(text, config)[:_DETAIL_CHARS]


def _redirected(status: int, location: str | None, config: LLMConfig) -> str:
    to = f" to {masked_api_base(location)}" if location else ""
    return f"the server redirected the request (HTTP {status}{to}), {_base_hint(config)}"


def _base_hint(config: LLMConfig) -> str:
    # A model server answers chat completions where it is; a redirect means a web page (a login,
    # a moved site, http to https) answered instead.
    return f"so the API base {_where(config)} is probably wrong; check {ENV_API_BASE}"


def _where(config: LLMConfig) -> str:
    return masked_api_base(config.api_base) if config.api_base else "the provider's default address"
