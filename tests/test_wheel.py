"""The installed wheel finds its bundled rules, prompts and examples.

In a checkout they live at the top of the repository; the wheel carries them
inside the package (pyproject.toml force-includes them). This builds the
wheel, installs it into a fresh virtual environment that borrows this one's
dependencies, and runs `coach` from outside the checkout.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_installed_wheel_runs_with_its_bundled_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    wheel = next(dist.glob("empowerment_coach-*.whl"))
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Borrow this environment's dependencies (appended after the wheel's own site-packages).
    (site / "_borrowed_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # pip from this environment installs into the new one, no network needed.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        timeout=300,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = subprocess.run(
        [
            str(py),
            "-c",
            "import coach, coach.paths as p; print(coach.__file__); print(p.rules_dir()); print(p.examples_dir())",
        ],
        cwd=outside,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.splitlines()
    assert str(env_dir) in where[0], f"the wheel's coach should be imported, got {where[0]}"
    assert where[1].endswith("coach/_data/rules") and where[2].endswith("coach/_data/examples")
    proc = subprocess.run(
        [str(py), "-m", "coach", "check", where[2], "--fail-on", "never", "--format", "json"],
        cwd=outside,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "strong-release-lead.md" in proc.stdout
