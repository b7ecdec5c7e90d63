"""`coach check` through its real entry point: formats, exit codes, stdin, folders, errors.

Exit codes: 0 all clear, 1 a contract flagged at or above --fail-on,
2 a usage or input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

STRONG = (EXAMPLES / "strong-release-lead.md").read_text()
VAGUE = (EXAMPLES / "vague-everywhere-coordinator.txt").read_text()
COACH = Path(sys.executable).parent / "coach"


def run(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coach", *args], input=stdin, capture_output=True, timeout=60, env=env)


def assert_clean_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert err.startswith("error: "), err
    for w in words:
        assert w in err, err


def test_console_script_is_installed_and_has_help() -> None:
    proc = subprocess.run([str(COACH), "--help"], capture_output=True, timeout=60)
    assert proc.returncode == 0
    assert b"check" in proc.stdout and b"rules" in proc.stdout and b"eval" in proc.stdout


@pytest.mark.parametrize("command", ["check", "rules", "eval"])
def test_every_command_has_help(command: str) -> None:
    proc = run(command, "--help")
    assert proc.returncode == 0 and b"Usage:" in proc.stdout


def test_a_complete_contract_exits_zero_and_shows_grades(tmp_path: Path) -> None:
    proc = run("check", str(EXAMPLES / "strong-release-lead.md"))
    out = proc.stdout.decode()
    assert proc.returncode == 0, out
    for word in ("Purpose", "Discretion", "Resources", "Accountability", "specified", "score 100/100"):
        assert word in out


def test_a_flagged_contract_exits_one_and_shows_the_fix() -> None:
    proc = run("check", str(EXAMPLES / "vague-everywhere-coordinator.txt"))
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "vague" in out and "fix:" in out and "flagged for review" in out


@pytest.mark.parametrize(("fail_on", "code"), [("vague", 1), ("missing", 0), ("never", 0)])
def test_fail_on_threshold(fail_on: str, code: int) -> None:
    # The vague example has vague elements but, for discretion, nothing missing
    path = EXAMPLES / "missing-discretion-support-lead.md"
    proc = run("check", str(path), "--fail-on", fail_on)
    expected = {"vague": 1, "missing": 1, "never": 0}[fail_on]
    assert proc.returncode == expected, proc.stdout.decode()
    proc = run("check", str(EXAMPLES / "vague-everywhere-coordinator.txt"), "--fail-on", fail_on)
    assert proc.returncode == code


def test_json_output_is_a_report_with_its_source() -> None:
    proc = run("check", str(EXAMPLES / "strong-release-lead.md"), "--format", "json")
    data = json.loads(proc.stdout)
    assert data["source"].endswith("strong-release-lead.md")
    assert data["schema_version"] == "2"
    assert data["elements"]["purpose"]["grade"] == "specified"


def test_markdown_and_sarif_outputs() -> None:
    md = run("check", str(EXAMPLES / "vague-everywhere-coordinator.txt"), "--format", "markdown").stdout.decode()
    assert "| Element | Grade | Evidence |" in md and "### What to add" in md
    sarif = json.loads(run("check", str(EXAMPLES / "vague-everywhere-coordinator.txt"), "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rules
    assert "line_of_sight/no" in rules


def test_stdin_is_read_with_a_dash() -> None:
    proc = run("check", "-", "--format", "json", stdin=STRONG.encode())
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["source"] == "-"


def test_a_folder_is_checked_file_by_file() -> None:
    proc = run("check", str(EXAMPLES), "--format", "json", "--fail-on", "never")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert len(data) == len(list(EXAMPLES.iterdir()))
    assert all(d["source"].startswith(str(EXAMPLES)) for d in data)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["is empty"]),
        (b"   \n\t\n", ["is empty"]),
        (b"\x00\x01\x02binary", ["binary"]),
        (b"caf\xe9 au lait", ["not valid UTF-8"]),
    ],
)
def test_bad_files_get_one_clear_line(tmp_path: Path, content: bytes, words: list[str]) -> None:
    path = tmp_path / "role.txt"
    path.write_bytes(content)
    assert_clean_error(run("check", str(path)), str(path), *words)


def test_a_file_over_the_size_limit_says_so(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("You decide. " * 200)
    assert_clean_error(run("check", str(path), "--max-bytes", "1000"), "over the", "limit")


def test_a_missing_path_and_an_empty_folder(tmp_path: Path) -> None:
    assert_clean_error(run("check", str(tmp_path / "nope.md")), "no such file")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_clean_error(run("check", str(empty)), "no readable files")


def test_one_bad_file_in_a_batch_is_reported_and_the_rest_are_checked(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(STRONG)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    proc = run("check", str(tmp_path), "--format", "json")
    assert proc.returncode == 2
    assert "bad.txt" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    assert json.loads(proc.stdout)["source"].endswith("good.md")


def test_rules_lists_rules_by_element() -> None:
    out = run("rules").stdout.decode()
    for heading in ("purpose", "discretion", "resources", "accountability", "line_of_sight", "vague phrases"):
        assert f"\n{heading}\n" in out
    data = json.loads(run("rules", "--format", "json").stdout)
    assert any(r["id"] == "discretion.decides" and r["group"] == "discretion" for r in data["rules"])


def test_check_does_not_import_litellm_streamlit_or_pandas() -> None:
    """One file in a terminal is the everyday path: no LLM, UI or dataframe library, no progress
    bar library, no pydantic (the text format renders the engine's plain JSON-shaped report), and
    none of the .docx/.pdf readers, which wait for a document to arrive."""
    role = str(EXAMPLES / "strong-release-lead.md")
    run("check", "--fail-on", "never", role)  # the everyday path has the compiled rules cached already
    code = (
        f"import sys, runpy; sys.argv=['coach','check','--fail-on','never',{role!r}];\n"
        "try:\n    runpy.run_module('coach', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy=[m for m in ('litellm','streamlit','pandas','rich','pydantic','coach.documents','pypdf','docx',"
        "'zipfile') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60).stdout.decode()
    assert "HEAVY []" in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_batch_on_a_terminal_shows_a_progress_bar_on_stderr() -> None:
    import pty

    main, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [COACH, "check", "--fail-on", "never", str(EXAMPLES)],
            stdout=subprocess.PIPE, stderr=secondary, timeout=60,
            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
        )  # fmt: skip
        os.close(secondary)
        secondary = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the terminal closed
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(main)
        if secondary >= 0:
            os.close(secondary)
    assert proc.returncode == 0
    assert b"checking" in drawn, drawn[:400]
    assert b"flagged for review" in proc.stdout  # the reports still go to stdout
