"""Named errors the CLI and UI turn into one clear line (never a traceback).

Every message says what is wrong and what to do about it.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base for errors a user can fix. `str(err)` is the message to show."""

    exit_code = 2


class InputError(CoachError):
    """The text to check is unusable: empty, binary, not UTF-8, too large, missing."""


class RuleError(CoachError):
    """A rule, section or pack file is invalid. The message names the file and field."""


class PromptError(CoachError):
    """A prompt or question-bank file is invalid, or a template lacks a variable."""


class StoreError(CoachError):
    """The database is unusable: not SQLite, corrupt, locked too long, or not writable.

    The message names the file and what to do; the file itself is never
    overwritten or repaired behind the user's back.
    """


class NotFoundError(StoreError):
    """A contract, version or review asked for by id does not exist."""


class ProfileError(CoachError):
    """An organisation profile is invalid. The message names the file (or form) and the field."""
