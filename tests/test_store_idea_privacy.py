"""An anonymous idea never exposes its author to reviewers, HR or any export; reflections stay out of reach.

In the style of tests/test_store_privacy.py: the guarantee is structural.
Every idea's author is kept in `idea_authors`, which the reviewer-side
connection's SQLite authorizer refuses outright; the author's own view runs
on a connection that may read `idea_authors` but is refused reflections.
These tests prove both walls and walk every reviewer-facing way out
(store functions, the CLI, `coach export`) looking for the name.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from coach.cli import main
from coach.store import Actor, open_store

AUTHOR = "quiet.author@example.com"
NAMED = "open.author@example.com"
OWNER = "olu@example.com"
SECRET = "I would rather nobody knew I asked for this"
HR = Actor(name="hr@example.com", is_hr=True)
IDEA = "Reusable crates would cut our cardboard waste by half; the depot manager would need to approve them."


@pytest.fixture
def store(tmp_path):
    today = date.today()
    with open_store(tmp_path / "coach.db") as store:
        challenge = store.publish_challenge(
            {"title": "Less waste", "question": "How could we halve our waste?", "priority": "Net zero",
             "level": "team", "unit": "Depot North", "opens": today, "closes": today + timedelta(days=9),
             "owner": OWNER},
            by="lead@example.com",
        )  # fmt: skip
        store.submit_idea(challenge.id, "Reusable crates", IDEA, author=AUTHOR, anonymous=True, team="Depot North")
        store.submit_idea(challenge.id, "Shared van", IDEA + " One van would do.", author=NAMED, team="Depot South")
        store.add_reflection(AUTHOR, "learning", "What did you learn this week?", SECRET)
        yield store


def test_reviewers_see_anonymous_for_an_anonymous_idea_and_the_name_for_a_named_one(store):
    owner = Actor(name=OWNER)
    for reader in (owner, HR):
        ideas = store.challenge_ideas(1, reader)
        assert [(i.title, i.submitter, i.shown_submitter) for i in ideas] == [
            ("Reusable crates", None, "anonymous"),
            ("Shared van", NAMED, NAMED),
        ]
        assert [e.author for e in store.idea_history(1, reader)] == ["anonymous"]


def test_the_name_reaches_no_reviewer_function_even_after_a_review(store):
    store.review_idea(1, "declined", Actor(name=OWNER), "The crates cost more than the cardboard.")
    results = [
        store.challenge_ideas(1, HR), store.idea_history(1, HR), store.idea_report(1, HR),
        store.search_ideas("crates", HR), store.idea_counts(), store.priority_counts(),
        list(store.export_ideas()), store.challenges(), store.accepted_ideas(1),
    ]  # fmt: skip
    for result in results:
        assert AUTHOR not in repr(result)
        assert "quiet" not in repr(result)


def test_the_reviewer_side_connection_cannot_read_idea_authors_at_all(store):
    conn = store._db().conn
    for sql in (
        "SELECT author FROM idea_authors",
        "SELECT count(*) FROM idea_authors",
        "SELECT i.title FROM ideas i JOIN idea_authors a ON a.idea_id = i.id",
        "UPDATE idea_authors SET author = 'x'",
    ):
        with pytest.raises(sqlite3.DatabaseError, match=r"prohibited|not authorized"):
            conn.execute(sql)


def test_the_author_connection_reads_idea_authors_but_never_reflections(store):
    conn = store._author_db().conn
    assert conn.execute("SELECT count(*) FROM idea_authors").fetchone()[0] == 2
    for sql in ("SELECT answer FROM reflections", "CREATE VIEW leak AS SELECT answer FROM reflections"):
        with pytest.raises(sqlite3.DatabaseError, match=r"prohibited|not authorized"):
            conn.execute(sql)


def test_the_author_alone_sees_their_anonymous_idea_and_every_status_change(store):
    store.review_idea(1, "parked", Actor(name=OWNER), "Not before the supplier contract ends in March.")
    (mine,) = store.my_ideas(AUTHOR)
    assert (mine.idea.title, mine.idea.anonymous, mine.idea.status) == ("Reusable crates", True, "parked")
    assert mine.idea.reason == "Not before the supplier contract ends in March."
    assert [(e.status, e.author) for e in mine.events] == [("new", "anonymous"), ("parked", OWNER)]
    assert [m.idea.title for m in store.my_ideas(NAMED)] == ["Shared van"]
    assert store.my_ideas("someone.else@example.com") == []
    assert SECRET not in repr(store.my_ideas(AUTHOR))


def test_the_database_refuses_an_anonymous_idea_row_that_names_its_submitter(store):
    with sqlite3.connect(store.path) as raw, pytest.raises(sqlite3.IntegrityError):
        raw.execute("UPDATE ideas SET submitter = ? WHERE anonymous = 1", [AUTHOR])


@pytest.mark.parametrize(
    "args",
    [
        ["ideas"],
        ["ideas", "-f", "json"],
        ["ideas", "-f", "csv"],
        ["ideas", "--search", "crates"],
        ["ideas", "--counts", "-f", "csv"],
        ["challenges", "-f", "json"],
        ["export", "--what", "ideas", "-f", "csv"],
        ["export", "--what", "ideas", "-f", "jsonl"],
        ["export", "-f", "jsonl"],
    ],
    ids=" ".join,
)
def test_no_command_line_output_names_the_anonymous_author_or_a_reflection(store, args):
    result = CliRunner().invoke(main, ["--db", str(store.path), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert AUTHOR not in result.output
    assert SECRET not in result.output
    if args[0] == "ideas" and "--counts" not in args:
        assert "Reusable crates" in result.output  # the idea itself is there, only its author is not
