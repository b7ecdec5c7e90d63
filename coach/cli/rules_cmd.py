"""`coach rules`: list the loaded rules by what they speak to, with their kind and file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coach.cli.group import format_option, friendly_errors, main, rules_option

_ORDER = [
    "purpose",
    "discretion",
    "resources",
    "accountability",
    "line_of_sight",
    "context",
    "vague phrases",
    "cross-element",
    "sections",
    "vocabulary",
]


@main.command("rules")
@format_option(["text", "json"], "Output format.")
@rules_option
@friendly_errors
def rules_cmd(fmt: str, rules_dirs: tuple[Path, ...]) -> None:
    """List the loaded rules by element, with their kind, strength and file."""
    from coach.engine.kinds import KINDS
    from coach.engine.ruleset import load_ruleset

    ruleset = load_ruleset(list(rules_dirs))
    groups: dict[str, list] = {g: [] for g in _ORDER}
    for rule in ruleset.rules.values():
        groups.setdefault(KINDS[rule.kind].group(rule), []).append(rule)
    if fmt == "json":
        data = {
            "ruleset": {"name": ruleset.name, "version": ruleset.version},
            "weights": ruleset.weights,
            "rules": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "group": g,
                    "tag": KINDS[r.kind].tag(r),
                    "description": r.description,
                    "file": ruleset.origins.get(r.id),
                }
                for g, rules in groups.items()
                for r in rules
            ],
        }
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(click.style(f"{ruleset.name} {ruleset.version}", bold=True) + f" — {len(ruleset.rules)} rules")
    for g, rules in groups.items():
        if not rules:
            continue
        click.echo("\n" + click.style(g, bold=True))
        for r in rules:
            desc = " ".join(r.description.split()) if r.description else ""
            click.echo(f"  {r.id:<44} {r.kind:<12} {KINDS[r.kind].tag(r):<12} {desc[:64]}")
