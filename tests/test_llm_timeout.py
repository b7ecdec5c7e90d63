"""COACH_LLM_TIMEOUT bounds a whole request, and a setting that cannot be one is a clear message.

The HTTP client's own timeout restarts with every byte it receives, so a
server that trickles its answer one byte every 2 s was never timed out.
Here such a server runs on 127.0.0.1 inside each test; the request must
end at the deadline, and the bank's questions come with a note saying why.
"""

from __future__ import annotations

import os
import time

import pytest
from click.testing import CliRunner
from coaching_helpers import ROLE, reply_json, report_with, server_config
from fake_llm_server import Reply
from ui_helpers import CLEAR_ROLE, local_app, texts

from coach.cli import main
from coach.coaching import plan
from coach.errors import CoachError
from coach.llm import configured
from coach.llm.client import load_litellm

pytestmark = pytest.mark.llm

REPORT = report_with({"discretion": "missing"}, line_of_sight=False)
# A byte more often than any deadline below: the HTTP client's per-read timeout never fires.
TRICKLE = Reply(content=reply_json(3), trickle=0.4)


@pytest.fixture(scope="module", autouse=True)
def _litellm_loaded():
    load_litellm()  # once, so its ~3 s import is not counted against any deadline below


@pytest.mark.parametrize("timeout", [1.0, 2.0])
def test_a_trickling_server_is_cut_off_at_the_deadline_and_the_bank_answers(server, timeout):
    server.enqueue(TRICKLE)
    started = time.perf_counter()
    result = plan(REPORT, "manager", 3, server_config(server, timeout), text=ROLE, cache=False)
    elapsed = time.perf_counter() - started
    assert timeout <= elapsed < timeout + 1.5, f"took {elapsed:.1f} s with a {timeout:g} s deadline"
    assert server.calls == 1, "a request cut off at the deadline is not repaired or retried"
    assert all(q.source == "bank" for q in result.questions)
    assert any(f"did not answer within {timeout:g} s" in n and "curated bank" in n for n in result.notes)


def test_a_server_that_answers_in_time_is_not_affected_by_the_deadline(server):
    server.enqueue(Reply(content=reply_json(3), delay=0.3))
    result = plan(REPORT, "manager", 3, server_config(server, 2.0), text=ROLE, cache=False)
    assert {q.source for q in result.questions} == {"llm:openai/fake-coach"}


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COACH_LLM_")}
    return {**clean, "COACH_DB": str(tmp_path / "coach.db")}


def test_coach_questions_against_a_server_sending_a_byte_every_2_s_ends_at_the_deadline(server, env):
    # The report: this hung `coach questions` for over 200 s with COACH_LLM_TIMEOUT=5.
    server.enqueue(Reply(content=reply_json(3), trickle=2.0))
    env.update(COACH_LLM_API_BASE=server.url, COACH_LLM_API_KEY="sk-test", COACH_LLM_TIMEOUT="5")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["questions", "-", "--llm", "openai/fake-coach"], input=ROLE, env=env)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 9.0, f"took {elapsed:.1f} s with COACH_LLM_TIMEOUT=5"  # was minutes
    assert "note: LLM drafting failed: the model did not answer within 5 s" in result.stdout
    assert "(bank; " in result.stdout


# --- settings that cannot be a deadline -----------------------------------------------------

BAD_TIMEOUTS = ["nan", "inf", "-inf", "0", "-1", "abc", "5s", "1e999", "100000"]


@pytest.mark.parametrize("value", BAD_TIMEOUTS)
def test_a_timeout_that_cannot_be_a_deadline_is_a_one_line_message(monkeypatch, value):
    monkeypatch.setenv("COACH_LLM_TIMEOUT", value)
    with pytest.raises(CoachError) as err:
        configured("openai/fake-coach")
    message = str(err.value)
    assert message.startswith(f"COACH_LLM_TIMEOUT={value!r} is not a number of seconds between 0 and 3600")
    assert "e.g. 30" in message and "\n" not in message


@pytest.mark.parametrize(("value", "seconds"), [("", 30.0), (" 12.5 ", 12.5), ("0.5", 0.5), ("3600", 3600.0)])
def test_a_usable_timeout_is_taken_as_seconds(monkeypatch, value, seconds):
    monkeypatch.setenv("COACH_LLM_TIMEOUT", value)
    assert configured("openai/fake-coach").timeout == seconds


def test_a_bad_timeout_is_ignored_while_no_model_is_configured(monkeypatch):
    monkeypatch.delenv("COACH_LLM_MODEL", raising=False)
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "nan")
    assert configured() is None


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-1", "abc"])
def test_coach_questions_with_a_bad_timeout_exits_2_with_one_line(env, value):
    env.update(COACH_LLM_MODEL="openai/fake-coach", COACH_LLM_TIMEOUT=value)
    for extra in ([], ["--show-prompt"]):
        result = CliRunner().invoke(main, ["questions", "-", *extra], input=ROLE, env=env)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"error: COACH_LLM_TIMEOUT={value!r} is not a number of seconds")
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    # --no-llm does not read the LLM settings at all.
    assert CliRunner().invoke(main, ["questions", "-", "--no-llm"], input=ROLE, env=env).exit_code == 0


@pytest.mark.parametrize("value", ["nan", "0"])
def test_the_app_shows_a_bad_timeout_as_a_message_and_keeps_the_bank(app_env, monkeypatch, value):
    monkeypatch.setenv("COACH_LLM_MODEL", "openai/fake-coach")
    monkeypatch.setenv("COACH_LLM_TIMEOUT", value)
    at = local_app().run()
    at.text_area(key="check_text").set_value(CLEAR_ROLE)
    at.button(key="check_run").click().run()
    assert not at.exception, at.exception
    assert any(f"COACH_LLM_TIMEOUT={value!r} is not a number of seconds" in w for w in texts(at.warning))
    assert "check_draft_llm" not in [b.key for b in at.button], "no drafting with a setting that cannot work"
    assert any("curated bank" in c.value for c in at.caption)
