"""Terminal text for `coach eval`."""

from __future__ import annotations

import click

from coach.evaluate import GRADES, Evaluation

from ._common import one_line


def render_evaluation(ev: Evaluation, disagreements: bool = True) -> str:
    out = [click.style(f"{ev.documents} documents", bold=True), ""]
    out.append(f"{'element':<16}{'exact':>7}{'kappa':>8}{'flag P':>8}{'flag R':>8}{'flag F1':>9}")
    for name, s in ev.elements.items():
        out.append(
            f"{name:<16}{s.accuracy:>7.3f}{s.kappa:>8.3f}{s.flag.precision:>8.3f}{s.flag.recall:>8.3f}{s.flag.f1:>9.3f}"
        )
    out.append(f"{'line of sight':<16}{ev.line_of_sight['accuracy']:>7.3f}")
    out.append("")
    out.append("confusion (rows: labels, columns: engine)")
    for name, s in ev.elements.items():
        out.append(f"  {name}")
        out.append("    " + " " * 11 + "".join(f"{g:>11}" for g in GRADES))
        for a in GRADES:
            out.append(f"    {a:<11}" + "".join(f"{s.confusion[a][b]:>11}" for b in GRADES))
    if disagreements and ev.disagreements:
        out.append("")
        out.append(click.style(f"{len(ev.disagreements)} disagreements", bold=True))
        for d in ev.disagreements:
            title = f" {one_line(d.title, 50)}" if d.title else ""
            out.append(f"  {d.id}{title}: {d.element} labelled {d.label}, engine {d.engine}")
            for e in d.evidence[:3]:
                out.append(f"      {one_line(e, 140)}")
    return "\n".join(out)
