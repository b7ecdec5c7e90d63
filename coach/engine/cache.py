"""A small on-disk cache for work that only changes when rule files change.

Loading the rule pack means parsing ~90 YAML files, validating them,
analysing ~300 patterns (anchors, tries, windows) and compiling their
regexes: about a second. `coach check one.md` must start as fast as
proselint, so the result is pickled under the user's cache folder, keyed by
the files' names, sizes and modification times and by the code version.

Unpickling runs code, so the cache is trusted only when nobody else can
have written it: the folder is created private (0700) and an entry is read
only when the folder and the file belong to the current user and neither is
writable by anyone else; otherwise the work is simply done again. Old
entries of a kind are pruned when a new one is written. Any problem reading
or writing (read-only home, a stale or corrupt file) falls back to doing
the work: the cache is never required.

`COACH_CACHE_DIR` moves the cache; `COACH_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Bump when the shape of anything cached changes.
CACHE_FORMAT = "5"
# Entries of one kind kept side by side (e.g. a checkout and an installed copy).
KEEP_PER_KIND = 3


def cache_dir() -> Path:
    if os.environ.get("COACH_CACHE_DIR"):
        return Path(os.environ["COACH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "empowerment-coach"


def fingerprint(files: Iterable[Path], *extra: str) -> str:
    """A key that changes when any file's name, size or mtime changes."""
    h = hashlib.sha256(CACHE_FORMAT.encode())
    for part in extra:
        h.update(part.encode())
    for path in files:
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:32]


def pack_files(folder: Path) -> list[Path]:
    """Every file of a rule pack whose change must invalidate a cached copy of it.

    A subfolder with a `pack.yml` of its own (`rules/ideas/`) is another pack,
    selected by name: its files are not part of this one. One walk of the
    folder, as fast as the plain `rglob` it replaces (~4 ms for the bundled
    pack, on every `coach check`).
    """
    found: list[Path] = []

    def walk(here: Path) -> None:
        if here != folder and (here / "pack.yml").exists():
            return
        for path in here.iterdir():
            if path.is_dir() and not path.is_symlink():  # as rglob: a linked folder is not walked into
                walk(path)
            elif path.suffix in (".yml", ".yaml"):
                found.append(path)

    walk(folder)
    return sorted(found)


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else (where the OS has such modes)."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the per-user profile folder is private by default
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def cached(kind: str, key: str, build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when a trusted result for `key` is there."""
    if os.environ.get("COACH_NO_CACHE"):
        return build()
    folder = cache_dir()
    path = folder / f"{kind}-{key}.pickle"
    try:
        if _private(folder) and _private(path):
            with path.open("rb") as f:
                return pickle.load(f)  # written by this user, in a folder only they can write
    except Exception:  # missing, unreadable, someone else's or from another version: rebuild
        pass
    value = build()
    _store(folder, path, kind, value)
    return value


def _store(folder: Path, path: Path, kind: str, value: object) -> None:
    tmp = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return  # a folder others can write to is not a place to keep code to load later
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as f:
            tmp = f.name  # mkstemp files are 0600
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(folder, kind)
    except Exception:  # nowhere to write: fine, just slower next time
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path, kind: str) -> None:
    """Keep the newest few entries of a kind; older ones are from code or rules since changed."""
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_PER_KIND:]:
        try:
            old.unlink()
        except OSError:
            pass
