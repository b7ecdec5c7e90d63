"""The grading engine's entry points: a role description in, a report out.

Pure and deterministic: no I/O (the rule pack is loaded once and cached), no
clock, no randomness; the same text and ruleset always give the same report.
`assess()` builds the report in its JSON shape (plain dicts and lists,
docs/report-schema.md) without importing pydantic, so `coach check` in a
terminal starts fast; `check()` validates that into the pydantic `Report`
everything else uses. The steps:

1. `coach.engine.trace.run`: the text split into sentences under their
   headings, every rule pattern matched once, then each kind's hook
   (contexts, cues with their negations, headings, vague phrases);
2. `coach.engine.features`: each sentence that a cue of an element fired in,
   with its rules and context;
3. `coach.engine.grading`: the fitted weights score those sentences; the
   strongest decides the grade, and the deciding sentences are the evidence;
4. cross-element findings, the score and the flag follow from the grades.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from coach.engine.compile import Tables, compiled
from coach.engine.features import features_of
from coach.engine.grading import evidence, grade_element
from coach.engine.kinds import cross
from coach.engine.trace import Trace, run
from coach.grades import ELEMENTS, LINE_OF_SIGHT, SCHEMA_VERSION, Element, Grade, score

if TYPE_CHECKING:
    from coach.engine.ruleset import Ruleset
    from coach.org_profile import OrgProfile
    from coach.report import Report

ReportData = dict[str, Any]
"""A report in its JSON shape: what `Report.model_validate` takes and `model_dump` gives."""

__all__ = ["ReportData", "assess", "check", "compiled", "fired_rules", "trace"]


def trace(text: str, tables: Tables | None = None) -> Trace:
    """What the rules find in `text` (default: the bundled pack), before grading."""
    return run(text, tables if tables is not None else compiled())


def check(
    text: str, ruleset: Ruleset | None = None, profile: OrgProfile | None = None, team: str | None = None
) -> Report:
    """Grade a role description. Pure: the same input gives the same report.

    `ruleset` defaults to the bundled pack; pass one from
    `coach.load_ruleset([folder])` to add an organisation's own rules.
    `profile` (`coach.org_profile`) reads the role against the organisation's
    own priorities, those of `team` and its department if it names one
    (coach.engine.ties); without it the check is exactly as before.
    """
    from coach.report import Report

    return Report.model_validate(assess(text, ruleset, profile, team))


def assess(
    text: str, ruleset: Ruleset | None = None, profile: OrgProfile | None = None, team: str | None = None
) -> ReportData:
    """The report of `check()` in its JSON shape, without pydantic (see the module docstring)."""
    tables = compiled(ruleset)
    return assess_trace(run(text, tables), tables, profile, team)


def assess_trace(t: Trace, tables: Tables, profile: OrgProfile | None = None, team: str | None = None) -> ReportData:
    """Grade an existing trace (the evaluation tools reuse one trace per document)."""
    text = t.doc.text
    units = features_of(t, tables)
    heads = tables.weights.heads
    results: dict[Element, dict[str, Any]] = {}
    grades: dict[Element, Grade] = {}
    for el in ELEMENTS:
        grade, scored, decision = grade_element(units[el.value], heads[el.value])
        grades[el] = grade
        words = tables.words[el.value]
        fix = None
        ev = evidence(text, scored, grade, heads[el.value])
        if grade == Grade.missing:
            fix = words.fix_missing
        elif grade == Grade.vague:
            fix = _vague_fix(tables, ev) or words.fix_vague
        results[el] = {
            "element": el,
            "grade": grade,
            "evidence": ev,
            "decision": decision,
            "why": words.why,
            "fix": fix,
        }

    los_grade, los_scored, los_decision = grade_element(
        units[LINE_OF_SIGHT], {"specified": heads[LINE_OF_SIGHT]["specified"]}
    )
    present = los_grade == Grade.specified
    los_evidence = [
        e
        for e in evidence(text, los_scored, los_grade, {"specified": heads[LINE_OF_SIGHT]["specified"]})
        if e["counted"]
    ]
    los_words = tables.words[LINE_OF_SIGHT]

    vague = [
        {
            "start": hit.start,
            "end": hit.end,
            "text": text[hit.start : hit.end],
            "rule": hit.owner,
            "suggestion": tables.fixes[hit.owner],
        }
        for hit in t.vague
    ]
    los: dict[str, Any] = {
        "present": present,
        "evidence": los_evidence,
        "decision": los_decision,
        "why": los_words.why,
        "fix": None if present else los_words.fix_missing,
    }
    if profile is not None:
        from coach.engine.ties import line_of_sight_with

        los = line_of_sight_with(t, tables, profile, team, los)
        present = los["present"]
    return {
        "schema_version": SCHEMA_VERSION,
        "ruleset": {"name": tables.name, "version": tables.version},
        "input_sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "input_chars": len(text),
        "source": None,
        "elements": results,
        "line_of_sight": los,
        "vague_phrases": vague,
        "findings": cross.findings(tables, grades),
        "score": score(grades, present),
        "flagged": any(g != Grade.specified for g in grades.values()),
    }


def _vague_fix(tables: Tables, evidence: list[dict[str, Any]]) -> str | None:
    """For a vague element, the fix of the rule behind its strongest evidence."""
    for e in evidence:
        fix = tables.fixes.get(e["rule"])
        if fix is not None:
            return fix
    return None


def fired_rules(text: str, ruleset: Ruleset | None = None) -> set[str]:
    """Ids of the rules that fired on `text`: cues that survived their context,
    negations that applied, contexts recognised, headings, vague phrases and
    cross-element findings. The rule example tests check each rule on its own
    examples with this.
    """
    tables = compiled(ruleset)
    t = run(text, tables)
    report = assess_trace(t, tables)
    return t.fired | {f["rule"] for f in report["findings"]}
