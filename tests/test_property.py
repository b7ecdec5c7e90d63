"""Whatever text arrives, the engine answers with four grades and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coach
from coach.report import Grade

MARKUP = st.sampled_from(
    [
        "\n",
        "\n\n",
        "# ",
        "## ",
        "- ",
        "* ",
        "1. ",
        "**",
        "__",
        "<p>",
        "</li>",
        "[",
        "](",
        ")",
        "|",
        ":",
        ". ",
        "`",
        "İ",
        "’",
        "\t",
        "  ",
    ]
)
WORDS = st.sampled_from(
    [
        "you",
        "decide",
        "not",
        "budget",
        "report",
        "monthly",
        "team",
        "of",
        "must",
        "ensure",
        "own",
        "the",
        "Reports to",
        "What success looks like",
        "etc",
        "$5,000",
        "(20%)",
        "10 hours a week",
    ]
)
TEXT = st.lists(st.one_of(MARKUP, WORDS, st.text(max_size=20)), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_yields_four_grades(text: str) -> None:
    report = coach.check(text)
    assert set(report.elements) == set(coach.ELEMENTS)
    assert all(r.grade in Grade for r in report.elements.values())
    for result in report.elements.values():
        for ev in result.evidence:
            assert text[ev.start : ev.end] == ev.text
    assert 0 <= report.score <= 100


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text: str) -> None:
    assert len(coach.check(text).elements) == 4
