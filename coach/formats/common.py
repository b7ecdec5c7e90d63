"""Small helpers shared by the human-readable formats."""

from __future__ import annotations

from coach.grades import ELEMENTS, LABELS

ELEMENT_LABELS: dict[str, str] = {e.value: LABELS[e.value] for e in ELEMENTS}
"""The four elements as people read them ("Purpose", ...), from the one vocabulary in coach.grades."""


def one_line(s: str, limit: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def chain_line(chain: list[dict] | None) -> str:
    """The chain as one line: 'This role → Release health (Platform) → … → Example Co'; '' without a profile."""
    if chain is None:
        return ""
    if not chain:
        return "none: no sentence about the role ties it to the profile's priorities"
    parts = []
    for link in chain:
        owner = link.get("owner")
        shown = (
            link["name"]
            if link["level"] in ("role", "purpose", "organisation") or not owner
            else f"{link['name']} ({owner})"
        )
        parts.append(shown if link["level"] != "purpose" else f"{shown}'s purpose")
    return " → ".join(parts)


def ties_line(ties: list[dict]) -> str:
    """The priorities a role ties to, with the words that tied each: 'Release health (quarterly release, ships)'."""
    return " · ".join(f"{t['priority']} ({', '.join(t['words'][:4])})" for t in ties)
