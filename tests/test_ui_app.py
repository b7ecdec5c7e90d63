"""The app under Streamlit's AppTest: every page opens, and the check flow works end to end.

Texts are short and clear so the tests do not move when the rules are tuned:
"You decide which features enter the release." states discretion and
nothing else a rule could mistake for purpose, resources or accountability.
"""

from __future__ import annotations

import io
import re

import pytest
from ui_helpers import (
    CLEAR_ROLE,
    HR_EMAIL,
    PAGES,
    TITLES,
    badges,
    local_app,
    markdown,
    rendered_html,
    signed_in_app,
    texts,
)

from coach.store import open_store


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_in_local_mode(app_env, page: str) -> None:
    at = local_app().run()
    assert not at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [TITLES[page]]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_for_a_signed_in_hr_person(app_env, page: str) -> None:
    at = signed_in_app(HR_EMAIL).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [TITLES[page]]


def test_the_check_page_is_the_front_door(app_env) -> None:
    at = local_app().run()
    assert [t.value for t in at.title] == ["Check a role"]
    assert at.text_area(key="check_text").value == ""
    assert at.button(key="check_run").label == "Check"


def check(at, text: str):
    at.text_area(key="check_text").set_value(text)
    return at.button(key="check_run").click().run()


def test_check_shows_badges_evidence_fixes_and_questions(app_env) -> None:
    at = check(local_app().run(), CLEAR_ROLE)
    assert not at.exception
    shown = badges(at)
    assert "Discretion: specified" in shown
    # One badge per element and one for line of sight, each in plain words.
    assert len(shown) == 5
    assert all(b.split(": ")[1] in {"specified", "vague", "missing", "yes", "no"} for b in shown)
    text = markdown(at)
    # The evidence for discretion quotes the sentence, the cue in bold.
    assert any(t.startswith("- “You **decide") for t in text)
    # Each gap says why it matters and what to add.
    gaps = [b.split(": ")[0] for b in shown[:4] if not b.endswith("specified")]
    assert gaps, "a one-sentence role leaves some element unstated"
    for element in gaps:
        i = next(i for i, t in enumerate(text) if t.startswith(f"**{element} is "))
        assert text[i + 1].startswith("**Why it matters:**")
        assert text[i + 2].startswith("**Fix:**")
    # Coaching questions for all six meta skills, from the bank.
    for skill in (
        "Future-focus",
        "Proactive",
        "Risk-sensitive",
        "Curious and creative",
        "Resourceful",
        "Desire for learning",
    ):
        assert any(t.startswith(f"**{skill}**") for t in text), skill
    questions = [t for t in text if t.startswith("- ") and "curated bank" in t]
    assert len(questions) == 12  # two per skill by default
    assert all("?" in q for q in questions)
    # The highlighted text: the sentence is marked as discretion evidence.
    html = at.get("html")[0].proto.body
    assert 'data-elements="discretion"' in html
    # Downloads are offered as Markdown, JSON and a page to print.
    assert {b.label for b in at.get("download_button")} == {
        "Download report (Markdown)",
        "Download report (JSON)",
        "Download report (a page to print)",
    }


def test_more_questions_per_skill_and_for_the_employee(app_env) -> None:
    at = check(local_app().run(), CLEAR_ROLE)
    at.slider(key="check_per_skill").set_value(3)
    at.radio(key="check_audience").set_value("employee").run()
    questions = [t for t in markdown(at) if t.startswith("- ") and "curated bank" in t]
    assert len(questions) == 18


def test_empty_text_gets_the_cli_message(app_env) -> None:
    at = check(local_app().run(), "   \n ")
    assert texts(at.error) == ["pasted text: is empty; paste or write the role description first"]
    assert not badges(at)


def test_oversized_text_is_told_the_limit_in_web_terms(app_env, monkeypatch) -> None:
    monkeypatch.setenv("COACH_MAX_BYTES", "200")
    at = check(local_app().run(), CLEAR_ROLE * 10)
    assert len(at.error) == 1
    message = texts(at.error)[0]
    assert "is over the 200 bytes limit" in message
    assert "--max-bytes" not in message and "COACH_MAX_BYTES" not in message
    assert message.endswith("split the text or paste only the role itself (the app takes up to 200 bytes of text)")
    assert not at.exception


