"""Terminal text: each element's grade, its evidence and the fix, at a glance.

Renders reports in their JSON shape (`coach.engine.assess`), so `coach check`
in a terminal never imports pydantic; a `Report` model is dumped first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from coach.formats import common
from coach.formats.common import ELEMENT_LABELS, Lines, chain_line, group_phrases, one_line, ties_line
from coach.grades import Grade

if TYPE_CHECKING:
    from coach.engine import ReportData
    from coach.report import Report

_COLOURS = {Grade.specified: "green", Grade.vague: "yellow", Grade.missing: "red"}
_MARKS = {Grade.specified: "✔", Grade.vague: "~", Grade.missing: "✘"}


def _fix_line(fix: str, colour: str) -> str:
    return "      " + click.style("fix: ", fg=colour) + one_line(fix, 300)


def _place(name: str, lines: Lines | None, offset: int) -> str:
    """`role.md:12:5 ` before a quote, when the text is known (linters' `file:line:col`)."""
    if lines is None:
        return ""
    line, col = lines.at(offset)
    return click.style(f"{name}:{line}:{col}", dim=True) + " "


def _report(r: ReportData, lines: Lines | None = None) -> list[str]:
    title = "<stdin>" if r["source"] == "-" else r["source"] or "(text)"
    flag = click.style("flagged for review", fg="yellow") if r["flagged"] else click.style("complete", fg="green")
    out = [click.style(title, bold=True) + f"  score {r['score']}/100  {flag}"]
    for el, res in r["elements"].items():
        grade = Grade(res["grade"])
        colour = _COLOURS[grade]
        out.append(f"  {_MARKS[grade]} {ELEMENT_LABELS[el]:<15}" + click.style(f"{grade.value:<10}", fg=colour))
        # The sentences that decided the grade, strongest first; then, marked, one that did not count.
        evidence = res["evidence"]
        counted = [e for e in evidence if e.get("counted", True)]
        for ev in counted[:3]:
            out.append(f"      {_place(title, lines, ev['start'])}“{one_line(ev['text'], 110)}”")
        weak = [e for e in evidence if not e.get("counted", True)]
        if not counted and weak:
            where = _place(title, lines, weak[0]["start"])
            out.append(where + click.style(f"      not enough: “{one_line(weak[0]['text'], 96)}”", dim=True))
        if res["fix"]:
            out.append(_fix_line(res["fix"], colour))
    los = r["line_of_sight"]
    mark, word, colour = ("✔", "yes", "green") if los["present"] else ("✘", "no", "red")
    out.append(f"  {mark} {'Line of sight':<15}" + click.style(word, fg=colour))
    for ev in los["evidence"][:2]:
        out.append(f"      {_place(title, lines, ev['start'])}“{one_line(ev['text'], 110)}”")
    if "ties" in los:  # checked against an organisation profile
        if los["ties"]:
            out.append("      serves: " + one_line(ties_line(los["ties"]), 300))
        out.append("      chain: " + one_line(chain_line(los["chain"]), 300))
    if los["fix"]:
        out.append(_fix_line(los["fix"], "red"))
    phrases = r["vague_phrases"]
    if phrases:
        first: dict[tuple[str, str], int] = {}
        for vp in phrases:
            first.setdefault((vp["suggestion"], " ".join(vp["text"].split()).lower()), vp["start"])
        groups = group_phrases((vp["text"], vp["suggestion"]) for vp in phrases)
        out.append(f"  Vague phrases ({len(phrases)}):")
        for suggestion, seen in groups[:8]:
            where = _place(title, lines, first[(suggestion, seen[0][0].lower())])
            shown = ", ".join(common.counted(t, n) for t, n in seen[:6])
            out.append(f"      {where}{shown} — {one_line(suggestion, 200)}")
        if len(groups) > 8:
            out.append(f"      (+{len(groups) - 8} more suggestions)")
    for f in r["findings"]:
        out.append("  " + click.style("! ", fg="yellow") + f["message"])
    return out


def summary(data: Sequence[ReportData]) -> list[str]:
    """A batch's closing table: files, flagged, and how many files leave each element missing or vague."""
    flagged = sum(r["flagged"] for r in data)
    out = [f"{len(data)} checked, {flagged} flagged for review", "", f"  {'gaps':<15}{'missing':>8}{'vague':>8}"]
    for el in ELEMENT_LABELS:
        grades = [r["elements"][el]["grade"] for r in data]
        out.append(f"  {ELEMENT_LABELS[el]:<15}{grades.count('missing'):>8}{grades.count('vague'):>8}")
    no_sight = sum(not r["line_of_sight"]["present"] for r in data)
    out.append(f"  {'Line of sight':<15}{no_sight:>8}{'':>8}  (files with none)")
    return out


def render(reports: Sequence[ReportData | Report], texts: Sequence[str | None] = ()) -> str:
    """The reports for a terminal; with each one's `texts`, every quote starts with `file:line:col`."""
    data = [r if isinstance(r, dict) else r.model_dump() for r in reports]
    located = [Lines(t) if t is not None else None for t in texts] + [None] * (len(data) - len(texts))
    blocks = ["\n".join(_report(r, lines)) for r, lines in zip(data, located, strict=True)]
    if len(data) > 1:
        blocks.append("\n".join(summary(data)))
    return "\n\n".join(blocks)
