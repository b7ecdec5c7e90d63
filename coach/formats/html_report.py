"""A print-friendly HTML report: one file that opens in any browser and prints to one or two A4 pages.

Managers who share by e-mail want something a colleague can open without
installing anything. The page is self-contained (its styles inline, no
script, no external resource) and every piece of text from the report or
the role is escaped, so a role's own markup shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from coach.formats.common import ELEMENT_LABELS, counted, group_phrases, one_line
from coach.report import Report

Questions = Sequence[tuple[str, Sequence[str]]]

_GRADE_COLOURS = {"specified": "#166534", "vague": "#92400e", "missing": "#991b1b"}
_STYLE = """
@page { size: A4; margin: 16mm 15mm; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
       max-width: 180mm; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 12pt; margin: 1.1em 0 .3em;
     border-bottom: 1px solid #ccc; padding-bottom: .1em; }
.meta { color: #555; margin: 0 0 .8em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .25em .4em; border-bottom: 1px solid #e5e5e5; }
th { font-size: 9.5pt; color: #444; }
.grade { font-weight: 600; white-space: nowrap; }
blockquote { margin: .1em 0; color: #333; }
ul { margin: .2em 0 .4em 1.2em; padding: 0; } li { margin: .1em 0; }
.small { font-size: 8.5pt; color: #666; }
section { break-inside: avoid; }
"""


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _body(r: Report, title: str | None, questions: Questions) -> list[str]:
    name = title or r.source or "Role description"
    state = "flagged for review" if r.flagged else "complete"
    out = [f"<h1>{_e(name)}</h1>", f'<p class="meta">Score <strong>{r.score}/100</strong> · {state}</p>']
    out += ["<section><h2>The four elements</h2><table>", "<tr><th>Element</th><th>Grade</th><th>Evidence</th></tr>"]
    for el, res in r.elements.items():
        grade = res.grade.value
        quotes = (
            "".join(f"<blockquote>“{_e(one_line(e.text, 200))}”</blockquote>" for e in res.evidence if e.counted) or "—"
        )
        out.append(
            f"<tr><td>{ELEMENT_LABELS[el.value]}</td>"
            f'<td class="grade" style="color: {_GRADE_COLOURS[grade]}">{grade}</td><td>{quotes}</td></tr>'
        )
    los = r.line_of_sight
    quotes = "".join(f"<blockquote>“{_e(one_line(e.text, 200))}”</blockquote>" for e in los.evidence[:2]) or "—"
    colour = _GRADE_COLOURS["specified" if los.present else "missing"]
    out.append(
        f'<tr><td>Line of sight</td><td class="grade" style="color: {colour}">{"yes" if los.present else "no"}</td>'
        f"<td>{quotes}</td></tr></table></section>"
    )
    gaps = [(ELEMENT_LABELS[el.value], res) for el, res in r.elements.items() if res.fix]
    if gaps or los.fix:
        out.append("<section><h2>What to add</h2><ul>")
        for label, res in gaps:
            out.append(
                f"<li><strong>{label}</strong> ({res.grade.value}): {_e(res.fix or '')} <em>{_e(res.why)}</em></li>"
            )
        if los.fix:
            out.append(f"<li><strong>Line of sight</strong>: {_e(los.fix)} <em>{_e(los.why)}</em></li>")
        out.append("</ul></section>")
    if r.findings:
        out.append("<section><h2>Gaps between elements</h2><ul>")
        out += [f"<li>{_e(f.message)} {_e(f.fix)}</li>" for f in r.findings]
        out.append("</ul></section>")
    if r.vague_phrases:
        out.append("<section><h2>Vague phrases</h2><ul>")
        for suggestion, seen in group_phrases((v.text, v.suggestion) for v in r.vague_phrases):
            out.append(f"<li>{_e(', '.join(counted(t, n) for t, n in seen))} — {_e(suggestion)}</li>")
        out.append("</ul></section>")
    if questions:
        out.append("<section><h2>Coaching questions</h2>")
        for skill, asked in questions:
            out.append(
                f"<p><strong>{_e(skill)}</strong></p><ul>" + "".join(f"<li>{_e(q)}</li>" for q in asked) + "</ul>"
            )
        out.append("</section>")
    out.append(
        f'<p class="small">Ruleset {_e(r.ruleset.name)} {_e(r.ruleset.version)} · input sha256 {r.input_sha256[:12]}</p>'
    )
    return out


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def document(report: Report, title: str | None = None, questions: Questions = ()) -> str:
    """One report as a page to print or e-mail, under `title`, with its coaching questions."""
    name = title or report.source or "Role description"
    return _page(f"{name}: role contract check", _body(report, title, questions))


def render(reports: Sequence[Report]) -> str:
    """`coach check --format html`: every report on one page, one after another."""
    body: list[str] = []
    for r in reports:
        body += _body(r, None, ())
    return _page("Role contract check", body)
