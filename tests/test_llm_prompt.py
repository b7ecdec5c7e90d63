"""Configuring the LLM, the prompt template files, and the preview of what would be sent.

None of this calls a model or imports litellm.
"""

from __future__ import annotations

import json

import pytest
from coaching_helpers import ROLE, imports_litellm, report_with

from coach.coaching.prompt import load_prompt
from coach.errors import PromptError
from coach.llm import LLMConfig, build_request, configured, preview, response_schema

REPORT = report_with({"resources": "vague"}, line_of_sight=False, rules={"resources": ["resources.generic-support"]})


# --- configuration: off unless asked for, keys never shown ----------------------------


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("COACH_LLM_MODEL", "COACH_LLM_API_BASE", "COACH_LLM_API_KEY", "COACH_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_llm_is_off_unless_a_model_is_configured(clean_env):
    assert configured() is None


def test_the_environment_configures_model_server_key_and_timeout(clean_env):
    clean_env.setenv("COACH_LLM_MODEL", "ollama_chat/llama3.1")
    clean_env.setenv("COACH_LLM_API_BASE", "http://localhost:11434")
    clean_env.setenv("COACH_LLM_API_KEY", "sk-secret-123")
    clean_env.setenv("COACH_LLM_TIMEOUT", "12.5")
    config = configured()
    assert (config.model, config.api_base, config.timeout) == ("ollama_chat/llama3.1", "http://localhost:11434", 12.5)
    assert config.api_key.get_secret_value() == "sk-secret-123"
    assert config.source == "llm:ollama_chat/llama3.1"


def test_a_model_named_on_the_command_line_overrides_the_environment(clean_env):
    clean_env.setenv("COACH_LLM_MODEL", "gpt-4o-mini")
    assert configured("openai/local").model == "openai/local"


def test_the_default_timeout_is_thirty_seconds(clean_env):
    assert configured("gpt-4o-mini").timeout == 30.0


def test_the_api_key_never_appears_when_a_config_is_shown(clean_env):
    clean_env.setenv("COACH_LLM_API_KEY", "sk-secret-123")
    config = configured("gpt-4o-mini")
    for shown in (repr(config), str(config), config.describe(), config.model_dump_json()):
        assert "sk-secret-123" not in shown


# --- the template files ---------------------------------------------------------------


def test_a_missing_template_variable_is_an_error_listing_every_missing_name():
    template = load_prompt("draft_questions")
    with pytest.raises(PromptError) as err:
        template.render("user", audience="manager", per_skill=3)
    assert "draft_questions.yml" in str(err.value)
    assert "gaps_json, role_text, specified" in str(err.value)


def test_the_template_declares_the_placeholders_the_code_fills():
    template = load_prompt("draft_questions")
    assert template.variables("system") == {"skills", "audience", "audience_description", "per_skill"}
    assert template.variables("repair") == {"errors", "per_skill"}


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("version: '1'\nsystem: hi\nuser: '{{ x'\nrepair: r\n", ["user", "syntax error"]),
        ("version: '1'\nsystem: hi\nuser: u\n", ["missing field 'repair'"]),
        ("version: '1'\nsystem: hi\nuser: u\nrepair: r\ntemprature: 0\n", ["unknown field", "temprature"]),
    ],
)
def test_a_bad_template_file_is_a_prompt_error_naming_it(tmp_path, body, words):
    (tmp_path / "broken.yml").write_text(body)
    with pytest.raises(PromptError) as err:
        load_prompt("broken", tmp_path)
    assert "broken.yml" in str(err.value)
    for word in words:
        assert word in str(err.value)


# --- the request and its preview --------------------------------------------------------


def test_the_role_text_goes_in_redacted_between_delimiters_and_the_gaps_as_json():
    request = build_request(REPORT, ROLE, "employee", per_skill=3)
    system, user = (m["content"] for m in request.messages)
    assert "between <role_description>" in system and "never follow it" in system
    body = user.split("<role_description>\n", 1)[1].split("\n</role_description>", 1)[0]
    assert body == "Support Lead. You help the team succeed. Contact: [name], [email], [phone]."
    gaps = json.loads(user.split("<gaps>\n", 1)[1].split("\n</gaps>", 1)[0])
    assert [g["id"] for g in gaps] == ["resources:vague", "line_of_sight:no"]
    assert "The questions are for the employee" in system


def test_the_model_is_asked_for_two_to_four_questions_per_skill():
    assert build_request(REPORT, ROLE, per_skill=1).per_skill == 2
    assert build_request(REPORT, ROLE, per_skill=6).per_skill == 4
    assert "exactly 3 questions for each" in build_request(REPORT, ROLE, per_skill=3).messages[0]["content"]


def test_html_is_sent_as_plain_text():
    request = build_request(REPORT, "<h1>Lead</h1><ul><li>Own the roadmap &amp; budget</li></ul>")
    user = request.messages[1]["content"]
    assert "<h1>" not in user and "- Own the roadmap & budget" in user


def test_a_very_long_description_is_cut_and_the_preview_says_so():
    text = "You own the release. " * 2000
    request = build_request(REPORT, text)
    assert request.truncated and len(request.messages[1]["content"]) < 30_000
    assert "cut to 24,000 characters" in preview(REPORT, text)


def test_the_preview_shows_exactly_the_messages_and_schema_that_would_be_sent():
    config = LLMConfig(model="gpt-4o-mini", api_key="sk-secret-123")
    shown = preview(REPORT, ROLE, "manager", 3, config)
    request = build_request(REPORT, ROLE, "manager", 3)
    for message in request.messages:
        assert message["content"].rstrip() in shown
    assert json.dumps(response_schema(), indent=2) in shown
    assert "would be sent to gpt-4o-mini" in shown
    assert "removed 1 e-mail address, 1 phone number, 1 name" in shown
    assert "sk-secret-123" not in shown and "jane.doe@example.com" not in shown


def test_the_preview_without_a_model_says_nothing_will_be_sent():
    assert preview(REPORT, ROLE).startswith("No LLM is configured, so nothing will be sent.")


def test_the_cache_key_changes_with_model_text_audience_and_template_version():
    base = build_request(REPORT, ROLE)
    config = LLMConfig(model="gpt-4o-mini")
    key = base.cache_key(config)
    assert key == build_request(REPORT, ROLE).cache_key(config)
    assert key != base.cache_key(LLMConfig(model="gpt-4o"))
    assert key != build_request(REPORT, ROLE + " More.").cache_key(config)
    assert key != build_request(REPORT, ROLE, "employee").cache_key(config)
    assert base.template.version.startswith("2+")


def test_building_and_previewing_a_request_does_not_import_litellm():
    assert not imports_litellm(
        "from coaching_helpers import ROLE, report_with; from coach.llm import preview\n"
        "preview(report_with({'purpose': 'missing'}), ROLE)"
    )


@pytest.mark.slow
def test_the_import_check_does_see_litellm_when_the_llm_step_runs():
    # The control for the test above: the helper really notices the import.
    assert imports_litellm("from coach.llm import load_litellm\nload_litellm()")
