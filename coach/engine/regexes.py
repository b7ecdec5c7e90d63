"""Regular expressions whose compiled form is kept in the rules cache.

Python's `re` parses and compiles a pattern in pure Python. The bundled
rules' word lists make that expensive: the patterns one description needs
take about 250 ms to compile, which made `coach check one.md` more than
twice as slow as proselint (the target: no slower). This module is kept
for that measured target (docs/benchmarks.md); it is the one place that
leans on CPython's regex internals for speed. The compiler's output is a list of opcodes that
`_sre.compile` turns into a Pattern in microseconds, so the cached rule
tables keep that output next to each source (`pack`) and rebuild the
Pattern from it (`build`).

The opcodes belong to the running CPython, so the cache key includes the
Python version, and `build` checks the result: anything unexpected (another
interpreter, a changed internal API) falls back to `re.compile`, which is
slower but never wrong. tests/test_regexes.py checks that every rebuilt
pattern equals what `re.compile` gives.
"""

from __future__ import annotations

import re
from array import array

Packed = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _USABLE = array("I").itemsize == _sre.CODESIZE
except (ImportError, AttributeError):  # not CPython, or its internals moved
    _USABLE = False


def pack(source: str) -> Packed | None:
    """`re`'s compiled form of `source` (what `re.compile(source)` would build), or None."""
    if not _USABLE:
        return None
    try:
        parsed = _parser.parse(source, 0)
        code = _compiler._code(parsed, 0)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        packed = (
            parsed.state.flags,
            array("I", code).tobytes(),
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        return packed if build(source, packed) == re.compile(source) else None
    except Exception:  # an internal API changed: keep compiling the usual way
        return None


def build(source: str, packed: Packed | None) -> re.Pattern[str]:
    """The Pattern for `source`, from its packed form when there is one."""
    if packed is not None and _USABLE:
        flags, code, groups, groupindex, indexgroup = packed
        try:
            return _sre.compile(source, flags, array("I", code).tolist(), groups, groupindex, indexgroup)
        except Exception:
            pass
    return re.compile(source)
