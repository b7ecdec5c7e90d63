"""The definitions' own examples, as labelled data for `coach fit`.

ELEMENTS.md defines each grade with example sentences, and every rule file
carries examples its author asserts (a specified cue's `fires` examples
specify its element; a vague cue's only address it). A fit on role
descriptions alone weighs rules by how often they decide long documents,
and can leave a one-sentence contract that says exactly what the
definitions ask for graded below it. These examples are added to every fit
— never held out, since they are the definition, not a sample of role
descriptions — with a small weight, so a corpus still decides how much
each rule counts while the definitions' own sentences keep their grades.

`rules/anchors.yml` lists sentences with the grades the definitions give
them (written for this project, in its own words); rule examples are
added from the rule files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from coach.datafile import describe, read_yaml
from coach.engine.compile import Tables
from coach.engine.features import features_of
from coach.engine.trace import run
from coach.errors import RuleError
from coach.evaluation.corpus import CorpusDoc, Labels
from coach.evaluation.dataset import DocData
from coach.grades import LINE_OF_SIGHT, TARGETS

ANCHORS = "anchors.yml"
_POINTS = {"specified": 2, "vague": 1, "missing": 0}


class Anchor(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    purpose: Literal["specified", "vague", "missing"] | None = None
    discretion: Literal["specified", "vague", "missing"] | None = None
    resources: Literal["specified", "vague", "missing"] | None = None
    accountability: Literal["specified", "vague", "missing"] | None = None
    line_of_sight: bool | None = None

    def grades(self) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for t in TARGETS:
            v = getattr(self, t)
            if t == LINE_OF_SIGHT:
                out[t] = None if v is None else (2 if v else 0)
            else:
                out[t] = None if v is None else _POINTS[v]
        return out


class AnchorFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    anchors: list[Anchor]


def read_anchors(path: Path) -> list[Anchor]:
    data = read_yaml(path, RuleError, "anchors file")
    try:
        return AnchorFile.model_validate(data).anchors
    except ValidationError as e:
        raise RuleError(f"{path}: {describe(e)}") from None


def rule_anchors(ruleset) -> list[Anchor]:
    """Each cue's `fires` examples, with the grade its strength claims for its element."""
    out = []
    for rule in ruleset.rules.values():
        if rule.kind != "cue":
            continue
        for text in rule.examples.fires:
            if rule.element == LINE_OF_SIGHT:
                out.append(Anchor(text=text, line_of_sight=True))
            else:
                out.append(Anchor.model_validate({"text": text, rule.element: rule.strength}))
    return out


def anchor_data(anchors: list[Anchor], tables: Tables, weight: float) -> list[DocData]:
    """The anchors traced like corpus documents; every sentence of one is its evidence."""
    out = []
    dummy = Labels(purpose=0, discretion=0, resources=0, accountability=0, line_of_sight=False)
    for n, a in enumerate(anchors):
        t = run(a.text, tables)
        doc = CorpusDoc(id=f"anchor:{n}", text=a.text, labels=dummy)
        everything = {u.position for u in t.doc.units}
        grades = a.grades()
        labelled = {t_: (everything if grades[t_] else set()) for t_ in TARGETS if t_ != LINE_OF_SIGHT}
        out.append(DocData(doc, t, features_of(t, tables), labelled, {}, grades=grades, weight=weight, anchor=True))
    return out


def load_anchors(ruleset, tables: Tables, weight: float) -> list[DocData]:
    """The pack's anchors file(s) and its rules' examples, ready for `fit`."""
    anchors: list[Anchor] = []
    for folder in ruleset.folders:
        path = Path(folder) / ANCHORS
        if path.exists():
            anchors += read_anchors(path)
    anchors += rule_anchors(ruleset)
    return anchor_data(anchors, tables, weight)
