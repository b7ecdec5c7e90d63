"""Which contract a save or an import is about: its identity, never its text.

A contract is identified by an explicit key when it has one (a CSV or
JSONL `id`, a document's absolute path, an outside system's id), and
otherwise by its team and title, compared without regard to case. Two
contracts may have the same text (two teams using one template are two
contracts); one contract's text may change (a new version). Saving the
same text again under the same identity adds nothing, which is what makes
an import safe to run twice.

Plain Python, no SQLite: the importer and the app use it to key what they
hand the store.
"""

from __future__ import annotations

TITLE_PREFIX = "title:"


def title_key(team: str | None, title: str) -> str:
    """A contract's identity by team and title (case-insensitive), when it has no id or path.

    `coach import` gives it to a table row without an id and the app to a
    contract saved from pasted text, so saving or importing the same title
    and team again makes a new version of one contract, not a second one.
    """
    return f"{TITLE_PREFIX}{(team or '').casefold()}|{title.casefold()}"


def identity(key: str | None, team: str | None, title: str) -> str:
    """The key a contract is stored and found under: `key` if given, else its title key."""
    return key if key is not None else title_key(team, title)


def follows_title(key: str | None) -> bool:
    """Whether a stored key is derived from team and title (so it moves when they change)."""
    return key is None or key.startswith(TITLE_PREFIX)
