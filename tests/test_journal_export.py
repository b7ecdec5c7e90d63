"""A person's journal as files they keep: Markdown to read, JSON with every field."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from coach.formats.journal_export import JOURNAL_FORMAT, journal_json, journal_markdown
from coach.store import open_store

AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def entries():
    with open_store(":memory:") as store:
        journal = store.journal("ana@example.com")
        journal.add(
            "learning",
            "What did the last release teach you?",
            "Ship smaller.\n\nAsk the support team first.",
            rating=4,
            role="Release lead · Platform",
            gap="accountability:vague",
        )
        journal.add("proactive", "What could you start before being asked?", "The release notes.")
        yield journal.entries()


def test_markdown_reads_oldest_first_with_role_question_answer_and_rating(entries):
    text = journal_markdown(entries, "ana@example.com", AT)
    assert text.startswith("# Reflection journal of ana@example.com\n")
    assert "· 2 reflections" in text
    learning, proactive = text.index("Desire for learning"), text.index("· Proactive")
    assert learning < proactive  # oldest first, as a journal is read
    assert "**Role:** Release lead · Platform" in text
    assert "> Ship smaller.\n>\n> Ask the support team first." in text  # the whole answer, every line quoted
    assert "**Self-rating:** 4 of 5" in text
    assert "**Self-rating:** not rated" in text  # unanswered is not a 3


def test_json_keeps_every_field_under_a_named_format(entries):
    document = json.loads(journal_json(entries, "ana@example.com", AT))
    assert (document["format"], document["owner"], document["exported"]) == (
        JOURNAL_FORMAT,
        "ana@example.com",
        "2026-12-01T09:30:00+00:00",
    )
    first, second = document["reflections"]
    assert first["answer"] == "Ship smaller.\n\nAsk the support team first."
    assert (first["role"], first["rating"], first["gap"], first["meta_skill_label"]) == (
        "Release lead · Platform",
        4,
        "accountability:vague",
        "Desire for learning",
    )
    assert (second["meta_skill"], second["rating"], second["role"]) == ("proactive", None, None)


def test_an_empty_journal_exports_as_an_empty_journal():
    assert json.loads(journal_json([], "ben@example.com", AT))["reflections"] == []
    assert "· 0 reflections" in journal_markdown([], "ben@example.com", AT)
