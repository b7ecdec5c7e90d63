"""Markdown: a report a manager can paste into a ticket or a document."""

from __future__ import annotations

from collections.abc import Sequence

from coach.formats.common import ELEMENT_LABELS, chain_line, one_line
from coach.report import Report

_BADGE = {"specified": "✅ specified", "vague": "🟡 vague", "missing": "❌ missing"}


def _escape(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _report(r: Report) -> str:
    lines = [f"## {_escape(r.source or 'Role description')}", ""]
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
        lines += [f"- “{_escape(v.text)}” — {v.suggestion}" for v in r.vague_phrases]
    lines += ["", f"<sub>Ruleset {r.ruleset.name} {r.ruleset.version} · input sha256 {r.input_sha256[:12]}</sub>"]
    return "\n".join(lines)


def render(reports: Sequence[Report]) -> str:
    return "\n\n".join(_report(r) for r in reports) + "\n"
