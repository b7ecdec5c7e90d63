"""How much each rule counts: the fitted weights and grade thresholds.

People write the rules; a labelled corpus sets how much each one counts,
the way Apache SpamAssassin fits its rule scores on mass-checked mail.
`coach fit CORPUS --out rules/weights.yml` writes this file; the engine
only reads it (plain arithmetic, no new runtime dependency).

For each element there are two heads, each a linear score over the features
of one sentence (`bias + sum of the weights of its features`):

- `specified`: how strongly the sentence specifies the element;
- `any`: how strongly it addresses the element at all.

The element is **specified** when some sentence's `specified` score reaches
that head's threshold, else **vague** when some sentence's `any` score
reaches its threshold, else **missing**. Line of sight has one head.

Features are named by what they are: a rule id (a cue, negation, heading or
context rule), `section:<kind>` for the kind of section a sentence sits
under and `unit:item` / `unit:heading` for list items and headings. A rule
the file does not name (an organisation's new rule, before it is fitted)
counts with the head's default for its strength.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

HEADS = ("specified", "any")


@dataclass(slots=True, eq=False, repr=False)
class Head:
    """One linear scorer over a sentence's features, and its threshold."""

    bias: float
    threshold: float
    weights: dict[str, float]
    defaults: dict[str, float] = field(default_factory=dict)  # by strength/effect, for unfitted rules

    def weight(self, feature: str, fallback: str | None = None) -> float:
        w = self.weights.get(feature)
        if w is None:
            return self.defaults.get(fallback, 0.0) if fallback else 0.0
        return w


@dataclass(slots=True, eq=False, repr=False)
class Weights:
    """Heads per element (`line_of_sight` has only `specified`), and where they came from."""

    heads: dict[str, dict[str, Head]]
    source: str = ""
    fitted: dict[str, Any] = field(default_factory=dict)


# Until a pack is fitted, a cue counts by its author's claim: a specified cue
# alone makes a sentence specify its element, a vague one only addresses it.
_PRIOR = {
    "specified": Head(
        bias=-1.0,
        threshold=0.0,
        weights={},
        defaults={"specified": 2.0, "vague": -1.0, "limit": 2.0, "downgrade": -3.0, "context": 0.0, "heading": 2.0},
    ),
    "any": Head(
        bias=-1.0,
        threshold=0.0,
        weights={},
        defaults={"specified": 2.0, "vague": 2.0, "limit": 2.0, "downgrade": 0.0, "context": 0.0, "heading": 2.0},
    ),
}


def prior() -> Weights:
    """Weights that follow each rule's stated strength: what an unfitted pack uses."""
    from coach.grades import TARGETS

    heads = {}
    for t in TARGETS:
        heads[t] = {h: Head(p.bias, p.threshold, {}, dict(p.defaults)) for h, p in _PRIOR.items()}
    return Weights(heads=heads, source="(rule strengths; not fitted)")


# -- the file ----------------------------------------------------------------


def _models():  # pydantic only when a weights file is read, not on a cached start
    from pydantic import BaseModel, ConfigDict, Field

    from coach.grades import Target

    class HeadFile(BaseModel):
        model_config = ConfigDict(extra="forbid")
        bias: float
        threshold: float
        defaults: dict[Literal["specified", "vague", "limit", "downgrade", "cancel", "context", "heading"], float] = {}
        weights: dict[str, float] = {}

    class ElementFile(BaseModel):
        model_config = ConfigDict(extra="forbid")
        specified: HeadFile
        any: HeadFile | None = None

    class WeightsFile(BaseModel):
        model_config = ConfigDict(extra="forbid")
        format: Literal[1] = 1
        fitted: dict[str, Any] = Field(default={}, description="how and on what the weights were fitted")
        elements: dict[Target, ElementFile]

    return WeightsFile


def read_weights(path: Path, known: dict[str, set[str]], base: Weights | None = None) -> Weights:
    """Read a weights file, checking that every feature it names exists.

    `known[element]` is the set of feature names valid for that element
    (coach.engine.features.known_features). Elements the file does not list
    keep `base`'s heads. Errors name the file and the entry.
    """
    from pydantic import ValidationError

    from coach.datafile import describe, read_yaml
    from coach.errors import RuleError
    from coach.grades import TARGETS

    data = read_yaml(path, RuleError, "weights file")
    try:
        parsed = _models().model_validate(data)
    except ValidationError as e:
        raise RuleError(f"{path}: {describe(e)}") from None
    heads = {k: dict(v) for k, v in (base or prior()).heads.items()}
    for element, ef in parsed.elements.items():
        for head_name in HEADS:
            hf = getattr(ef, head_name)
            if hf is None:
                if element != "line_of_sight":
                    raise RuleError(f"{path}: elements.{element}.{head_name}: missing (each element needs both heads)")
                continue
            for feature, w in hf.weights.items():
                if feature not in known[element]:
                    raise RuleError(
                        f"{path}: elements.{element}.{head_name}.weights.{feature}: no such rule or feature "
                        f"for {element}; remove the entry or refit with `coach fit`"
                    )
                if w != w or w in (float("inf"), float("-inf")):
                    raise RuleError(f"{path}: elements.{element}.{head_name}.weights.{feature}: not a number")
            defaults = {**_PRIOR[head_name].defaults, **hf.defaults}
            heads[element][head_name] = Head(hf.bias, hf.threshold, dict(hf.weights), defaults)
    assert set(heads) == set(TARGETS)
    return Weights(heads=heads, source=str(path), fitted=dict(parsed.fitted))


def dump_weights(weights: Weights) -> dict[str, Any]:
    """The YAML-ready shape of `weights` (what `coach fit` writes)."""
    out: dict[str, Any] = {"format": 1, "fitted": weights.fitted, "elements": {}}
    for element, heads in weights.heads.items():
        out["elements"][element] = {
            name: {
                "bias": round(float(h.bias), 4),
                "threshold": round(float(h.threshold), 4),
                "defaults": {k: round(float(v), 4) for k, v in sorted(h.defaults.items())},
                "weights": {
                    k: round(float(v), 4) for k, v in sorted(h.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
                },
            }
            for name, h in heads.items()
            if element != "line_of_sight" or name == "specified"
        }
    return out
