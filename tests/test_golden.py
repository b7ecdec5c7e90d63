"""Golden reports for the bundled examples: a change in any grade, evidence,
fix or score shows up here as a diff to review.

Regenerate after a deliberate rule change with
`COACH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py`.
"""

from __future__ import annotations

import json
import os

import pytest
from conftest import EXAMPLES, ROOT

import coach

GOLDEN = ROOT / "tests" / "golden"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.is_file())


def test_there_are_examples_of_each_kind() -> None:
    names = " ".join(p.stem for p in EXAMPLE_FILES)
    for kind in ("strong", "missing-discretion", "vague-everywhere", "governance", "job-ad"):
        assert kind in names


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_example_matches_its_golden_report(path) -> None:
    report = coach.check(path.read_text(encoding="utf-8")).model_copy(update={"source": path.name})
    actual = json.loads(report.model_dump_json())
    golden = GOLDEN / f"{path.name}.json"
    if os.environ.get("COACH_UPDATE_GOLDEN") or not golden.exists():
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected, f"{path.name} changed; review and regenerate with COACH_UPDATE_GOLDEN=1"


def test_the_examples_say_what_their_names_say() -> None:
    def grades(name: str) -> dict[str, str]:
        return {e.value: g.value for e, g in coach.check((EXAMPLES / name).read_text()).grades.items()}

    assert set(grades("strong-release-lead.md").values()) == {"specified"}
    assert grades("missing-discretion-support-lead.md")["discretion"] == "missing"
    vague = grades("vague-everywhere-coordinator.txt")
    assert {vague[e] for e in ("discretion", "resources", "accountability")} == {"vague"}
