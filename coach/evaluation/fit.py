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

SciPy (the optimiser) is imported here only: install it with the `fit` extra.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from coach.engine.features import FIRST_CLAIM, SPECIFYING
from coach.engine.weights import Head, Weights, prior
from coach.errors import CoachError
from coach.evaluation.dataset import DocData
from coach.grades import LINE_OF_SIGHT, TARGETS

PSEUDO = "@"  # prefix of the per-kind columns that stand for rare features


@dataclass(frozen=True)
class FitOptions:
    c: float = 1.0  # inverse L2 strength
    min_groups: int = 3  # organisations a feature must be seen in to get a weight of its own
    inner_folds: int = 5  # grouped folds for choosing thresholds out of fold
    temperature: float = 0.5  # of the soft maximum over a document's sentences
    sentence_weight: float = 0.2  # of the labelled-sentence loss beside the document loss
    anchor_weight: float = 1.0  # of each definition example (coach.evaluation.definitions) against a document


def _rows(data: list[DocData], target: str) -> list[tuple[int, dict[str, str], int, int]]:
    """(doc index, features, specified label, any label) for every candidate sentence of a graded document."""
    rows = []
    for i, d in enumerate(data):
        grade = d.grades.get(target)
        if grade is None:
            continue
        if target == LINE_OF_SIGHT:
            yes = int(grade == 2)
            rows += [(i, uf.features, yes, yes) for uf in d.units[target]]
            continue
        labelled = d.labelled[target]
        for uf in d.units[target]:
            hit = uf.unit.position in labelled
            rows.append((i, uf.features, int(hit and grade == 2), int(hit)))
    return rows


def _columns(rows, data: list[DocData], min_groups: int) -> dict[str, str]:
    """Feature -> its column: itself when seen in enough organisations, else its kind's pseudo-column.

    The definitions' examples do not count as an organisation: a rule known
    only from its own examples counts by its kind.
    """
    groups: dict[str, set[str]] = defaultdict(set)
    fallback: dict[str, str] = {}
    for i, feats, _, _ in rows:
        for f, fb in feats.items():
            fallback[f] = fb
            if not data[i].anchor:
                groups[f].add(data[i].group)
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
    rows,
    data: list[DocData],
    doc_labels: list[int],
    unit_labels: list[int],
    columns: dict[str, str],
    opts: FitOptions,
    base: Head,
    head_name: str = "specified",
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
    _scipy()
    import numpy as np
    from scipy.optimize import minimize

    if not rows or len({doc_labels[r[0]] for r in rows}) < 2:
        return Head(base.bias, base.threshold, {}, dict(base.defaults))
    names = sorted(set(columns.values()))
    x = _matrix(rows, columns, names).tocsr()
    xt = x.T.tocsr()
    _n_units, n_feat = x.shape
    doc_of = np.array([r[0] for r in rows], dtype=int)
    docs = sorted(set(doc_of.tolist()))
    index = {d: k for k, d in enumerate(docs)}
    unit_doc = np.array([index[d] for d in doc_of], dtype=int)
    y_doc = np.array([doc_labels[d] for d in docs], dtype=float)
    w_doc = np.array([data[d].weight for d in docs], dtype=float)
    y_unit = np.array(unit_labels, dtype=float)
    w_unit = w_doc[unit_doc]
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
        doc_loss = -np.sum(w_doc * (y_doc * np.log(p + eps) + (1 - y_doc) * np.log(1 - p + eps)))
        q = 1.0 / (1.0 + np.exp(-s))
        sent_loss = -np.sum(w_unit * (y_unit * np.log(q + eps) + (1 - y_unit) * np.log(1 - q + eps)))
        total = doc_loss + lam * sent_loss + 0.5 * reg * float(w @ w)
        a = e / tot[unit_doc]  # each sentence's share of its document's soft maximum
        g_s = (w_doc * (p - y_doc))[unit_doc] * a + lam * w_unit * (q - y_unit)
        grad = np.empty_like(theta)
        grad[:-1] = xt @ g_s + reg * w
        grad[-1] = g_s.sum()
        return total, grad

    theta0 = np.zeros(n_feat + 1)
    kinds = _column_kinds(rows, columns)
    bounds = [_sign(n, kinds.get(n, ""), head_name) for n in names] + [(None, None)]
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 500})
    coef = dict(zip(names, (float(v) for v in res.x[:-1]), strict=True))
    weights = {f: coef[c] for f, c in columns.items() if not c.startswith(PSEUDO)}
    return Head(float(res.x[-1]), base.threshold, weights, _defaults(rows, columns, coef, base))


