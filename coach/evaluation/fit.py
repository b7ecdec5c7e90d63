"""Fitting the weights and thresholds on labelled documents (`coach fit`).

For each element, two logistic regressions over sentence features
(coach.engine.weights): one learns which sentences are the labelled evidence
of a *specified* grade, the other which are labelled evidence at all. Only
sentences where a rule of the element fired are rows (only they can be
evidence). The thresholds are then set where the grades of documents
*not* used to fit agree best with their labels: they are chosen on
out-of-fold scores from a grouped split by organisation, so they are not
tuned to documents the weights have already seen.

Generalising, not fitting: a rule or context seen in fewer than `min_groups`
organisations gets no weight of its own; it counts with the fitted weight
for its kind ("a rare specified cue"), which becomes the head's default.
Line of sight has no labelled sentences, so its one head learns from the
documents: a sentence that ties a role to the organisation counts as
positive in a document labelled yes.

scikit-learn is imported here only: install it with the `fit` extra.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from coach.engine.weights import Head, Weights, prior
from coach.errors import CoachError
from coach.evaluation.dataset import DocData
from coach.grades import ELEMENTS, LINE_OF_SIGHT, TARGETS

PSEUDO = "@"  # prefix of the per-kind columns that stand for rare features


@dataclass(frozen=True)
class FitOptions:
    c: float = 1.0  # inverse L2 strength
    min_groups: int = 3  # organisations a feature must be seen in to get a weight of its own
    inner_folds: int = 5  # grouped folds for choosing thresholds out of fold
    temperature: float = 0.5  # of the soft maximum over a document's sentences
    sentence_weight: float = 0.2  # of the labelled-sentence loss beside the document loss


def _rows(data: list[DocData], target: str) -> list[tuple[int, dict[str, str], int, int]]:
    """(doc index, features, specified label, any label) for every candidate sentence."""
    rows = []
    for i, d in enumerate(data):
        if target == LINE_OF_SIGHT:
            yes = int(d.doc.labels.line_of_sight)
            rows += [(i, uf.features, yes, yes) for uf in d.units[target]]
            continue
        grade = d.doc.grade(target)
        labelled = d.labelled[target]
        for uf in d.units[target]:
            hit = uf.unit.index in labelled
            rows.append((i, uf.features, int(hit and grade == 2), int(hit)))
    return rows


def _columns(rows, data: list[DocData], min_groups: int) -> dict[str, str]:
    """Feature -> its column: itself when seen in enough organisations, else its kind's pseudo-column."""
    groups: dict[str, set[str]] = defaultdict(set)
    fallback: dict[str, str] = {}
    for i, feats, _, _ in rows:
        for f, fb in feats.items():
            groups[f].add(data[i].group)
            fallback[f] = fb
    out = {}
    for f, g in groups.items():
        if len(g) >= min_groups:
            out[f] = f
        elif fallback[f]:
            out[f] = PSEUDO + fallback[f]
    return out


def _scipy():
    try:
        import scipy.optimize
        import scipy.sparse
    except ImportError:
        raise CoachError("fitting weights needs SciPy: pip install 'empowerment-coach[fit]'") from None
    return scipy


def _matrix(rows, columns: dict[str, str], names: list[str]):
    from scipy.sparse import csr_matrix

    index = {n: k for k, n in enumerate(names)}
    data, indices, indptr = [], [], [0]
    for _, feats, _, _ in rows:
        cols = sorted({index[columns[f]] for f in feats if f in columns})
        indices += cols
        data += [1.0] * len(cols)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(names)))


