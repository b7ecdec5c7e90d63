"""Every finding on the words: the numbered highlights of a report and the card each one opens.

The report keeps evidence per element, line of sight apart and vague phrases
in a list; a reader editing a role wants them where they sit in the text,
in reading order, each able to say which element it speaks to, whether it
counted, the rule's why and its fix. `highlights()` flattens the report into
that list (pure); `rule_words()` looks up the rules' own why and fix by id
(from the loaded rule pack, which the engine has already read).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from coach.grades import LABELS, LINE_OF_SIGHT
from coach.report import Evidence, Report

Status = Literal["decided", "weak", "not_counted", "vague_phrase"]

STATUS_WORDS: dict[str, str] = {
    "decided": "Counted: specified evidence, it decided the grade.",
    "weak": "Only weak: vague evidence, not enough to count as specified.",
    "not_counted": "Did not count towards the grade.",
    "vague_phrase": "A vague phrase: it lowers no grade, but it blurs what the role is.",
}
"""What each status means, in the words the card shows."""


class Highlight(BaseModel):
    """One marked stretch of the text and what the card for it says."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int
    kind: Literal["evidence", "line_of_sight", "vague_phrase"]
    target: str  # an element, "line_of_sight", or "vague" for a vague phrase
    start: int
    end: int
    text: str
    status: Status
    rule: str
    why: str = ""  # the rule's why (else the element's)
    fix: str = ""  # the rule's fix or the phrase's suggestion
    note: str = ""

    @property
    def label(self) -> str:
        """The card's heading: an element's name, "Line of sight" or "Vague phrase"."""
        return "Vague phrase" if self.kind == "vague_phrase" else LABELS[self.target]

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]


def _status(ev: Evidence) -> Status:
    if ev.strength == "vague":
        return "weak"
    return "decided" if ev.counted else "not_counted"


def highlights(report: Report, words: dict[str, tuple[str, str]] | None = None) -> list[Highlight]:
    """The report's evidence, line of sight and vague phrases as numbered highlights in reading order.

    `words` maps a rule id to its (why, fix); a rule not in it falls back to
    the element's why and the report's fix for the element.
    """
    words = words or {}
    found: list[dict] = []

    def piece(kind: str, target: str, ev: Evidence, why: str, fix: str) -> dict:
        why, fix = words.get(ev.rule, (why, fix))
        return {
            "kind": kind,
            "target": target,
            "start": ev.start,
            "end": ev.end,
            "text": ev.text,
            "status": _status(ev),
            "rule": ev.rule,
            "why": why,
            "fix": fix,
            "note": ev.note,
        }

    for element, result in report.elements.items():
        found += [piece("evidence", element.value, ev, result.why, result.fix or "") for ev in result.evidence]
    los = report.line_of_sight
    found += [piece("line_of_sight", LINE_OF_SIGHT, ev, los.why, los.fix or "") for ev in los.evidence]
    for phrase in report.vague_phrases:
        why, _ = words.get(phrase.rule, ("", ""))
        found.append(
            {
                "kind": "vague_phrase",
                "target": "vague",
                "start": phrase.start,
                "end": phrase.end,
                "text": phrase.text,
                "status": "vague_phrase",
                "rule": phrase.rule,
                "why": why,
                "fix": phrase.suggestion,
            }
        )
    found.sort(key=lambda h: (h["start"], -h["end"], h["kind"] != "evidence"))
    return [Highlight(number=i, **h) for i, h in enumerate(found, start=1)]


def rule_words(report: Report) -> dict[str, tuple[str, str]]:
    """(why, fix) of every rule the report cites, from the bundled rule pack; unknown ids are left out."""
    from coach.engine.ruleset import load_ruleset

    rules = load_ruleset().rules
    cited = {ev.rule for r in report.elements.values() for ev in r.evidence}
    cited |= {ev.rule for ev in report.line_of_sight.evidence} | {v.rule for v in report.vague_phrases}
    out: dict[str, tuple[str, str]] = {}
    for rule_id in cited:
        rule = rules.get(rule_id)
        if rule is not None:
            out[rule_id] = (getattr(rule, "why", "") or "", getattr(rule, "fix", "") or "")
    return out
