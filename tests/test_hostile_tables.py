"""Reading CSV and JSONL tables: a bad line or row costs itself, never the rest of the file.

Tables are decoded line by line, so a byte that is not UTF-8 is reported
with its row and line, and every other row is still imported.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hostile_files import ROLE, read_items

from coach.importing import count


def roles_jsonl(count: int) -> list[bytes]:
    return [
        json.dumps({"title": f"Role {i}", "text": ROLE.replace("Release lead", f"Lead {i}")}).encode()
        for i in range(count)
    ]


def test_a_jsonl_line_nested_100000_deep_is_one_error_and_every_other_line_is_stored(tmp_path: Path) -> None:
    # Before: RecursionError out of json.loads ended the import; nothing was stored.
    lines = roles_jsonl(300)
    lines[150] = b"[" * 100_000
    path = tmp_path / "roles.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")

    items, errors = read_items(path)

    assert len(items) == 299
    assert errors == [
        f'{path} line 151: nested too deeply to read; each line must be one flat object like {{"text": "..."}}'
    ]


def test_a_failure_nobody_foresaw_in_a_table_keeps_the_rows_before_it(tmp_path, monkeypatch) -> None:
    import coach.importing as importing

    real = importing._json_row

    def fails_on_the_third(line: str, where: str, *rest):
        if where.endswith("line 3"):
            raise MemoryError
        return real(line, where, *rest)

    monkeypatch.setattr(importing, "_json_row", fails_on_the_third)
    path = tmp_path / "roles.jsonl"
    path.write_bytes(b"\n".join(roles_jsonl(5)))

    items, errors = read_items(path)

    assert len(items) == 2
    assert errors == [f"{path}: could not be read (MemoryError); the rest of this file was skipped — "
                      "check that it is a .txt, .md, .html, .docx, .pdf, CSV or JSONL file"]  # fmt: skip


def test_a_bad_byte_on_one_jsonl_line_is_that_line_only(tmp_path: Path) -> None:
    # Before: 131 of 300 stored (83 for the tester) and "1 skipped" at a byte offset that was wrong.
    lines = roles_jsonl(300)
    lines[150] = lines[150].replace(b"decide", b"d\xffcide")
    path = tmp_path / "roles.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")

    items, errors = read_items(path)

    assert len(items) == 299 and "Lead 150" not in {i.title for i in items}
    column = lines[150].index(b"\xff") + 1
    assert errors == [
        f'{path} line 151: not valid UTF-8 at column {column} (byte 0xFF: "ÿ" in Windows-1252/Latin-1); '
        "save the file as UTF-8 and import again"
    ]
    assert count([str(path)]) == 300


def test_a_bad_byte_in_one_csv_row_is_that_row_only(tmp_path: Path) -> None:
    # Before: nothing stored from the file (102 of 300 for the tester).
    rows = [b"title,team,text"] + [b"Role %d,Data,You decide the date %d." % (i, i) for i in range(300)]
    rows[151] = rows[151].replace(b"decide", b"d\xe9cide")
    path = tmp_path / "roles.csv"
    path.write_bytes(b"\n".join(rows) + b"\n")

    items, errors = read_items(path)

    assert len(items) == 299 and "Role 150" not in {i.title for i in items}
    column = rows[151].index(b"\xe9") + 1
    assert errors == [
        f'{path} row 152: not valid UTF-8 at column {column} (byte 0xE9: "é" in Windows-1252/Latin-1); '
        "save the CSV as UTF-8 (in Excel: CSV UTF-8) and import again"
    ]
    assert count([str(path)]) == 300


def test_a_bad_byte_inside_a_multi_line_csv_field_names_its_row_and_line(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes(b'title,text\nA,"one\ntwo\nth\xffree"\nB,fine\n')

    items, errors = read_items(path)

    assert [i.title for i in items] == ["B"]
    assert errors[0].startswith(f"{path} row 2 (line 4): not valid UTF-8 at column 3 (byte 0xFF")


@pytest.fixture
def csv_field_limit():
    """csv's field size limit is global to the process (the reader only ever raises it): set it, then restore it."""
    before = csv.field_size_limit()
    csv.field_size_limit(4_000)
    yield
    csv.field_size_limit(before)


def test_a_csv_row_that_breaks_the_csv_rules_costs_only_itself(tmp_path: Path, csv_field_limit) -> None:
    path = tmp_path / "roles.csv"
    path.write_text(f"title,text\nA,fine\nB,{'x' * 5_000}\nC,also fine\n")

    items, errors = read_items(path, limit=1_000)  # the field limit is four times the text limit

    assert [i.title for i in items] == ["A", "C"]
    assert errors == [
        f"{path} row 3: not a readable CSV row (field larger than field limit (4000)); check the quoting near that line"
    ]


def test_a_csv_from_an_old_mac_with_lone_carriage_returns_is_read_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes(b"title,text\rA,You decide.\rB,You own it.\r")
    items, errors = read_items(path)
    assert errors == [] and [(i.title, i.text) for i in items] == [("A", "You decide."), ("B", "You own it.")]


def test_a_line_longer_than_any_row_is_skipped_without_reading_it_into_memory(tmp_path: Path) -> None:
    path = tmp_path / "roles.jsonl"
    lines = [*roles_jsonl(2), b'{"text": "' + b"x" * 200_000 + b'"}', *roles_jsonl(3)[2:]]
    path.write_bytes(b"\n".join(lines) + b"\n")

    items, errors = read_items(path, limit=1_000)  # a line may be 6 × 1,000 + 65,536 bytes

    assert len(items) == 3
    assert errors == [
        f"{path} line 3: the line is longer than 71,536 characters, more than any row can hold; shorten it"
    ]


def test_a_utf16_table_says_to_save_it_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes("title,text\nA,You decide.\n".encode("utf-16"))
    assert read_items(path) == (
        [],
        [f"{path}: is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8) and import again"],
    )
