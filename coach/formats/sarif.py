"""SARIF 2.1.0, so code-scanning tools and CI annotate role files in place.

Each element below specified is a result (missing: error, vague: warning);
a vague element's result sits on the evidence that made it vague, under that
rule's id; a missing one has no words to sit on, so it names the file only.
No line of sight is a note; vague phrases are notes at their spans. Every
region gives line and column (1-based, in Unicode code points) as well as
the character offset, when the text is known. The `rules` list names each
rule used, with its description as `shortDescription` and its fix as `help`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from coach.formats.common import Lines, chain_line
from coach.report import Grade, Report
from coach.version import __version__

_LEVEL = {Grade.missing: "error", Grade.vague: "warning"}
INFORMATION_URI = "https://example.invalid/empowerment-coach"  # no public home yet; SARIF only needs a URI form


def _rule_texts() -> dict[str, tuple[str, str]]:
    """(description, fix) per rule id, from the bundled pack."""
    from coach.engine.ruleset import load_ruleset

    out = {}
    for rule_id, rule in load_ruleset().rules.items():
        description = (getattr(rule, "description", "") or rule_id).strip()
        out[rule_id] = (description, getattr(rule, "fix", "") or "")
    return out


def _location(uri: str, lines: Lines | None, start: int = 0, end: int = 0) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if end > start:
        region: dict[str, Any] = {"charOffset": start, "charLength": end - start}
        if lines is not None:
            (sl, sc), (el, ec) = lines.at(start), lines.at(end)
            region.update(startLine=sl, startColumn=sc, endLine=el, endColumn=ec)
        physical["region"] = region
    return {"physicalLocation": physical}


def render(reports: Sequence[Report], texts: Sequence[str | None] = ()) -> str:
    """One SARIF log for all `reports`; with their `texts`, regions carry lines and columns."""
    known = _rule_texts()
    rules: dict[str, dict[str, Any]] = {}

    def rule(rule_id: str, description: str, fix: str) -> str:
        text_of = known.get(rule_id)
        short, help_text = text_of if text_of else (description, fix)
        rules.setdefault(
            rule_id,
            {"id": rule_id, "shortDescription": {"text": short}, "help": {"text": help_text or description}},
        )
        return rule_id

    results = []
    located = [Lines(t) if t is not None else None for t in texts] + [None] * (len(reports) - len(texts))
    for r, lines in zip(reports, located, strict=True):
        uri = "<stdin>" if r.source in (None, "-") else r.source
        assert uri is not None
        for el, res in r.elements.items():
            if res.grade == Grade.specified:
                continue
            message = {"text": f"{el.value} is {res.grade.value}: {res.fix}"}
            if res.evidence:
                ev = res.evidence[0]
                rule_id = rule(ev.rule, f"{el.value} is {res.grade.value}", res.fix or "")
                loc = _location(uri, lines, ev.start, ev.end)
            else:
                rule_id = rule(f"{el.value}/{res.grade.value}", f"{el.value} is {res.grade.value}", res.fix or "")
                loc = _location(uri, lines)
            results.append({"ruleId": rule_id, "level": _LEVEL[res.grade], "message": message, "locations": [loc]})
        los = r.line_of_sight
        if not los.present:
            weak = los.evidence[0] if los.evidence else None
            rule_id = rule(weak.rule if weak else "line_of_sight/no", "no line of sight", los.fix or "")
            results.append(
                {
                    "ruleId": rule_id,
                    "level": "note",
                    "message": {"text": f"no line of sight: {los.fix or los.why}"},
                    "locations": [_location(uri, lines, weak.start, weak.end) if weak else _location(uri, lines)],
                }
            )
        for t in r.line_of_sight.ties or []:
            rules.setdefault(
                "line_of_sight/tie",
                {
                    "id": "line_of_sight/tie",
                    "shortDescription": {"text": "ties to an organisation priority"},
                    "help": {"text": r.line_of_sight.why},
                },
            )
            chain = chain_line([link.model_dump() for link in r.line_of_sight.chain or []])
            results.append(
                {
                    "ruleId": "line_of_sight/tie",
                    "level": "none",
                    "kind": "informational",
                    "message": {"text": f"serves {t.priority} ({t.level}: {t.owner}); chain: {chain}"},
                    "locations": [_location(uri, lines, t.evidence.start, t.evidence.end)],
                    "properties": {"priority": t.priority, "level": t.level, "words": t.words},
                }
            )
        for v in r.vague_phrases:
            results.append(
                {
                    "ruleId": rule(v.rule, "vague phrase", v.suggestion),
                    "level": "note",
                    "message": {"text": f"“{v.text}”: {v.suggestion}"},
                    "locations": [_location(uri, lines, v.start, v.end)],
                }
            )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "coach",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": list(rules.values()),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)
