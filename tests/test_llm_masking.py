"""Credentials in COACH_LLM_API_BASE are never shown: not in the preview, the notes, or a repr.

One table of API bases and how they are shown; then every place coach
shows one, fed a base full of secrets, must show none of them.
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from coaching_helpers import ROLE, report_with

from coach.cli import main
from coach.llm import LLMConfig, draft, masked_api_base, preview
from coach.llm.client import load_litellm

# (as configured, as shown)
SHOWN = [
    ("https://user:pass@llm.example/v1", "https://***@llm.example/v1"),
    ("https://sk-abc123@llm.example/v1", "https://***@llm.example/v1"),
    ("https://us%40r:p@ss@llm.example/v1", "https://***@llm.example/v1"),
    ("https://llm.example/v1?api-key=abc", "https://llm.example/v1?api-key=***"),
    ("https://llm.example/v1?key=abc&model=x", "https://llm.example/v1?key=***&model=x"),
    ("https://llm.example/v1?token=abc", "https://llm.example/v1?token=***"),
    ("https://llm.example/v1?access_token=abc#frag", "https://llm.example/v1?access_token=***#frag"),
    ("https://llm.example/v1?X-Api-Key=abc", "https://llm.example/v1?X-Api-Key=***"),
    ("https://llm.example/v1?client_secret=abc", "https://llm.example/v1?client_secret=***"),
    ("https://llm.example/v1?password=abc", "https://llm.example/v1?password=***"),
    ("https://blob.example/v1?sv=2024&sig=abc%2Bdef", "https://blob.example/v1?sv=2024&sig=***"),
    ("https://llm.example/v1#access_token=abc", "https://llm.example/v1#access_token=***"),
    (
        "https://a:b@az.example/openai?api-version=2024-06-01&api-key=abc",
        "https://***@az.example/openai?api-version=2024-06-01&api-key=***",
    ),
    # Nothing secret: shown as configured.
    ("http://localhost:11434", "http://localhost:11434"),
    ("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1"),
    ("https://az.example/openai?api-version=2024-06-01", "https://az.example/openai?api-version=2024-06-01"),
    ("https://llm.example/v1?email=a@b.example", "https://llm.example/v1?email=a@b.example"),
    # Not well-formed URLs are masked the same way, never an error.
    ("http://[::1:u:p@x", "http://***@x"),
    ("llm.example/v1?key=abc", "llm.example/v1?key=***"),
    ("", ""),
]


@pytest.mark.parametrize(("configured", "shown"), SHOWN)
def test_the_api_base_as_shown(configured: str, shown: str) -> None:
    assert masked_api_base(configured) == shown


SECRET_BASE = "https://alice:hunter2@llm.example/v1?api-version=2024-06-01&api-key=k-777&token=t-888"
SECRETS = ("alice", "hunter2", "k-777", "t-888", "sk-secret-123")


def _assert_no_secrets(shown: str) -> None:
    leaked = [s for s in SECRETS if s in shown]
    assert not leaked, f"{leaked} shown in: {shown}"


def test_a_config_never_shows_credentials_in_its_description_or_repr() -> None:
    config = LLMConfig(model="openai/x", api_base=SECRET_BASE, api_key="sk-secret-123")
    for shown in (config.describe(), repr(config), str(config)):
        _assert_no_secrets(shown)
    assert config.describe() == "openai/x at https://***@llm.example/v1?api-version=2024-06-01&api-key=***&token=***"
    assert config.api_base == SECRET_BASE, "the real base is still what is used"


def test_the_preview_never_shows_credentials() -> None:
    config = LLMConfig(model="openai/x", api_base=SECRET_BASE, api_key="sk-secret-123")
    shown = preview(report_with({"purpose": "missing"}), ROLE, config=config)
    _assert_no_secrets(shown)
    assert "would be sent to openai/x at https://***@llm.example/v1" in shown


def test_coach_questions_show_prompt_never_shows_credentials(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_LLM_")}
    env.update(COACH_DB=str(tmp_path / "c.db"), COACH_LLM_MODEL="openai/x", COACH_LLM_API_BASE=SECRET_BASE)
    env["COACH_LLM_API_KEY"] = "sk-secret-123"
    result = CliRunner().invoke(main, ["questions", "-", "--show-prompt"], input=ROLE, env=env)
    assert result.exit_code == 0, result.output
    _assert_no_secrets(result.output)
    assert "https://***@llm.example/v1?api-version=2024-06-01&api-key=***" in result.stdout


@pytest.mark.llm
@pytest.mark.parametrize(
    "error",
    [
        "cannot connect to https://alice:hunter2@llm.example/v1?api-key=k-777",
        "Incorrect API key provided: sk-secret-123",
    ],
)
def test_a_failure_note_never_quotes_credentials(error: str) -> None:
    litellm = load_litellm()
    failure = litellm.APIError(status_code=502, message=error, llm_provider="openai", model="x")
    config = LLMConfig(
        model="gpt-4o-mini", api_base=SECRET_BASE, api_key="sk-secret-123", options={"mock_response": failure}
    )
    result = draft(report_with({"purpose": "missing"}), ROLE, config=config, cache=False)
    assert result.questions is None
    note = " ".join(result.notes)
    assert "LLM drafting failed" in note and "***" in note, "the reason is shown, its secrets masked"
    _assert_no_secrets(note)
