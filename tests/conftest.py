"""Shared fixtures: paths to the bundled data, the corpus next to the repo."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests (and the processes they start) keep their rule cache to themselves.
os.environ.setdefault("COACH_CACHE_DIR", tempfile.mkdtemp(prefix="coach-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
