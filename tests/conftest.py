"""Shared fixtures: paths to the bundled data, the corpus next to the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
