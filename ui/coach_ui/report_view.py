"""One report on the page, in reading order: verdict, badges, the marked-up text, what to add.

Everything the engine says about a text is shown here and nowhere else,
so the Check page and HR's Review show a contract the same way. The
words (element names, grade badges) come from `words`; the role text is
shown as HTML escaped by `coach.formats.highlight`; every other piece of
text from the report (why, fix, evidence, phrases) goes through `plain()`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import unescape

import streamlit as st

from coach.formats.common import counted, group_phrases
from coach.formats.highlight import highlight_css, highlighted_html, legend_html
from coach.report import Grade, Report
from coach_ui.escaping import plain, plain_piece
from coach_ui.words import (
    ELEMENT_DEFINITIONS,
    ELEMENT_LABELS,
    GRADE_BADGES,
    LINE_OF_SIGHT,
    LINE_OF_SIGHT_DEFINITION,
    gaps_in_words,
)


def grade_badges(
    report: Report,
    *,
    definitions: dict[str, str] = ELEMENT_DEFINITIONS,
    line_of_sight: tuple[str, str, str] = (LINE_OF_SIGHT, "yes", "no"),
    key: str = "grade_badges",
) -> None:
    """One badge per element in plain words, and one for line of sight.

    An idea (the Challenges page) reads the same grades in its own words:
    `definitions` for the elements' tooltips, `line_of_sight` as (label, when
    present, when not).
    """
    label, yes, no = line_of_sight
    with st.container(horizontal=True, gap="small", key=key):
        for element, result in report.elements.items():
            colour, icon = GRADE_BADGES[result.grade]
            st.badge(
                f"{ELEMENT_LABELS[element.value]}: {result.grade.value}",
                icon=icon,
                color=colour,
                help=f"{ELEMENT_LABELS[element.value]}: {definitions[element.value]}",
            )
        present = report.line_of_sight.present
        st.badge(
            f"{label}: {yes if present else no}",
            icon=":material/visibility:" if present else ":material/visibility_off:",
            color="green" if present else "gray",
            help=f"{LINE_OF_SIGHT}: {LINE_OF_SIGHT_DEFINITION}" if label == LINE_OF_SIGHT else None,
        )


def verdict(report: Report) -> None:
    """The score, and whether the contract is flagged (and for which gaps) or complete."""
    cols = st.columns([1, 4])
    cols[0].metric("Score", f"{report.score}/100")
    with cols[1]:
        if report.flagged:
            st.warning(f"**Flagged for review.** Gaps: {gaps_in_words(report.gaps)}.", icon=":material/flag:")
        else:
            note = "" if report.line_of_sight.present else " It does not yet tie the role to the organisation's goals."
            st.success(f"**Complete:** all four elements are specified.{note}", icon=":material/verified:")


def _quote(ev) -> str:
    """An evidence sentence with its cue in bold, escaped."""
    text = ev.text
    a, b = ev.match.start - ev.start, ev.match.end - ev.start
    while a < b and text[a].isspace():  # ** must touch the words it makes bold
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if not 0 <= a < b <= len(text):
        return f"“{plain(unescape(text))}”"
    head, cue, tail = (unescape(p) for p in (text[:a].lstrip(), text[a:b], text[b:].rstrip()))
    return f"“{plain_piece(head)}**{plain_piece(cue)}**{plain_piece(tail)}”"


GapAction = Callable[[str], None]
"""Drawn under a gap (an element below specified, or no line of sight): the Check page's Insert."""


def highlighted_text(report: Report, text: str) -> None:
    st.html(highlight_css() + legend_html() + highlighted_html(text, report))


def gaps(report: Report, action: GapAction | None = None) -> None:
    """For each element below specified: why it matters, the fix, and what was found."""
    open_gaps = [(e, r) for e, r in report.elements.items() if r.grade is not Grade.specified]
    if not open_gaps:
        st.markdown("Every element is specified. The evidence for each is below.")
    for element, result in open_gaps:
        with st.container(border=True, key=f"gap_{element.value}"):
            st.markdown(f"**{ELEMENT_LABELS[element.value]} is {result.grade.value}**")
            st.markdown(f"**Why it matters:** {plain(result.why)}")
            if result.fix:
                st.markdown(f"**Fix:** {plain(result.fix)}")
            if result.evidence:
                st.caption("What the text says now (not enough to count as specified):")
                for ev in result.evidence[:3]:
                    st.markdown(f"- {_quote(ev)}")
            if action is not None:
                action(element.value)
    specified = [(e, r) for e, r in report.elements.items() if r.grade is Grade.specified]
    if specified:
        with st.expander("Evidence for the specified elements", key="evidence_specified"):
            for element, result in specified:
                st.markdown(f"**{ELEMENT_LABELS[element.value]}**")
                for ev in [e for e in result.evidence if e.counted][:3]:
                    st.markdown(f"- {_quote(ev)}")


def line_of_sight(report: Report, action: GapAction | None = None) -> None:
    los = report.line_of_sight
    if los.present:
        st.markdown("**Yes**: the role is tied to the organisation's goals.")
        for ev in los.evidence[:2]:
            st.markdown(f"- {_quote(ev)}")
    else:
        st.markdown(f"**No.** {plain(los.why)}")
        if los.fix:
            st.markdown(f"**Fix:** {plain(los.fix)}")
        if action is not None:
            action("line_of_sight")


def vague_phrases(report: Report) -> None:
    if not report.vague_phrases:
        st.markdown("None found.")
        return
    # One line per suggestion: several clichés share one, and a long paste repeats them.
    for suggestion, seen in group_phrases((p.text, p.suggestion) for p in report.vague_phrases):
        st.markdown(f"- {plain(', '.join(counted(t, n) for t, n in seen))}: {plain(suggestion)}")


def findings(report: Report) -> None:
    if not report.findings:
        st.markdown("None: the elements that are stated fit together.")
        return
    for f in report.findings:
        st.markdown(f"- **{plain(f.message)}** {plain(f.why)} **Fix:** {plain(f.fix)}")


def show(
    report: Report,
    text: str,
    *,
    beside: Callable[[], None] | None = None,
    action: GapAction | None = None,
    line_of_sight_extra: Callable[[], None] | None = None,
) -> None:
    """Everything the engine says about one text, in reading order.

    The Check page passes `beside` (the highlight card, drawn next to the
    text) and `action` (Insert under each gap); HR's Review shows the same
    report without them. `line_of_sight_extra` is drawn at the end of the
    line-of-sight section (the place for the organisation's chain of goals).
    """
    verdict(report)
    grade_badges(report)
    st.subheader("The text, with the evidence for each element")
    if beside is None:
        highlighted_text(report, text)
    else:
        left, right = st.columns([3, 2], gap="medium")
        with left:
            highlighted_text(report, text)
        with right:
            beside()
    st.subheader("What to add")
    gaps(report, action)
    left, right = st.columns(2)
    with left:
        st.subheader("Line of sight")
        line_of_sight(report, action)
        if line_of_sight_extra is not None:
            line_of_sight_extra()
        st.subheader("Gaps between elements")
        findings(report)
    with right:
        st.subheader("Vague phrases")
        vague_phrases(report)
