"""How a role description is split into units: sentences, list items, headings.

Offsets always point into the original text, whatever markup surrounds the
words, so the UI can highlight exactly what the user wrote.
"""

from __future__ import annotations

import pytest

from coach.engine.text import MAX_UNIT_CHARS, mask, parse


def units(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    doc = parse(text)
    return [(u.kind, text[u.start : u.end], u.headings) for u in doc.units]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# Release Lead\n\nYou decide the scope. You report monthly.",
            [
                ("heading", "Release Lead", ()),
                ("sentence", "You decide the scope.", ("release lead",)),
                ("sentence", "You report monthly.", ("release lead",)),
            ],
        ),
        (
            "## What you'll do\n- Ship releases\n* Run retros\n1. Write notes\n2) Approve budgets",
            [
                ("heading", "What you'll do", ()),
                ("item", "Ship releases", ("what you'll do",)),
                ("item", "Run retros", ("what you'll do",)),
                ("item", "Write notes", ("what you'll do",)),
                ("item", "Approve budgets", ("what you'll do",)),
            ],
        ),
        (
            "Title\n=====\n\nBody text here.",
            [("heading", "Title", ()), ("sentence", "Body text here.", ("title",))],
        ),
        (
            "**Key results**\n- 95% on time",
            [("heading", "Key results", ()), ("item", "95% on time", ("key results",))],
        ),
        (
            "RESPONSIBILITIES\n- Keep the lights on",
            [("heading", "RESPONSIBILITIES", ()), ("item", "Keep the lights on", ("responsibilities",))],
        ),
        (
            "In a typical week you will:\n- answer tickets\n- write articles",
            [
                ("sentence", "In a typical week you will:", ()),
                ("item", "answer tickets", ("in a typical week you will",)),
                ("item", "write articles", ("in a typical week you will",)),
            ],
        ),
        (
            "The chair MUST approve changes. Members MAY vote.",
            [("sentence", "The chair MUST approve changes.", ()), ("sentence", "Members MAY vote.", ())],
        ),
        (
            "See e.g. the handbook. Dr. Smith leads it.",
            [("sentence", "See e.g. the handbook.", ()), ("sentence", "Dr. Smith leads it.", ())],
        ),
        (
            # A bold run-in sentence ends at its closing emphasis: the label is the question, not what follows.
            "**Can you give two evenings a month?** Then you will chair the review panel.",
            [
                ("sentence", "Can you give two evenings a month?", ()),
                ("sentence", "Then you will chair the review panel.", ()),
            ],
        ),
        (
            "*Read this first.* Volunteers keep the rota. See *e.g.* the wiki.",
            [
                ("sentence", "Read this first.", ()),
                ("sentence", "Volunteers keep the rota.", ()),
                ("sentence", "See *e.g.* the wiki.", ()),
            ],
        ),
    ],
)
def test_units_and_their_headings(text: str, expected: list) -> None:
    assert units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # A bold label that only introduced a list ends where prose resumes after the list.
            "**Nice to have**\n- Some Rust\n- A ham radio licence\n\nThe post is remote and starts in May.",
            [
                ("heading", "Nice to have", ()),
                ("item", "Some Rust", ("nice to have",)),
                ("item", "A ham radio licence", ("nice to have",)),
                ("sentence", "The post is remote and starts in May.", ()),
            ],
        ),
        (
            # ... under the Markdown heading above it, which still covers the paragraph.
            "## The post\n**Nice to have**\n- Some Rust\n\nThe post is remote.",
            [
                ("heading", "The post", ()),
                ("heading", "Nice to have", ("the post",)),
                ("item", "Some Rust", ("the post", "nice to have")),
                ("sentence", "The post is remote.", ("the post",)),
            ],
        ),
        (
            # A label whose section began with prose keeps covering prose.
            "**About you**\nYou like puzzles.\n- Some Rust\n\nYou enjoy teaching.",
            [
                ("heading", "About you", ()),
                ("sentence", "You like puzzles.", ("about you",)),
                ("item", "Some Rust", ("about you",)),
                ("sentence", "You enjoy teaching.", ("about you",)),
            ],
        ),
        (
            # A Markdown heading covers paragraphs after its list.
            "## Requirements\n- Some Rust\n\nYou will also need a driving licence.",
            [
                ("heading", "Requirements", ()),
                ("item", "Some Rust", ("requirements",)),
                ("sentence", "You will also need a driving licence.", ("requirements",)),
            ],
        ),
        (
            # A line that continues the last item (no blank line) is still that item.
            "**Nice to have**\n- Some Rust\n  or Go\nA driving licence",
            [
                ("heading", "Nice to have", ()),
                ("item", "Some Rust\n  or Go\nA driving licence", ("nice to have",)),
            ],
        ),
    ],
)
def test_where_a_bold_label_section_ends(text: str, expected: list) -> None:
    assert units(text) == expected


def test_html_tags_are_stripped_and_list_items_split() -> None:
    text = "<h2>Duties</h2>\n<ul>\n<li>Own the <b>budget</b>.</li>\n<li>Hire the team.</li>\n</ul>"
    doc = parse(text)
    kinds = [(u.kind, doc.masked[u.start : u.end].strip()) for u in doc.units]
    assert ("heading", "duties") in [(k, t.strip()) for k, t in kinds]
    items = [t for k, t in kinds if k == "item"]
    assert [" ".join(t.split()) for t in items] == ["own the budget .", "hire the team."]


def test_masking_keeps_every_offset() -> None:
    text = "**Reports to** the [CTO](https://example.com/cto) — <i>weekly</i> İstanbul"
    masked = mask(text)
    assert len(masked) == len(text)
    assert "reports to" in masked and "cto" in masked and "weekly" in masked
    assert "https" not in masked and "<i>" not in masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("the aim is to _help them_ settle", "the aim is to  help them  settle"),
        ("set `max_retries` to 3", "set  max_retries  to 3"),  # snake_case keeps its underscore
        ("a __bold__ claim", "a   bold   claim"),
    ],
)
def test_underscore_emphasis_is_blanked_but_not_snake_case(text: str, masked: str) -> None:
    assert mask(text) == masked


def test_unit_offsets_point_into_the_original_text() -> None:
    text = "# Role\n\n- **Decide** the [roadmap](x.md) with\n  the product lead.\n\nReports to: the COO."
    doc = parse(text)
    for unit in doc.units:
        assert text[unit.start : unit.end].strip() == text[unit.start : unit.end]
    assert any("the product lead." in text[u.start : u.end] for u in doc.units), "continuation lines join the item"
    assert any(u.label == "reports to" for u in doc.units)


def test_text_without_punctuation_is_cut_into_short_units() -> None:
    text = "word " * 5000
    doc = parse(text)
    assert len(doc.units) > 5
    assert all(u.end - u.start <= MAX_UNIT_CHARS for u in doc.units)
