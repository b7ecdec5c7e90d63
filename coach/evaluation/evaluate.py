"""The engine against a labelled corpus: the figures `coach eval` prints.

Per element: exact grade agreement beside Cohen's kappa and the majority
baseline, the confusion matrix, the precision / recall / F1 of *flagging*
(a grade below specified, which is what sends a contract to the HR queue),
and how well the evidence the engine shows matches the labelled sentences.
Plus line of sight, per-organisation agreement, and every disagreement
with the engine's evidence.

`cv="source"` measures generalisation instead of fit: for each organisation
in turn, the weights and thresholds are fitted on all the others
(coach.evaluation.fit) and the left-out organisation is graded with them;
the pooled figures are reported in the same shapes. Those are the figures
to quote: in-sample agreement on documents the weights were fitted on says
little about a description from an organisation the rules have never seen.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, Field

from coach.engine.compile import compiled
from coach.engine.grading import MAX_COUNTED
from coach.engine.weights import Head
from coach.evaluation import metrics
from coach.evaluation.corpus import CorpusDoc
from coach.evaluation.dataset import DocData, build
from coach.evaluation.labels import overlaps
from coach.grades import ELEMENTS, LINE_OF_SIGHT, Grade

GRADES = metrics.GRADES


class FlagScores(BaseModel):
    precision: float
    recall: float
    f1: float


class EvidenceScores(BaseModel):
    """The engine's deciding sentences against the labelled ones (micro-averaged)."""

    precision: float = Field(description="share of the engine's counted sentences that are labelled evidence")
    recall: float = Field(description="share of labelled sentences among the engine's counted ones")
    shown: int
    labelled: int


class ElementScores(BaseModel):
    accuracy: float
    kappa: float
    majority: float = Field(description="agreement of always answering the commonest labelled grade")
    confusion: dict[str, dict[str, int]] = Field(description="labels -> engine -> count")
    flag: FlagScores
    evidence: EvidenceScores


class LineOfSightScores(BaseModel):
    accuracy: float
    kappa: float
    majority: float


class SourceScores(BaseModel):
    source: str
    documents: int
    accuracy: dict[str, float]
    mean: float


class Disagreement(BaseModel):
    id: str
    title: str = ""
    source: str = ""
    element: str
    label: str
    engine: str
    evidence: list[str]


class Evaluation(BaseModel):
    documents: int
    organisations: int
    mode: str = Field(description="'in-sample', or 'cv:source' (leave one organisation out)")
    elements: dict[str, ElementScores]
    line_of_sight: LineOfSightScores
    by_source: list[SourceScores] = []
    disagreements: list[Disagreement]


@dataclass(slots=True)
class Prediction:
    grades: dict[str, str]
    shown: dict[str, set[int]]  # counted evidence units per element
    texts: dict[str, list[str]]  # evidence shown, for disagreements
    line_of_sight: bool


def predict(d: DocData, heads: dict[str, dict[str, Head]]) -> Prediction:
    """Grade one traced document with these heads (no report built)."""
    from coach.engine.grading import evidence, grade_element

    grades, shown, texts = {}, {}, {}
    text = d.doc.text
    for el in ELEMENTS:
        e = el.value
        grade, scored, _ = grade_element(d.units[e], heads[e])
        ev = evidence(text, scored, grade, heads[e])
        grades[e] = grade.value
        counted = [x for x in ev if x["counted"]]
        starts = {x["start"] for x in counted}
        shown[e] = {u.position for u in d.trace.doc.units if u.start in starts}
        texts[e] = [f"[{x['strength']}{'' if x['counted'] else ', not counted'}] {x['text']}" for x in ev]
    los_heads = {"specified": heads[LINE_OF_SIGHT]["specified"]}
    los, _, _ = grade_element(d.units[LINE_OF_SIGHT], los_heads)
    return Prediction(grades, shown, texts, los == Grade.specified)


def evaluate(
    docs: list[CorpusDoc],
    ruleset=None,
    cv: str | None = None,
    by_source: bool = False,
    progress: Callable[[int], None] | None = None,
    fit_options=None,
) -> Evaluation:
    tables = compiled(ruleset)
    data = build(docs, tables)
    anchors: list[DocData] = []
    if cv is not None:
        from coach.engine.ruleset import load_ruleset
        from coach.evaluation.definitions import load_anchors
        from coach.evaluation.fit import FitOptions

        opts = fit_options or FitOptions()
        anchors = load_anchors(ruleset or load_ruleset(), tables, opts.anchor_weight)
    if cv is None:
        preds = [predict(d, tables.weights.heads) for d in data]
        if progress:
            progress(len(docs))
    elif cv == "source":
        preds = cross_validate(data, fit_options, progress, anchors=anchors)
    else:
        raise ValueError(f"unknown cross-validation grouping {cv!r}; use 'source'")
    return score(data, preds, "in-sample" if cv is None else f"cv:{cv}", by_source)


