"""Reflections are private: only their owner reads them, and no HR-side function can.

The guarantee is structural: every HR-side query runs on a connection whose
SQLite authorizer denies the `reflections` table. These tests prove the
authorizer holds, that every public Store function is either HR-side (and
never shows a reflection) or owner-scoped, and that journals are per owner.
"""

from __future__ import annotations

import inspect
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from store_helpers import save

from coach.errors import InputError, NotFoundError
from coach.store import Actor, AfterActionReview, Store, open_store

SECRET = "I am thinking of leaving because nobody lets me decide anything"
# The author of an anonymous idea: kept for their own view only (tests/test_store_idea_privacy.py has more).
ANONYMOUS_AUTHOR = "quiet.author@example.com"
HR = Actor(name="hr@example.com", is_hr=True)

# Every public Store function that is not owner-scoped, with a call that exercises it.
HR_SIDE = {
    "save_contract": lambda s: save(s, "Analyst", "Another text.", {"discretion": "missing"}),
    "import_items": lambda s: s.import_items([]),
    "get_contract": lambda s: s.get_contract(1),
    "get_report": lambda s: s.get_report(1),
    "version_text": lambda s: s.version_text(1, 1),
    "contract_history": lambda s: s.contract_history(1),
    "queue": lambda s: s.queue(status=None),
    "review": lambda s: s.review(1),
    "review_history": lambda s: s.review_history(1),
    "set_status": lambda s: s.set_status(1, "in_review", author="hr"),
    "assign": lambda s: s.assign(1, "hr", author="hr"),
    "add_note": lambda s: s.add_note(1, "hr", "looked at it"),
    "set_status_many": lambda s: s.set_status_many([1], "in_review", author="hr"),
    "assign_many": lambda s: s.assign_many([1], "hr", author="hr"),
    "add_note_many": lambda s: s.add_note_many([1], "hr", "looked at them"),
    "search": lambda s: s.search("leaving nobody decide"),
    "team_element_counts": lambda s: s.team_element_counts(),
    "teams": lambda s: s.teams(),
    "count_contracts": lambda s: s.count_contracts(),
    "recent_contracts": lambda s: s.recent_contracts(),
    "export_rows": lambda s: list(s.export_rows(with_report=True)),
    "llm_cache_get": lambda s: s.llm_cache_get("k"),
    "llm_cache_put": lambda s: s.llm_cache_put("k", "m", "r", None, None, None),
    "llm_cache_stats": lambda s: s.llm_cache_stats(),
    "applied_migrations": lambda s: s.applied_migrations(),
    "save_org_profile": lambda s: s.save_org_profile("purpose: Serve the city.\npriorities: [{name: Read more}]\n"),
    "org_profile": lambda s: s.org_profile(),
    "org_profile_yaml": lambda s: s.org_profile_yaml(),
    "priority_names": lambda s: s.priority_names(),
    "latest_texts": lambda s: s.latest_texts(),
    "close": lambda s: None,  # closes connections; returns nothing
    # the challenge loop (coach.store.challenging): reviewer-side, on the guarded connection
    "known_priorities": lambda s: s.known_priorities(),
    "challenge_priorities": lambda s: s.challenge_priorities(),
    "publish_challenge": lambda s: s.publish_challenge(challenge_fields(title="Another"), by="lead@example.com"),
    "get_challenge": lambda s: s.get_challenge(1),
    "challenges": lambda s: s.challenges(),
    "challenge_ideas": lambda s: s.challenge_ideas(1, HR),
    "idea_history": lambda s: s.idea_history(1, HR),
    "idea_report": lambda s: s.idea_report(1, HR),
    "review_idea": lambda s: s.review_idea(1, "shortlisted", HR, "promising"),
    "search_ideas": lambda s: s.search_ideas("crates leaving", HR),
    "accepted_ideas": lambda s: s.accepted_ideas(1),
    "idea_counts": lambda s: s.idea_counts(),
    "priority_counts": lambda s: s.priority_counts(),
    "export_ideas": lambda s: list(s.export_ideas()),
}
# The journal, and an idea author's own view (which may read idea authors but never reflections).
OWNER_SCOPED = {"journal", "add_reflection", "reflections_for", "commitments", "submit_idea", "my_ideas"}
# Scoped to one named manager: the copies people chose to share with them, nothing else.
MANAGER_SCOPED = {"shared_with"}
ACCOUNT = "I tried the new rota and it fell apart on the second night"


