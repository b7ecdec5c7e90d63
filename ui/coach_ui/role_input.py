"""Where a role description comes in: the text area, the example picker, the file upload.

This is the one place where what a person pasted or uploaded becomes text
to check. Reading goes through `coach.inputs`, so the page refuses what the
CLI refuses, with the same words. An upload is untrusted bytes: a file
that cannot be read comes back as its error, so a batch reports that file
and checks the others.
"""

from __future__ import annotations

import streamlit as st

from coach.errors import InputError
from coach_ui.examples import example_files

UPLOAD_TYPES = ["txt", "md", "docx", "pdf", "html"]
PASTED = "pasted text"


def _load_example(key: str) -> None:
    from pathlib import Path

    from coach.inputs import read_path

    name = st.session_state.get(f"{key}_example")
    if name:
        st.session_state[f"{key}_text"] = read_path(Path(example_files()[name])).text


def role_input(key: str, *, uploads: bool = True, height: int = 260) -> None:
    """The text area (with an example picker) and, optionally, the file upload."""
    st.selectbox(
        "Start from a bundled example (optional)",
        list(example_files()),
        index=None,
        placeholder="Choose an example to paste it below",
        key=f"{key}_example",
        on_change=_load_example,
        args=(key,),
    )
    st.text_area(
        "Role description",
        key=f"{key}_text",
        height=height,
        placeholder="Paste the role description here: the job ad, the role profile or the team charter.",
    )
    if uploads:
        st.file_uploader(
            "…or upload files (.txt, .md, .docx, .pdf, .html); several at once are checked as a batch",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key=f"{key}_upload",
        )


def read_inputs(key: str) -> list[tuple[str, str | InputError]]:
    """(name, text) for each uploaded file, or for the pasted text when nothing is uploaded.

    A file that cannot be read comes back as its InputError so a batch reports
    it and goes on; pasted text that is empty or too large raises, with the
    same message the CLI gives.
    """
    from coach.inputs import decode, extract

    files = st.session_state.get(f"{key}_upload") or []
    if files:
        out: list[tuple[str, str | InputError]] = []
        for f in files:
            try:
                out.append((f.name, extract(f.getvalue(), f.name)))
            except InputError as e:
                out.append((f.name, e))
        return out
    text = st.session_state.get(f"{key}_text") or ""
    return [(PASTED, decode(text.encode("utf-8"), PASTED))]
