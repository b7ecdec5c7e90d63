"""How the LLM code is laid out and shipped: what the wheel carries, what importing costs.

The fake OpenAI-compatible server is test support: it lives in tests/ and
must not be installed with the package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from importlib import import_module
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


# --- coach.llm: one package, public names at the top, cheap to import -----------------------


def test_every_public_name_is_importable_from_coach_llm() -> None:
    import coach.llm as llm

    assert sorted(llm.__all__) == sorted(llm._EXPORTS)
    for name, module in llm._EXPORTS.items():
        assert getattr(llm, name) is getattr(import_module(f"coach.llm.{module}"), name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    import coach.llm as llm

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        llm.nope  # noqa: B018


def _loaded_after(code: str) -> set[str]:
    """Top-level packages and coach modules loaded by `code` in a fresh interpreter."""
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


@pytest.mark.parametrize(
    ("code", "never"),
    [
        ("import coach.llm", {"litellm", "jinja2", "httpx", "openai", "coach.llm.request", "coach.store"}),
        ("from coach.llm import configured; configured()", {"litellm", "jinja2", "httpx", "coach.llm.request"}),
        ("from coach.llm import draft", {"litellm", "httpx", "openai"}),
    ],
)
def test_importing_coach_llm_loads_only_what_is_asked_for(code: str, never: set[str]) -> None:
    loaded = _loaded_after(code)
    assert not never & loaded, f"{code!r} loaded {sorted(never & loaded)}"


# --- the LLM path leaves the rest of the process alone ----------------------------------------

FIRST_CALL = """
import gc, json, os, sys
sys.path.insert(0, "tests")
from coaching_helpers import ROLE, mock_config, reply_json, report_with
from coach.llm import draft
result = draft(report_with({"purpose": "missing"}), ROLE, config=mock_config(reply_json(3)), cache=False)
assert result.questions, result.notes
names = ("LITELLM_LOG", "LITELLM_LOCAL_MODEL_COST_MAP", "LITELLM_OFFLINE_MODE")
print(json.dumps({"env": {n: os.environ.get(n) for n in names}, "frozen": gc.get_freeze_count(),
                  "gc_enabled": gc.isenabled(), "litellm": "litellm" in sys.modules}))
"""


def _first_llm_call(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LITELLM_", "COACH_LLM_"))}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, timeout=120, cwd=ROOT, env={**clean, **env}
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.llm
def test_litellm_settings_the_user_chose_survive_the_first_llm_call() -> None:
    seen = _first_llm_call(LITELLM_LOG="ERROR", LITELLM_LOCAL_MODEL_COST_MAP="true")
    assert seen["litellm"]
    assert seen["env"] == {
        "LITELLM_LOG": "ERROR",  # the user's, not coach's CRITICAL
        "LITELLM_LOCAL_MODEL_COST_MAP": "true",  # the user's spelling, not coach's True
        "LITELLM_OFFLINE_MODE": "true",  # unset before, so coach's default
    }


@pytest.mark.slow
@pytest.mark.llm
def test_unset_litellm_settings_get_coachs_defaults_and_the_collector_is_untouched() -> None:
    seen = _first_llm_call()
    assert seen["env"] == {
        "LITELLM_LOG": "CRITICAL",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "LITELLM_OFFLINE_MODE": "true",
    }
    assert seen["frozen"] == 0, "gc.freeze() is process-wide: the LLM path must not call it"
    assert seen["gc_enabled"]
