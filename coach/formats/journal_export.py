"""A person's journal as files they can keep: Markdown to read, JSON to move elsewhere.

The journal is the person's own record, so they can take it away whole.
Both formats are built from the entries of one owner's `Journal` (the
only way reflections are read), so an export can hold nothing of anyone
else's. Pure functions: the app offers them as downloads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from coach.coaching.skills import MetaSkill
from coach.store.models import Reflection

JOURNAL_FORMAT = "empowerment-coach.journal/1"


def _skill(value: str) -> str:
    return MetaSkill(value).label if value in MetaSkill.__members__ else value


def _quoted(text: str) -> str:
    """The person's words as a Markdown quote, every line of it (blank lines kept in the quote)."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def journal_markdown(entries: Sequence[Reflection], owner: str, exported: datetime) -> str:
    """Oldest first, one section per reflection: when, meta skill, role, question, answer, rating."""
    count = f"{len(entries)} reflection{'s' if len(entries) != 1 else ''}"
    lines = [f"# Reflection journal of {owner}", "", f"Exported {exported.astimezone():%Y-%m-%d %H:%M} · {count}", ""]
    for r in sorted(entries, key=lambda r: (r.created, r.id)):
        lines += [f"## {r.created.astimezone():%Y-%m-%d %H:%M} · {_skill(r.meta_skill)}", ""]
        if r.role:
            lines += [f"**Role:** {r.role}", ""]
        lines += [f"**Question:** {r.question}", "", _quoted(r.answer), ""]
        lines += [f"**Self-rating:** {r.rating} of 5" if r.rating is not None else "**Self-rating:** not rated", ""]
    return "\n".join(lines)


def journal_json(entries: Sequence[Reflection], owner: str, exported: datetime) -> str:
    """Every field of every reflection, oldest first, under a named format version."""
    document = {
        "format": JOURNAL_FORMAT,
        "owner": owner,
        "exported": exported.isoformat(),
        "reflections": [
            r.model_dump(mode="json") | {"meta_skill_label": _skill(r.meta_skill)}
            for r in sorted(entries, key=lambda r: (r.created, r.id))
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
