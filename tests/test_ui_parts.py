"""The app's plain functions: identity and config, table rows, charts, the CSV export, `coach ui`.

AppTest cannot see inside charts, dataframes' rendering or download bytes,
so what those show is built (and tested) here.
"""

from __future__ import annotations

import csv
import html
import io
import re
import string
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as hs

from ui_helpers import ROOT, rendered_html  # isort: skip  (first: it puts ui/ on sys.path)
from coach_ui import charts, users, tables  # isort: skip
from coach_ui.escaping import WORD_JOINER, plain  # isort: skip
from store_helpers import save

from coach.cli import main
from coach.cli.ui_cmd import streamlit_command
from coach.errors import CoachError
from coach.store import open_store

# --- identity ---------------------------------------------------------------------


def test_config_lists_hr_emails_case_insensitively(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[access]\nhr = ["Hana.HR@Example.com", " ", "people@example.com"]\n')
    config = users.load_config(path)
    assert config.hr == {"hana.hr@example.com", "people@example.com"}
    assert config.path == path


def test_a_missing_config_means_nobody_is_hr(tmp_path: Path) -> None:
    assert users.load_config(tmp_path / "absent.toml") == users.AppConfig()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[access\nhr = 1", "not valid TOML"),
        ('[access]\nhr = "hr@example.com"', "must be a list of e-mail addresses"),
        ("[access]\nhr = [1, 2]", "must be a list of e-mail addresses"),
    ],
)
def test_a_broken_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(CoachError, match=message):
        users.load_config(path)


def test_config_path_follows_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COACH_UI_CONFIG", str(tmp_path / "mine.toml"))
    assert users.config_path() == tmp_path / "mine.toml"
    monkeypatch.delenv("COACH_UI_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert users.config_path() == tmp_path / "empowerment-coach" / "config.toml"


HR = users.AppConfig(hr=frozenset({"hana@example.com"}))


def test_local_mode_is_one_user_who_sees_everything() -> None:
    me = users.resolve({}, login=False, config=users.AppConfig(), local_name="lee")
    assert (me.mode, me.owner, me.is_hr, me.logged_in) == ("local", "lee", True, True)


def test_login_mode_uses_the_signed_in_email_and_the_hr_list() -> None:
    hana = users.resolve(
        {"is_logged_in": True, "email": "Hana@example.com", "name": "Hana"}, login=True, config=HR, local_name="x"
    )
    ben = users.resolve({"is_logged_in": True, "email": "ben@example.com"}, login=True, config=HR, local_name="x")
    assert (hana.owner, hana.is_hr, hana.label) == ("Hana@example.com", True, "Hana (Hana@example.com)")
    assert (ben.owner, ben.is_hr) == ("ben@example.com", False)


def test_login_mode_before_sign_in_is_nobody() -> None:
    me = users.resolve({"email": "test@example.com"}, login=True, config=HR, local_name="x")
    assert (me.logged_in, me.is_hr, me.email) == (False, False, None)


def test_a_config_problem_withholds_hr_access_in_login_mode() -> None:
    me = users.resolve(
        {"is_logged_in": True, "email": "hana@example.com"}, login=True, config=HR, local_name="x", problem="broken"
    )
    assert not me.is_hr and me.problem == "broken"


def test_login_is_configured_by_an_auth_section() -> None:
    assert users.login_configured({"auth": {"client_id": "x"}})
    assert not users.login_configured({})
    assert not users.login_configured({"auth": {}})
    assert users.providers({"auth": {"redirect_uri": "x", "google": {"client_id": "g"}, "okta": {}}}) == [
        "google",
        "okta",
    ]
    assert users.providers({"auth": {"client_id": "x"}}) == [None]
    assert users.providers({}) == []


# --- escaping ------------------------------------------------------------------------

MARKDOWN_PROBES = [
    "![x](http://evil/x.png)",
    "[click](http://evil)",
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "**bold** _italic_ `code` ~~struck~~",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "> not a quote",
    "| not | a table |",
    "&lt;b&gt; &amp; &#60;",
    "http://evil/bare www.evil.example mail@evil.example",
    ":red[not red] :material/home: $x^2$",
    "a line\\\nbreak and a trailing backslash \\",
]


# What GitHub-flavoured Markdown turns into a link in plain text (mdast-util-gfm-autolink-literal).
GFM_AUTOLINK = re.compile(r"(?i)https?://|www\.|[-.\w+]@[-\w]")


def _reads(html_out: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_out)).strip()


