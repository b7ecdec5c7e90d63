"""Reading files and folders: only regular files, never past the limit, every skipped part said.

A pipe, a device, a subfolder that cannot be opened, a link that leads out
of the folder, a file in UTF-16 or Windows-1252: each gets one line that
says what is wrong and what to do, and a batch goes on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_files import ROLE, coach, unix_only

from coach.cli import main
from coach.errors import InputError
from coach.inputs import expand, read_path, read_stdin


@unix_only
def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "role.md")
    run = coach("check", str(tmp_path / "role.md"), cwd=tmp_path, timeout=20)  # before: waited forever
    assert run.code == 2 and run.seconds < 10
    assert run.error_lines == [
        f"error: {tmp_path / 'role.md'}: is not a regular file (a pipe, device or socket); "
        "save the role description to a file and pass that, or pipe it to -"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_rather_than_read_until_memory_runs_out() -> None:
    # Before: MemoryError after filling the memory it was allowed (1.8 GB under a 2 GB ulimit).
    with pytest.raises(InputError, match="is not a regular file"):
        read_path(Path("/dev/zero"))


def test_a_file_is_never_read_past_its_limit_even_when_its_size_is_wrong(tmp_path, monkeypatch) -> None:
    """/proc files say they are empty and files grow; the read itself is capped at the limit plus one byte."""
    import coach.inputs as inputs

    path = tmp_path / "grows.md"
    path.write_bytes(b"x" * 10_000)
    real_fstat = os.fstat
    monkeypatch.setattr(inputs.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))

    with pytest.raises(InputError) as refused:
        read_path(path, limit=1_000)
    assert str(refused.value) == (
        f"{path}: more than the 1,000 bytes limit; split the file or raise the limit with --max-bytes / COACH_MAX_BYTES"
    )


def test_standard_input_is_read_up_to_the_limit_and_one_byte(monkeypatch) -> None:
    asked: list[int] = []

    class Endless:
        def read(self, n: int = -1) -> bytes:
            asked.append(n)
            return b"x" * n

    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": Endless()})())
    with pytest.raises(InputError, match="over the 1,000 bytes limit"):
        read_stdin(limit=1_000)
    assert asked == [1_001]


def test_an_unreadable_subfolder_is_reported_and_the_rest_checked(tmp_path, monkeypatch) -> None:
    """Simulated, so that it holds when the tests run as root (who can read any folder)."""
    (tmp_path / "ok.md").write_text(ROLE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden-from-us.md").write_text(ROLE)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    assert [str(t) for t in expand([str(tmp_path)])] == [
        f"{locked}: cannot open this folder (Permission denied); its files were skipped",
        str(tmp_path / "ok.md"),
    ]
    result = CliRunner().invoke(main, ["check", "--fail-on", "never", str(tmp_path)])
    assert result.exit_code == 2  # before: 0, and not a word about the folder
    assert "locked: cannot open this folder" in result.stderr and "score" in result.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_subfolder_on_disk_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        errors = [str(t) for t in expand([str(tmp_path)]) if isinstance(t, InputError)]
    finally:
        locked.chmod(0o755)
    assert errors == [f"{locked}: cannot open this folder (Permission denied); its files were skipped"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "role.txt"
    path.write_bytes("\ufeff".encode(encoding) + "Café lead. You decide.".encode(encoding))
    assert read_path(path).text == "Café lead. You decide."


def test_a_windows_1252_file_says_where_the_bad_byte_is_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "role.txt"
    path.write_bytes("# Lead\n\nYou own the café.\n".encode("cp1252"))
    with pytest.raises(InputError) as refused:
        read_path(path)
    assert str(refused.value) == (
        f'{path}: not valid UTF-8 at line 3, column 16 (byte 0xE9: "é" in Windows-1252/Latin-1); '
        "save it as UTF-8 text (in most editors: Save As, Encoding: UTF-8) and try again"
    )


def test_links_that_leave_the_folder_are_skipped_with_one_line_each(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text(ROLE)
    folder = tmp_path / "roles"
    folder.mkdir()
    (folder / "role.md").write_text(ROLE)
    (folder / "same-role.md").symlink_to(folder / "role.md")  # stays inside: read
    (folder / "secret.md").symlink_to(outside / "secret.md")
    (folder / "more").symlink_to(outside, target_is_directory=True)

    assert [str(t) for t in expand([str(folder)])] == [
        f"{folder / 'more'}: is a link to a folder outside {folder}; skipped (copy what it links to into the folder)",
        str(folder / "role.md"),
        str(folder / "same-role.md"),
        f"{folder / 'secret.md'}: is a link to a file outside {folder}; skipped (copy what it links to into the folder)",
    ]
