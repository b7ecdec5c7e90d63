"""`coach check` speaks the conventions of linters: file:line:col, a batch summary, SARIF regions and rules,
`<stdin>`, "Did you mean", and folders that skip tooling. Through the installed entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_cli_check import run

# Our own texts: ROLE states discretion on line 3 and nothing else; it has one vague phrase on line 4.
ROLE = "# Release coordinator\n\nYou decide which features enter the release.\nYou will also do other duties as assigned.\n"


@pytest.fixture
def role(tmp_path: Path) -> Path:
    path = tmp_path / "role.md"
    path.write_text(ROLE, encoding="utf-8")
    return path


def test_every_quote_and_phrase_starts_with_file_line_col(role: Path) -> None:
    out = run("check", str(role)).stdout.decode()
    assert f"{role}:3:1 “You decide which features enter the release.”" in out
    col = ROLE.splitlines()[3].lower().index("other duties") + 1
    assert re.search(rf"{re.escape(str(role))}:4:{col} “other duties as assigned”", out)


def test_a_batch_ends_with_a_summary_table(role: Path, tmp_path: Path) -> None:
    (tmp_path / "two.md").write_text("You will help the team.\n", encoding="utf-8")
    out = run("check", str(tmp_path)).stdout.decode()
    tail = out[out.index("2 checked, 2 flagged for review") :].splitlines()
    assert tail[2].split() == ["gaps", "missing", "vague"]
    rows = {line.split()[0]: line.split()[1:] for line in tail[3:7]}
    assert rows["Discretion"] == ["1", "0"]  # two.md states none; role.md decides
    assert rows["Purpose"][0] in {"1", "2"} and len(rows) == 4


def test_sarif_regions_are_real_and_every_rule_is_described(role: Path) -> None:
    log = json.loads(run("check", str(role), "--format", "sarif").stdout)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    for rule in rules.values():
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
    phrase = next(r for r in run_["results"] if "other duties as assigned" in r["message"]["text"].lower())
    region = phrase["locations"][0]["physicalLocation"]["region"]
    col = ROLE.splitlines()[3].lower().index("other duties") + 1
    assert (region["startLine"], region["startColumn"], region["endLine"]) == (4, col, 4)
    assert region["endColumn"] == col + len("other duties as assigned")
    assert (
        ROLE[region["charOffset"] : region["charOffset"] + region["charLength"]].lower() == "other duties as assigned"
    )
    assert phrase["ruleId"] in rules and "." in phrase["ruleId"]  # the rule's own id, e.g. vague.…
    missing = [r for r in run_["results"] if r["level"] == "error"]
    assert missing and all("region" not in r["locations"][0]["physicalLocation"] for r in missing)


def test_standard_input_is_shown_as_stdin() -> None:
    out = run("check", "-", stdin=ROLE.encode()).stdout.decode()
    assert out.startswith("<stdin>  score ")
    assert "<stdin>:3:1 “You decide" in out
    sarif = json.loads(run("check", "-", "--format", "sarif", stdin=ROLE.encode()).stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "<stdin>"


def test_a_mistyped_command_suggests_the_nearest() -> None:
    proc = run("chek", "role.md")
    assert proc.returncode == 2
    assert "No such command 'chek'. Did you mean 'check'?" in proc.stderr.decode()


def test_a_folder_skips_virtual_environments_git_and_node_modules(role: Path, tmp_path: Path) -> None:
    for folder in (".git", "node_modules/pkg", "env/lib", ".venv"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "README.md").write_text("You decide nothing here.\n", encoding="utf-8")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    out = run("check", str(tmp_path), "--format", "json").stdout
    sources = [r["source"] for r in json.loads(out)] if out.strip().startswith(b"[") else [json.loads(out)["source"]]
    assert sources == [str(role)]


def test_the_html_format_is_a_page_to_print(role: Path) -> None:
    page = run("check", str(role), "--format", "html").stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and "@page { size: A4" in page
    assert "“You decide which features enter the release.”" in page
