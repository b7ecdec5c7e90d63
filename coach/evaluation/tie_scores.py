"""How well tie-finding agrees with people: precision and recall of (role, priority) ties.

A labelled tie set is an organisation profile and role texts, each labelled
with the priorities it serves (`benchmarks/ties/`: `profile.yml` and
`roles.jsonl` with `id`, `team`, `serves`, `text`). Every tie the engine
finds that the label does not list is a false positive; every labelled
priority it misses, a false negative.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from coach.org_profile import OrgProfile, load_profile


class TieCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    team: str = ""
    serves: list[str]
    note: str = ""
    text: str


class TieMiss(BaseModel):
    id: str
    extra: list[str]
    missed: list[str]


class TieScores(BaseModel):
    cases: int
    labelled_ties: int
    found_ties: int
    precision: float
    recall: float
    misses: list[TieMiss]


def load_tie_set(folder: Path) -> tuple[OrgProfile, list[TieCase]]:
    """The profile and the labelled roles of a tie set folder."""
    profile = load_profile(folder / "profile.yml")
    lines = (folder / "roles.jsonl").read_text(encoding="utf-8").splitlines()
    return profile, [TieCase.model_validate(json.loads(line)) for line in lines if line.strip()]


def score_ties(profile: OrgProfile, cases: list[TieCase]) -> TieScores:
    """Check every case against the profile (with its team) and count agreement."""
    from coach.engine import check

    true_pos = found = labelled = 0
    misses = []
    for case in cases:
        report = check(case.text, profile=profile, team=case.team or None)
        got = {t.priority for t in report.line_of_sight.ties or []}
        want = set(case.serves)
        true_pos += len(got & want)
        found += len(got)
        labelled += len(want)
        if got != want:
            misses.append(TieMiss(id=case.id, extra=sorted(got - want), missed=sorted(want - got)))
    return TieScores(
        cases=len(cases),
        labelled_ties=labelled,
        found_ties=found,
        precision=true_pos / found if found else 1.0,
        recall=true_pos / labelled if labelled else 1.0,
        misses=misses,
    )
