#!/usr/bin/env python3
"""Run every benchmark and write docs/benchmarks.md.

    .venv/bin/python -m benchmarks.run            # all benchmarks
    .venv/bin/python -m benchmarks.run engine     # only bench_engine.py
    .venv/bin/python -m benchmarks.run --quick    # smaller sizes, for a smoke test

Each `benchmarks/bench_<name>.py` has `run(quick: bool) -> str` returning a
Markdown section (a heading, what was measured, the numbers and the
baseline measured in the same run). Sections of benchmarks not run this time
are kept from the previous docs/benchmarks.md, so one benchmark can be
re-run without losing the others.
"""

from __future__ import annotations

import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
_MARK = re.compile(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->\n", re.S)


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in (ROOT / "benchmarks").glob("bench_*.py"))


def _run_alone(name: str, quick: bool) -> str:
    """One benchmark in a fresh interpreter, so none inherits another's imports, caches or memory.

    A child's peak memory (ru_maxrss) counts what it inherited at fork, so a
    benchmark run after one that grew the process would report the other's size.
    """
    code = f"import sys; from benchmarks.bench_{name} import run; sys.stdout.write(run(quick={quick}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench_{name} failed (exit {done.returncode}); its error is above")
    return done.stdout


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    names = [a for a in argv if not a.startswith("-")] or available()
    unknown = set(names) - set(available())
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; available: {', '.join(available())}", file=sys.stderr
        )
        return 2
    old = dict(_MARK.findall(DOC.read_text())) if DOC.exists() else {}
    sections = dict(old)
    for name in names:
        print(f"running bench_{name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        body = _run_alone(name, quick).rstrip() + "\n"
        stamp = time.strftime("%Y-%m-%d")
        body += f"\n_Measured {stamp} on {platform.python_implementation()} {platform.python_version()}, {platform.machine()}; took {time.perf_counter() - started:.1f} s{' (quick mode)' if quick else ''}._\n"
        sections[name] = body
        print(body)
    parts = [
        "# Benchmarks\n",
        "Written by `.venv/bin/python -m benchmarks.run` (see benchmarks/run.py). Every target is",
        "compared with a baseline measured in the same run, on the same machine.\n",
    ]
    for name in sorted(sections):
        parts.append(f"<!-- bench:{name} -->\n{sections[name]}<!-- /bench:{name} -->\n")
    DOC.write_text("\n".join(parts))
    print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
