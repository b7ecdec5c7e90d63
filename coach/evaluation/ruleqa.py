"""Rule QA: where each rule fires in a labelled corpus, and how often it is right.

Like SpamAssassin's per-rule hit statistics before a rule ships. For every
rule: how many documents and organisations it fires in, and — for the rules
that propose evidence — how often the sentence it marks is one the labels
quote as evidence of its element, and how often the document's labelled
grade is the strength the rule claims. A rule that fires in one
organisation only is a fit to that organisation, not knowledge of role
descriptions; one that mostly disagrees with the labels needs rewriting.
The list comes worst first.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, Field

from coach.engine.compile import Tables
from coach.evaluation.dataset import DocData

_CLAIM = {"specified": 2, "vague": 1}


class RuleStats(BaseModel):
    rule: str
    kind: str
    element: str = ""
    strength: str = ""
    documents: int = Field(description="documents it fires in")
    organisations: int
    sentences: int = Field(default=0, description="sentences it marks as evidence")
    sentence_agreement: float | None = Field(
        default=None, description="share of those sentences the labels quote as evidence of its element"
    )
    grade_agreement: float | None = Field(
        default=None, description="share of its documents whose labelled grade is the strength it claims"
    )
    weight: float | None = Field(default=None, description="its fitted weight on the specified head")
    flags: list[str] = []


def rule_stats(data: list[DocData], tables: Tables, ruleset) -> list[RuleStats]:
    docs_of: dict[str, set[int]] = defaultdict(set)
    orgs_of: dict[str, set[str]] = defaultdict(set)
    sentences: dict[str, int] = defaultdict(int)
    agree_sent: dict[str, int] = defaultdict(int)
    for i, d in enumerate(data):
        for rid in d.trace.fired:
            docs_of[rid].add(i)
            orgs_of[rid].add(d.group)
        for element, units in d.units.items():
            labelled = d.labelled.get(element, set())
            for uf in units:
                for f in uf.found:
                    sentences[f.rule] += 1
                    agree_sent[f.rule] += uf.unit.position in labelled
    out = []
    for rid, rule in ruleset.rules.items():
        if rule.kind in ("sections", "vocabulary", "cross"):
            continue
        element = getattr(rule, "element", "")
        strength = getattr(rule, "strength", "") or getattr(rule, "effect", "")
        docs = docs_of.get(rid, set())
        stats = RuleStats(
            rule=rid,
            kind=rule.kind,
            element=element,
            strength=strength,
            documents=len(docs),
            organisations=len(orgs_of.get(rid, ())),
        )
        if rule.kind in ("cue", "heading") and element != "line_of_sight":
            n = sentences.get(rid, 0)
            stats.sentences = n
            stats.sentence_agreement = round(agree_sent[rid] / n, 3) if n else None
            claim = _CLAIM.get(strength)
            if docs and claim is not None:
                stats.grade_agreement = round(sum(data[i].doc.grade(element) == claim for i in docs) / len(docs), 3)
        elif rule.kind == "cue" and docs:
            stats.grade_agreement = round(sum(data[i].doc.labels.line_of_sight for i in docs) / len(docs), 3)
        head = tables.weights.heads.get(element, {}).get("specified") if element else None
        if head is not None and rid in head.weights:
            stats.weight = round(head.weights[rid], 3)
        if stats.documents == 0:
            stats.flags.append("never fires")
        elif stats.organisations == 1:
            stats.flags.append("one organisation only")
        if stats.grade_agreement is not None and stats.documents >= 5 and stats.grade_agreement < 0.5:
            stats.flags.append("mostly against the labels")
        out.append(stats)
    out.sort(key=lambda s: (-len(s.flags), _worst(s), s.rule))
    return out


def _worst(s: RuleStats) -> float:
    values = [v for v in (s.sentence_agreement, s.grade_agreement) if v is not None]
    return min(values) if values else 1.0
