"""`coach rules`: list the loaded rules by element."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coach.cli.app import friendly_errors, main, rules_option

_ORDER = [
    "purpose",
    "discretion",
    "resources",
    "accountability",
    "line_of_sight",
    "vague phrases",
    "cross-element",
    "sections",
    "vocabulary",
]


def _group(rule) -> str:
    if rule.kind == "vague_phrase":
        return "vague phrases"
    if rule.kind == "cross":
        return "cross-element"
    if rule.kind in ("sections", "vocabulary"):
        return rule.kind
    return rule.element


@main.command("rules")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@rules_option
@friendly_errors
def rules_cmd(fmt: str, rules_dirs: tuple[Path, ...]) -> None:
    """List the loaded rules by element, with their kind, strength and file."""
    from coach.engine.ruleset import load_ruleset

    ruleset = load_ruleset(list(rules_dirs))
    groups: dict[str, list] = {g: [] for g in _ORDER}
    for rule in ruleset.rules.values():
        groups[_group(rule)].append(rule)
    if fmt == "json":
        data = {
            "ruleset": {"name": ruleset.name, "version": ruleset.version},
            "rules": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "group": g,
                    "strength": getattr(r, "strength", None) or getattr(r, "effect", None),
                    "description": r.description,
                    "file": ruleset.origins.get(r.id),
                }
                for g in _ORDER
                for r in groups[g]
            ],
        }
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(click.style(f"{ruleset.name} {ruleset.version}", bold=True) + f" — {len(ruleset.rules)} rules")
    for g in _ORDER:
        if not groups[g]:
            continue
        click.echo("\n" + click.style(g, bold=True))
        for r in groups[g]:
            tag = getattr(r, "strength", None) or getattr(r, "effect", None) or r.kind
            desc = " ".join(r.description.split()) if r.description else ""
            click.echo(f"  {r.id:<42} {r.kind:<12} {tag:<10} {desc[:70]}")
