"""The engine against the labelled dev corpus, with floors just under today's numbers.

The corpus lives next to the repository (../shared/corpus/dev.jsonl, or
COACH_DEV_CORPUS); it is not copied into the repo. The floors are set a
hair under the measured agreement so a rule change that makes things worse
fails CI; raise them when the rules get better (docs/benchmarks.md has the
current numbers from `coach eval`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

CORPUS_PATH = Path(os.environ.get("COACH_DEV_CORPUS", CORPUS))

# element: (exact agreement, flag F1)
FLOORS = {
    "purpose": (0.85, 0.79),
    "discretion": (0.84, 0.85),
    "resources": (0.83, 0.80),
    "accountability": (0.81, 0.88),
}
LINE_OF_SIGHT_FLOOR = 0.74

pytestmark = pytest.mark.skipif(not CORPUS_PATH.exists(), reason=f"dev corpus not found at {CORPUS_PATH}")


@pytest.fixture(scope="module")
def evaluation():
    from coach.evaluate import evaluate, read_corpus

    return evaluate(read_corpus(CORPUS_PATH))


@pytest.mark.parametrize("element", list(FLOORS))
def test_element_stays_above_its_floor(evaluation, element: str) -> None:
    accuracy, f1 = FLOORS[element]
    scores = evaluation.elements[element]
    assert scores.accuracy >= accuracy, f"{element} exact agreement {scores.accuracy} fell below {accuracy}"
    assert scores.flag.f1 >= f1, f"{element} flag F1 {scores.flag.f1} fell below {f1}"


def test_line_of_sight_stays_above_its_floor(evaluation) -> None:
    assert evaluation.line_of_sight["accuracy"] >= LINE_OF_SIGHT_FLOOR


def test_the_product_targets_hold_on_the_dev_corpus(evaluation) -> None:
    """Issue targets: exact agreement and flag F1 at least 0.80 for every element."""
    for element, scores in evaluation.elements.items():
        assert scores.accuracy >= 0.80, element
        assert scores.flag.f1 >= 0.80, element


def test_coach_eval_cli_applies_the_same_floors() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "coach",
            "eval",
            str(CORPUS_PATH),
            "--no-disagreements",
            "--min-accuracy",
            "0.80",
            "--min-flag-f1",
            "0.79",
            "--min-los",
            str(LINE_OF_SIGHT_FLOOR),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
