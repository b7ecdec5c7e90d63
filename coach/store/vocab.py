"""The review queue's words, in a module light enough for the CLI to import at start-up."""

from __future__ import annotations

from typing import Literal

Status = Literal["open", "in_review", "resolved", "dismissed"]
STATUSES: tuple[Status, ...] = ("open", "in_review", "resolved", "dismissed")
ACTIVE_STATUSES: tuple[Status, ...] = ("open", "in_review")  # still waiting for HR