@pytest.mark.parametrize("probe", MARKDOWN_PROBES)
def test_external_text_renders_as_the_characters_typed(probe: str) -> None:
    source = plain(probe)
    out = rendered_html(source)
    assert re.findall(r"<(\w+)", out) == ["p"]  # one paragraph of text: no image, link, heading, list, code
    assert _reads(out).replace(WORD_JOINER, "") == " ".join(probe.split())
    # What CommonMark does not know, Streamlit does (directives, maths): every punctuation
    # character is escaped, so none of their syntax is left standing...
    unescaped = re.sub(r"\\.", "", source)
    assert not set(unescaped) & set(string.punctuation), unescaped
    # ...and GitHub's autolinks, found in the text after escapes are resolved, find no address.
    assert not GFM_AUTOLINK.search(_reads(out))


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.sampled_from([*string.punctuation, *"ab Z9\n\t", "é", "\u00a0", "http://", "www."])).map("".join))
def test_any_text_reads_the_same_after_escaping(text: str) -> None:
    if not text.strip():
        return
    reads = _reads(rendered_html(plain(text)))
    assert reads.replace(WORD_JOINER, "") == " ".join(text.split())
    assert not GFM_AUTOLINK.search(reads)


@pytest.mark.parametrize(
    ("typed", "searched"),
    [("release", "release"), ("rel\x00ease", "rel ease"), ("\x00", ""), (" a\x1b\x7fb ", "a  b"), ("x\ud800", "x")],
)
def test_a_search_box_hands_the_store_no_control_characters_or_lone_surrogates(typed: str, searched: str) -> None:
    from coach_ui.search import search_words

    assert search_words(typed) == searched
    with open_store(":memory:") as s:
        assert s.search(search_words(typed)) == []  # the store accepts what is left


# --- words -------------------------------------------------------------------------


def test_the_apps_element_names_are_the_ones_the_report_formats_use() -> None:
    from coach_ui.words import ELEMENT_LABELS

    from coach.formats.highlight import LABELS
    from coach.report import ELEMENTS

    assert list(ELEMENT_LABELS) == [e.value for e in ELEMENTS]
    assert ELEMENT_LABELS == LABELS  # the legend above the highlighted text says the same words


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))  # __version__ is public


def test_the_app_imports_no_private_coach_module() -> None:
    import ast

    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            private = [n for n in names if n.startswith("coach.") and any(_private(part) for part in n.split("."))]
            assert not private, f"{path.relative_to(ROOT)} imports {private}"


# --- rows, charts and the export ----------------------------------------------------------


@pytest.fixture
def store():
    with open_store(":memory:") as s:
        save(s, "Release lead", "You decide which features enter the release.", team="Platform")
        save(s, "Support lead", "Help where needed.", {"discretion": "missing", "resources": "vague"}, team="Support")
        save(s, "Analyst", "=cmd|' /C calc'!A0", {"purpose": "vague"}, line_of_sight=False)
        yield s


def test_queue_rows_say_gaps_and_status_in_words(store) -> None:
    rows = tables.queue_rows(store.queue().items)
    support = next(r for r in rows if r["title"] == "Support lead")
    # Abbreviated to fit a row at 1,400 px; the column's tooltip (GAPS_HELP) says how to read it.
    assert support["gaps"] == "✗Discr  ~Res"
    assert (support["status"], support["assignee"], support["team"]) == ("open", "—", "Support")
    analyst = next(r for r in rows if r["title"] == "Analyst")
    assert analyst["gaps"] == "~Purp  ✗LoS"
    assert isinstance(support["waiting since"], datetime)  # the table shows it as "3 days ago"


