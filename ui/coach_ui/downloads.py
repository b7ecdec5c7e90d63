"""The report as a file to keep, in Markdown or JSON.

The bytes come from the CLI's own renderers (`coach.formats.renderer`), so
a downloaded report reads like `coach check --format markdown|json`. The file name is made from the
source's name with everything but letters, digits, `_` and `-` replaced,
so an uploaded file's name cannot steer where a browser saves it.
"""

from __future__ import annotations

import re

import streamlit as st

from coach.report import Report

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
FORMATS = (
    ("Markdown", "markdown", "md", "text/markdown"),
    ("JSON", "json", "json", "application/json"),
)


def file_stem(report: Report) -> str:
    """'Release lead (v2).docx' → 'Release-lead-v2'; 'role' when nothing usable is left."""
    return _UNSAFE.sub("-", (report.source or "role").rsplit(".", 1)[0]).strip("-") or "role"


def report_downloads(report: Report, key: str) -> None:
    """A download button per format, side by side."""
    from coach.formats import renderer

    stem = file_stem(report)
    with st.container(horizontal=True, key=f"{key}_downloads"):
        for label, fmt, suffix, mime in FORMATS:
            st.download_button(
                f"Download report ({label})",
                renderer(fmt)([report]),
                file_name=f"{stem}-report.{suffix}",
                mime=mime,
                key=f"{key}_download_{suffix}",
                icon=":material/download:",
                on_click="ignore",  # no rerun: the page stays as it is
            )
