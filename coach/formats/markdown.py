"""Markdown: a report a manager can paste into a ticket or a document.

`render` is the CLI's `--format markdown`; `document` is the same report as a
file to send, headed with the title the contract is saved under and ending
with the coaching questions that go with its current grades.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.formats.common import ELEMENT_LABELS, chain_line, counted, group_phrases, one_line
from coach.report import Report

_BADGE = {"specified": "✅ specified", "vague": "🟡 vague", "missing": "❌ missing"}


def _escape(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


Questions = Sequence[tuple[str, Sequence[str]]]
"""Coaching questions as (meta skill, its questions), in the order to show them."""


def _report(r: Report, title: str | None = None) -> str:
    name = title or ("<stdin>" if r.source == "-" else r.source) or "Role description"
    lines = [f"## {_escape(name)}", ""]
    state = "flagged for review" if r.flagged else "complete"
    lines += [f"**Score:** {r.score}/100 — {state}", ""]
    lines += ["| Element | Grade | Evidence |", "|---|---|---|"]
    for el, res in r.elements.items():
        ev = "<br>".join([f"“{_escape(one_line(e.text, 120))}”" for e in res.evidence if e.counted][:2]) or "—"
        lines.append(f"| {ELEMENT_LABELS[el.value]} | {_BADGE[res.grade.value]} | {ev} |")
    los = r.line_of_sight
    ev = "<br>".join(f"“{_escape(one_line(e.text, 120))}”" for e in los.evidence[:2]) or "—"
    lines.append(f"| Line of sight | {'✅ yes' if los.present else '❌ no'} | {ev} |")
    if los.ties is not None:
        lines += ["", "### Line of sight to the organisation's priorities", ""]
        for t in los.ties:
            where = "" if t.level == "organisation" else f" ({t.level} {_escape(t.owner)})"
            lines.append(
                f"- **{_escape(t.priority)}**{where}: “{_escape(one_line(t.evidence.text, 120))}” "
                f"— _{_escape(', '.join(t.words))}_"
            )
        chain = [link.model_dump() for link in los.chain or []]
        lines.append(f"- **Chain:** {_escape(chain_line(chain))}")
    gaps = [(ELEMENT_LABELS[el.value], res) for el, res in r.elements.items() if res.fix]
    if gaps or los.fix:
        lines += ["", "### What to add", ""]
        for label, res in gaps:
            lines.append(f"- **{label}** ({res.grade.value}): {res.fix} _Why: {res.why}_")
        if los.fix:
            lines.append(f"- **Line of sight**: {los.fix} _Why: {los.why}_")
    if r.findings:
        lines += ["", "### Gaps between elements", ""]
        lines += [f"- {f.message} {f.fix}" for f in r.findings]
    if r.vague_phrases:
        lines += ["", "### Vague phrases", ""]
        for suggestion, seen in group_phrases((v.text, v.suggestion) for v in r.vague_phrases):
            lines.append(f"- {', '.join(_escape(counted(t, n)) for t, n in seen)} — {_escape(suggestion)}")
    lines += ["", f"<sub>Ruleset {r.ruleset.name} {r.ruleset.version} · input sha256 {r.input_sha256[:12]}</sub>"]
    return "\n".join(lines)


def render(reports: Sequence[Report]) -> str:
    return "\n\n".join(_report(r) for r in reports) + "\n"


def document(report: Report, title: str | None = None, questions: Questions = ()) -> str:
    """One report as a file to send: under `title` (the saved title), with its coaching questions."""
    lines = [_report(report, title)]
    if questions:
        lines += ["", "### Coaching questions", ""]
        for skill, asked in questions:
            lines += [f"**{_escape(skill)}**", ""] + [f"- {_escape(q)}" for q in asked] + [""]
    return "\n".join(lines).rstrip() + "\n"