def test_history_rows_show_grade_moves(store) -> None:
    save(
        store,
        "Support lead",
        "Help where needed. You may approve refunds.",
        {"resources": "vague"},
        team="Support",
        contract_id=2,
    )
    rows = tables.history_rows(store.contract_history(2))
    assert [r["changes"] for r in rows] == ["first version", "Discretion: missing → specified"]


def test_event_lines_read_as_a_log(store) -> None:
    store.set_status(2, "in_review", "hana@example.com", "asked the manager")
    store.assign(2, "priya@example.com", "hana@example.com")
    lines = tables.event_lines(store.review_history(2))
    assert lines[0].endswith("coach · queued: version 1 is flagged: discretion:missing, resources:vague")
    assert lines[1].endswith("hana@example.com · status → in review: asked the manager")
    assert lines[2].endswith("hana@example.com · assigned to priya@example.com")


def test_team_gap_points_count_missing_and_vague_per_element(store) -> None:
    points = tables.team_gap_points(store.team_element_counts())
    support = {(p["element"], p["grade"]): p for p in points if p["team"] == "Support"}
    assert support[("Discretion", "missing")]["contracts"] == 1
    assert support[("Discretion", "missing")]["share"] == 1.0
    assert support[("Resources", "vague")]["contracts"] == 1
    assert support[("Purpose", "missing")]["contracts"] == 0
    assert {p["team"] for p in points} == {"Platform", "Support", "(no team)"}
    assert support[("Discretion", "missing")]["team label"] == "Support (n = 1)"  # a share never without its n
    no_team = {(p["element"], p["grade"]): p for p in points if p["team"] == "(no team)"}
    assert no_team[("Line of sight", "no line of sight")]["contracts"] == 1  # line of sight is charted too
    assert len(points) == 3 * (4 * 2 + 1)


def test_the_team_chart_facets_by_element_and_colours_by_grade(store) -> None:
    spec = charts.team_gaps_chart(tables.team_gap_points(store.team_element_counts())).to_dict()
    assert spec["facet"]["column"]["field"] == "element"
    assert spec["facet"]["column"]["sort"] == ["Purpose", "Discretion", "Resources", "Accountability", "Line of sight"]
    bars, counts = spec["spec"]["layer"]
    assert bars["encoding"]["color"]["field"] == "grade"
    assert bars["encoding"]["x"]["field"] == "share"
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 1]  # the axis spans 0–100% whatever the data
    assert bars["encoding"]["x"]["axis"]["format"] == "%"
    assert bars["encoding"]["y"]["field"] == "team label"
    assert counts["mark"]["type"] == "text" and counts["encoding"]["text"]["field"] == "count"  # "1 of 2"
    assert len(spec["data"]["values"]) == 27


def test_ratings_over_time_one_line_per_skill(store) -> None:
    journal = store.journal("ana@example.com")
    journal.add("learning", "What did you learn this week?", "A lot.", rating=3)
    journal.add("learning", "What will you try next?", "Pairing.", rating=4)
    journal.add("proactive", "What problem did you see coming?", "The freeze.")  # not rated: no point
    journal.add("risk_sensitive", "Which risk did you name first?", "The migration.", rating=2)
    titles = {"learning": "Desire for learning", "proactive": "Proactive", "risk_sensitive": "Risk-sensitive"}
    points = tables.rating_points(journal.entries(), titles)
    today = journal.entries()[0].created.astimezone().date().isoformat()
    # One point per skill and day: the day's last rating.
    assert [(p["day"], p["meta skill"], p["rating"]) for p in points] == [
        (today, "Desire for learning", 4),
        (today, "Risk-sensitive", 2),
    ]
    spec = charts.ratings_chart(points).to_dict()
    lines, dots = spec["layer"]
    assert (lines["mark"]["type"], dots["mark"]["type"]) == ("line", "point")
    assert lines["encoding"]["detail"]["field"] == "meta skill"  # one line per meta skill
    assert dots["encoding"]["color"]["field"] == "meta skill"
    assert dots["encoding"]["x"]["type"] == "ordinal"  # the days with ratings, not a time axis of hours
    assert dots["encoding"]["y"]["scale"]["domain"] == [1, 5]
    rows = tables.reflection_rows(journal.entries(), titles)
    assert [r["meta skill"] for r in rows] == [
        "Risk-sensitive",
        "Proactive",
        "Desire for learning",
        "Desire for learning",
    ]
    assert [r["rating"] for r in rows] == [2, None, 4, 3]  # unanswered stays unanswered