def _column_kinds(rows, columns: dict[str, str]) -> dict[str, str]:
    """Each column's kind (specified / vague cue, limit, downgrade, context, heading; '' for sections)."""
    out: dict[str, str] = {}
    for _, feats, _, _ in rows:
        for f, fb in feats.items():
            if f in columns:
                out[columns[f]] = fb
    return out


def _sign(name: str, kind: str, head: str) -> tuple[float | None, float | None]:
    """The sign a feature's weight may take: the rule author's claim, which the corpus only sizes.

    The first-claim mark may only add: a text pasted twice has its mark on
    the first copy only, so a negative weight would let the second copy
    outscore the first and change the grade.

    On the specified head a specified cue, a stated limit or a heading can
    only add, and a vague cue or a weakening only take away; on the any
    head every cue adds. Context and sections may go either way.
    """
    if name == FIRST_CLAIM:
        return (0.0, None)
    if head == "specified":
        if kind in ("specified", "limit", "heading"):
            return (0.0, None)
        if kind in ("vague", "downgrade"):
            return (None, 0.0)
    elif kind in ("specified", "vague", "limit", "heading"):
        return (0.0, None)
    return (None, None)


def _defaults(rows, columns: dict[str, str], coef: dict[str, float], base: Head) -> dict[str, float]:
    """What a rule the weights do not name counts, by its kind.

    Rare rules of a kind were fitted together as that kind's column; where
    there were none, a new rule of the kind counts like the median fitted
    rule of that kind, so an organisation's unfitted rule neither dominates
    nor vanishes.
    """
    import statistics

    kind_of = {f: fb for _, feats, _, _ in rows for f, fb in feats.items()}
    out = {}
    for kind in base.defaults:
        pseudo = PSEUDO + kind
        if pseudo in coef:
            out[kind] = coef[pseudo]
            continue
        fitted = [coef[c] for f, c in columns.items() if c == f and kind_of.get(f) == kind]
        out[kind] = statistics.median(fitted) if fitted else 0.0
    return out


def fit_target(data: list[DocData], target: str, opts: FitOptions, thresholds: bool = True) -> dict[str, Head]:
    """Both heads of one element (one for line of sight), thresholds included."""
    base = prior().heads[target]
    rows = _rows(data, target)
    columns = _columns(rows, data, opts.min_groups)
    grades = [d.grades.get(target) or 0 for d in data]
    # The specified head scores only sentences where a specifying rule fired (coach.engine.grading).
    spec_rows = [r for r in rows if any(kind in SPECIFYING for kind in r[1].values())]
    if target == LINE_OF_SIGHT:
        yes = [int(g == 2) for g in grades]
        heads = {"specified": _fit_head(spec_rows, data, yes, [0] * len(spec_rows), columns, opts, base["specified"])}
    else:
        heads = {
            "specified": _fit_head(
                spec_rows,
                data,
                [int(g == 2) for g in grades],
                [r[2] for r in spec_rows],
                columns,
                opts,
                base["specified"],
            ),
            "any": _fit_head(
                rows, data, [int(g >= 1) for g in grades], [r[3] for r in rows], columns, opts, base["any"], "any"
            ),
        }
    if thresholds:
        _set_thresholds(data, target, heads, opts)
    return heads


def _set_thresholds(data: list[DocData], target: str, heads: dict[str, Head], opts: FitOptions) -> None:
    """Thresholds where documents the weights were not fitted on agree best with their labels.

    Corpus documents are scored out of fold (grouped by organisation); the
    definitions' examples, which every fold trains on, are scored by the
    final weights and count with their weight.
    """
    graded = [d for d in data if d.grades.get(target) is not None]
    corpus = [d for d in graded if not d.anchor]
    anchors = [d for d in graded if d.anchor]
    groups = sorted({d.group for d in corpus})
    k = min(opts.inner_folds, len(groups))
    scores: list[tuple[float, float]] = []
    if k < 2:
        scores = [doc_scores(d, target, heads) for d in corpus]
    else:
        fold_of = {g: n % k for n, g in enumerate(_by_size(corpus))}
        by_doc: dict[int, tuple[float, float]] = {}
        for fold in range(k):
            train = [d for d in graded if d.anchor or fold_of[d.group] != fold]
            inner = fit_target(train, target, opts, thresholds=False)
            for i, d in enumerate(corpus):
                if fold_of[d.group] == fold:
                    by_doc[i] = doc_scores(d, target, inner)
        scores = [by_doc[i] for i in range(len(corpus))]
    scores += [doc_scores(d, target, heads) for d in anchors]
    labels = [d.grades[target] or 0 for d in corpus + anchors]
    weights = [d.weight for d in corpus + anchors]
    if target == LINE_OF_SIGHT:
        heads["specified"].threshold = best_threshold([s for s, _ in scores], labels, weights)
        return
    t_spec, t_any = best_thresholds(scores, labels, weights)
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
        if uf.can_specify:
            best_s = max(best_s, score(uf, heads["specified"])[0])
        if "any" in heads:
            best_a = max(best_a, score(uf, heads["any"])[0])
    return best_s, best_a


