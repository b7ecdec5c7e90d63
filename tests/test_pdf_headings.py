"""A PDF's headings come out as heading lines of their own, never glued to the sentence after them.

The PDFs are written by hand here, as a word processor or a browser draws them: a heading in a larger
or bold font, then its paragraph; pypdf reads them, coach.documents marks the headings, and
coach.engine.text.parse must see each heading as a heading unit, with the paragraph under it.
"""

from __future__ import annotations

import html
import io
import re

import pytest
from hostile_files import pdf_file
from pypdf import PdfReader

import coach
from coach.documents import pdf_text
from coach.engine.text import parse
from coach.formats.highlight import highlighted_html

LIMIT = 200_000
FONTS = {
    "F1": "Helvetica",
    "F2": "Helvetica-Bold",
}


def make_pdf(*pages: bytes) -> bytes:
    """A PDF whose pages draw the given content streams with Helvetica (/F1) and Helvetica-Bold (/F2)."""
    fonts = b" ".join(
        b"/%s << /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % (k.encode(), v.encode())
        for k, v in FONTS.items()
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /MediaBox [0 0 612 792] /Count %d /Kids [%s] >>"
        % (len(pages), b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))),
        b"<< /Font << %s >> >>" % fonts,
    ]
    for i, content in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /Contents %d 0 R /Resources 3 0 R >>" % (5 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return pdf_file(objects)


def lines(*rows: tuple[str, float, str]) -> bytes:
    """A content stream: each (font, size, text) row one line lower, 1.4 times its size below the last."""
    ops, y = [], 740.0
    for font, size, text in rows:
        y -= size * 1.4
        ops.append(b"BT /%s %g Tf 72 %g Td (%s) Tj ET" % (font.encode(), size, y, text.encode("cp1252")))
    return b"\n".join(ops)


BODY = [
    ("F1", 11, "You will own the renewal plan for forty accounts and decide which"),
    ("F1", 11, "customers get a quarterly business review."),
]


def pypdf_alone(data: bytes) -> str:
    return str(PdfReader(io.BytesIO(data)).pages[0].extract_text())


def units(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(u.kind, " ".join(text[u.start : u.end].split()), u.headings) for u in parse(text).units]


def test_a_larger_bold_heading_is_its_own_heading_unit_above_its_paragraph() -> None:
    data = make_pdf(
        lines(
            ("F2", 18, "Customer Success Manager"),
            ("F2", 14, "Responsibilities"),
            *BODY,
            ("F2", 14, "About you"),
            ("F1", 11, "You have run onboarding for a software product before."),
        )
    )
    text = pdf_text(data, "role.pdf", LIMIT)
    assert text.splitlines()[:4] == ["# Customer Success Manager", "", "## Responsibilities", ""]
    assert units(text) == [
        ("heading", "Customer Success Manager", ()),
        ("heading", "Responsibilities", ("customer success manager",)),
        (
            "sentence",
            "You will own the renewal plan for forty accounts and decide which customers get a quarterly business review.",
            ("customer success manager", "responsibilities"),
        ),  # the paragraph's two lines stay one sentence
        ("heading", "About you", ("customer success manager",)),
        (
            "sentence",
            "You have run onboarding for a software product before.",
            ("customer success manager", "about you"),
        ),
    ]


def test_before_headings_were_marked_the_heading_was_glued_to_the_sentence() -> None:
    """What pypdf alone gives: the line break, which parse reads as a wrapped line of one sentence."""
    data = make_pdf(lines(("F2", 14, "Responsibilities"), *BODY))
    plain = pypdf_alone(data)
    assert units(plain)[0][1].startswith("Responsibilities You will own")
    assert units(pdf_text(data, "role.pdf", LIMIT))[0] == ("heading", "Responsibilities", ())


def test_a_bold_heading_at_the_body_size_is_a_heading() -> None:
    data = make_pdf(lines(("F2", 11, "What you will decide"), *BODY))
    kinds = units(pdf_text(data, "role.pdf", LIMIT))
    assert kinds[0] == ("heading", "What you will decide", ())
    assert kinds[1][0] == "sentence" and kinds[1][2] == ("what you will decide",)


def test_a_heading_scaled_by_the_text_matrix_is_seen_at_its_drawn_size() -> None:
    """Browsers draw text at size 1 and scale it with the text matrix."""
    content = (
        b"BT /F1 1 Tf 16 0 0 16 72 700 Tm (Responsibilities) Tj ET\n"
        b"BT /F1 1 Tf 10 0 0 10 72 676 Tm (You will own the renewal plan for forty accounts.) Tj ET\n"
        b"BT /F1 1 Tf 10 0 0 10 72 662 Tm (You decide which customers get a review.) Tj ET"
    )
    kinds = units(pdf_text(make_pdf(content), "role.pdf", LIMIT))
    assert kinds[0] == ("heading", "Responsibilities", ())
    assert [k for k, _, _ in kinds[1:]] == ["sentence", "sentence"]


def test_headings_rank_by_size_across_pages_and_a_wrapped_heading_is_one() -> None:
    first = lines(("F2", 20, "Senior Customer Success"), ("F2", 20, "Manager, EMEA"), *BODY)
    second = lines(("F2", 14, "Benefits"), ("F1", 11, "You choose your own working hours."))
    text = pdf_text(make_pdf(first, second), "role.pdf", LIMIT)
    assert "# Senior Customer Success Manager, EMEA" in text.splitlines()
    assert "## Benefits" in text.splitlines()


@pytest.mark.parametrize(
    "row",
    [
        ("F2", 11, "You decide which refunds to grant."),  # bold, but a sentence
        ("F2", 14, "You decide which refunds to grant, which customers get credit, and when a renewal needs a call"),
    ],
)
def test_a_sentence_drawn_large_or_bold_is_not_a_heading(row: tuple[str, float, str]) -> None:
    text = pdf_text(make_pdf(lines(row, *BODY)), "role.pdf", LIMIT)
    assert "#" not in text


def test_a_bold_lead_in_on_a_line_with_plain_words_is_not_a_heading() -> None:
    content = b"BT /F2 11 Tf 72 700 Td (Location:) Tj /F1 11 Tf ( London, hybrid) Tj ET\n" + lines(*BODY)
    text = pdf_text(make_pdf(content), "role.pdf", LIMIT)
    assert "#" not in text and "Location:" in text


def test_a_pdf_in_one_font_reads_as_pypdf_reads_it() -> None:
    data = make_pdf(lines(("F1", 11, "Responsibilities"), *BODY))
    assert pdf_text(data, "role.pdf", LIMIT) == pypdf_alone(data).strip()


def test_a_pdf_roles_headings_show_without_the_marks_added_when_reading_it() -> None:
    text = pdf_text(make_pdf(lines(("F2", 14, "Responsibilities"), *BODY)), "role.pdf", LIMIT)
    report = coach.check(text).model_copy(update={"source": "role.pdf"})
    shown = html.unescape(re.sub(r"<[^>]+>", "", highlighted_html(text, report)))
    assert shown.startswith("Responsibilities\n\nYou will own")