def test_the_csv_export_has_the_cli_columns_and_defused_formulas(store) -> None:
    from coach.csv_out import CONTRACT_COLUMNS

    data = tables.contracts_csv(store.export_rows())
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0] == CONTRACT_COLUMNS
    assert [r[1] for r in rows[1:]] == ["Release lead", "Support lead", "Analyst"]
    text = rows[3][CONTRACT_COLUMNS.index("text")]
    assert text.startswith("'=")  # a formula in a contract cannot run in a spreadsheet


def test_the_export_callback_reads_the_configured_database(tmp_path: Path, monkeypatch) -> None:
    from coach_ui import reviewing

    db = tmp_path / "coach.db"
    monkeypatch.setenv("COACH_DB", str(db))
    with open_store() as s:
        save(s, "Release lead", "You decide which features enter the release.", team="Platform")
    data = reviewing.export_csv()
    assert data.splitlines()[1].startswith("1,Release lead,Platform,")


# --- coach ui -------------------------------------------------------------------------


def test_coach_ui_runs_streamlit_headless_with_usage_stats_off(tmp_path: Path) -> None:
    command = streamlit_command(ROOT / "ui" / "app.py", 8600, "127.0.0.1", 10)
    assert command[1:5] == ["-m", "streamlit", "run", str(ROOT / "ui" / "app.py")]
    for flag in (
        "--server.headless=true",
        "--server.port=8600",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--client.showErrorDetails=none",
    ):
        assert flag in command


def test_coach_ui_refuses_a_database_that_is_not_sqlite(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100)
    result = CliRunner().invoke(main, ["ui", "--db", str(bad), "--port", "8601"])
    assert result.exit_code == 2
    assert "is not a usable SQLite database" in result.output
    assert bad.read_text().startswith("these are my notes")


def test_coach_ui_help_names_its_options() -> None:
    result = CliRunner().invoke(main, ["ui", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--db", "--config", "--address"):
        assert option in result.output


def test_team_summary_rows_put_missing_and_vague_in_one_column_per_element(store) -> None:
    rows = {r["team"]: r for r in tables.team_summary_rows(store.team_element_counts())}
    support = rows["Support"]
    assert list(support) == [
        "team", "contracts", "flagged", "Purpose", "Discretion", "Resources", "Accountability", "no line of sight"
    ]  # fmt: skip
    assert (support["Discretion"], support["Resources"], support["Purpose"]) == ("1 / 0", "0 / 1", "0 / 0")
    assert rows["(no team)"]["no line of sight"] == 1


def test_the_apps_csv_export_names_an_imported_file_not_the_server_path(tmp_path: Path) -> None:
    from coach.csv_out import CONTRACT_COLUMNS
    from coach.importing import items_from

    (tmp_path / "night-lead.md").write_text("# Night lead\n\nKeep the night running.\n")
    with open_store(":memory:") as s:
        s.import_items(list(items_from([str(tmp_path)])))
        rows = list(csv.reader(io.StringIO(tables.contracts_csv(s.export_rows()))))
    assert rows[1][CONTRACT_COLUMNS.index("source")] == "night-lead.md"
    assert str(tmp_path) not in "".join(rows[1])
