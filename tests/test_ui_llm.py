"""'Draft with LLM' in the app, through litellm's real client to coach's fake server on 127.0.0.1.

litellm takes ~3 s to import, longer than AppTest's default run timeout, so
the pages must never import it just by rendering; only the click that
drafts does.
"""

from __future__ import annotations

import re

import pytest
from coaching_helpers import imports_litellm, reply_json
from fake_llm_server import Reply
from ui_helpers import CLEAR_ROLE, PAGES, UI, local_app, markdown, rendered_html, shown, texts

pytestmark = pytest.mark.llm

DRAFT_TIMEOUT = 90  # the first draft imports litellm


@pytest.fixture
def configured(server, monkeypatch):
    monkeypatch.setenv("COACH_LLM_MODEL", "openai/fake-coach")
    monkeypatch.setenv("COACH_LLM_API_BASE", server.url)
    monkeypatch.setenv("COACH_LLM_API_KEY", "sk-test-not-real")
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "5")
    return server


def _checked():
    at = local_app().run()
    at.text_area(key="check_text").set_value(CLEAR_ROLE)
    return at.button(key="check_run").click().run()


def test_drafting_asks_the_model_once_and_shows_its_questions(app_env, configured) -> None:
    configured.enqueue(Reply(content=reply_json(2)))
    at = _checked()
    at.button(key="check_draft_llm").click().run(timeout=DRAFT_TIMEOUT)
    assert not at.exception, at.exception
    drafted = [t for t in map(shown, markdown(at)) if t.startswith("- ") and "drafted by openai/fake-coach" in t]
    assert len(drafted) == 12
    assert configured.calls == 1
    sent = configured.requests[0]["messages"][-1]["content"]
    assert "You decide which features enter the release." in sent
    # The drafted plan stays on screen across reruns; asking again is answered from the cache.
    at.run()
    assert len([t for t in markdown(at) if "drafted by" in t]) == 12
    at.button(key="check_draft_llm").click().run(timeout=DRAFT_TIMEOUT)
    assert configured.calls == 1


def test_a_failing_model_leaves_the_bank_questions_and_says_why(app_env, configured) -> None:
    configured.enqueue(Reply(status=500, content="the model is down"))
    configured.enqueue(Reply(status=500, content="the model is down"))
    at = _checked()
    at.button(key="check_draft_llm").click().run(timeout=DRAFT_TIMEOUT)
    assert not at.exception, at.exception
    notes = texts(at.info)
    assert any("500" in n for n in notes), notes  # the note says why the bank's questions are shown
    assert len([t for t in markdown(at) if t.startswith("- ") and "curated bank" in t]) == 12


def test_rendering_every_page_never_imports_litellm() -> None:
    code = f"""
import os, tempfile
from pathlib import Path
tmp = tempfile.mkdtemp()
os.environ.update(COACH_DB=str(Path(tmp) / "c.db"), COACH_UI_CONFIG=str(Path(tmp) / "none.toml"),
                  COACH_LLM_MODEL="openai/fake-coach", COACH_LLM_API_BASE="http://127.0.0.1:9/v1")
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(UI / "app.py")!r}, default_timeout=30)
at.user = {{}}
at.run()
at.text_area(key="check_text").set_value({CLEAR_ROLE!r})
at.button(key="check_run").click().run()
assert at.button(key="check_draft_llm")
for page in {PAGES!r}:
    at.switch_page(page).run()
    assert not at.exception, at.exception
"""
    assert not imports_litellm(code)


def test_the_model_servers_error_text_shows_as_plain_text(app_env, configured) -> None:
    """A server's error is external text: an image or a link in it must not render (it would load
    the image from that address, or offer the link, inside our page)."""
    hostile = "![x](http://evil/x.png) [click](http://evil)"
    for _ in range(2):  # the first call and its retry
        configured.enqueue(Reply(status=500, content=hostile))
    at = _checked()
    at.button(key="check_draft_llm").click().run(timeout=DRAFT_TIMEOUT)
    assert not at.exception, at.exception
    (note,) = [i for i in at.info if "500" in i.value]
    assert hostile in shown(note.value)  # the reader sees the characters the server sent
    assert re.findall(r"<(\w+)", rendered_html(note.value)) == ["p"]  # text only: no <img>, no <a>
    after_escapes = re.sub(r"\\(.)", r"\1", note.value)  # the text GitHub-style autolinking looks at
    assert "http://" not in after_escapes  # a word joiner keeps the bare address from becoming a link
