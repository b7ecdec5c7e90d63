"""`coach eval`: measure the engine against a labelled corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coach.cli.group import ExitStatus, format_option, friendly_errors, load_rules, main, rules_option


@main.command("eval")
@click.argument("corpus", type=click.Path(path_type=Path, dir_okay=False))
@format_option(["text", "json"], "Output format.")
@click.option(
    "--cv",
    type=click.Choice(["source"]),
    help="Grouped cross-validation: for each organisation (source.repo), fit the weights on all the others and "
    "grade it with them; report the pooled figures. Needs the fit extra.",
)
@click.option(
    "--by",
    "by",
    type=click.Choice(["source", "rule"]),
    help="source: agreement per organisation, worst first; rule: rule QA — where each rule fires and how "
    "often it agrees with the labels, worst first.",
)
@click.option(
    "--min-accuracy", type=click.FloatRange(0, 1), help="Exit 1 if any element's exact agreement is below this."
)
@click.option("--min-flag-f1", type=click.FloatRange(0, 1), help="Exit 1 if any element's flag F1 is below this.")
@click.option("--min-los", type=click.FloatRange(0, 1), help="Exit 1 if line-of-sight accuracy is below this.")
@click.option(
    "--disagreements/--no-disagreements",
    default=True,
    show_default=True,
    help="List documents where engine and labels differ (text format).",
)
@rules_option
@friendly_errors
def eval_cmd(
    corpus: Path,
    fmt: str,
    cv: str | None,
    by: str | None,
    min_accuracy: float | None,
    min_flag_f1: float | None,
    min_los: float | None,
    disagreements: bool,
    rules_dirs: tuple[Path, ...],
) -> None:
    """Compare the engine's grades with a labelled CORPUS (JSON Lines).

    Prints per element exact agreement beside Cohen's kappa and the majority
    baseline, the confusion matrix, the precision / recall / F1 of flagging,
    how well the evidence matches the labelled sentences, line of sight and
    the disagreements. --cv source measures generalisation (leave one
    organisation out) rather than fit; quote those figures. With --min-*
    floors it exits 1 when a number falls below its floor, so CI catches
    regressions.
    """
    from coach.evaluation.corpus import read_corpus
    from coach.evaluation.evaluate import evaluate, to_json
    from coach.formats.eval_text import render_evaluation, render_rule_stats

    ruleset = load_rules(rules_dirs)
    docs = read_corpus(corpus)
    if by == "rule":
        from coach.engine.compile import compiled
        from coach.engine.ruleset import load_ruleset
        from coach.evaluation.dataset import build
        from coach.evaluation.ruleqa import rule_stats

        tables = compiled(ruleset)
        stats = rule_stats(build(docs, tables), tables, ruleset or load_ruleset())
        if fmt == "json":
            import json

            click.echo(json.dumps([s.model_dump() for s in stats], indent=2))
        else:
            click.echo(render_rule_stats(stats, len(docs)))
        return
    result = evaluate(docs, ruleset, cv=cv, by_source=by == "source")
    click.echo(to_json(result) if fmt == "json" else render_evaluation(result, disagreements))

    below = []
    for name, s in result.elements.items():
        if min_accuracy is not None and s.accuracy < min_accuracy:
            below.append(f"{name} accuracy {s.accuracy:.3f} < {min_accuracy}")
        if min_flag_f1 is not None and s.flag.f1 < min_flag_f1:
            below.append(f"{name} flag F1 {s.flag.f1:.3f} < {min_flag_f1}")
    if min_los is not None and result.line_of_sight.accuracy < min_los:
        below.append(f"line of sight accuracy {result.line_of_sight.accuracy:.3f} < {min_los}")
    if below:
        click.echo(click.style("below the floor: ", fg="red", bold=True) + "; ".join(below), err=True)
        sys.exit(ExitStatus.FLAGGED)