def challenge_fields(**changes):
    from datetime import date, timedelta

    today = date.today()
    return {
        "title": "Less waste", "question": "How could we halve our waste?", "priority": "Net zero",
        "level": "organisation", "opens": today - timedelta(days=1), "closes": today + timedelta(days=9),
        "owner": "olu@example.com",
    } | changes  # fmt: skip


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "coach.db") as store:
        save(store, "Analyst", "Some role.", {"discretion": "missing"}, owner="manager@example.com")
        store.add_reflection(
            "ana@example.com", "proactive", "Where could you act before being asked?", SECRET, rating=2
        )
        mine = store.commitments("ana@example.com")
        promise = mine.add("Try a new rota for a week", date(2026, 1, 5))
        review = AfterActionReview(
            expected="Fewer gaps.", happened=ACCOUNT, why="Too fast.", change="Go slower.", stuck="Ask the team."
        )
        checkin = mine.check_in(promise.id, review, rating=3)
        mine.share("checkin", checkin.id, "manager@example.com")
        challenge = store.publish_challenge(challenge_fields(), by="lead@example.com")
        store.submit_idea(
            challenge.id, "Reusable crates", "Reusable crates would cut our cardboard waste by half.",
            author=ANONYMOUS_AUTHOR, anonymous=True,
        )  # fmt: skip
        yield store


def test_every_public_store_function_is_classified_as_hr_side_or_owner_scoped():
    public = {name for name, _ in inspect.getmembers(Store, callable) if not name.startswith("_")}
    assert public == set(HR_SIDE) | OWNER_SCOPED | MANAGER_SCOPED, "classify the new function here and prove it"


@pytest.mark.parametrize("name", sorted(HR_SIDE))
def test_no_hr_side_function_returns_a_reflection_or_a_shared_account(store, name):
    result = HR_SIDE[name](store)
    assert SECRET not in repr(result)
    assert "leaving" not in repr(result)
    assert ACCOUNT not in repr(result) and "rota" not in repr(result)
    assert ANONYMOUS_AUTHOR not in repr(result)


@pytest.mark.parametrize("table", ["commitments", "checkins", "shared_entries"])
def test_the_hr_connection_cannot_read_commitments_checkins_or_shared_copies(store, table):
    with pytest.raises(sqlite3.DatabaseError, match=r"prohibited|not authorized"):
        store._db().conn.execute(f"SELECT * FROM {table}")


def test_a_shared_account_reaches_exactly_the_named_manager(store):
    (copy,) = store.shared_with("Manager@Example.com ")
    assert copy.owner == "ana@example.com" and copy.body["happened"] == ACCOUNT
    assert copy.heading == "Try a new rota for a week"
    assert store.shared_with("other.manager@example.com") == []
    assert store.shared_with("ana@example.com") == []
    # Sharing one account shares nothing else: the reflection stays private.
    assert SECRET not in repr(store.shared_with("manager@example.com"))


def test_the_hr_connection_cannot_read_or_write_reflections_at_all(store):
    conn = store._db().conn
    for sql in (
        "SELECT answer FROM reflections",
        "SELECT count(*) FROM reflections",
        "SELECT * FROM contracts WHERE title IN (SELECT answer FROM reflections)",
        "INSERT INTO reflections (owner, meta_skill, question, provenance, answer, created) VALUES ('x','x','x','x','x','x')",
        "DELETE FROM reflections",
    ):
        with pytest.raises(sqlite3.DatabaseError, match=r"prohibited|not authorized"):
            conn.execute(sql)


# Ways round a guard that checks only the table an action names first. Each is a list of
# statements an HR-side caller might run; the first must already be refused.
BYPASSES = {
    "rename the table, then read it": ["ALTER TABLE reflections RENAME TO x", "SELECT owner, answer FROM x"],
    "a trigger that copies each new answer out": [
        """CREATE TRIGGER leak AFTER INSERT ON reflections BEGIN
             INSERT INTO llm_cache (key, model, reply, created) VALUES (new.id, 'leak', new.answer, new.created);
           END"""
    ],
    "a view over the table": ["CREATE VIEW answers AS SELECT owner, answer FROM reflections", "SELECT * FROM answers"],
    "a temporary view": ["CREATE TEMP VIEW answers AS SELECT answer FROM reflections", "SELECT * FROM answers"],
    "the same file attached again": ["ATTACH DATABASE '{path}' AS copy", "SELECT answer FROM copy.reflections"],
    "an empty database attached to copy into": [
        "ATTACH DATABASE ':memory:' AS scratch",
        "CREATE TABLE scratch.x AS SELECT answer FROM reflections",
    ],
    "editing the schema itself": [
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET name = 'x', tbl_name = 'x' WHERE name = 'reflections'",
    ],
}


@pytest.mark.parametrize("statements", BYPASSES.values(), ids=BYPASSES.keys())
def test_no_statement_on_the_hr_connection_gets_round_the_guard(store, statements):
    conn = store._db().conn
    first = statements[0].format(path=store.path)

    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        conn.execute(first)

    # Nothing changed: the table is where it was, nothing listens on it, and a new answer stays private.
    store.add_reflection("ben@example.com", "learning", "What did you learn?", "A new secret answer.")
    with sqlite3.connect(store.path) as raw:
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        leaked = raw.execute("SELECT count(*) FROM llm_cache WHERE reply LIKE '%secret%'").fetchone()[0]
    assert "reflections" in names and not names & {"x", "leak", "answers"}
    assert leaked == 0
    assert [r.answer for r in store.reflections_for("ana@example.com")] == [SECRET]


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE notes (x)",
        "CREATE TEMP TABLE notes (x)",
        "CREATE INDEX contracts_title ON contracts(title)",
        "DROP TABLE llm_cache",
        "ALTER TABLE contracts ADD COLUMN salary INTEGER",
        "DROP TRIGGER review_events_no_update",  # would make the review history editable
        "CREATE VIRTUAL TABLE words USING fts5(x)",
        "REINDEX",
    ],
)
def test_the_hr_connection_cannot_change_the_schema_at_all(store, sql):
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        store._db().conn.execute(sql)


