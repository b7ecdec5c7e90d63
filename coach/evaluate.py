"""Compare the engine with a labelled corpus (the format of corpus/README.md).

Per element: exact grade agreement, Cohen's kappa and the confusion matrix,
and the precision / recall / F1 of *flagging* (grade below specified), which
is what decides whether a contract reaches the HR queue. Plus line-of-sight
accuracy and every document where the engine and the labels disagree, with
the engine's evidence so a rule author can see why.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.engine import check
from coach.engine.ruleset import Ruleset
from coach.errors import InputError
from coach.report import ELEMENTS, Grade, Report

GRADES = ("specified", "vague", "missing")


class Labels(BaseModel):
    model_config = ConfigDict(extra="ignore")

    purpose: int = Field(ge=0, le=2)
    discretion: int = Field(ge=0, le=2)
    resources: int = Field(ge=0, le=2)
    accountability: int = Field(ge=0, le=2)
    line_of_sight: bool


class CorpusDoc(BaseModel):
    """One labelled document; only id, text and labels are required."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    labels: Labels
    title: str = ""


class FlagScores(BaseModel):
    precision: float
    recall: float
    f1: float


class ElementScores(BaseModel):
    accuracy: float
    kappa: float
    confusion: dict[str, dict[str, int]] = Field(description="labels -> engine -> count")
    flag: FlagScores


class Disagreement(BaseModel):
    id: str
    title: str = ""
    element: str
    label: str
    engine: str
    evidence: list[str]


class Evaluation(BaseModel):
    documents: int
    elements: dict[str, ElementScores]
    line_of_sight: dict[str, float]
    disagreements: list[Disagreement]


def read_corpus(path: Path) -> list[CorpusDoc]:
    """Read a JSONL corpus; a bad line is an InputError naming its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; pass a labelled .jsonl corpus") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; a corpus is JSON Lines in UTF-8") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    docs = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            docs.append(CorpusDoc.model_validate_json(line))
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(x) for x in first["loc"]) or "line"
            raise InputError(f"{path}:{n}: {where}: {first['msg']} (each line needs id, text and labels)") from None
    if not docs:
        raise InputError(f"{path}: no documents; each line of a corpus is one JSON object")
    return docs


def kappa(pairs: list[tuple[str, str]]) -> float:
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


def _flag_scores(pairs: list[tuple[str, str]]) -> FlagScores:
    tp = sum(a != "specified" and b != "specified" for a, b in pairs)
    fp = sum(a == "specified" and b != "specified" for a, b in pairs)
    fn = sum(a != "specified" and b == "specified" for a, b in pairs)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return FlagScores(precision=round(p, 4), recall=round(r, 4), f1=round(f1, 4))


def evaluate(
    docs: Iterable[CorpusDoc],
    ruleset: Ruleset | None = None,
    progress: Callable[[], None] | None = None,
) -> Evaluation:
    docs = list(docs)
    reports: list[Report] = []
    for d in docs:
        reports.append(check(d.text, ruleset))
        if progress:
            progress()
    elements: dict[str, ElementScores] = {}
    disagreements: list[Disagreement] = []
    for el in ELEMENTS:
        pairs = []
        for d, r in zip(docs, reports):
            label = Grade.from_points(getattr(d.labels, el.value)).value
            got = r.elements[el].grade.value
            pairs.append((label, got))
            if label != got:
                disagreements.append(
                    Disagreement(
                        id=d.id,
                        title=d.title,
                        element=el.value,
                        label=label,
                        engine=got,
                        evidence=[f"[{e.strength}] {e.text}" for e in r.elements[el].evidence],
                    )
                )
        confusion = {a: {b: sum(p == (a, b) for p in pairs) for b in GRADES} for a in GRADES}
        elements[el.value] = ElementScores(
            accuracy=round(sum(a == b for a, b in pairs) / len(pairs), 4),
            kappa=round(kappa(pairs), 4),
            confusion=confusion,
            flag=_flag_scores(pairs),
        )
    los_pairs = [(d.labels.line_of_sight, r.line_of_sight.present) for d, r in zip(docs, reports)]
    for d, r in zip(docs, reports):
        if d.labels.line_of_sight != r.line_of_sight.present:
            disagreements.append(
                Disagreement(
                    id=d.id,
                    title=d.title,
                    element="line_of_sight",
                    label="yes" if d.labels.line_of_sight else "no",
                    engine="yes" if r.line_of_sight.present else "no",
                    evidence=[e.text for e in r.line_of_sight.evidence],
                )
            )
    los_acc = sum(a == b for a, b in los_pairs) / len(los_pairs)
    return Evaluation(
        documents=len(docs),
        elements=elements,
        line_of_sight={"accuracy": round(los_acc, 4)},
        disagreements=disagreements,
    )


def to_json(ev: Evaluation) -> str:
    return json.dumps(ev.model_dump(), indent=2, ensure_ascii=False)
