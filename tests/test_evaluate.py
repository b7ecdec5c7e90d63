"""`coach eval` and `coach fit`: agreement beside kappa and the majority baseline, grouped CV, rule QA.

The corpus here is written for the test (tiny role descriptions from three
made-up organisations); the real dev corpus is measured with floors in
tests/test_corpus_floors.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.evaluation.labels import labelled_units, locate, overlaps
from coach.evaluation.metrics import flag_prf, kappa, majority

DOCS = [
    {
        "id": "t1",
        "source": {"repo": "org-a/handbook"},
        "text": "This role exists to keep payroll accurate. You decide which supplier we use. "
        "You lead a team of two. Success is measured by zero late payments, reviewed monthly. "
        "This is key to our strategy of growing the business.",
        "labels": {"purpose": 2, "discretion": 2, "resources": 2, "accountability": 2, "line_of_sight": True},
        "evidence": {"purpose": ["This role exists to keep payroll accurate."]},
    },
    {
        "id": "t2",
        "source": {"repo": "org-b/jobs"},
        "text": "Help the team where needed. You'll have lots of autonomy. Reports to the COO.",
        "labels": {"purpose": 1, "discretion": 1, "resources": 0, "accountability": 1, "line_of_sight": False},
    },
    {
        "id": "t3",
        "source": {"repo": "org-c/roles"},
        "text": "Help the team where needed.",
        "labels": {"purpose": 2, "discretion": 0, "resources": 0, "accountability": 0, "line_of_sight": False},
    },
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n")
    return path


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coach", *args], input=stdin, capture_output=True, timeout=300)


def test_json_gives_every_figure_beside_kappa_and_the_majority_baseline(corpus: Path) -> None:
    proc = run("eval", str(corpus), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["documents"], data["organisations"], data["mode"]) == (3, 3, "in-sample")
    purpose = data["elements"]["purpose"]
    assert set(purpose) == {"accuracy", "kappa", "majority", "confusion", "flag", "evidence"}
    assert set(purpose["flag"]) == {"precision", "recall", "f1"}
    assert set(purpose["evidence"]) == {"precision", "recall", "shown", "labelled"}
    assert purpose["majority"] == pytest.approx(2 / 3, abs=1e-3)  # two of three are labelled specified
    assert purpose["confusion"]["specified"]["vague"] == 1  # t3 is labelled specified, and it only helps
    assert purpose["evidence"]["labelled"] == 1
    assert data["line_of_sight"]["accuracy"] == 1.0
    assert ("t3", "purpose") in [(d["id"], d["element"]) for d in data["disagreements"]]


def test_text_report_names_the_measures_and_lists_disagreements(corpus: Path) -> None:
    out = run("eval", str(corpus)).stdout.decode()
    for word in ("exact", "kappa", "major.", "flag F1", "evid P", "in-sample"):
        assert word in out
    assert "t3: purpose labelled specified, engine vague" in out


def test_by_source_lists_each_organisation_worst_first(corpus: Path) -> None:
    data = json.loads(run("eval", str(corpus), "--by", "source", "--format", "json").stdout)
    sources = [s["source"] for s in data["by_source"]]
    assert sorted(sources) == ["org-a/handbook", "org-b/jobs", "org-c/roles"]
    means = [s["mean"] for s in data["by_source"]]
    assert means == sorted(means)


def test_cv_by_source_leaves_each_organisation_out_and_reports_the_same_shape(corpus: Path) -> None:
    proc = run("eval", str(corpus), "--cv", "source", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["mode"] == "cv:source" and data["documents"] == 3
    assert set(data["elements"]["discretion"]) == {"accuracy", "kappa", "majority", "confusion", "flag", "evidence"}


def test_rule_qa_shows_where_each_rule_fires_worst_first(corpus: Path) -> None:
    proc = run("eval", str(corpus), "--by", "rule", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    stats = {s["rule"]: s for s in json.loads(proc.stdout)}
    helps = stats["purpose.helps"]
    assert helps["documents"] == 2 and helps["organisations"] == 2
    assert (
        stats["discretion.decides"]["documents"] == 1
        and "one organisation only" in stats["discretion.decides"]["flags"]
    )
    text = run("eval", str(corpus), "--by", "rule").stdout.decode()
    assert "rule QA on 3 documents" in text and "sent ok" in text


def test_floors_fail_the_run(corpus: Path) -> None:
    proc = run("eval", str(corpus), "--min-accuracy", "0.9", "--no-disagreements")
    assert proc.returncode == 1
    assert "purpose accuracy" in proc.stderr.decode()
    assert run("eval", str(corpus), "--min-accuracy", "0.6", "--min-los", "1.0").returncode == 0


def test_a_bad_corpus_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(DOCS[0]) + "\n" + json.dumps({"id": "x", "text": "no labels"}) + "\n")
    proc = run("eval", str(path))
    assert proc.returncode == 2
    assert f"{path}:2" in proc.stderr.decode() and "labels" in proc.stderr.decode()


def test_fit_writes_a_weights_file_the_engine_reads_and_is_reproducible(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "weights.yml", tmp_path / "b" / "weights.yml"
    proc = run("fit", str(corpus), "--out", str(first))
    assert proc.returncode == 0, proc.stderr
    assert "fitted on 3 documents from 3 organisations" in proc.stdout.decode()
    assert run("fit", str(corpus), "--out", str(second)).returncode == 0
    assert first.read_text() == second.read_text()
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "weights.yml").write_text(first.read_text())
    checked = run("check", "--rules", str(folder), "--fail-on", "never", "-", stdin=b"You decide the agenda.")
    assert checked.returncode == 0, checked.stderr


def test_the_first_claim_mark_can_only_add_so_a_second_copy_never_outscores_the_first() -> None:
    from coach.engine.features import FIRST_CLAIM
    from coach.evaluation.fit import _sign

    for head in ("specified", "any"):
        assert _sign(FIRST_CLAIM, "", head) == (0.0, None)
    assert _sign("section:duties", "", "specified") == (None, None)


def test_kappa_matches_hand_computed_values() -> None:
    assert kappa([("a", "a"), ("b", "b")]) == 1.0
    assert kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == 0.0  # observed 0.5, expected 0.5


def test_the_majority_baseline_and_flag_scores() -> None:
    assert majority(["specified", "specified", "vague"]) == pytest.approx(2 / 3)
    pairs = [("vague", "vague"), ("specified", "vague"), ("missing", "specified"), ("specified", "specified")]
    assert flag_prf(pairs) == (0.5, 0.5, 0.5)


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("This role exists to keep payroll accurate.", True),
        ("This role exists\nto keep   payroll accurate.", True),  # whitespace may differ from the text
        ("A sentence the text never says.", False),
    ],
)
def test_labelled_sentences_are_found_in_the_text_whatever_the_whitespace(quote: str, found: bool) -> None:
    from coach.engine.text import parse

    text = DOCS[0]["text"]
    spans = locate(text, [quote])
    assert bool(spans) is found
    if found:
        units = labelled_units(parse(text).units, spans)
        assert len(units) == 1 and overlaps(spans[0], spans[0])
