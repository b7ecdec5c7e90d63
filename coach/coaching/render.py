"""A coaching plan as text, JSON or Markdown — one function per format.

Notes (why the bank was used instead of a model, what was redacted) come
first in text and Markdown, so a fallback is never hidden below the fold.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from coach.coaching.plan import CoachingPlan
from coach.coaching.questions import Question


def _provenance(q: Question) -> str:
    why = ", ".join(q.because) if q.because else "general question"
    return f"{q.source}; {why}"


def text(plan: CoachingPlan) -> str:
    gaps = ", ".join(plan.gaps) if plan.gaps else "none"
    lines = [f"Coaching questions for the {plan.audience} (gaps: {gaps})"]
    lines += [f"note: {n}" for n in plan.notes]
    for skill, questions in plan.by_skill().items():
        if not questions:
            continue
        lines += ["", f"{skill.label} — {skill.description}"]
        for i, q in enumerate(questions, 1):
            lines += [f"  {i}. {q.text}", f"     ({_provenance(q)})"]
            if q.follow_ups:
                lines.append(f"     then: {' · '.join(q.follow_ups)}")
    if plan.ask_them:
        lines += ["", "Ask them in your 1:1 (the person's questions for the same gaps)"]
        lines += [f"  - {q.text}  ({_provenance(q)})" for q in plan.ask_them]
    if plan.commitment:
        lines += ["", "To close: a commitment", f"  {plan.commitment.text}"]
        if plan.commitment.follow_ups:
            lines.append(f"     then: {' · '.join(plan.commitment.follow_ups)}")
    return "\n".join(lines)


def markdown(plan: CoachingPlan) -> str:
    gaps = ", ".join(f"`{g}`" for g in plan.gaps) if plan.gaps else "none"
    lines = [f"# Coaching questions for the {plan.audience}", "", f"Gaps: {gaps}"]
    if plan.notes:
        lines += [""] + [f"> **Note:** {n}" for n in plan.notes]
    for skill, questions in plan.by_skill().items():
        if not questions:
            continue
        lines += ["", f"## {skill.label}", "", f"_{skill.description}_", ""]
        for i, q in enumerate(questions, 1):
            probes = f" <br>Then: {' · '.join(q.follow_ups)}" if q.follow_ups else ""
            lines.append(f"{i}. {q.text} <br>_{_provenance(q)}_{probes}")
    if plan.ask_them:
        lines += ["", "## Ask them in your 1:1", ""]
        lines += [f"- {q.text} <br>_{_provenance(q)}_" for q in plan.ask_them]
    if plan.commitment:
        lines += ["", "## To close: a commitment", "", plan.commitment.text]
        if plan.commitment.follow_ups:
            lines += ["", f"Then: {' · '.join(plan.commitment.follow_ups)}"]
    return "\n".join(lines)


def json_text(plan: CoachingPlan) -> str:
    return json.dumps(plan.to_json(), indent=2, ensure_ascii=False)


RENDERERS: dict[str, Callable[[CoachingPlan], str]] = {"text": text, "json": json_text, "markdown": markdown}
