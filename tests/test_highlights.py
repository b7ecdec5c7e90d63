"""Findings on the words (highlights and their cards), what a re-check changed, grouped vague phrases,
and the print page: the pure parts of the Check page's editor."""

from __future__ import annotations

import html
import re

import pytest

import coach
from coach.changes import changes, summary
from coach.formats import html_report, markdown, renderer
from coach.formats.common import group_phrases
from coach.formats.highlight import highlighted_html
from coach.highlights import highlights, rule_words

# Our own texts. DECIDES states discretion and nothing else; the vague phrases are the product's examples.
DECIDES = "You decide which features enter the release."
VAGUE = "You will help with the rota as required. You sort the post as required, and other duties as assigned."


def test_highlights_are_numbered_in_reading_order_with_a_status_each() -> None:
    text = f"{DECIDES} You will help with other duties as assigned."
    items = highlights(coach.check(text))
    assert [h.number for h in items] == list(range(1, len(items) + 1))
    assert [h.start for h in items] == sorted(h.start for h in items)
    decided = next(h for h in items if h.target == "discretion")
    assert (decided.status, decided.text) == ("decided", DECIDES)
    assert decided.status_words == "Counted: specified evidence, it decided the grade."
    phrase = next(h for h in items if h.text == "other duties as assigned")
    assert phrase.kind == "vague_phrase" and phrase.status == "vague_phrase" and phrase.fix  # its suggestion


def test_a_card_carries_the_rules_own_why_and_fix() -> None:
    report = coach.check(DECIDES)
    words = rule_words(report)
    decided = next(h for h in highlights(report, words) if h.target == "discretion")
    assert (decided.why, decided.fix) == words[decided.rule]
    assert decided.why and decided.why != report.elements["discretion"].why


@pytest.mark.parametrize("probe", ["<img src=x onerror=alert(1)>", "</mark><script>alert(1)</script>"])
def test_a_vague_phrase_next_to_markup_is_marked_and_escaped(probe: str) -> None:
    text = f"You help with other duties as assigned {probe}."
    out = highlighted_html(text, coach.check(text))
    assert re.search(r'data-kinds="[^"]*vague_phrase', out)
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert set(re.findall(r"<\s*(\w+)", out)) <= {"div", "mark"}


def test_decided_and_weak_evidence_look_different() -> None:
    report = coach.check(DECIDES)
    decided = highlighted_html(DECIDES, report)
    assert "dashed" not in decided
    weak = [h.model_copy(update={"status": "weak"}) for h in highlights(report)]
    assert "dashed" in highlighted_html(DECIDES, report, weak)


def test_a_recheck_says_which_grade_moved_the_score_and_the_sentence() -> None:
    old = coach.check("You will help the team.")
    new = coach.check(f"You will help the team. {DECIDES}")
    moved = changes(old, new)
    assert [(c.target, c.before, c.after, c.sentence) for c in moved if c.target == "discretion"] == [
        ("discretion", "missing", "specified", DECIDES)
    ]
    assert summary(old, new).startswith("Discretion missing → specified")
    assert f"score {old.score} → {new.score}." in summary(old, new)
    assert summary(new, new) == f"No grade changed (score still {new.score})."


@pytest.mark.parametrize(
    ("pairs", "groups"),
    [
        (
            [("as required", "Say when."), ("As  required", "Say when."), ("etc.", "List them.")],
            [("Say when.", [("as required", 2)]), ("List them.", [("etc.", 1)])],
        ),
        (
            [("as needed", "Say when."), ("as required", "Say when.")],
            [("Say when.", [("as needed", 1), ("as required", 1)])],
        ),
    ],
)
def test_vague_phrases_are_grouped_by_suggestion_and_counted(pairs, groups) -> None:
    assert group_phrases(pairs) == groups


def test_every_format_says_a_repeated_suggestion_once() -> None:
    report = coach.check(VAGUE).model_copy(update={"source": "rota.md"})
    phrases = [v.text.lower() for v in report.vague_phrases]
    assert phrases.count("as required") == 2
    suggestion = next(v.suggestion for v in report.vague_phrases if v.text.lower() == "as required")
    for fmt in ("text", "markdown", "html"):
        out = renderer(fmt)([report])
        assert out.count(html.escape(suggestion) if fmt == "html" else suggestion) == 1, fmt
        assert "“as required” ×2" in out, fmt


def test_the_print_page_is_self_contained_and_escapes_everything() -> None:
    report = coach.check(f"{DECIDES} <b>Bold</b> & more.").model_copy(update={"source": "<script>x</script>.md"})
    assert "<h1>&lt;script&gt;x&lt;/script&gt;.md</h1>" in html_report.render([report])
    page = html_report.document(report, "Lead <b>ops</b>", [("Proactive", ["What <i>could</i> go wrong?"])])
    assert "<script" not in page and "<b>" not in page
    assert "<h1>Lead &lt;b&gt;ops&lt;/b&gt;</h1>" in page
    assert "<li>What &lt;i&gt;could&lt;/i&gt; go wrong?</li>" in page
    assert not re.search(r"(?:src|href)=", page)  # nothing fetched from elsewhere
    assert "@page { size: A4" in page


def test_the_markdown_file_is_headed_by_the_title_and_ends_with_the_questions() -> None:
    report = coach.check(DECIDES).model_copy(update={"source": "pasted text"})
    doc = markdown.document(report, "Release lead", [("Proactive", ["What could go wrong first?"])])
    assert doc.startswith("## Release lead\n")
    assert doc.rstrip().endswith("**Proactive**\n\n- What could go wrong first?")


HTML_ROLE = (
    "<h1>Support Lead</h1>\n<p>You decide which refunds to grant &amp; when.</p>\n"
    "<p>You have a training budget of &pound;2,000 a year.</p>"
)


def test_an_html_role_shows_as_the_words_it_reads() -> None:
    report = coach.check(HTML_ROLE).model_copy(update={"source": "support.html"})
    out = highlighted_html(HTML_ROLE, report)
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    assert (
        shown == "Support Lead\nYou decide which refunds to grant & when.\nYou have a training budget of £2,000 a year."
    )
    assert "<h1>" not in shown and "&pound;" not in shown
    assert set(re.findall(r"<\s*(\w+)", out)) <= {"div", "mark"}


def test_entities_are_decoded_in_every_format() -> None:
    report = coach.check(HTML_ROLE).model_copy(update={"source": "support.html"})
    quoted = [e for r in report.elements.values() for e in r.evidence if "&pound;" in e.text]
    assert quoted, "the sentence with the budget is evidence"
    for fmt in ("text", "markdown", "html"):
        out = renderer(fmt)([report])
        assert "&pound;" not in out and "£2,000" in out, fmt


def test_a_docx_roles_headings_show_without_the_marks_added_when_reading_it() -> None:
    text = "# Support Lead\n\n## Decisions\n\nYou decide which refunds to grant."
    report = coach.check(text).model_copy(update={"source": "support.docx"})
    shown = html.unescape(re.sub(r"<[^>]+>", "", highlighted_html(text, report)))
    assert shown == "Support Lead\n\nDecisions\n\nYou decide which refunds to grant."
    pasted = report.model_copy(update={"source": "pasted text"})  # what a person typed keeps its marks
    assert html.unescape(re.sub(r"<[^>]+>", "", highlighted_html(text, pasted))) == text
