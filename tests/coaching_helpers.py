"""Shared pieces for the coaching and LLM tests: reports to order, model replies, the fake server.

Reports are built directly (not through the engine) so these tests speak
about coaching, not about how the rules are tuned today.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fake_llm_server import FakeLLMServer
from pydantic import SecretStr
from store_helpers import report_for

from coach.coaching import META_SKILLS
from coach.llm import LLMConfig
from coach.report import Element, Evidence, Span

ROLE = "Support Lead. You help the team succeed. Contact: Jane Doe, jane.doe@example.com, +44 20 7946 0958."


def report_with(
    grades: dict[str, str] | None = None, line_of_sight: bool = True, rules: dict[str, list[str]] | None = None
):
    """A Report with these grades (others specified) and evidence from the named rules."""
    report = report_for(ROLE, grades or {}, line_of_sight)
    elements = dict(report.elements)
    for element, rule_ids in (rules or {}).items():
        evidence = [
            Evidence(start=0, end=4, text="role", rule=rule, strength="vague", match=Span(start=0, end=4, text="role"))
            for rule in rule_ids
        ]
        elements[Element(element)] = elements[Element(element)].model_copy(update={"evidence": evidence})
    return report.model_copy(update={"elements": elements})


def reply_json(
    per_skill: int = 3, text: str = "What would change in how you {skill} work, number {i}?", gap: str | None = None
) -> str:
    """A model reply that passes every rule: per_skill open questions for each meta skill, each labelled `gap`."""
    questions = [
        {"meta_skill": s.value, "gap": gap, "text": text.format(skill=s.value.replace("_", " "), i=i + 1)}
        for s in META_SKILLS
        for i in range(per_skill)
    ]
    return json.dumps({"questions": questions})


def mock_config(reply, **options) -> LLMConfig:
    """A config whose calls litellm answers itself with `reply` (mock_response): no network."""
    return LLMConfig(model="gpt-4o-mini", timeout=5, options={"mock_response": reply, **options})


def server_config(fake: FakeLLMServer, timeout: float = 5.0) -> LLMConfig:
    """A config that reaches the fake server through litellm's real OpenAI client."""
    return LLMConfig(
        model="openai/fake-coach", api_base=fake.url, api_key=SecretStr("sk-test-not-real"), timeout=timeout
    )


def imports_litellm(code: str) -> bool:
    """Whether running `code` in a fresh interpreter (tests/ on the path) loads litellm."""
    tests = Path(__file__).resolve().parent
    script = f"import sys; sys.path.insert(0, {str(tests)!r})\n{code}\nprint('litellm' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tests.parent)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1] == "True"
