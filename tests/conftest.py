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


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database and app config for one test, no LLM, caches cleared."""
    import streamlit as st
    from ui_helpers import HR_EMAIL

    db = tmp_path / "coach.db"
    config = tmp_path / "config.toml"
    config.write_text(f'[access]\nhr = ["{HR_EMAIL}"]\n', encoding="utf-8")
    monkeypatch.setenv("COACH_DB", str(db))
    monkeypatch.setenv("COACH_UI_CONFIG", str(config))
    monkeypatch.setenv("COACH_USER", "lee")
    for name in ("COACH_LLM_MODEL", "COACH_LLM_API_BASE", "COACH_LLM_API_KEY", "COACH_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    return db


@pytest.fixture
def server():
    """A fake OpenAI-compatible server on 127.0.0.1, scripted per test."""
    from fake_llm_server import FakeLLMServer

    with FakeLLMServer() as fake:
        yield fake
