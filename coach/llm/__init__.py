"""The optional LLM step: drafting coaching questions with a language model, through litellm.

The step is off unless configured (`COACH_LLM_MODEL`, or `--llm MODEL` on
the command line). When it runs it drafts coaching questions for all six
meta skills in **one** request; the reply is always validated
(`QuestionDraft`), repaired once if invalid, and otherwise replaced by the
curated bank with a note that says why. The model never sees personal
details (`coach.llm.redact`) and never changes a grade.

One module per concern:

- `config`: `LLMConfig`, `configured()` and the COACH_LLM_* variables.
- `masking`: `masked_api_base()`, an API base fit to show (no credentials).
- `request`: the prompt — `build_request()`, `preview()`, `response_schema()`.
- `client`: `complete()`, the one function that calls litellm, with a deadline.
- `failures`: why a call failed, in one line (the real HTTP status, redirects).
- `reply`: a raw reply as validated questions.
- `drafting`: `draft()` — cache, request, repair, fallback.
- `cache`: the glue to the SQLite reply cache in `coach.store`.
- `redact`: personal details out of the text before it is sent.

HTML in the role text is made plain by `coach.markup`, outside this
package, since the engine shares its patterns.

The public names are importable from `coach.llm` itself. They load on
first use (PEP 562 `__getattr__`), so `from coach.llm import configured`
costs only the configuration module: a page that merely shows whether a
model is set up pays neither for the prompt templates (Jinja2) nor, ever,
for litellm, which only `client.complete` imports.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.llm.client import Completion, LLMCallError, complete, load_litellm
    from coach.llm.config import (
        DEFAULT_TIMEOUT,
        ENV_API_BASE,
        ENV_API_KEY,
        ENV_MODEL,
        ENV_TIMEOUT,
        LLMConfig,
        configured,
    )
    from coach.llm.drafting import Draft, draft
    from coach.llm.masking import mask_credentials, masked_api_base
    from coach.llm.redact import Redaction
    from coach.llm.reply import validate_reply
    from coach.llm.request import MAX_ROLE_CHARS, Request, asked_per_skill, build_request, preview, response_schema

# Public name -> the submodule that defines it. No name may equal a submodule's
# name (importing `coach.llm.redact` rebinds the attribute `redact` to the module).
_EXPORTS = {
    "Completion": "client",
    "LLMCallError": "client",
    "complete": "client",
    "load_litellm": "client",
    "DEFAULT_TIMEOUT": "config",
    "ENV_API_BASE": "config",
    "ENV_API_KEY": "config",
    "ENV_MODEL": "config",
    "ENV_TIMEOUT": "config",
    "LLMConfig": "config",
    "configured": "config",
    "Draft": "drafting",
    "draft": "drafting",
    "mask_credentials": "masking",
    "masked_api_base": "masking",
    "Redaction": "redact",
    "validate_reply": "reply",
    "MAX_ROLE_CHARS": "request",
    "Request": "request",
    "asked_per_skill": "request",
    "build_request": "request",
    "preview": "request",
    "response_schema": "request",
}

# Spelled out for linters and `import *`; tests/test_llm_package.py checks it matches _EXPORTS.
__all__ = [
    "DEFAULT_TIMEOUT",
    "ENV_API_BASE",
    "ENV_API_KEY",
    "ENV_MODEL",
    "ENV_TIMEOUT",
    "MAX_ROLE_CHARS",
    "Completion",
    "Draft",
    "LLMCallError",
    "LLMConfig",
    "Redaction",
    "Request",
    "asked_per_skill",
    "build_request",
    "complete",
    "configured",
    "draft",
    "load_litellm",
    "mask_credentials",
    "masked_api_base",
    "preview",
    "response_schema",
    "validate_reply",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'coach.llm' has no attribute {name!r}")
    value = getattr(import_module(f"coach.llm.{module}"), name)
    globals()[name] = value  # the next lookup is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
