"""A model's raw reply as validated questions, or the reasons it is not.

The reply is data from outside and is never shown as it is: it must parse
into `QuestionDraft` strictly (no "yes" becoming True, no extra fields), and
every question must pass the same open-question check as the bank's. Both
a fresh reply and a cached one go through here.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from coach.coaching.questions import QuestionDraft
from coach.datafile import describe

_FENCE = re.compile(r"^\s*```(?:json)?\s*\n(.*)\n\s*```\s*$", re.S)


def validate_reply(content: str) -> QuestionDraft:
    """A model's raw reply as a validated QuestionDraft (strict), or ValidationError."""
    return QuestionDraft.model_validate_json(_unfenced(content), strict=True)


def _unfenced(content: str) -> str:
    """Drop one Markdown code fence around a JSON reply (local models add them)."""
    m = _FENCE.match(content)
    return m.group(1) if m else content


def error_lines(e: ValidationError) -> list[str]:
    """Validation errors as short lines for the repair request and the note."""
    return [part.strip() for part in describe(e, limit=10).split("; ") if part.strip()]