def test_a_view_over_reflections_made_outside_coach_is_still_unreadable_from_the_hr_side(store):
    with sqlite3.connect(store.path) as raw:  # e.g. someone with the sqlite3 shell and the file
        raw.execute("CREATE VIEW answers AS SELECT owner, answer FROM reflections")

    with pytest.raises(sqlite3.DatabaseError, match=r"prohibited|not authorized"):
        store._db().conn.execute("SELECT * FROM answers").fetchall()
    assert store.queue(status=None).total == 1  # HR's own queries work as before


def test_only_the_journal_module_uses_the_unguarded_connection():
    package = Path(__import__("coach.store", fromlist=["x"]).__file__).parent
    users = sorted(p.name for p in package.glob("*.py") if "._private_db()" in p.read_text())
    assert users == ["commitments.py", "reflections.py"]


def test_a_journal_shows_its_owner_their_reflections_and_nobody_else_theirs(store):
    store.add_reflection(
        "ben@example.com", "learning", "What did the last release teach you?", "Ship smaller.", rating=4
    )

    ana = store.reflections_for("ana@example.com")
    assert [r.answer for r in ana] == [SECRET]
    assert (ana[0].owner, ana[0].meta_skill, ana[0].rating, ana[0].provenance) == (
        "ana@example.com",
        "proactive",
        2,
        "own",
    )
    assert [r.answer for r in store.reflections_for("ben@example.com")] == ["Ship smaller."]
    assert store.reflections_for("nobody@example.com") == []


def test_an_owner_can_delete_their_reflection_but_not_someone_elses(store):
    ana = store.journal("ana@example.com")
    mine = ana.entries()[0]
    with pytest.raises(NotFoundError):
        store.journal("ben@example.com").delete(mine.id)
    ana.delete(mine.id)
    assert ana.entries() == []


def test_deleting_all_my_entries_deletes_mine_and_nobody_elses(store):
    ben = store.journal("ben@example.com")
    ben.add("learning", "What did the last release teach you?", "Ship smaller.", rating=4)
    ben.add("proactive", "What could you start before being asked?", "The release notes.")

    assert ben.delete_all() == 2
    assert ben.entries() == []
    assert [r.answer for r in store.reflections_for("ana@example.com")] == [SECRET]  # Ana's is untouched
    assert store.journal("nobody@example.com").delete_all() == 0


def test_an_export_of_my_journal_holds_my_entries_only(store):
    from datetime import UTC, datetime

    from coach.formats.journal_export import journal_json, journal_markdown

    store.add_reflection("ben@example.com", "learning", "What did you learn?", "Ship smaller.", role="Release lead")
    ben = store.journal("ben@example.com")
    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)

    for exported in (journal_markdown(ben.entries(), ben.owner, at), journal_json(ben.entries(), ben.owner, at)):
        assert "Ship smaller." in exported and "Release lead" in exported
        assert SECRET not in exported and "ana@example.com" not in exported


def test_a_journal_keeps_provenance_and_the_gap_and_filters_by_meta_skill(store):
    journal = store.journal("cy@example.com")
    journal.add(
        "resourceful", "Which means do you use least?", "The data team.", provenance="bank:res-1", gap="resources:vague"
    )
    journal.add("learning", "What would you do differently?", "Ask earlier.", provenance="llm:ollama_chat/llama3")

    found = journal.entries(meta_skill="resourceful")
    assert [(r.provenance, r.gap) for r in found] == [("bank:res-1", "resources:vague")]
    assert [r.meta_skill for r in journal.entries()] == ["learning", "resourceful"]  # newest first


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"meta_skill": "bravery"}, "unknown meta skill"),
        ({"rating": 6}, "from 1 to 5"),
        ({"answer": "  "}, "question and your answer"),
    ],
)
def test_a_reflection_must_name_a_meta_skill_a_rating_from_1_to_5_and_an_answer(store, kwargs, message):
    values = {"meta_skill": "learning", "question": "Q?", "answer": "A.", "rating": 3} | kwargs
    with pytest.raises(InputError, match=message):
        store.journal("ana@example.com").add(
            values.pop("meta_skill"), values.pop("question"), values.pop("answer"), **values
        )


def test_a_journal_needs_an_owner(store):
    with pytest.raises(InputError, match="owner"):
        store.journal(" ")