def cross_validate(
    data: list[DocData],
    fit_options=None,
    progress: Callable[[int], None] | None = None,
    jobs: int | None = None,
    anchors: list[DocData] | None = None,
) -> list[Prediction]:
    """Leave one organisation out: fit on the others, grade it.

    The folds are independent, so they run in `jobs` processes (default: one
    per CPU); the result does not depend on how many.
    """
    from coach.evaluation.fit import FitOptions

    opts = fit_options or FitOptions()
    groups = sorted({d.group for d in data})
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(groups)))
    preds: list[Prediction | None] = [None] * len(data)
    global _CV_DATA, _CV_ANCHORS
    _CV_DATA, _CV_ANCHORS = data, anchors or []
    try:
        if jobs == 1:
            results = map(_fold, [(g, opts) for g in groups])
            for g, fold_preds in results:
                _place(data, preds, g, fold_preds, progress)
        else:
            import multiprocessing

            ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
            with ctx.Pool(jobs) as pool:
                for g, fold_preds in pool.imap_unordered(_fold, [(g, opts) for g in groups]):
                    _place(data, preds, g, fold_preds, progress)
    finally:
        _CV_DATA, _CV_ANCHORS = None, []
    return [p for p in preds if p is not None]


_CV_DATA: list[DocData] | None = None  # shared with forked workers without pickling it
_CV_ANCHORS: list[DocData] = []


def _fold(args) -> tuple[str, list[Prediction]]:
    from coach.evaluation.fit import fit

    group, opts = args
    data = _CV_DATA
    assert data is not None
    weights = fit([d for d in data if d.group != group] + _CV_ANCHORS, opts)
    return group, [predict(d, weights.heads) for d in data if d.group == group]


def _place(data, preds, group, fold_preds, progress) -> None:
    it = iter(fold_preds)
    for i, d in enumerate(data):
        if d.group == group:
            preds[i] = next(it)
    if progress:
        progress(len(fold_preds))


def _disagreement(d: DocData, element: str, label: str, got: str, evidence: list[str]) -> Disagreement:
    return Disagreement(
        id=d.doc.id,
        title=d.doc.title,
        source=d.doc.source.repo,
        element=element,
        label=label,
        engine=got,
        evidence=evidence,
    )


def score(data: list[DocData], preds: list[Prediction], mode: str, by_source: bool = False) -> Evaluation:
    elements: dict[str, ElementScores] = {}
    disagreements: list[Disagreement] = []
    for el in ELEMENTS:
        e = el.value
        pairs = [(Grade.from_points(d.doc.grade(e)).value, p.grades[e]) for d, p in zip(data, preds, strict=True)]
        for d, p, (label, got) in zip(data, preds, pairs, strict=True):
            if label != got:
                disagreements.append(_disagreement(d, e, label, got, p.texts[e]))
        precision, recall, f1 = metrics.flag_prf(pairs)
        elements[e] = ElementScores(
            accuracy=round(metrics.accuracy(pairs), 4),
            kappa=round(metrics.kappa(pairs), 4),
            majority=round(metrics.majority([a for a, _ in pairs]), 4),
            confusion=metrics.confusion(pairs),
            flag=FlagScores(precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4)),
            evidence=_evidence_scores(data, preds, e),
        )
    los_pairs = [
        ("yes" if d.doc.labels.line_of_sight else "no", "yes" if p.line_of_sight else "no")
        for d, p in zip(data, preds, strict=True)
    ]
    for d, (label, got) in zip(data, los_pairs, strict=True):
        if label != got:
            disagreements.append(_disagreement(d, LINE_OF_SIGHT, label, got, []))
    los = LineOfSightScores(
        accuracy=round(metrics.accuracy(los_pairs), 4),
        kappa=round(metrics.kappa(los_pairs), 4),
        majority=round(metrics.majority([a for a, _ in los_pairs]), 4),
    )
    return Evaluation(
        documents=len(data),
        organisations=len({d.group for d in data}),
        mode=mode,
        elements=elements,
        line_of_sight=los,
        by_source=_by_source(data, preds) if by_source else [],
        disagreements=disagreements,
    )


def _evidence_scores(data: list[DocData], preds: list[Prediction], element: str) -> EvidenceScores:
    """Sentence-level precision and recall of the engine's counted evidence."""
    shown = hits = labelled = found = 0
    for d, p in zip(data, preds, strict=True):
        units = {u.position: u for u in d.trace.doc.units}
        mine = [units[i] for i in p.shown[element]]
        spans = d.spans[element]
        shown += len(mine)
        hits += sum(any(overlaps((u.start, u.end), s) for s in spans) for u in mine)
        labelled += len(spans)
        found += sum(any(overlaps((u.start, u.end), s) for u in mine) for s in spans)
    return EvidenceScores(
        precision=round(hits / shown, 4) if shown else 0.0,
        recall=round(found / labelled, 4) if labelled else 0.0,
        shown=shown,
        labelled=labelled,
    )


def _by_source(data: list[DocData], preds: list[Prediction]) -> list[SourceScores]:
    """Agreement per organisation, worst first."""
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(data):
        groups.setdefault(d.group, []).append(i)
    out = []
    for g, idx in groups.items():
        acc = {
            el.value: round(
                sum(preds[i].grades[el.value] == Grade.from_points(data[i].doc.grade(el.value)).value for i in idx)
                / len(idx),
                4,
            )
            for el in ELEMENTS
        }
        acc[LINE_OF_SIGHT] = round(
            sum(preds[i].line_of_sight == data[i].doc.labels.line_of_sight for i in idx) / len(idx), 4
        )
        out.append(
            SourceScores(source=g, documents=len(idx), accuracy=acc, mean=round(sum(acc.values()) / len(acc), 4))
        )
    out.sort(key=lambda s: (s.mean, -s.documents, s.source))
    return out


def to_json(ev: Evaluation) -> str:
    return json.dumps(ev.model_dump(), indent=2, ensure_ascii=False)


__all__ = ["GRADES", "MAX_COUNTED", "Evaluation", "cross_validate", "evaluate", "predict", "score", "to_json"]