def test_the_upload_box_states_the_real_limits(app_env, monkeypatch) -> None:
    monkeypatch.setenv("COACH_MAX_BYTES", "200000")
    at = local_app().run()
    label = at.get("file_uploader")[0].proto.label
    assert label.endswith("(text up to 0.2 MB, .docx and .pdf up to 2.0 MB)")


def test_an_example_can_be_pasted_from_the_picker(app_env) -> None:
    at = local_app().run()
    at.selectbox(key="check_example").set_value("strong-release-lead.md").run()
    assert at.text_area(key="check_text").value.startswith("# Release Lead")
    at.button(key="check_run").click().run()
    assert len(badges(at)) == 5


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Release lead", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_uploaded_docx_is_checked(app_env) -> None:
    at = local_app().run()
    at.file_uploader(key="check_upload").set_value(
        ("role.docx", _docx(CLEAR_ROLE), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    at.button(key="check_run").click().run()
    assert not at.exception
    assert "Discretion: specified" in badges(at)


def test_a_scanned_pdf_says_it_has_no_text(app_env) -> None:
    at = local_app().run()
    at.file_uploader(key="check_upload").set_value(("scan.pdf", _blank_pdf(), "application/pdf"))
    at.button(key="check_run").click().run()
    assert not at.exception
    assert any("no text layer (a scanned image?)" in m for m in texts(at.error))
    assert not badges(at)


def _docx_with(document_xml: bytes) -> bytes:
    """A real .docx whose word/document.xml is replaced by `document_xml`."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(_docx(CLEAR_ROLE)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_corrupt_docx_gets_its_own_message_and_the_other_files_are_checked(app_env) -> None:
    at = local_app().run()
    at.file_uploader(key="check_upload").set_value(
        [
            ("broken.docx", _docx_with(b"<w:document><w:body><w:p>unclosed"), DOCX),  # a valid zip, broken XML
            ("role.txt", CLEAR_ROLE.encode(), "text/plain"),
        ]
    )
    at.button(key="check_run").click().run()
    assert not at.exception, at.exception
    (message,) = texts(at.error)
    assert message.startswith("broken.docx: ") and "paste the text" in message
    assert "Discretion: specified" in badges(at)  # role.txt's report


def _huge_docx_text(n_bytes: int) -> bytes:
    """A small .docx whose text, once unzipped, is `n_bytes` long (it compresses to a few KB)."""
    paragraph = b"<w:p><w:r><w:t>" + b"You decide. " * 80 + b"</w:t></w:r></w:p>"
    body = paragraph * (n_bytes // len(paragraph) + 1)
    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return _docx_with(b"<w:document " + ns + b"><w:body>" + body + b"</w:body></w:document>")


def test_every_kind_of_unreadable_upload_is_reported_by_name_and_the_page_goes_on(app_env, monkeypatch) -> None:
    monkeypatch.setenv("COACH_MAX_BYTES", "100000")
    bad = {
        "broken.docx": (_docx_with(b"<w:document><unclosed"), DOCX),
        "truncated.docx": (_docx(CLEAR_ROLE)[:300], DOCX),
        "huge-inside.docx": (_huge_docx_text(300_000), DOCX),
        "garbage.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 20, "application/pdf"),
        "binary.txt": (b"\x00\x01\x02" * 100, "text/plain"),
        "too-big.txt": (b"a" * 100_001, "text/plain"),
    }
    assert all(len(data) < 1_000_000 for data, _ in bad.values())  # each passes the upload size limit
    at = local_app().run()
    at.file_uploader(key="check_upload").set_value(
        [(name, data, mime) for name, (data, mime) in bad.items()] + [("role.txt", CLEAR_ROLE.encode(), "text/plain")]
    )
    at.button(key="check_run").click().run()
    assert not at.exception, at.exception
    messages = texts(at.error)
    assert sorted(m.split(": ", 1)[0] for m in messages) == sorted(bad)  # one message per bad file
    assert "Discretion: specified" in badges(at)


def test_several_uploads_are_checked_as_a_batch(app_env) -> None:
    at = local_app().run()
    at.file_uploader(key="check_upload").set_value(
        [
            ("a.txt", CLEAR_ROLE.encode(), "text/plain"),
            ("b.md", b"# Coordinator\nOther duties as assigned.", "text/markdown"),
            ("empty.txt", b"  ", "text/plain"),
        ]
    )
    at.button(key="check_run").click().run()
    assert not at.exception
    assert texts(at.error) == ["empty.txt: is empty; paste or write the role description first"]
    table = at.dataframe[0].value
    assert list(table["file"]) == ["a.txt", "b.md"]
    assert at.selectbox(key="check_pick").value == "a.txt"
    assert "Discretion: specified" in badges(at)
    at.selectbox(key="check_pick").set_value("b.md").run()
    # The second file's report: its vague phrase is listed with a suggestion.
    assert any(t.startswith("- “Other duties as assigned”") for t in markdown(at))


def test_a_file_name_shows_as_text_in_its_error(app_env) -> None:
    name = "![x](http:evil.example x.png) [click](http:evil.example).txt"
    at = local_app().run()
    at.file_uploader(key="check_upload").set_value((name, b"  ", "text/plain"))
    at.button(key="check_run").click().run()
    assert texts(at.error) == [f"{name}: is empty; paste or write the role description first"]
    assert re.findall(r"<(\w+)", rendered_html(at.error[0].value)) == ["p"]  # text only: no <img>, no <a>


def _save(at, title: str, team: str):
    at.text_input(key="check_title").set_value(title)
    at.text_input(key="check_team").set_value(team)
    return at.button(key="check_save").click().run()


def test_save_creates_then_versions_a_contract(app_env) -> None:
    at = check(local_app().run(), CLEAR_ROLE)
    at = _save(at, "Release lead", "Platform")
    assert not at.exception
    assert texts(at.success)[-1].startswith("Saved as contract #1")
    # The same title and team with an edited text: version 2 of the same contract.
    at = check(at, CLEAR_ROLE + " You report progress to the CTO every month.")
    at = _save(at, "Release lead", "Platform")
    assert texts(at.success)[-1].startswith("Saved version 2 of contract #1")
    # The same text again stores nothing new.
    at = _save(at, "Release lead", "Platform")
    assert any("nothing new was stored" in m for m in texts(at.info))
    with open_store() as store:
        history = store.contract_history(1)
        contract = store.get_contract(1)
    assert [h.version for h in history] == [1, 2]
    assert (contract.team, contract.owner, contract.source) == ("Platform", "lee", "pasted text")


def test_save_without_a_title_says_so(app_env) -> None:
    at = check(local_app().run(), CLEAR_ROLE)
    at = _save(at, "  ", "")
    assert any("needs a title" in m for m in texts(at.error))


def test_fresh_database_offers_the_examples(app_env) -> None:
    at = local_app().run()
    at.button(key="check_load_examples").click().run()
    assert not at.exception
    assert any(m.startswith("Loaded 5 example contracts") for m in texts(at.success))
    with open_store() as store:
        assert store.queue().total >= 1
        assert store.teams() == ["Examples"]
    # Once there are contracts, the offer is gone.
    at.run()
    assert not [b for b in at.button if b.key == "check_load_examples"]


def test_signed_out_people_see_only_sign_in_and_about(app_env) -> None:
    at = signed_in_app(HR_EMAIL)
    at.user = {"is_logged_in": False}
    at.run()
    assert [t.value for t in at.title] == ["Empowerment Coach"]
    assert [b.key for b in at.button] == ["sign_in_default"]
    at.switch_page("views/about.py").run()
    assert not at.exception
    assert "Sign in to see the model and data settings." in markdown(at)


def test_a_new_check_suggests_its_own_title_and_an_edit_is_flagged_as_unchecked(app_env) -> None:
    at = check(local_app().run(), "# Release lead\n" + CLEAR_ROLE)
    assert at.text_input(key="check_title").value == "Release lead"
    at = check(at, "# Support lead\nYou may approve refunds up to £200.")
    assert at.text_input(key="check_title").value == "Support lead"
    stale = "The text above has changed since this check: click Check again to grade the new text."
    assert stale not in texts(at.warning)
    # With re-check as you type turned off, an edit leaves the report behind, and says so.
    at.toggle(key="check_live").set_value(False).run()
    at.text_area(key="check_text").set_value("# Support lead\nYou may approve refunds up to £500.").run()
    assert stale in texts(at.warning)
