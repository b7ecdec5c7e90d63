"""`coach eval` compares the engine with labels: agreement, kappa, confusion, flag F1.

The corpus here is written for the test (three tiny role descriptions); the
real dev corpus is measured by .ci/run with floors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.evaluate import kappa

DOCS = [
    {
        "id": "t1",
        "text": "This role exists to keep payroll accurate. You decide which supplier we use. "
        "You lead a team of two. Success is measured by zero late payments, reviewed monthly. "
        "This is key to our strategy of growing the business.",
        "labels": {"purpose": 2, "discretion": 2, "resources": 2, "accountability": 2, "line_of_sight": True},
    },
    {
        "id": "t2",
        "text": "Help the team where needed. You'll have lots of autonomy. Reports to the COO.",
        "labels": {"purpose": 1, "discretion": 1, "resources": 0, "accountability": 1, "line_of_sight": False},
    },
    {
        "id": "t3",
        "text": "Help the team where needed.",
        "labels": {"purpose": 2, "discretion": 0, "resources": 0, "accountability": 0, "line_of_sight": False},
    },
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n")
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coach", "eval", *args], capture_output=True, timeout=60)


def test_json_shape(corpus: Path) -> None:
    proc = run(str(corpus), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["documents"] == 3
    purpose = data["elements"]["purpose"]
    assert set(purpose) == {"accuracy", "kappa", "confusion", "flag"}
    assert set(purpose["flag"]) == {"precision", "recall", "f1"}
    assert purpose["accuracy"] == pytest.approx(2 / 3, abs=1e-3)  # t3 is labelled specified
    assert purpose["confusion"]["specified"]["vague"] == 1
    assert data["line_of_sight"]["accuracy"] == 1.0
    assert [(d["id"], d["element"]) for d in data["disagreements"]] == [("t3", "purpose")]


def test_text_report_lists_disagreements_with_evidence(corpus: Path) -> None:
    out = run(str(corpus)).stdout.decode()
    assert "exact" in out and "kappa" in out and "flag F1" in out
    assert "t3: purpose labelled specified, engine vague" in out


def test_floors_fail_the_run(corpus: Path) -> None:
    proc = run(str(corpus), "--min-accuracy", "0.9", "--no-disagreements")
    assert proc.returncode == 1
    assert "purpose accuracy" in proc.stderr.decode()
    assert run(str(corpus), "--min-accuracy", "0.6", "--min-los", "1.0").returncode == 0


def test_a_bad_corpus_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(DOCS[0]) + "\n" + json.dumps({"id": "x", "text": "no labels"}) + "\n")
    proc = run(str(path))
    assert proc.returncode == 2
    assert f"{path}:2" in proc.stderr.decode() and "labels" in proc.stderr.decode()


def test_kappa_matches_hand_computed_values() -> None:
    assert kappa([("a", "a"), ("b", "b")]) == 1.0
    # observed 0.5, expected 0.5 -> 0
    assert kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == 0.0
