"""The text diff between two versions of a contract: added and removed lines, with context."""

from __future__ import annotations

import pytest

from coach.version_diff import text_diff

BEFORE = """# Support lead

Help the team where needed.
Attend the weekly meeting.
Other duties as assigned."""

AFTER = """# Support lead

Help the team where needed.
You decide refunds up to 200 EUR without asking.
Attend the weekly meeting.
Reports monthly to the head of support on resolution times."""


def test_a_diff_lists_what_was_added_and_removed_in_order():
    diff = text_diff(BEFORE, AFTER)
    assert (diff.added, diff.removed) == (2, 1)
    assert [(line.kind, line.text) for line in diff.lines if line.kind in ("added", "removed")] == [
        ("added", "You decide refunds up to 200 EUR without asking."),
        ("removed", "Other duties as assigned."),
        ("added", "Reports monthly to the head of support on resolution times."),
    ]
    assert diff.as_unified().splitlines()[-1] == "+ Reports monthly to the head of support on resolution times."


@pytest.mark.parametrize(
    ("before", "after", "added", "removed"),
    [
        ("same text", "same text", 0, 0),
        ("", "a new first line", 1, 1),  # the empty line went, a line came
        ("one\ntwo", "one\r\ntwo", 0, 0),  # Windows line ends are not a change
        ("one\ntwo", "one  \ntwo", 0, 0),  # nor trailing spaces
    ],
)
def test_diff_table(before, after, added, removed):
    diff = text_diff(before, after)
    assert (diff.added, diff.removed) == (added, removed)
    assert diff.unchanged == (added == removed == 0)


def test_long_unchanged_runs_are_cut_to_a_count():
    before = "\n".join(f"Duty {i}." for i in range(1, 31))
    after = before.replace("Duty 15.", "You own duty 15.")
    diff = text_diff(before, after, context=2)
    assert [line.text for line in diff.lines if line.kind == "skipped"] == [
        "… 12 unchanged lines …",
        "… 13 unchanged lines …",
    ]
    assert len(diff.lines) == 2 + 2 * 2 + 2  # two cut runs, two lines of context each side, the change
