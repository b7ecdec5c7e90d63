"""A small on-disk cache for work that only changes when rule files change.

Loading the rule pack means parsing ~70 YAML files, validating them,
analysing ~280 patterns (anchors, tries, windows) and compiling their
regexes: about half a second.
`coach check one.md` must start as fast as `proselint`, so the result is
pickled under the user's cache folder, keyed by the files' names, sizes and
modification times and by the code version. Any problem reading or writing
the cache (read-only home, a stale or corrupt file) falls back to doing the
work; the cache is never required.

`COACH_CACHE_DIR` moves the cache; `COACH_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Bump when the shape of anything cached changes.
CACHE_FORMAT = "4"


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
    """Every file of a rule pack whose change must invalidate a cached copy of it."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml"))


def cached(kind: str, key: str, build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when a result for `key` is there."""
    if os.environ.get("COACH_NO_CACHE"):
        return build()
    path = cache_dir() / f"{kind}-{key}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # missing, unreadable or from another version: rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except Exception:  # nowhere to write: fine, just slower next time
        try:
            os.unlink(f.name)  # type: ignore[possibly-undefined]
        except Exception:
            pass
    return value
