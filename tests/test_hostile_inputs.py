"""Hostile inputs end to end, through the real `coach` command: one line naming the file, never the batch.

A bad file among good ones costs its own line on stderr and exit status 2;
the others are checked or stored, in bounded time and memory. Nothing that
came from a file reaches the terminal as a control sequence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_files import ROLE, coach, docx_zip_bomb, folder_of_roles, unix_only

from coach.cli import main
from coach.cli.terminal import escape_c1_in_json, escape_controls, strip_controls


@unix_only
@pytest.mark.slow
def test_a_zip_bomb_among_300_good_files_is_one_line_and_the_300_are_stored(tmp_path: Path) -> None:
    # Before: python-docx unpacked all 1.5 GB; killed at 22 GB of memory after 180 s, nothing stored.
    folder = tmp_path / "roles"
    folder_of_roles(folder, 300)
    (folder / "bomb.docx").write_bytes(docx_zip_bomb(1_500_000_000))

    run = coach("--db", str(tmp_path / "coach.db"), "import", str(folder), cwd=tmp_path)

    assert run.code == 2, run.stderr
    assert len(run.error_lines) == 1, run.stderr
    assert "bomb.docx: expands to more than 10.0 MB" in run.stderr
    assert "Stored 300 contracts" in run.stdout and "1 skipped" in run.stdout
    assert run.seconds < 60 and run.peak_mb < 1000, (run.seconds, run.peak_mb)


@unix_only
def test_coach_check_on_a_folder_reports_the_bad_file_and_checks_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "roles"
    folder_of_roles(folder, 3)
    (folder / "bomb.docx").write_bytes(docx_zip_bomb(1_500_000_000))

    run = coach("check", "--format", "json", str(folder), cwd=tmp_path)

    assert run.code == 2 and len(run.error_lines) == 1 and "bomb.docx" in run.stderr
    assert [Path(r["source"]).name for r in json.loads(run.stdout)] == ["role-000.md", "role-001.md", "role-002.md"]
    assert run.seconds < 20 and run.peak_mb < 500, (run.seconds, run.peak_mb)


def test_coach_check_reports_a_file_the_engine_fails_on_and_checks_the_others(tmp_path, monkeypatch) -> None:
    import coach.engine

    real = coach.engine.assess

    def fails_on_poison(text, ruleset=None):
        if "poison" in text:
            raise RuntimeError("engine bug")
        return real(text, ruleset)

    monkeypatch.setattr(coach.engine, "assess", fails_on_poison)
    (tmp_path / "a.md").write_text(ROLE)
    (tmp_path / "b.md").write_text(ROLE + "poison\n")

    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])

    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'b.md'}: could not be checked (RuntimeError); "
        "please report this, with the file if you can\n"
    )
    assert json.loads(result.stdout)["source"] == str(tmp_path / "a.md")


# --- Nothing from a file reaches the terminal as a control sequence ----------


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("text", "You decide the release date"),  # the sequences are gone, the words stay
        ("markdown", "You decide the release date"),
        ("json", "You \\u001b[2J\\u001b]0;pwned\\u0007decide\\u009b31m the release date"),  # exact, escaped
        ("sarif", '"version": "2.1.0"'),  # quotes no evidence, and goes through the same guard
    ],
)
def test_escape_sequences_in_a_role_never_reach_the_terminal(tmp_path: Path, fmt: str, shown: str) -> None:
    path = tmp_path / "role.md"
    path.write_text(ROLE.replace("You decide", "You \x1b[2J\x1b]0;pwned\x07decide\x9b31m"), encoding="utf-8")

    result = CliRunner().invoke(main, ["check", "--fail-on", "never", "--format", fmt, str(path)])

    assert result.exit_code == 0
    assert not {"\x1b", "\x9b", "\x07"} & set(result.stdout)
    assert shown in result.stdout


def test_json_keeps_the_exact_text_with_control_characters_escaped(tmp_path: Path) -> None:
    path = tmp_path / "role.md"
    path.write_text(ROLE.replace("You decide", "You\x9b decide"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--fail-on", "never", "--format", "json", str(path)])
    assert "\\u009b" in result.stdout
    texts = [e["text"] for e in json.loads(result.stdout)["elements"]["discretion"]["evidence"]]
    assert any("\x9b decide" in t for t in texts)


@unix_only
def test_a_file_name_with_a_newline_is_printed_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "roles"
    folder.mkdir()
    (folder / "x\nerror: all files are fine.md").write_text("")

    run = coach("check", str(folder), cwd=tmp_path)

    assert run.code == 2
    assert run.error_lines == [
        f"error: {folder}/x\\nerror: all files are fine.md: is empty; paste or write the role description first"
    ]


def test_messages_show_non_printable_characters_as_escapes() -> None:
    assert escape_controls("role.md: is empty") == "role.md: is empty"
    assert escape_controls("a\nb\r\t\x1b[31m\x9b\u202e.md") == "a\\nb\\r\\t\\x1b[31m\\x9b\\u202e.md"
    assert escape_controls("café — “quoted”") == "café — “quoted”"


def test_report_text_loses_escape_sequences_but_keeps_lines_and_tabs() -> None:
    assert strip_controls("a \x1b[1;31mred\x1b[0m b\tc\nd") == "a red b\tc\nd"
    assert strip_controls("title\x1b]0;pwned\x07 kept") == "title kept"
    assert strip_controls("bell\x07 null\x00 c1\x85 del\x7f") == "bell null c1 del"


def test_json_c1_escapes_keep_the_same_data() -> None:
    text = json.dumps({"t": "a\x9bb\x7f"}, ensure_ascii=False)
    assert json.loads(escape_c1_in_json(text)) == {"t": "a\x9bb\x7f"}
    assert "\x9b" not in escape_c1_in_json(text)
