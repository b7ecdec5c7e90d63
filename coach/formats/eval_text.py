"""Terminal text for `coach eval`: the figures, the confusion, the disagreements, rule QA."""

from __future__ import annotations

import click

from coach.evaluation.evaluate import GRADES, Evaluation
from coach.evaluation.ruleqa import RuleStats
from coach.formats.common import one_line


def render_evaluation(ev: Evaluation, disagreements: bool = True) -> str:
    mode = "leave one organisation out" if ev.mode == "cv:source" else "in-sample"
    out = [click.style(f"{ev.documents} documents from {ev.organisations} organisations — {mode}", bold=True), ""]
    out.append(
        f"{'element':<16}{'exact':>7}{'kappa':>8}{'major.':>8}{'flag P':>8}{'flag R':>8}{'flag F1':>9}"
        f"{'evid P':>8}{'evid R':>8}"
    )
    for name, s in ev.elements.items():
        out.append(
            f"{name:<16}{s.accuracy:>7.3f}{s.kappa:>8.3f}{s.majority:>8.3f}{s.flag.precision:>8.3f}"
            f"{s.flag.recall:>8.3f}{s.flag.f1:>9.3f}{s.evidence.precision:>8.3f}{s.evidence.recall:>8.3f}"
        )
    los = ev.line_of_sight
    out.append(f"{'line of sight':<16}{los.accuracy:>7.3f}{los.kappa:>8.3f}{los.majority:>8.3f}")
    out.append("")
    out.append("major. = always answering the commonest labelled grade; evid = the engine's deciding sentences")
    out.append("against the labelled evidence sentences (precision, recall).")
    out.append("")
    out.append("confusion (rows: labels, columns: engine)")
    for name, s in ev.elements.items():
        out.append(f"  {name}")
        out.append("    " + " " * 11 + "".join(f"{g:>11}" for g in GRADES))
        for a in GRADES:
            out.append(f"    {a:<11}" + "".join(f"{s.confusion[a][b]:>11}" for b in GRADES))
    if ev.by_source:
        out.append("")
        out.append(click.style("agreement per organisation, worst first", bold=True))
        names = [*list(ev.elements), "line_of_sight"]
        out.append(f"  {'source':<42}{'docs':>5}" + "".join(f"{n[:6]:>8}" for n in names) + f"{'mean':>8}")
        for src in ev.by_source:
            out.append(
                f"  {one_line(src.source, 42):<42}{src.documents:>5}"
                + "".join(f"{src.accuracy[n]:>8.2f}" for n in names)
                + f"{src.mean:>8.2f}"
            )
    if disagreements and ev.disagreements:
        out.append("")
        out.append(click.style(f"{len(ev.disagreements)} disagreements", bold=True))
        for d in ev.disagreements:
            title = f" {one_line(d.title, 50)}" if d.title else ""
            out.append(f"  {d.id}{title}: {d.element} labelled {d.label}, engine {d.engine}")
            for e in d.evidence[:3]:
                out.append(f"      {one_line(e, 140)}")
    return "\n".join(out)


def render_rule_stats(stats: list[RuleStats], documents: int) -> str:
    """The rule QA table: one line per rule, worst first."""
    out = [click.style(f"rule QA on {documents} documents, worst first", bold=True), ""]
    out.append(
        f"{'rule':<44}{'kind':<13}{'docs':>5}{'orgs':>5}{'sents':>6}{'sent ok':>8}{'grade ok':>9}{'weight':>8}  flags"
    )
    for s in stats:

        def pct(v: float | None) -> str:
            return "—" if v is None else f"{v:.2f}"

        weight = "—" if s.weight is None else f"{s.weight:+.2f}"
        out.append(
            f"{s.rule:<44}{s.kind:<13}{s.documents:>5}{s.organisations:>5}{s.sentences:>6}"
            f"{pct(s.sentence_agreement):>8}{pct(s.grade_agreement):>9}{weight:>8}  {', '.join(s.flags)}"
        )
    out.append("")
    out.append("sent ok: share of the sentences it marks that the labels quote as evidence of its element;")
    out.append("grade ok: share of its documents whose labelled grade is the strength it claims.")
    return "\n".join(out)
