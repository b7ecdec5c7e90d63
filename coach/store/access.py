"""Who may add a version to a contract, and what a save by someone else may not do.

In the app, people save contracts under a title and team, and the same
title and team again is a new version of one contract. Without a rule,
anyone signed in could overwrite anyone's contract and, by saving a clean
text, close the review HR had open on it. So, for a save made on a
person's behalf (an `Actor`):

- **Only the contract's owner or HR may add a version** (or change its
  details). A contract with no owner on record takes versions from HR
  only. Anyone else gets `NotAllowedError`, naming the owner.
- **A save never transfers ownership.** The owner is whoever made the
  contract (or whom an import named); each version keeps who owned the
  contract then and who saved it.
- **Only HR closes a review.** A clean new version saved by HR resolves
  the contract's open review, as before; saved by anyone else, it leaves
  the review open with a note saying so, for HR to confirm.

Saves with no actor come from the command line or a script run with the
database file's own rights (`coach import`, HR tooling): they are trusted
like HR, and an import's owner column is authoritative.
"""

from __future__ import annotations

from coach.errors import CoachError
from coach.store.models import Actor


class NotAllowedError(CoachError):
    """Someone tried to change a contract that is not theirs. The message names its owner."""


def may_change(owner: str | None, by: Actor | None) -> bool:
    """Whether `by` may add a version to (or edit) a contract owned by `owner`."""
    if by is None or by.is_hr:
        return True
    return owner is not None and owner.strip().casefold() == by.name.casefold()


def closes_reviews(by: Actor | None) -> bool:
    """Whether a clean version saved by `by` may resolve the contract's open review."""
    return by is None or by.is_hr


def refusal(contract_id: int, title: str, team: str | None, owner: str | None) -> NotAllowedError:
    """The error for someone who may not add a version: whose contract it is and what to do instead."""
    what = f"contract #{contract_id} “{title}”" + (f" (team {team})" if team else "")
    if owner is None:
        return NotAllowedError(
            f"{what} has no owner on record, so only HR can save a new version of it; "
            "ask HR, or save your text under another title or team"
        )
    return NotAllowedError(
        f"{what} belongs to {owner}; only its owner or HR can save a new version of it — "
        "save your text under another title or team, or ask them"
    )
