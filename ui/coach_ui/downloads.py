"""The report as a file to keep or send: Markdown, JSON, or a page to print.

The bytes come from `coach.formats`, so a downloaded report reads like
`coach check --format markdown|json|html`, and it is headed with the title the
contract is saved under and carries the coaching questions on screen. The
file name is made from that title with everything but letters, digits, `_`
and `-` replaced, so an uploaded file's name cannot steer where a browser
saves it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import streamlit as st

from coach.report import Report

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
Questions = Sequence[tuple[str, Sequence[str]]]


def file_stem(report: Report, title: str | None = None) -> str:
    """'Release lead (v2).docx' → 'Release-lead-v2'; the saved title first; 'role' when nothing usable is left."""
    name = title.strip() if title and title.strip() else (report.source or "role").rsplit(".", 1)[0]
    return _UNSAFE.sub("-", name).strip("-") or "role"


def json_document(report: Report, title: str | None, questions: Questions) -> str:
    """The versioned report, with the title and the coaching questions beside it (docs/report-schema.md)."""
    data = {
        "title": title or report.source,
        "report": report.model_dump(mode="json"),
        "coaching_questions": [{"meta_skill": skill, "questions": list(asked)} for skill, asked in questions],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def files(report: Report, title: str | None = None, questions: Questions = ()) -> list[tuple[str, str, str, str]]:
    """(button label, file name, MIME type, content) for each download."""
    from coach.formats import html_report, markdown

    stem = file_stem(report, title)
    return [
        ("Markdown", f"{stem}-report.md", "text/markdown", markdown.document(report, title, questions)),
        ("JSON", f"{stem}-report.json", "application/json", json_document(report, title, questions)),
        ("a page to print", f"{stem}-report.html", "text/html", html_report.document(report, title, questions)),
    ]


def report_downloads(report: Report, key: str, title: str | None = None, questions: Questions = ()) -> None:
    """A download button per format, side by side."""
    with st.container(horizontal=True, key=f"{key}_downloads"):
        for label, name, mime, content in files(report, title, questions):
            suffix = name.rsplit(".", 1)[1]
            st.download_button(
                f"Download report ({label})",
                content,
                file_name=name,
                mime=mime,
                key=f"{key}_download_{suffix}",
                icon=":material/download:",
                on_click="ignore",  # no rerun: the page stays as it is
            )
