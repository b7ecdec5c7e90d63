"""A labelled corpus traced once: each document's sentences, features and labels.

Fitting and cross-validation grade the same documents many times with
different weights; the rules' work (parsing, matching, context) does not
depend on the weights, so it is done once here.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.engine.compile import Tables
from coach.engine.features import UnitFeatures, features_of
from coach.engine.trace import Trace, run
from coach.evaluation.corpus import CorpusDoc
from coach.evaluation.labels import labelled_units, locate
from coach.grades import ELEMENTS


@dataclass(slots=True)
class DocData:
    doc: CorpusDoc
    trace: Trace
    units: dict[str, list[UnitFeatures]]  # per element and line of sight
    labelled: dict[str, set[int]]  # per element: indices of units matching a labelled evidence sentence
    spans: dict[str, list[tuple[int, int]]]  # per element: where the labelled sentences are

    @property
    def group(self) -> str:
        return self.doc.group


def build(docs: list[CorpusDoc], tables: Tables) -> list[DocData]:
    out = []
    for d in docs:
        t = run(d.text, tables)
        spans = {el.value: locate(d.text, d.evidence.get(el.value, [])) for el in ELEMENTS}
        labelled = {el: labelled_units(t.doc.units, s) for el, s in spans.items()}
        out.append(DocData(d, t, features_of(t, tables), labelled, spans))
    return out
