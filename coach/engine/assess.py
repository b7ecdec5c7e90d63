"""The grading engine: a role description in, a `Report` out.

Pure and deterministic: no I/O, no clock, no randomness; the same text and
ruleset always give the same report. `assess()` builds the report in its
JSON shape (plain dicts and lists, docs/report-schema.md) without importing
pydantic, so `coach check` in a terminal starts fast; `check()` validates
that into the pydantic `Report` everything else uses. The steps:

1. `coach.engine.text.parse` splits the text into units under their headings.
2. The matcher finds every cue, vague phrase and line-of-sight pattern.
3. Each cue is placed in context: the sections it sits under (a tool named
   under "Requirements" is an ask, not a means) and nearby negations ("has
   no budget authority" is a stated limit, not a budget).
4. Heading rules add whole sections as evidence ("What success looks like").
5. An element is `specified` when its specified evidence adds up to at
   least 1 (each sentence counts once, with the weight of its strongest cue:
   most cues weigh 1, weaker ones 0.5 so that two are needed); else `vague`
   when there is any evidence; else `missing`.
6. Cross-element rules, the score and the flag follow from the grades.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach.engine.compile import Compiled, compiled
from coach.engine.matcher import Hit
from coach.engine.text import Document, Unit, parse
from coach.grades import ELEMENTS, SCHEMA_VERSION, Element, Grade, score

if TYPE_CHECKING:
    from coach.engine.ruleset import Ruleset
    from coach.report import Report

ReportData = dict[str, Any]
"""A report in its JSON shape: what `Report.model_validate` takes and `model_dump` gives."""

LINE_OF_SIGHT = "line_of_sight"
_STRENGTH_RANK = {"vague": 1, "specified": 2}

__all__ = ["ReportData", "assess", "check", "compiled", "fired_rules", "trace"]


@dataclass(slots=True)
class _Found:
    """One cue in its context, before it becomes a piece of evidence."""

    rule: str
    target: str
    strength: str
    unit: Unit
    start: int
    end: int
    note: str = ""
    weight: float = 1.0


@dataclass(slots=True)
class Trace:
    """What fired while checking: evidence, vague phrases, rule ids."""

    doc: Document
    found: list[_Found] = field(default_factory=list)
    vague: list[Hit] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)


def _window_after(masked: str, unit: Unit, end: int, words: int) -> tuple[int, int]:
    """The span of up to `words` words after `end`, inside the unit and clause."""
    i, limit = end, unit.end
    for _ in range(words):
        while i < limit and masked[i] == " ":  # runs of spaces are one gap
            i += 1
        j = masked.find(" ", i, limit)
        if j < 0:
            i = limit
            break
        i = j
    stop = i
    for p in (";", ".", "?", "!", " but "):
        k = masked.find(p, end, stop)
        if k >= 0:
            stop = k
    return end, stop


def _window_before(masked: str, unit: Unit, start: int, words: int) -> tuple[int, int]:
    """The span of up to `words` words before `start`, inside the unit and clause.

    The window stops at clause punctuation: in "no budget; decides the
    schedule" the "no" does not reach "decides".
    """
    i, limit = start, unit.start
    for _ in range(words):
        while i > limit and masked[i - 1] == " ":
            i -= 1
        j = masked.rfind(" ", limit, i)
        if j < 0:
            i = limit
            break
        i = j
    seg_start = i
    for p in (";", ":", ".", "?", "!", " but ", " and may ", " however"):
        k = masked.rfind(p, seg_start, start)
        if k >= 0:
            seg_start = max(seg_start, k + len(p))
    return seg_start, start


def _apply_negations(c: Compiled, masked: str, f: _Found, trace: Trace) -> _Found | None:
    for rule in c.negations.get(f.target, ()):
        if f.strength not in rule.strengths or (rule.only and f.rule not in rule.only):
            continue
        if rule.scope == "sentence":
            a, b = f.unit.start, f.unit.end
        elif rule.scope == "opening":
            a, b = _window_after(masked, f.unit, f.unit.start, rule.window)
        elif rule.scope == "after":
            a, b = _window_after(masked, f.unit, f.end, rule.window)
        else:
            a, b = _window_before(masked, f.unit, f.start, rule.window)
        if rule.regex.search(masked, a, b) is None:
            continue
        trace.fired.add(rule.id)
        if rule.effect == "cancel":
            return None
        if rule.effect == "downgrade":
            f.strength = "vague"
            f.note = f"weakened by context ({rule.id})"
        else:
            f.strength = "specified"
            f.weight = 1.0
            f.note = f"stated limit ({rule.id})"
        return f
    return f


def trace(text: str, c: Compiled) -> Trace:
    """Run the rules over `text`; the raw material of a report."""
    doc = parse(text)
    t = Trace(doc)
    masked = doc.masked
    for hit in c.matcher.scan(doc):
        cue = c.cues.get(hit.owner)
        if cue is None:
            t.vague.append(hit)
            t.fired.add(hit.owner)
            continue
        unit = hit.unit
        if unit.kind not in cue.units:
            continue
        strength = cue.strength
        if cue.include or cue.exclude or cue.vague:
            secs = c.sections_of(unit)
            if cue.include and secs.isdisjoint(cue.include):
                continue
            if cue.exclude and not secs.isdisjoint(cue.exclude):
                continue
            if cue.vague and not secs.isdisjoint(cue.vague):
                strength = "vague"
        found = _apply_negations(
            c, masked, _Found(cue.id, cue.element, strength, unit, hit.start, hit.end, weight=cue.weight), t
        )
        if found is not None:
            t.found.append(found)
            t.fired.add(cue.id)
    if c.headings:
        for unit in doc.units:
            if unit.kind == "heading":
                continue
            secs = c.sections_of(unit)
            if not secs:
                continue
            for rule in c.headings:
                if unit.kind in rule.units and not secs.isdisjoint(rule.sections):
                    t.found.append(
                        _Found(rule.id, rule.element, rule.strength, unit, unit.start, unit.end, "by heading")
                    )
                    t.fired.add(rule.id)
    return t


def _rank(f: _Found) -> tuple[int, float]:
    return (_STRENGTH_RANK[f.strength], f.weight)


def _evidence(doc: Document, found: list[_Found]) -> list[dict[str, Any]]:
    """One evidence item per unit (its strongest cue), in reading order."""
    best: dict[int, _Found] = {}
    for f in found:
        cur = best.get(f.unit.index)
        if cur is None or _rank(f) > _rank(cur):
            best[f.unit.index] = f
    text = doc.text
    out = []
    for ui in sorted(best):
        f = best[ui]
        u = f.unit
        out.append(
            {
                "start": u.start,
                "end": u.end,
                "text": text[u.start : u.end],
                "rule": f.rule,
                "strength": f.strength,
                "weight": f.weight,
                "match": {"start": f.start, "end": f.end, "text": text[f.start : f.end]},
                "note": f.note,
            }
        )
    return out


def _grade(evidence: list[dict[str, Any]]) -> Grade:
    if sum(e["weight"] for e in evidence if e["strength"] == "specified") >= 1.0 - 1e-9:
        return Grade.specified
    return Grade.vague if evidence else Grade.missing


def check(text: str, ruleset: Ruleset | None = None) -> Report:
    """Grade a role description. Pure: the same input gives the same report.

    `ruleset` defaults to the bundled pack; pass one from
    `coach.load_ruleset([folder])` to add an organisation's own rules.
    """
    from coach.report import Report

    return Report.model_validate(assess(text, ruleset))


def assess(text: str, ruleset: Ruleset | None = None) -> ReportData:
    """The report of `check()` in its JSON shape, without pydantic (see the module docstring)."""
    c = compiled(ruleset)
    t = trace(text, c)
    by_target: dict[str, list[_Found]] = {}
    for f in t.found:
        by_target.setdefault(f.target, []).append(f)

    results: dict[Element, dict[str, Any]] = {}
    grades: dict[Element, Grade] = {}
    for el in ELEMENTS:
        evidence = _evidence(t.doc, by_target.get(el.value, []))
        grade = grades[el] = _grade(evidence)
        words = c.words[el.value]
        fix = None
        if grade == Grade.missing:
            fix = words.fix_missing
        elif grade == Grade.vague:
            fix = _vague_fix(c, evidence) or words.fix_vague
        results[el] = {"element": el, "grade": grade, "evidence": evidence, "why": words.why, "fix": fix}

    los_evidence = [e for e in _evidence(t.doc, by_target.get(LINE_OF_SIGHT, [])) if e["strength"] == "specified"]
    los_words = c.words[LINE_OF_SIGHT]

    vague = []
    seen_spans: set[tuple[int, int]] = set()
    for hit in t.vague:
        if (hit.start, hit.end) in seen_spans:
            continue
        seen_spans.add((hit.start, hit.end))
        vague.append(
            {
                "start": hit.start,
                "end": hit.end,
                "text": text[hit.start : hit.end],
                "rule": hit.owner,
                "suggestion": c.fixes[hit.owner],
            }
        )

    findings = [
        {
            "rule": r.id,
            "message": r.message,
            "elements": [Element(e) for e in (*r.when, *r.without)],
            "why": r.why,
            "fix": r.fix,
        }
        for r in c.cross
        if all(grades[Element(e)].value in gs for e, gs in r.when.items())
        and not any(grades[Element(e)].value in gs for e, gs in r.without.items())
    ]

    return {
        "schema_version": SCHEMA_VERSION,
        "ruleset": {"name": c.name, "version": c.version},
        "input_sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "input_chars": len(text),
        "source": None,
        "elements": results,
        "line_of_sight": {
            "present": bool(los_evidence),
            "evidence": los_evidence,
            "why": los_words.why,
            "fix": None if los_evidence else los_words.fix_missing,
        },
        "vague_phrases": vague,
        "findings": findings,
        "score": score(grades, bool(los_evidence)),
        "flagged": any(g != Grade.specified for g in grades.values()),
    }


def _vague_fix(c: Compiled, evidence: list[dict[str, Any]]) -> str | None:
    """For a vague element, the fix of the rule behind its first evidence."""
    for e in evidence:
        fix = c.fixes.get(e["rule"])
        if fix is not None:
            return fix
    return None


def fired_rules(text: str, ruleset: Ruleset | None = None) -> set[str]:
    """Ids of the rules that fired on `text` (cues that survived their
    context, negations that applied, vague phrases, headings, cross rules).

    The rule example tests use this to check each rule on its own examples.
    """
    report = assess(text, ruleset)
    t = trace(text, compiled(ruleset))
    return t.fired | {f["rule"] for f in report["findings"]}
