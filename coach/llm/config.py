"""Which model to ask, read from the environment or the command line.

The LLM step is off unless a model is named (COACH_LLM_MODEL or `--llm`),
so nothing here imports litellm: the app's About page and `coach
questions --show-prompt` read the configuration without paying for it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from coach.errors import CoachError
from coach.llm.masking import masked_api_base

ENV_MODEL = "COACH_LLM_MODEL"
ENV_API_BASE = "COACH_LLM_API_BASE"
ENV_API_KEY = "COACH_LLM_API_KEY"
ENV_TIMEOUT = "COACH_LLM_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
# An hour is more than any model needs for one reply; past it a number is a typo (and
# waiting on one very large overflows the thread wait that enforces the deadline).
MAX_TIMEOUT = 3600.0

# What litellm reads from the environment when it is imported, and the values coach wants when
# the user has not chosen otherwise (they are only ever set when unset). By default litellm's
# import makes a blocking HTTP fetch of its model price map (5 s timeout, longer where traffic
# is dropped): use the map bundled with it instead, and fetch nothing on its own (offline mode
# also stops a long hang in its token counter for `huggingface/*` names). Log only critical
# errors, so its chatter never mixes with coach's output.
LITELLM_ENV = {"LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_OFFLINE_MODE": "true", "LITELLM_LOG": "CRITICAL"}


class LLMConfig(BaseModel):
    """Which model to ask and how. Safe to print: the key is a SecretStr, and
    credentials in the API base are masked in `repr()` and `describe()`.

    `options` are passed to `litellm.completion` as they are (for example
    `temperature`; tests pass `mock_response`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(min_length=1)
    api_base: str | None = None
    api_key: SecretStr | None = None
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, le=MAX_TIMEOUT, allow_inf_nan=False)
    options: dict[str, Any] = {}

    @property
    def source(self) -> str:
        """The provenance written on every question this model drafts."""
        return f"llm:{self.model}"

    def describe(self) -> str:
        """'gpt-4o-mini' or 'openai/x at http://127.0.0.1:8000/v1' — never the key.

        Credentials inside the API base are masked (`masked_api_base`), so
        this is safe for the About page, the preview and notes.
        """
        return self.model + (f" at {masked_api_base(self.api_base)}" if self.api_base else "")

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # repr() ends up in logs and tracebacks: mask the API base there too.
        for name, value in super().__repr_args__():
            yield name, (masked_api_base(value) if name == "api_base" and value else value)


def configured(model: str | None = None) -> LLMConfig | None:
    """The LLM to use, from `model` (e.g. `--llm`) or COACH_LLM_MODEL; None when off.

    COACH_LLM_API_BASE and COACH_LLM_API_KEY are optional (a local server
    needs the first; hosted providers may read their usual variables, such
    as OPENAI_API_KEY, instead of the second). COACH_LLM_TIMEOUT is the most
    seconds one request may take (`parse_timeout`). A bad setting is a CoachError,
    but only when a model is named: with the LLM off nothing is checked.
    """
    name = (model or os.environ.get(ENV_MODEL, "")).strip()
    if not name:
        return None
    timeout = parse_timeout(os.environ.get(ENV_TIMEOUT, ""))
    key = os.environ.get(ENV_API_KEY, "").strip()
    return LLMConfig(
        model=name,
        api_base=os.environ.get(ENV_API_BASE, "").strip() or None,
        api_key=SecretStr(key) if key else None,
        timeout=timeout,
    )


def parse_timeout(raw: str) -> float:
    """COACH_LLM_TIMEOUT as seconds: empty means the default; anything unusable is a CoachError.

    `float()` alone would accept "nan" and "inf" (a deadline never reached)
    and "0" or "-1" (one already passed); each gets the same one-line
    message saying what would work.
    """
    raw = raw.strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_TIMEOUT):
        raise CoachError(
            f"{ENV_TIMEOUT}={raw!r} is not a number of seconds between 0 and {MAX_TIMEOUT:g}; "
            f"use e.g. {DEFAULT_TIMEOUT:g}, or unset it for the default ({DEFAULT_TIMEOUT:g} s)"
        )
    return seconds