def _fit_head(
    rows, data: list[DocData], doc_labels: list[int], unit_labels: list[int], columns: dict[str, str], opts: FitOptions, base: Head
) -> Head:
    """One head's bias and weights (its threshold is set later).

    The head is fitted to what it decides: whether a *document* reaches the
    grade, through its strongest sentence. The loss is the document-level
    log loss of a soft maximum over each document's sentence scores (a
    log-sum-exp, which becomes the plain maximum the engine uses as the
    temperature falls), plus, with a smaller weight, the sentence-level log
    loss against the labelled evidence sentences (so the strongest sentence
    tends to be one a careful reader would quote), plus L2 regularisation.
    """
    import numpy as np
    from scipy.optimize import minimize

    if len(set(doc_labels)) < 2:
        return Head(base.bias, base.threshold, {}, dict(base.defaults))
    names = sorted(set(columns.values()))
    x = _matrix(rows, columns, names).tocsr()
    xt = x.T.tocsr()
    n_units, n_feat = x.shape
    doc_of = np.array([r[0] for r in rows], dtype=int)
    docs = sorted(set(doc_of.tolist()))
    index = {d: k for k, d in enumerate(docs)}
    unit_doc = np.array([index[d] for d in doc_of], dtype=int)
    y_doc = np.array([doc_labels[d] for d in docs], dtype=float)
    y_unit = np.array(unit_labels, dtype=float)
    # Documents with no candidate sentence cannot reach the grade whatever
    # the weights: they add a constant to the loss and are left out.
    tau, lam, reg = opts.temperature, opts.sentence_weight, 1.0 / opts.c

    def loss(theta):
        w, b = theta[:-1], theta[-1]
        s = x @ w + b
        z = s / tau
        zmax = np.full(len(docs), -np.inf)
        np.maximum.at(zmax, unit_doc, z)
        e = np.exp(z - zmax[unit_doc])
        tot = np.zeros(len(docs))
        np.add.at(tot, unit_doc, e)
        m = tau * (np.log(tot) + zmax)  # soft maximum per document
        p = 1.0 / (1.0 + np.exp(-m))
        eps = 1e-12
        doc_loss = -np.sum(y_doc * np.log(p + eps) + (1 - y_doc) * np.log(1 - p + eps))
        q = 1.0 / (1.0 + np.exp(-s))
        sent_loss = -np.sum(y_unit * np.log(q + eps) + (1 - y_unit) * np.log(1 - q + eps))
        total = doc_loss + lam * sent_loss + 0.5 * reg * float(w @ w)
        a = e / tot[unit_doc]  # each sentence's share of its document's soft maximum
        g_s = (p - y_doc)[unit_doc] * a + lam * (q - y_unit)
        grad = np.empty_like(theta)
        grad[:-1] = xt @ g_s + reg * w
        grad[-1] = g_s.sum()
        return total, grad

    theta0 = np.zeros(n_feat + 1)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    coef = dict(zip(names, (float(v) for v in res.x[:-1]), strict=True))
    weights = {f: coef[c] for f, c in columns.items() if not c.startswith(PSEUDO)}
    defaults = dict(base.defaults)
    for c, w in coef.items():
        if c.startswith(PSEUDO):
            defaults[c[len(PSEUDO) :]] = w
    return Head(float(res.x[-1]), base.threshold, weights, defaults)


def fit_target(data: list[DocData], target: str, opts: FitOptions, thresholds: bool = True) -> dict[str, Head]:
    """Both heads of one element (one for line of sight), thresholds included."""
    base = prior().heads[target]
    rows = _rows(data, target)
    columns = _columns(rows, data, opts.min_groups)
    if target == LINE_OF_SIGHT:
        yes = [int(d.doc.labels.line_of_sight) for d in data]
        heads = {"specified": _fit_head(rows, data, yes, [0] * len(rows), columns, opts, base["specified"])}
    else:
        grades = [d.doc.grade(target) for d in data]
        heads = {
            "specified": _fit_head(
                rows, data, [int(g == 2) for g in grades], [r[2] for r in rows], columns, opts, base["specified"]
            ),
            "any": _fit_head(rows, data, [int(g >= 1) for g in grades], [r[3] for r in rows], columns, opts, base["any"]),
        }
    if thresholds:
        _set_thresholds(data, target, heads, opts)
    return heads


def _set_thresholds(data: list[DocData], target: str, heads: dict[str, Head], opts: FitOptions) -> None:
    """Thresholds where out-of-fold documents agree best with their labels."""
    groups = sorted({d.group for d in data})
    k = min(opts.inner_folds, len(groups))
    if k < 2:
        oof = [doc_scores(d, target, heads) for d in data]
    else:
        fold_of = {g: n % k for n, g in enumerate(_by_size(data))}
        oof = [None] * len(data)
        for fold in range(k):
            train = [d for d in data if fold_of[d.group] != fold]
            inner = fit_target(train, target, opts, thresholds=False)
            for i, d in enumerate(data):
                if fold_of[d.group] == fold:
                    oof[i] = doc_scores(d, target, inner)
    if target == LINE_OF_SIGHT:
        labels = [int(d.doc.labels.line_of_sight) * 2 for d in data]
        heads["specified"].threshold = best_threshold([s for s, _ in oof], labels)
        return
    labels = [d.doc.grade(target) for d in data]
    t_spec, t_any = best_thresholds(oof, labels)  # type: ignore[arg-type]
    heads["specified"].threshold = t_spec
    heads["any"].threshold = t_any


