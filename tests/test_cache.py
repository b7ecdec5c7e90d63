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


def test_the_cache_folder_is_made_private(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COACH_CACHE_DIR", str(folder))
    cached("thing", "k", lambda: 1)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "thing-k.pickle").stat().st_mode & 0o077 == 0


def test_an_entry_others_could_have_written_is_never_unpickled(tmp_path: Path, monkeypatch) -> None:
    """Unpickling runs code: a planted file in a shared folder must not be loaded."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("COACH_CACHE_DIR", str(folder))
    (folder / "thing-k.pickle").write_bytes(pickle.dumps("planted"))
    assert cached("thing", "k", lambda: "built") == "built"
    # A private folder with a file others may write is not trusted either.
    folder.chmod(0o700)
    (folder / "thing-k.pickle").write_bytes(pickle.dumps("planted"))
    (folder / "thing-k.pickle").chmod(0o666)
    assert cached("thing", "k", lambda: "built") == "built"


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch) -> None:
    import os
    import time

    from coach.engine.cache import KEEP_PER_KIND

    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path / "c"))
    for n in range(KEEP_PER_KIND + 3):
        cached("thing", f"k{n}", lambda n=n: n)
        path = tmp_path / "c" / f"thing-k{n}.pickle"
        stamp = time.time() - 100 + n  # each older than the next, whatever the clock's grain
        os.utime(path, (stamp, stamp))
    left = sorted(p.name for p in (tmp_path / "c").glob("thing-*.pickle"))
    assert left == [f"thing-k{n}.pickle" for n in range(3, KEEP_PER_KIND + 3)]
