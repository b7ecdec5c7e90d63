"""What changed in a contract's text between two versions, line by line (pure, no I/O).

The Versions tab already says how each grade moved; HR also needs to see
the words that moved it. A role description is short and edited by hand,
so a line diff with a little context (like `diff -u`) is what people know
from code review and document tools. Word-level detail is left out: a
changed line shows as removed and added, which reads fine for prose.
"""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import BaseModel, ConfigDict

CONTEXT = 2  # unchanged lines kept either side of a change


class DiffLine(BaseModel):
    """One line of the diff: added in the newer version, removed from the older one, or kept."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["added", "removed", "same", "skipped"]
    text: str


class TextDiff(BaseModel):
    """The lines of a diff and how many were added and removed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lines: list[DiffLine]
    added: int
    removed: int

    @property
    def unchanged(self) -> bool:
        return self.added == 0 and self.removed == 0

    def as_unified(self) -> str:
        """`+`, `-` and ` ` prefixed lines (what a diff viewer colours); skipped runs as `…`."""
        mark = {"added": "+ ", "removed": "- ", "same": "  ", "skipped": "  "}
        return "\n".join(mark[line.kind] + line.text for line in self.lines)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def text_diff(before: str, after: str, context: int = CONTEXT) -> TextDiff:
    """The line diff from `before` to `after`; long runs of unchanged lines are cut to `context`."""
    old, new = _lines(before), _lines(after)
    lines: list[DiffLine] = []
    added = removed = 0
    groups = list(difflib.SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(context))
    shown_to = 0  # the old text's lines before this index are shown or counted as skipped
    for group in groups:
        if group[0][1] > shown_to:
            lines.append(_skipped(group[0][1] - shown_to))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine(kind="same", text=t) for t in old[i1:i2]]
                continue
            if tag in ("replace", "delete"):
                lines += [DiffLine(kind="removed", text=t) for t in old[i1:i2]]
                removed += i2 - i1
            if tag in ("replace", "insert"):
                lines += [DiffLine(kind="added", text=t) for t in new[j1:j2]]
                added += j2 - j1
        shown_to = group[-1][2]
    if groups and shown_to < len(old):
        lines.append(_skipped(len(old) - shown_to))
    return TextDiff(lines=lines, added=added, removed=removed)


def _skipped(n: int) -> DiffLine:
    return DiffLine(kind="skipped", text=f"… {n} unchanged line{'s' if n != 1 else ''} …")
