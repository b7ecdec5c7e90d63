"""`coach questions` through its real entry point (`python -m coach`, a subprocess).

Exit 0 whenever questions were produced — from the bank, from a model, or
from the bank after the model failed (a note says why); 2 for unusable
input. `coach check` and `--show-prompt` never import litellm.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner, Result
from coaching_helpers import reply_json
from conftest import ROOT
from fake_llm_server import FakeLLMServer, Reply

from coach.cli import main

# A short, clear text: purpose stated, nothing else (the tests do not lean on finer grading).
OWNER = b"You own the reliability of our payments platform.\n"
WITH_CONTACT = OWNER + b"Contact: Jane Doe, jane.doe@example.com, +44 20 7946 0958.\n"


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COACH_LLM_")}
    clean["COACH_DB"] = str(tmp_path / "coach.db")
    return clean


def run(*args: str, stdin: bytes | None = None, env: dict, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *flags, "-m", "coach", *args], input=stdin, capture_output=True, timeout=90, env=env, cwd=ROOT
    )


def test_questions_from_the_bank_for_a_file_as_text(env):
    proc = run("questions", "examples/missing-discretion-support-lead.md", env=env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert out.startswith("Coaching questions for the manager (gaps: ")
    for title in (
        "Future-focus",
        "Proactive",
        "Risk-sensitive",
        "Curious and creative",
        "Resourceful",
        "Desire for learning",
    ):
        assert title in out
    assert "(bank; " in out


def test_json_from_stdin_has_the_documented_shape(env):
    proc = run("questions", "-", "--format", "json", "--audience", "employee", stdin=OWNER, env=env)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"questions", "notes", "commitment", "ask_them", "party"}
    assert len(data["questions"]) == 18
    first = data["questions"][0]
    assert set(first) == {"meta_skill", "text", "source", "because", "kind", "follow_ups"}
    assert first["source"] == "bank" and first["text"].endswith("?")
    assert any("discretion:missing" in q["because"] for q in data["questions"])
    assert data["commitment"]["text"].startswith("What is one thing you will do")


def test_markdown_and_per_skill(env):
    proc = run("questions", "-", "-f", "markdown", "--per-skill", "2", stdin=OWNER, env=env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert out.startswith("# Coaching questions for the manager")
    assert out.count("\n1. ") == 6 and out.count("\n2. ") == 6 and "\n3. " not in out


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (("questions", "no-such-file.md"), None, "no such file"),
        (("questions", "-"), b"   \n", "standard input is empty"),
        (("questions", "-"), b"\x00\x01binary", "binary"),
    ],
)
def test_unusable_input_exits_2_with_one_line(env, args, stdin, words):
    proc = run(*args, stdin=stdin, env=env)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith("error: ") and words in err and "Traceback" not in err


def test_a_bad_option_exits_2(env):
    assert run("questions", "-", "--audience", "boss", stdin=OWNER, env=env).returncode == 2
    assert run("questions", "-", "--per-skill", "9", stdin=OWNER, env=env).returncode == 2


def test_show_prompt_prints_the_redacted_request_and_sends_nothing(env):
    env["COACH_LLM_MODEL"] = "openai/fake"
    env["COACH_LLM_API_BASE"] = "http://127.0.0.1:9/v1"  # nothing listens here; nothing must try
    env["COACH_LLM_API_KEY"] = "sk-secret-123"
    proc = run("questions", "-", "--show-prompt", stdin=WITH_CONTACT, env=env, flags=("-X", "importtime"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "would be sent to openai/fake at http://127.0.0.1:9/v1" in out
    assert "Contact: [name], [email], [phone]." in out
    assert "Jane" not in out and "sk-secret-123" not in out
    assert "litellm" not in proc.stderr.decode(), "--show-prompt imported litellm"


def test_coach_check_never_imports_litellm(env):
    proc = run("check", "-", "--fail-on", "never", stdin=OWNER, env=env, flags=("-X", "importtime"))
    assert proc.returncode == 0, proc.stderr
    imported = proc.stderr.decode()
    assert "coach.cli.questions_cmd" not in imported, "subcommands load only when they run"
    assert "litellm" not in imported


def test_loading_the_questions_command_does_not_import_litellm(env):
    code = (
        "import sys, runpy; sys.argv = ['coach', 'questions', '--help']\n"
        "try:\n    runpy.run_module('coach', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('LOADED', 'coach.cli.questions_cmd' in sys.modules, 'litellm' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=90, env=env, cwd=ROOT)
    assert "LOADED True False" in proc.stdout.decode(), proc.stderr


@pytest.mark.llm
@pytest.mark.slow
def test_with_a_model_the_questions_come_from_it_through_the_real_entry_point(env):
    with FakeLLMServer() as server:
        env.update(COACH_LLM_API_BASE=server.url, COACH_LLM_API_KEY="sk-test", COACH_LLM_TIMEOUT="5")
        server.enqueue(Reply(content=reply_json(3)))
        proc = run("questions", "-", "--llm", "openai/fake-coach", "-f", "json", stdin=WITH_CONTACT, env=env)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {q["source"] for q in data["questions"]} == {"llm:openai/fake-coach"}
    assert any("Privacy: removed" in n for n in data["notes"])
    assert server.calls == 1 and "Jane" not in json.dumps(server.requests)


# In-process from here (click's runner): the same command without paying for a
# fresh interpreter and litellm import on every run.


def invoke(*args: str, stdin: bytes, env: dict) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, env=env, catch_exceptions=False)


@pytest.mark.llm
def test_a_repeated_request_is_served_from_the_cache_and_a_failure_still_exits_0(env, tmp_path):
    with FakeLLMServer() as server:
        env.update(COACH_LLM_API_BASE=server.url, COACH_LLM_API_KEY="sk-test", COACH_LLM_TIMEOUT="5")
        server.enqueue(Reply(content=reply_json(3)))
        args = ("questions", "-", "--llm", "openai/fake-coach", "-f", "json")
        first = invoke(*args, stdin=WITH_CONTACT, env=env)
        again = invoke(*args, stdin=WITH_CONTACT, env=env)
        assert first.exit_code == again.exit_code == 0
        assert json.loads(again.stdout)["questions"] == json.loads(first.stdout)["questions"]
        assert server.calls == 1, "the second run must be served from the cache in COACH_DB"

        server.enqueue(Reply(status=500, content="boom"))
        failed = invoke(
            "questions", "-", "--llm", "openai/fake-coach", "--audience", "employee", stdin=WITH_CONTACT, env=env
        )
        assert failed.exit_code == 0
        assert "note: LLM drafting failed: the model returned HTTP 500" in failed.stdout
        assert "(bank; " in failed.stdout

        off = invoke(
            "questions", "-", "--no-llm", "-f", "json", stdin=WITH_CONTACT, env={**env, "COACH_LLM_MODEL": "openai/x"}
        )
        assert {q["source"] for q in json.loads(off.stdout)["questions"]} == {"bank"}
        assert server.calls == 2


@pytest.mark.llm
def test_an_unusable_database_only_warns_and_the_questions_still_come(env, tmp_path):
    env.update(COACH_LLM_MODEL="openai/fake", COACH_LLM_API_BASE="http://127.0.0.1:9/v1", COACH_LLM_TIMEOUT="2")
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("my shopping list, not a database\n" * 100)
    result = invoke("--db", str(not_a_db), "questions", "-", "-f", "json", stdin=OWNER, env=env)
    assert result.exit_code == 0
    assert (
        result.stderr.startswith("warning: ") and "notes.db" in result.stderr and "will not be cached" in result.stderr
    )
    assert len(json.loads(result.stdout)["questions"]) == 18
    assert not_a_db.read_text().startswith("my shopping list"), "the file must be left untouched"


def test_help_documents_the_options():
    proc = subprocess.run(
        [sys.executable, "-m", "coach", "questions", "--help"], capture_output=True, text=True, timeout=60
    )
    for option in ("--audience", "--llm", "--format", "--show-prompt", "--per-skill", "--no-llm"):
        assert option in proc.stdout


def test_text_output_ends_with_the_commitment_and_pairs_a_managers_questions(env):
    role = b"Charity Treasurer\n\nYou report to the board of trustees on the accounts.\n"
    proc = run("questions", "-", "--per-skill", "1", stdin=role, env=env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "Ask them in your 1:1" in out
    assert out.rstrip().splitlines()[-2:] == [
        "  What is one thing you will do before your next 1:1 to give this person more room?",
        "     then: How will you both know it happened?",
    ]
    employee = run("questions", "-", "--audience", "employee", stdin=role, env=env).stdout.decode()
    assert "before your next 1:1 with the board of trustees?" in employee
    assert "Ask them in your 1:1" not in employee


@pytest.mark.parametrize(("per_gap", "code"), [("2", 0), ("0", 2), ("4", 2)])
def test_per_gap_takes_one_to_three(env, per_gap, code):
    proc = run("questions", "-", "--per-gap", per_gap, "--format", "json", stdin=OWNER, env=env)
    assert proc.returncode == code, proc.stderr
    if code == 0:
        data = json.loads(proc.stdout)
        assert len([q for q in data["questions"] if q["kind"] in ("gap", "quote", "title")]) >= 2
