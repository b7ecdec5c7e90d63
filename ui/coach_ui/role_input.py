"""Where a role description comes in: the text area, the example picker, the file upload.

This is the one place where what a person pasted or uploaded becomes text
to check. Reading goes through `coach.inputs`, so the page refuses what the
CLI refuses, with the same words. An upload is untrusted bytes: a file
that cannot be read comes back as its error, so a batch reports that file
and checks the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from coach.errors import CoachError, InputError
from coach_ui.examples import example_files

log = logging.getLogger(__name__)

UPLOAD_TYPES = ["txt", "md", "docx", "pdf", "html"]
PASTED = "pasted text"


def _load_example(key: str, on_change: Callable[[str], None] | None = None) -> None:
    from pathlib import Path

    from coach.inputs import read_path

    name = st.session_state.get(f"{key}_example")
    if name:
        st.session_state[f"{key}_text"] = read_path(Path(example_files()[name])).text
        if on_change is not None:
            on_change(key)


def role_input(
    key: str, *, uploads: bool = True, height: int = 260, on_change: Callable[[str], None] | None = None
) -> None:
    """The text area (with an example picker) and, optionally, the file upload.

    `on_change(key)` runs when Streamlit sends an edit of the text (on leaving
    the box or Ctrl+Enter) and after an example is pasted in.
    """
    st.selectbox(
        "Start from a bundled example (optional)",
        list(example_files()),
        index=None,
        placeholder="Choose an example to paste it below",
        key=f"{key}_example",
        on_change=_load_example,
        args=(key, on_change),
    )
    st.text_area(
        "Role description",
        key=f"{key}_text",
        height=height,
        placeholder="Paste the role description here: the job ad, the role profile or the team charter.",
        on_change=on_change,
        args=(key,),
    )
    if uploads:
        from coach.inputs import limits_in_words

        st.file_uploader(
            "…or upload files (.txt, .md, .docx, .pdf, .html); several at once are checked as a batch"
            f" ({limits_in_words()})",
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
    from coach.inputs import decode, for_the_web

    files = st.session_state.get(f"{key}_upload") or []
    if files:
        return [(f.name, read_upload(f.name, f.getvalue())) for f in files]
    text = st.session_state.get(f"{key}_text") or ""
    try:
        return [(PASTED, decode(text.encode("utf-8"), PASTED))]
    except InputError as e:
        raise InputError(for_the_web(str(e))) from None


def read_upload(name: str, data: bytes) -> str | InputError:
    """The text of one uploaded file, or why it cannot be read: never an exception.

    `coach.inputs.extract` turns what it knows about (size, binary, encoding,
    a broken zip) into an InputError. A damaged .docx or .pdf can also make
    the parser itself fail in its own way (lxml's XMLSyntaxError for a broken
    document.xml); the upload is the user's file, not our bug, so that too
    becomes a one-line message for this file, logged with its traceback.
    """
    from coach.inputs import extract, for_the_web

    try:
        return extract(data, name)
    except InputError as e:
        return InputError(for_the_web(str(e)))
    except CoachError as e:
        return InputError(str(e))
    except Exception as e:
        log.warning("upload %r could not be read", name, exc_info=True)
        return InputError(f"{name}: could not be read ({type(e).__name__}); save it again or paste the text")
