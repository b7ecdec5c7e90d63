"""How the LLM code is laid out and shipped: what the wheel carries, what importing costs.

The fake OpenAI-compatible server is test support: it lives in tests/ and
must not be installed with the package.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    wheel = next(dist.glob("empowerment_coach-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


@pytest.mark.slow
def test_the_wheel_carries_no_test_support(wheel_names: set[str]) -> None:
    assert not [n for n in wheel_names if "fake_llm_server" in n], "the fake server belongs to tests/, not the wheel"


def test_the_fake_server_lives_with_the_tests() -> None:
    assert (ROOT / "tests" / "fake_llm_server.py").is_file()
    assert not (ROOT / "coach" / "fake_llm_server.py").exists()
    assert not list(Path(ROOT / "coach").rglob("fake_llm_server*"))
