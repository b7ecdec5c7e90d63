"""What the store hands back: pydantic models, never raw rows.

These are the boundary between the database and the CLI, the coaching
helper and the UI, so the words follow ELEMENTS.md (grades per element,
gaps like 'discretion:missing') and times are timezone-aware datetimes.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CachedReply(_Model):
    """A validated LLM reply kept so the same question is never paid for twice."""

    key: str
    model: str
    reply: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost: float | None = None
    created: datetime
