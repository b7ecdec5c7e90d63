"""What would leave the machine: the prompt, built from a report and the redacted role text.

Building a request sends nothing and imports no litellm, so `preview` can
show a user exactly what a model would get (`coach questions
--show-prompt`, the app's preview) before anything is sent, and the cache
key can be computed without a network.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from coach.coaching.prompt import PromptTemplate, load_prompt
from coach.coaching.questions import MAX_PER_SKILL, MIN_PER_SKILL, QuestionDraft
from coach.coaching.skills import AUDIENCE_INFO, META_SKILLS, Audience, by_severity
from coach.llm.config import ENV_MODEL, LLMConfig
from coach.llm.redact import Redaction, redact
from coach.markup import html_to_plain, looks_like_html
from coach.report import Element, Grade, Report

PROMPT = "draft_questions"
# Role descriptions are a few thousand characters; a pasted handbook is cut
# here so one request cannot cost a fortune.
MAX_ROLE_CHARS = 24_000


@dataclass(frozen=True)
class Request:
    """Everything that would leave the machine, and what was redacted to get there."""

    messages: list[dict[str, str]]
    schema: dict[str, Any]
    per_skill: int
    redaction: Redaction
    truncated: bool
    template: PromptTemplate

    def cache_key(self, config: LLMConfig) -> str:
        """Hash of model + server + template version + messages (the redacted input) + schema."""
        payload = {
            "model": config.model,
            "api_base": config.api_base,
            "template": self.template.version,
            "messages": self.messages,
            "schema": self.schema,
            "per_skill": self.per_skill,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def asked_per_skill(per_skill: int) -> int:
    """The number of questions per skill to ask a model for: per_skill within 2–4."""
    return max(MIN_PER_SKILL, min(MAX_PER_SKILL, per_skill))


# The prompt wraps the role text in <role_description> and the gaps in <gaps>; a text that
# writes those tags itself is defused ("[/role_description") so it cannot end its own data.
_DELIMITER = re.compile(r"<(/?)\s*(role_description|gaps)\b", re.I)


def _as_data(text: str) -> tuple[str, Redaction, bool]:
    """Redacted plain role text that cannot close its own delimiters, cut to MAX_ROLE_CHARS."""
    plain = html_to_plain(text) if looks_like_html(text) else text  # the model needs the words, not the tags
    redaction = redact(plain)
    body = _DELIMITER.sub(lambda m: f"[{m.group(1)}{m.group(2)}", redaction.text.strip())
    truncated = len(body) > MAX_ROLE_CHARS
    if truncated:
        body = body[:MAX_ROLE_CHARS] + "\n[... the rest of the description was cut ...]"
    return body, redaction, truncated


def _gaps(report: Report) -> list[dict[str, object]]:
    """The report's gaps as structure, most severe first, with the role's own sentences (redacted).

    The rule's generic `fix` text is not sent: its examples come from other
    organisations ("doubling self-serve revenue" for a food bank) and would
    steer the model away from this role. The evidence sentences keep it on
    this contract; a missing element has none, and says so.
    """
    out: list[dict[str, object]] = []
    for gap in by_severity(report.gaps):
        subject, _, grade = gap.partition(":")
        if subject == "line_of_sight":
            why, evidence = report.line_of_sight.why, report.line_of_sight.evidence
        else:
            result = report.elements[Element(subject)]
            why, evidence = result.why, result.evidence
        sentences: list[str] = []
        for item in evidence:
            sentence = redact(item.text).text.strip()
            if sentence and sentence not in sentences:
                sentences.append(sentence)
        out.append({"id": gap, "element": subject, "grade": grade, "why": redact(why).text, "evidence": sentences})
    return out


def build_request(report: Report, text: str, audience: Audience = "manager", per_skill: int = 3) -> Request:
    """The messages and schema a model would get for this report and text."""
    if audience not in AUDIENCE_INFO:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCE_INFO)}, not {audience!r}")
    template = load_prompt(PROMPT)
    asked = asked_per_skill(per_skill)
    role_text, redaction, truncated = _as_data(text)
    skills = [{"id": s.value, "title": s.label, "description": s.description} for s in META_SKILLS]
    system = template.render(
        "system",
        skills=skills,
        audience=audience,
        audience_description=AUDIENCE_INFO[audience],
        per_skill=asked,
    )
    user = template.render(
        "user",
        audience=audience,
        per_skill=asked,
        specified=[e.value for e, g in report.grades.items() if g == Grade.specified],
        gaps_json=json.dumps(_gaps(report), indent=2, ensure_ascii=False),
        role_text=role_text,
    )
    return Request(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        schema=response_schema(),
        per_skill=asked,
        redaction=redaction,
        truncated=truncated,
        template=template,
    )


def response_schema() -> dict[str, Any]:
    """The JSON schema of the reply, as sent in `response_format` (a fresh copy each call)."""
    return json.loads(_schema_json())


@cache
def _schema_json() -> str:
    # Generating the schema takes ~1 ms; a cache hit needs it for the key every time.
    return json.dumps(QuestionDraft.model_json_schema())


def preview(
    report: Report,
    text: str,
    audience: Audience = "manager",
    per_skill: int = 3,
    config: LLMConfig | None = None,
) -> str:
    """Exactly what would be sent to the model, as readable text. Sends nothing."""
    request = build_request(report, text, audience, per_skill)
    if config is None:
        head = (
            "No LLM is configured, so nothing will be sent. "
            f"Set {ENV_MODEL} (or pass --llm MODEL) to draft questions with a model; this is what it would get."
        )
    else:
        head = f"This is what would be sent to {config.describe()} (nothing has been sent yet)."
    lines = [head, f"Privacy: {request.redaction.sentence()}"]
    if request.truncated:
        lines.append(f"The role description is cut to {MAX_ROLE_CHARS:,} characters.")
    for message in request.messages:
        lines += ["", f"--- {message['role']} message ---", message["content"].rstrip()]
    lines += [
        "",
        "--- response_format: JSON schema of the reply ---",
        json.dumps(request.schema, indent=2),
    ]
    return "\n".join(lines) + "\n"
