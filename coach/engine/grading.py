"""From sentence features to a grade, with the evidence that decided it.

Each sentence that addresses an element gets two scores (coach.engine.weights):
how strongly it *specifies* the element and how strongly it *addresses* it
at all. The element is specified when its strongest sentence reaches the
specified threshold, else vague when one reaches the other threshold, else
missing. Taking the strongest sentence (not a sum) means a text pasted twice,
or a sentence repeated, never changes a grade.

The evidence shown is the sentences that decided the grade, strongest
first (at most `MAX_COUNTED`), then a few that addressed the element but
did not count, marked `counted: false`. Every piece says which rules and
context made its score and by how much, so any grade can be explained.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.grades import Grade

if TYPE_CHECKING:
    from coach.engine.features import UnitFeatures
    from coach.engine.weights import Head

MAX_COUNTED = 3
MAX_WEAK = 3


@dataclass(slots=True, eq=False, repr=False)
class Scored:
    uf: UnitFeatures
    specified: float
    any: float
    contributions: dict[str, list[tuple[str, float]]]


def score(uf: UnitFeatures, head: Head) -> tuple[float, list[tuple[str, float]]]:
    """`head`'s score for one sentence, and what each feature added to it."""
    parts = []
    total = head.bias
    for name in sorted(uf.features):
        w = head.weight(name, uf.features[name])
        if w:
            parts.append((name, w))
            total += w
    return total, parts


def grade_element(units: list[UnitFeatures], heads: dict[str, Head]) -> tuple[Grade, list[Scored], dict[str, Any]]:
    """The grade, the scored sentences (strongest first) and the decision's numbers."""
    spec_head = heads["specified"]
    any_head = heads.get("any")
    scored = []
    for uf in units:
        # Only a sentence where a specifying rule fired can specify the element:
        # context can raise or lower its score, never turn a vague cue into specified.
        s, sp = score(uf, spec_head) if uf.can_specify else (-math.inf, [])
        contributions = {"specified": sp}
        a = s
        if any_head is not None:
            a, ap = score(uf, any_head)
            contributions["any"] = ap
        scored.append(Scored(uf, s, a, contributions))
    best_s = max((x.specified for x in scored if x.specified > -math.inf), default=None)
    best_a = max((x.any for x in scored), default=None)
    if best_s is not None and best_s >= spec_head.threshold:
        grade = Grade.specified
    elif any_head is not None and best_a is not None and best_a >= any_head.threshold:
        grade = Grade.vague
    else:
        grade = Grade.missing
    decision: dict[str, Any] = {
        "specified": {"score": _r(best_s), "threshold": _r(spec_head.threshold), "bias": _r(spec_head.bias)},
    }
    decision["any"] = (
        None
        if any_head is None
        else {"score": _r(best_a), "threshold": _r(any_head.threshold), "bias": _r(any_head.bias)}
    )
    return grade, scored, decision


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def evidence(text: str, scored: list[Scored], grade: Grade, heads: dict[str, Head]) -> list[dict[str, Any]]:
    """The report's evidence for one element: deciding sentences first, then weak ones."""
    spec_t = heads["specified"].threshold
    any_head = heads.get("any")
    any_t = any_head.threshold if any_head is not None else spec_t

    def strength(x: Scored) -> str:
        return "specified" if x.specified >= spec_t else "vague"

    if grade == Grade.specified:
        counted = sorted((x for x in scored if x.specified >= spec_t), key=lambda x: (-x.specified, x.uf.unit.start))
        head = "specified"
    elif grade == Grade.vague:
        counted = sorted((x for x in scored if x.any >= any_t), key=lambda x: (-x.any, x.uf.unit.start))
        head = "any"
    else:
        counted, head = [], "any"
    counted = counted[:MAX_COUNTED]
    chosen = {id(x) for x in counted}
    weak = sorted((x for x in scored if id(x) not in chosen), key=lambda x: (-x.any, x.uf.unit.start))[:MAX_WEAK]
    out = [_item(text, x, strength(x), True, head) for x in counted]
    out += [_item(text, x, "vague", False, "any" if any_head is not None else "specified") for x in weak]
    return out


def _item(text: str, x: Scored, strength: str, counted: bool, head: str) -> dict[str, Any]:
    uf = x.uf
    u = uf.unit
    parts = x.contributions.get(head) or x.contributions["specified"]
    rules = list(uf.found)
    # The cue shown in the sentence: the found rule that added most to this head.
    gain = dict(parts)
    top = max(rules, key=lambda f: (gain.get(f.rule, 0.0), -f.start))
    start, end = top.start, _word_end(text, top.end, u.end)
    note = ""
    if top.modifiers:
        note = ("stated limit" if top.strength == "specified" else "weakened by context") + f" ({top.modifiers[0]})"
    return {
        "start": u.start,
        "end": u.end,
        "text": text[u.start : u.end],
        "rule": top.rule,
        "strength": strength,
        "counted": counted,
        "score": round(x.specified if head == "specified" else x.any, 3),
        "match": {"start": start, "end": end, "text": text[start:end]},
        "note": note,
        "contributions": [{"feature": n, "weight": round(w, 3)} for n, w in sorted(parts, key=lambda p: -abs(p[1]))],
    }


def _word_end(text: str, end: int, limit: int) -> int:
    """Extend a cue's end to the end of its word: a cue never cuts a word."""
    while end < limit and (text[end].isalnum() or text[end] == "_") and end > 0 and text[end - 1].isalnum():
        end += 1
    return end