def _by_size(data: list[DocData]) -> list[str]:
    """Groups, largest first (ties by name), so round-robin folds come out balanced."""
    size: dict[str, int] = defaultdict(int)
    for d in data:
        size[d.group] += 1
    return sorted(size, key=lambda g: (-size[g], g))


def doc_scores(d: DocData, target: str, heads: dict[str, Head]) -> tuple[float, float]:
    """A document's strongest sentence scores: (specified head, any head)."""
    from coach.engine.grading import score

    best_s = best_a = -math.inf
    for uf in d.units[target]:
        best_s = max(best_s, score(uf, heads["specified"])[0])
        if "any" in heads:
            best_a = max(best_a, score(uf, heads["any"])[0])
    return best_s, best_a


def _cuts(values: list[float]) -> list[float]:
    """Candidate thresholds: midpoints between distinct finite scores, and the ends."""
    finite = sorted({v for v in values if math.isfinite(v)})
    if not finite:
        return [0.0]
    cuts = [finite[0] - 1.0] + [(a + b) / 2 for a, b in zip(finite, finite[1:], strict=False)] + [finite[-1] + 1.0]
    return cuts


def best_threshold(scores: list[float], labels: list[int]) -> float:
    """The cut that best separates label 2 from the rest (ties: the middle of the best run)."""
    best, best_acc = [], -1
    for t in _cuts(scores):
        acc = sum((s >= t) == (y == 2) for s, y in zip(scores, labels, strict=True))
        if acc > best_acc:
            best, best_acc = [t], acc
        elif acc == best_acc:
            best.append(t)
    return best[len(best) // 2]


def best_thresholds(scores: list[tuple[float, float]], labels: list[int]) -> tuple[float, float]:
    """(specified, any) thresholds with the best three-way agreement.

    Ties are broken towards fewer false flags, then towards the middle of
    the tied range, so the cut does not sit on the edge of the data.
    """
    import numpy as np

    s = np.array([x for x, _ in scores], dtype=float)
    a = np.array([x for _, x in scores], dtype=float)
    y = np.array(labels)
    spec_cuts = _cuts(list(s))
    any_cuts = np.array(_cuts(list(a)))
    vague_above = (a[:, None] >= any_cuts[None, :]) & (y[:, None] == 1)  # correct when vague
    missing_below = (a[:, None] < any_cuts[None, :]) & (y[:, None] == 0)  # correct when missing
    best_key: tuple[int, int] | None = None
    tied: list[tuple[float, float]] = []
    for ts in spec_cuts:
        spec = s >= ts
        right_spec = int(np.sum(spec & (y == 2)))
        false_flags = int(np.sum(~spec & (y == 2)))
        rest = ~spec
        right_rest = vague_above[rest].sum(axis=0) + missing_below[rest].sum(axis=0)
        top = int(right_rest.max())
        key = (right_spec + top, -false_flags)
        candidates = [(ts, float(any_cuts[j])) for j in np.flatnonzero(right_rest == top)]
        if best_key is None or key > best_key:
            best_key, tied = key, candidates
        elif key == best_key:
            tied += candidates
    tied.sort()
    return tied[len(tied) // 2]


def fit(data: list[DocData], opts: FitOptions = FitOptions(), about: dict[str, Any] | None = None) -> Weights:
    """Weights for every element and line of sight, fitted on `data`."""
    heads = {t: fit_target(data, t, opts) for t in TARGETS}
    fitted = {
        "documents": len(data),
        "organisations": len({d.group for d in data}),
        "c": opts.c,
        "min_groups": opts.min_groups,
        "inner_folds": opts.inner_folds,
        **(about or {}),
    }
    return Weights(heads=heads, source="(fitted)", fitted=fitted)


__all__ = ["ELEMENTS", "FitOptions", "best_thresholds", "doc_scores", "fit", "fit_target"]
