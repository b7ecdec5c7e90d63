"""The review queue's words, in a module light enough for the CLI to import at start-up."""

from __future__ import annotations

from typing import Literal

Status = Literal["open", "in_review", "resolved", "dismissed"]
STATUSES: tuple[Status, ...] = ("open", "in_review", "resolved", "dismissed")
ACTIVE_STATUSES: tuple[Status, ...] = ("open", "in_review")  # still waiting for HR
# The highest queue page asked for: beyond it, page x page size no longer fits SQLite's
# 64-bit OFFSET (--page 9223372036854775807 overflowed). A million pages of up to
# 1,000 contracts is far past any real queue.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 1000
