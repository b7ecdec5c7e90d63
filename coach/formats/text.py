"""Terminal text: each element's grade, its evidence and the fix, at a glance."""

from __future__ import annotations

from collections.abc import Sequence

import click

from coach.models import Grade, Report

from ._common import ELEMENT_LABELS, one_line

_COLOURS = {Grade.specified: "green", Grade.vague: "yellow", Grade.missing: "red"}
_MARKS = {Grade.specified: "✔", Grade.vague: "~", Grade.missing: "✘"}


def _report(r: Report) -> list[str]:
    title = r.source or "(text)"
    flag = click.style("flagged for review", fg="yellow") if r.flagged else click.style("complete", fg="green")
    out = [click.style(title, bold=True) + f"  score {r.score}/100  {flag}"]
    for el, res in r.elements.items():
        colour = _COLOURS[res.grade]
        head = f"  {_MARKS[res.grade]} {ELEMENT_LABELS[el.value]:<15}" + click.style(f"{res.grade.value:<10}", fg=colour)
        out.append(head)
        # The evidence that earns the grade first, then the rest in reading order.
        shown = sorted(res.evidence, key=lambda e: (e.strength != "specified", e.start))
        for ev in shown[:3]:
            out.append(f"      “{one_line(ev.text, 110)}”")
        if len(res.evidence) > 3:
            out.append(f"      (+{len(res.evidence) - 3} more)")
        if res.fix:
            out.append("      " + click.style("fix: ", fg=colour) + one_line(res.fix, 300))
    los = r.line_of_sight
    mark = "✔" if los.present else "✘"
    out.append(f"  {mark} {'Line of sight':<15}" + click.style("yes" if los.present else "no", fg="green" if los.present else "red"))
    for ev in los.evidence[:2]:
        out.append(f"      “{one_line(ev.text, 110)}”")
    if los.fix:
        out.append("      " + click.style("fix: ", fg="red") + one_line(los.fix, 300))
    if r.vague_phrases:
        out.append(f"  Vague phrases ({len(r.vague_phrases)}):")
        for vp in r.vague_phrases[:8]:
            out.append(f"      “{vp.text}” — {one_line(vp.suggestion, 200)}")
        if len(r.vague_phrases) > 8:
            out.append(f"      (+{len(r.vague_phrases) - 8} more)")
    for f in r.findings:
        out.append("  " + click.style("! ", fg="yellow") + f.message)
    return out


def render(reports: Sequence[Report]) -> str:
    blocks = ["\n".join(_report(r)) for r in reports]
    if len(reports) > 1:
        flagged = sum(r.flagged for r in reports)
        blocks.append(f"{len(reports)} checked, {flagged} flagged for review")
    return "\n\n".join(blocks)