def _cuts(values: list[float]) -> list[float]:
    """Candidate thresholds: midpoints between distinct finite scores, and the ends."""
    finite = sorted({v for v in values if math.isfinite(v)})
    if not finite:
        return [0.0]
    cuts = [finite[0] - 1.0] + [(a + b) / 2 for a, b in itertools.pairwise(finite)] + [finite[-1] + 1.0]
    return cuts


def best_threshold(scores: list[float], labels: list[int], weights: list[float] | None = None) -> float:
    """The cut that best separates label 2 from the rest (ties: the middle of the best run)."""
    weights = weights or [1.0] * len(scores)
    best: list[float] = []
    best_acc = -1.0
    for t in _cuts(scores):
        acc = sum(w * ((s >= t) == (y == 2)) for s, y, w in zip(scores, labels, weights, strict=True))
        if acc > best_acc:
            best, best_acc = [t], acc
        elif acc == best_acc:
            best.append(t)
    return float(best[len(best) // 2])


def best_thresholds(
    scores: list[tuple[float, float]], labels: list[int], weights: list[float] | None = None
) -> tuple[float, float]:
    """(specified, any) thresholds with the best three-way agreement.

    Ties are broken towards fewer false flags, then towards the middle of
    the tied range, so the cut does not sit on the edge of the data.
    """
    import numpy as np

    s = np.array([x for x, _ in scores], dtype=float)
    a = np.array([x for _, x in scores], dtype=float)
    y = np.array(labels)
    w = np.array(weights or [1.0] * len(scores), dtype=float)
    spec_cuts = _cuts(list(s))
    any_cuts = np.array(_cuts(list(a)))
    vague_above = ((a[:, None] >= any_cuts[None, :]) & (y[:, None] == 1)) * w[:, None]  # correct when vague
    missing_below = ((a[:, None] < any_cuts[None, :]) & (y[:, None] == 0)) * w[:, None]  # correct when missing
    best_key: tuple[float, float] | None = None
    tied: list[tuple[float, float]] = []
    for ts in spec_cuts:
        spec = s >= ts
        right_spec = float(np.sum(w * (spec & (y == 2))))
        false_flags = float(np.sum(w * (~spec & (y == 2))))
        rest = ~spec
        right_rest = vague_above[rest].sum(axis=0) + missing_below[rest].sum(axis=0)
        top = float(right_rest.max())
        key = (round(right_spec + top, 9), -round(false_flags, 9))
        candidates = [(ts, float(any_cuts[j])) for j in np.flatnonzero(np.isclose(right_rest, top))]
        if best_key is None or key > best_key:
            best_key, tied = key, candidates
        elif key == best_key:
            tied += candidates
    tied.sort()
    t_spec, t_any = tied[len(tied) // 2]
    return float(t_spec), float(t_any)


def fit(data: list[DocData], opts: FitOptions = FitOptions(), about: dict[str, Any] | None = None) -> Weights:
    """Weights for every element and line of sight, fitted on `data` (corpus documents and anchors)."""
    heads = {t: fit_target(data, t, opts) for t in TARGETS}
    corpus = [d for d in data if not d.anchor]
    fitted = {
        "documents": len(corpus),
        "organisations": len({d.group for d in corpus}),
        "definition_examples": len(data) - len(corpus),
        "c": opts.c,
        "min_groups": opts.min_groups,
        "inner_folds": opts.inner_folds,
        **(about or {}),
    }
    return Weights(heads=heads, source="(fitted)", fitted=fitted)


def write_weights(weights: Weights, path) -> None:
    """Write `weights` as YAML (the format coach.engine.weights reads), keys in a stable order."""
    from pathlib import Path

    import yaml

    from coach.engine.weights import dump_weights

    header = (
        "# How much each rule counts, fitted on a labelled corpus by `coach fit` (see docs/rules.md).\n"
        "# Regenerate rather than edit by hand: the file is checked against the rules when it is loaded.\n"
    )
    text = yaml.safe_dump(dump_weights(weights), sort_keys=False, allow_unicode=True, width=120)
    Path(path).write_text(header + text, encoding="utf-8")


__all__ = ["FitOptions", "best_thresholds", "doc_scores", "fit", "fit_target", "write_weights"]
