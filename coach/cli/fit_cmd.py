"""`coach fit`: fit the rules' weights and the grade thresholds on a labelled corpus."""

from __future__ import annotations

from pathlib import Path

import click

from coach.cli.group import friendly_errors, load_rules, main, rules_option


@main.command("fit")
@click.argument("corpus", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write the weights file (e.g. rules/weights.yml, or weights.yml in your --rules folder).",
)
@click.option("--c", "c", type=click.FloatRange(min=1e-4), default=1.0, show_default=True, help="Inverse L2 strength.")
@click.option(
    "--min-groups",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Organisations a rule must fire in to get a weight of its own; rarer ones count by their kind.",
)
@rules_option
@friendly_errors
def fit_cmd(corpus: Path, out: Path, c: float, min_groups: int, rules_dirs: tuple[Path, ...]) -> None:
    """Fit how much each rule counts, and the grade thresholds, on a labelled CORPUS.

    Reproducible: the same corpus and rules give the same file. The engine
    reads the file at run time (pure arithmetic, no extra dependency); to
    use your own, write it to your --rules folder as weights.yml. Needs
    the fit extra: pip install 'empowerment-coach[fit]'.
    """
    import hashlib

    from coach.engine.compile import compiled
    from coach.engine.ruleset import load_ruleset
    from coach.evaluation.corpus import read_corpus
    from coach.evaluation.dataset import build
    from coach.evaluation.definitions import load_anchors
    from coach.evaluation.fit import FitOptions, fit, write_weights

    ruleset = load_rules(rules_dirs)
    docs = read_corpus(corpus)
    about = {
        "corpus": corpus.name,
        "corpus_sha256": hashlib.sha256(corpus.read_bytes()).hexdigest(),
        "command": f"coach fit {corpus.name} --out {out.name}"
        + (f" --c {c}" if c != 1.0 else "")
        + (f" --min-groups {min_groups}" if min_groups != 3 else ""),
    }
    opts = FitOptions(c=c, min_groups=min_groups)
    tables = compiled(ruleset)
    anchors = load_anchors(ruleset or load_ruleset(), tables, opts.anchor_weight)
    weights = fit(build(docs, tables) + anchors, opts, about=about)
    write_weights(weights, out)
    fitted = weights.fitted
    click.echo(
        f"wrote {out}: weights for {sum(len(h.weights) for hs in weights.heads.values() for h in hs.values())} "
        f"features, fitted on {fitted['documents']} documents from {fitted['organisations']} organisations"
    )
