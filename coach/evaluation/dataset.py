"""A labelled corpus traced once: each document's sentences, features and labels.

Fitting and cross-validation grade the same documents many times with
different weights; the rules' work (parsing, matching, context) does not
depend on the weights, so it is done once here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.engine.compile import Tables
from coach.engine.features import UnitFeatures, features_of
from coach.engine.trace import Trace, run
from coach.evaluation.corpus import CorpusDoc
from coach.evaluation.labels import labelled_units, locate
from coach.grades import ELEMENTS, LINE_OF_SIGHT


@dataclass(slots=True)
class DocData:
    doc: CorpusDoc
    trace: Trace
    units: dict[str, list[UnitFeatures]]  # per element and line of sight
    labelled: dict[str, set[int]]  # per element: indices of units matching a labelled evidence sentence
    spans: dict[str, list[tuple[int, int]]]  # per element: where the labelled sentences are
    grades: dict[str, int | None] = field(
        default_factory=dict
    )  # 2/1/0 per target (line of sight: 2 or 0); None: unknown
    weight: float = 1.0  # how much it counts in a fit
    anchor: bool = False  # a labelled example of the definitions (coach.evaluation.definitions), not a corpus document

    @property
    def group(self) -> str:
        return "(definitions)" if self.anchor else self.doc.group


def build(docs: list[CorpusDoc], tables: Tables) -> list[DocData]:
    out = []
    for d in docs:
        t = run(d.text, tables)
        spans = {el.value: locate(d.text, d.evidence.get(el.value, [])) for el in ELEMENTS}
        labelled = {el: labelled_units(t.doc.units, s) for el, s in spans.items()}
        grades: dict[str, int | None] = {el.value: d.grade(el.value) for el in ELEMENTS}
        grades[LINE_OF_SIGHT] = 2 if d.labels.line_of_sight else 0
        out.append(DocData(d, t, features_of(t, tables), labelled, spans, grades))
    return out
