"""What `coach import` reads from folders, CSV and JSONL: titles, keys, and one error per bad row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.errors import InputError
from coach.importing import count, items_from, title_key, title_of


def read(*paths: Path, **defaults):
    out = list(items_from([str(p) for p in paths], **defaults))
    return [x for x in out if not isinstance(x, InputError)], [str(x) for x in out if isinstance(x, InputError)]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("# Release lead\n\nYou own the release.", "x.md", "Release lead"),
        ("Intro line\n\n## Support lead ##\nText", "x.md", "Support lead"),
        ("No heading here.", "release-lead_v2.md", "Release lead v2"),
        ("No heading here.", "analyst.txt", "Analyst"),
    ],
)
def test_a_document_is_titled_by_its_first_heading_else_its_file_name(text, name, title):
    assert title_of(text, Path(name)) == title


def test_a_document_is_keyed_by_its_absolute_path_and_takes_the_default_team_and_owner(tmp_path):
    (tmp_path / "role.md").write_text("# Analyst\n\nText.")
    items, errors = read(tmp_path / "role.md", team="Data", owner="Kim")
    assert errors == []
    assert (items[0].key, items[0].team, items[0].owner) == (str((tmp_path / "role.md").resolve()), "Data", "Kim")


def test_csv_columns_are_matched_whatever_their_case_and_order(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text(
        'Text,TEAM,Title,Owner\n"Line one\nline two, with a comma",Data,Analyst,Kim\n', encoding="utf-8-sig"
    )

    items, errors = read(path)

    assert errors == []
    item = items[0]
    assert (item.title, item.team, item.owner, item.text) == (
        "Analyst",
        "Data",
        "Kim",
        "Line one\nline two, with a comma",
    )
    assert item.source == f"{path} row 2"


def test_a_row_with_an_id_is_keyed_by_it_else_by_team_and_title(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("id,title,team,text\n42,Analyst,Data,Text a.\n,Designer,Design,Text b.\n,,,Text c.\n")

    items, _ = read(path)

    assert [i.key for i in items] == ["id:42", "title:design|designer", "title:|roles row 4"]
    assert items[2].title == "roles row 4"
    # The app keys a contract saved from pasted text the same way, so both meet as versions of one.
    assert items[1].key == title_key("DESIGN", "Designer")


def test_a_default_team_fills_in_only_where_a_row_has_none(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("title,team,text\nA,Data,Text a.\nB,,Text b.\n")
    items, _ = read(path, team="Unassigned")
    assert [i.team for i in items] == ["Data", "Unassigned"]


def test_blank_csv_rows_are_skipped_and_empty_or_oversized_texts_are_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_MAX_BYTES", "50")
    path = tmp_path / "roles.csv"
    path.write_text(f"title,text\n,\nA,   \nB,{'x' * 60}\nC,Fine.\n")

    items, errors = read(path)

    assert [i.title for i in items] == ["C"]
    assert errors == [
        f"{path} row 3: the text is empty; fill in the role description or remove the row",
        f"{path} row 4: the text is over the 50-byte limit; shorten it or raise COACH_MAX_BYTES",
    ]


def test_a_csv_that_is_not_utf8_is_one_error(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_bytes("title,text\nCafé,Own the café.\n".encode("latin-1"))
    items, errors = read(path)
    assert items == [] and len(errors) == 1 and "not valid UTF-8" in errors[0]


def test_jsonl_values_that_are_not_text_are_read_as_text_and_bad_lines_are_errors(tmp_path):
    path = tmp_path / "roles.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": 7, "title": "Analyst", "text": "Own the data.", "extra": [1]}),
                "[1, 2]",
                "{bad",
                json.dumps({"text": 5}),
            ]
        )
    )

    items, errors = read(path)

    assert [(i.key, i.title) for i in items] == [("id:7", "Analyst")]
    assert [e.split(": ", 1)[0] for e in errors] == [f"{path} line 2", f"{path} line 3", f"{path} line 4"]


def test_count_predicts_how_many_items_and_errors_an_import_yields(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("A.")
    (tmp_path / "docs" / "b.txt").write_text("")
    (tmp_path / "t.csv").write_text('title,text\nA,"multi\nline"\nB,b\n')
    (tmp_path / "t.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    paths = [str(tmp_path / p) for p in ("docs", "t.csv", "t.jsonl", "missing.md")]

    assert count(paths) == len(list(items_from(paths))) == 7


def test_standard_input_is_refused_with_a_hint(tmp_path):
    _, errors = read(Path("-"))
    assert errors == ["-: import reads files and folders, not standard input; save the text to a file first"]
