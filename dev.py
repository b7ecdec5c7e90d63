#!/usr/bin/env python3
"""Set up a virtual environment and run the project — needs only python3.

    python3 dev.py run    # set up, check the bundled examples, start the app
    python3 dev.py test   # set up, run the gates (ruff, mypy) and the whole test suite

The environment lives in .venv and is reinstalled only when pyproject.toml
changes. Extra arguments after `run` go to `coach ui` (e.g. --port 8600),
after `test` to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".coach-installed"


def sh(*args: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check).returncode


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  dev.py runs on whatever python3 the machine has
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != want:
        sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "--quiet", "-e", ".[test]")
        STAMP.write_text(want)


def run(args: list[str]) -> int:
    """Check the bundled examples, then start the app (extra arguments go to `coach ui`)."""
    setup()
    code = sh(BIN / "coach", "check", "examples", "--fail-on", "never", check=False)
    if code != 0:
        return code
    try:
        return sh(BIN / "coach", "ui", *args, check=False)
    except KeyboardInterrupt:  # Ctrl+C stops the app: a normal way to finish
        return 0


def test(args: list[str]) -> int:
    """The gates (lint, format, types), then the whole test suite; any failure fails the run."""
    setup()
    for gate in (("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)):
        code = sh(PY, "-m", *gate, check=False)
        if code != 0:
            print(f"{gate[0]} found problems (above): fix them, then run the tests again", file=sys.stderr)
            return code
    code = sh(PY, "-m", "pytest", *args, check=False)
    if code == 5:
        print("pytest collected no tests: that is a failure here", file=sys.stderr)
        return 1
    return code


def main() -> None:
    commands = {"run": run, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))


if __name__ == "__main__":
    main()
