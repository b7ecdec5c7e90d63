"""The highlighted role text: every user character escaped, evidence marked per element."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coach
from coach.formats.highlight import COLOURS, highlighted_html, legend_html

PROBES = [
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>",
    '"><svg onload=alert(1)>',
    "</mark></div><iframe src=javascript:alert(1)>",
    "&lt;already escaped&gt; & ampersands",
]


def _text_of(markup: str) -> str:
    """What a browser shows: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("probe", PROBES)
def test_user_markup_is_escaped_and_shows_as_typed(probe: str) -> None:
    text = f"You decide which features enter the release. {probe}\nYou lead a team of four engineers. {probe}"
    out = highlighted_html(text, coach.check(text))
    assert _text_of(out) == text
    # No tag from the user's text survives: only our own div and mark tags remain.
    assert set(re.findall(r"<\s*(\w+)", out)) <= {"div", "mark"}
    assert "<script" not in out and "<img" not in out and "<svg" not in out and "<iframe" not in out


def test_evidence_is_marked_in_its_elements_colour() -> None:
    text = "You decide which features enter the release."
    out = highlighted_html(text, coach.check(text))
    assert 'data-elements="discretion"' in out
    assert COLOURS["discretion"] in out


def test_a_sentence_that_shows_two_elements_names_both() -> None:
    text = "You'll have lots of autonomy and the support of a great team."
    report = coach.check(text)
    shown = {e.value for e, r in report.elements.items() if r.evidence}
    out = highlighted_html(text, report)
    if len(shown) >= 2:  # the rules see two elements here; the markup must say so
        marked = re.findall(r'data-elements="([^"]+)"', out)
        assert any(len(m.split()) >= 2 for m in marked)


def test_text_with_no_evidence_is_plain_escaped_text() -> None:
    text = "Hello <b>world</b>"
    out = highlighted_html(text, coach.check(text))
    assert "<mark" not in out
    assert "&lt;b&gt;world&lt;/b&gt;" in out


def test_the_legend_names_every_element() -> None:
    legend = legend_html()
    for label in ("Purpose", "Discretion", "Resources", "Accountability"):
        assert label in legend


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab <>&\"'=/\n.", "You decide ", "a budget of £5k. ", "<script>", "&amp;"]), max_size=60
    ).map("".join)
)
def test_any_text_round_trips_through_the_markup(text: str) -> None:
    if not text.strip():
        return
    out = highlighted_html(text, coach.check(text))
    assert _text_of(out) == text
    assert set(re.findall(r"<\s*(\w+)", out)) <= {"div", "mark"}
