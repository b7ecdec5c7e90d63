"""SARIF 2.1.0, so code-scanning tools and CI annotate role files in place.

Each element below specified is a result (missing: error, vague: warning)
located at its evidence, or at the top of the file when there is none; vague
phrases are notes at their spans.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from coach.formats.common import chain_line
from coach.report import Grade, Report
from coach.version import __version__

_LEVEL = {Grade.missing: "error", Grade.vague: "warning"}


def _location(r: Report, start: int = 0, end: int = 0) -> dict:
    region = {"charOffset": start, "charLength": end - start} if end > start else {"startLine": 1}
    return {"physicalLocation": {"artifactLocation": {"uri": r.source or "stdin"}, "region": region}}


def render(reports: Sequence[Report]) -> str:
    rules: dict[str, dict] = {}
    results = []
    for r in reports:
        for el, res in r.elements.items():
            if res.grade == Grade.specified:
                continue
            rule_id = f"{el.value}/{res.grade.value}"
            rules.setdefault(
                rule_id,
                {
                    "id": rule_id,
                    "shortDescription": {"text": f"{el.value} is {res.grade.value}"},
                    "help": {"text": res.why},
                },
            )
            locs = [_location(r, e.start, e.end) for e in res.evidence[:1]] or [_location(r)]
            results.append(
                {
                    "ruleId": rule_id,
                    "level": _LEVEL[res.grade],
                    "message": {"text": f"{el.value} is {res.grade.value}: {res.fix}"},
                    "locations": locs,
                }
            )
        if not r.line_of_sight.present:
            rules.setdefault(
                "line_of_sight/no",
                {
                    "id": "line_of_sight/no",
                    "shortDescription": {"text": "no line of sight"},
                    "help": {"text": r.line_of_sight.why},
                },
            )
            results.append(
                {
                    "ruleId": "line_of_sight/no",
                    "level": "note",
                    "message": {"text": r.line_of_sight.fix or ""},
                    "locations": [_location(r)],
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
                    "locations": [_location(r, t.evidence.start, t.evidence.end)],
                    "properties": {"priority": t.priority, "level": t.level, "words": t.words},
                }
            )
        for v in r.vague_phrases:
            rules.setdefault(v.rule, {"id": v.rule, "shortDescription": {"text": "vague phrase"}})
            results.append(
                {
                    "ruleId": v.rule,
                    "level": "note",
                    "message": {"text": f"“{v.text}”: {v.suggestion}"},
                    "locations": [_location(r, v.start, v.end)],
                }
            )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "coach", "version": __version__, "rules": list(rules.values())}},
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False)
