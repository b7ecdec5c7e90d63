"""The rule cache speeds up start-up and never gets in the way."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from coach.engine.cache import cached


def test_cached_builds_once_then_reads(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_NO_CACHE", raising=False)
    calls = []
    assert cached("thing", "k1", lambda: calls.append(1) or {"a": 1}) == {"a": 1}
    assert cached("thing", "k1", lambda: calls.append(1) or {"a": 2}) == {"a": 1}
    assert calls == [1]
    assert cached("thing", "k2", lambda: {"b": 2}) == {"b": 2}, "a new key rebuilds"


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k.pickle").write_bytes(b"not a pickle")
    assert cached("thing", "k", lambda: [1, 2]) == [1, 2]
    assert pickle.loads((tmp_path / "thing-k.pickle").read_bytes()) == [1, 2]


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COACH_CACHE_DIR", str(blocker / "sub"))  # cannot mkdir under a file
    assert cached("thing", "k", lambda: 42) == 42


def test_check_works_with_the_cache_off_and_gives_the_same_report(tmp_path: Path) -> None:
    text = "You decide which features ship. Reports to the CTO."
    code = f"import coach, sys; sys.stdout.write(coach.check({text!r}).model_dump_json())"
    env_on = {"COACH_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin"}
    env_off = {"COACH_NO_CACHE": "1", "PATH": "/usr/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env_on, check=True).stdout
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env_on, check=True).stdout
    off = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env_off, check=True).stdout
    assert first == again == off
    assert any(tmp_path.glob("compiled-*.pickle"))
