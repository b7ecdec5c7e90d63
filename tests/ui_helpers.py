"""What the UI tests share: the app under AppTest, identities, and a database per test.

The app's shared modules live in the package `ui/coach_ui/`; Streamlit
finds it because it puts `ui/` (the folder of `app.py`) on sys.path. Tests
put `ui/` there too, so they can `from coach_ui import tables` and call the
plain functions directly.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
if str(UI) not in sys.path:
    sys.path.insert(0, str(UI))

from streamlit.testing.v1 import AppTest  # noqa: E402

# AppTest.from_file resolves a relative path against the calling test file.
APP = "../ui/app.py"
PAGES = [
    "views/check.py",
    "views/reflect.py",
    "views/challenges.py",
    "views/review.py",
    "views/organisation.py",
    "views/about.py",
]
TITLES = {
    "views/check.py": "Check a role",
    "views/reflect.py": "Reflect on your role",
    "views/challenges.py": "Challenges",
    "views/review.py": "Review",
    "views/organisation.py": "Organisation",
    "views/about.py": "About Empowerment Coach",
}
# The first run imports the engine, the store and the coaching bank; give it room on a slow CI box.
TIMEOUT = 30

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "coach-tests",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
}
HR_EMAIL = "hana.hr@example.com"
CLEAR_ROLE = "You decide which features enter the release."


def local_app() -> AppTest:
    """The app with no login configured (single-user local mode)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.user = {}  # a local `streamlit run` has no user info at all
    return at


def signed_in_app(email: str, name: str = "") -> AppTest:
    """The app with OIDC login configured and `email` signed in."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = dict(AUTH)
    at.user = {"is_logged_in": True, "email": email, "name": name or email.split("@")[0].title()}
    return at


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def badges(at: AppTest) -> list[str]:
    """The badge labels, e.g. 'Discretion: specified' (st.badge renders as `:color-badge[...]`)."""
    out = []
    for text in markdown(at):
        if "-badge[" in text:
            label = text.split("[", 1)[1].rsplit("]", 1)[0]
            out.append(label.split(": ", 1)[1] if label.startswith(":material/") else label)
    return out


_ESCAPED = re.compile(r"\\(.)")


def shown(source: str) -> str:
    """What a reader sees of Markdown the app wrote: its backslash escapes dropped.

    External text (file names, titles, notes, errors) reaches the page escaped
    (`coach_ui.escaping.plain`), so an element's `.value` is the escaped
    source; tests compare what people read.
    """
    return _ESCAPED.sub(r"\1", source).replace("\u2060", "")  # and the invisible word joiners


def texts(elements) -> list[str]:
    """The messages of alerts (`at.error`, `at.success`, ...) as a reader sees them."""
    return [shown(e.value) for e in elements]


def rendered_html(source: str) -> str:
    """HTML for Markdown `source` by a CommonMark renderer (markdown-it, with GFM's tables and
    strikethrough): to prove that text the app escaped makes no image, link or markup."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)


def tick_rows(at: AppTest, *positions: int, table: int = 0) -> AppTest:
    """Tick rows of a dataframe by position, as a click on their checkboxes does, and run.

    AppTest has no click for a dataframe's selection, but the selection is the
    widget's state (`{"selection": {"rows": [...], "cells": [...]}}`), which a
    test may set by the table's key before the run.
    """
    key = at.dataframe[table].key
    at.session_state[key] = {"selection": {"rows": list(positions), "columns": [], "cells": []}}
    return at.run()


def click_row(at: AppTest, position: int, column: str = "title", table: int = 0) -> AppTest:
    """Click one cell of a dataframe's row (what opens a queue row), and run."""
    key = at.dataframe[table].key
    at.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": [[position, column]]}}
    return at.run()


def row_of(at: AppTest, title: str, table: int = 0) -> int:
    """The position of the row titled `title` in a dataframe (for `tick_rows`)."""
    return list(at.dataframe[table].value["title"]).index(title)


def block(at: AppTest, key: str):
    """The container made with `st.container(key=key)`, to look inside it (e.g. `block(at, k).success`)."""
    todo = [at.main]
    while todo:
        node = todo.pop()
        if getattr(node, "key", None) == key and hasattr(node, "children"):
            return node
        todo.extend(getattr(node, "children", {}).values())
    raise KeyError(f"no container with key {key!r} on the page")
