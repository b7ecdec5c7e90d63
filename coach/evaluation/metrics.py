"""The numbers quoted for the engine: agreement, kappa, baselines, precision and recall.

Agreement alone flatters an engine on a skewed element (most descriptions
state their resources), so every accuracy is quoted beside Cohen's kappa
and the majority baseline: the agreement of always answering the commonest
grade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

GRADES = ("specified", "vague", "missing")


def kappa(pairs: Sequence[tuple[str, str]]) -> float:
    """Cohen's kappa for (label, engine) pairs; 1.0 when both are constant and equal."""
    n = len(pairs)
    if n == 0:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    cats = {a for a, _ in pairs} | {b for _, b in pairs}
    expected = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n) for c in cats)
    if expected >= 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def accuracy(pairs: Sequence[tuple[object, object]]) -> float:
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else 0.0


def majority(labels: Sequence[object]) -> float:
    """The agreement of always answering the commonest label."""
    if not labels:
        return 0.0
    return Counter(labels).most_common(1)[0][1] / len(labels)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def flag_prf(pairs: Sequence[tuple[str, str]]) -> tuple[float, float, float]:
    """Precision / recall / F1 of flagging: a grade below specified is a flag."""
    tp = sum(a != "specified" and b != "specified" for a, b in pairs)
    fp = sum(a == "specified" and b != "specified" for a, b in pairs)
    fn = sum(a != "specified" and b == "specified" for a, b in pairs)
    return prf(tp, fp, fn)


def confusion(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """labels -> engine -> count."""
    return {a: {b: sum(p == (a, b) for p in pairs) for b in GRADES} for a in GRADES}
