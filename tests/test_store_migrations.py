"""A database made by an older coach opens in this one and keeps all its data.

Migrations are frozen: each carries its own SQL, so what an old database
becomes never depends on how the code that uses the schema looks today.
"""

from __future__ import annotations

import inspect
import sqlite3

import pytest
from sqlite_utils import Database
from store_helpers import report_for

from coach.report import Element, Grade
from coach.store import open_store, text_sha256
from coach.store.migrations import migrations

TEXT = "You own the onboarding of new customers. Reports to the COO."
AT = "2025-01-02T03:04:05.000+00:00"


def schema(path) -> list[tuple[str, str, str, str | None]]:
    """Every table, index, trigger and view, with the SQL that makes it."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def _database_from_the_first_migration_only(path) -> None:
    """What the first release wrote: contracts, versions and checks with the Report inline."""
    db = Database(path)
    migrations.apply(db, stop_before="m002_review_queue")
    assert [m.name for m in migrations.applied(db)] == ["m001_contracts"]
    report = report_for(TEXT, {"discretion": "missing", "accountability": "vague"}, line_of_sight=False)
    db.execute(
        """INSERT INTO contracts (id, key, title, team, owner, source, text, text_sha256, version, created, updated)
           VALUES (1, NULL, 'Onboarding lead', 'Customer success', 'Kim', 'pasted', ?, ?, 1, ?, ?)""",
        [TEXT, text_sha256(TEXT), AT, AT],
    )
    db.execute(
        "INSERT INTO contract_versions (id, contract_id, version, text, text_sha256, source, created) VALUES (1, 1, 1, ?, ?, 'pasted', ?)",
        [TEXT, text_sha256(TEXT), AT],
    )
    db.execute(
        """INSERT INTO checks (id, version_id, contract_id, checked, ruleset_name, ruleset_version, purpose, discretion,
                               resources, accountability, line_of_sight, score, flagged, report_json)
           VALUES (1, 1, 1, ?, 'coach-core', '1.0.0', 'specified', 'missing', 'specified', 'vague', 0, ?, 1, ?)""",
        [AT, report.score, report.model_dump_json()],
    )
    db.execute("UPDATE contracts SET latest_check_id = 1 WHERE id = 1")
    db.conn.commit()
    db.close()


def test_a_database_from_the_first_migration_opens_migrated_with_all_its_data(tmp_path):
    path = tmp_path / "old.db"
    _database_from_the_first_migration_only(path)

    store = open_store(path)

    assert store.migrations_applied == [m.name for m in migrations._migrations[1:]]
    contract = store.get_contract(1)
    assert (contract.title, contract.team, contract.owner, contract.text) == (
        "Onboarding lead",
        "Customer success",
        "Kim",
        TEXT,
    )
    assert contract.check.grades[Element.discretion] == Grade.missing
    report = store.get_report(1)  # the inline Report moved to its own table
    assert report.input_sha256 == text_sha256(TEXT) and report.grade("accountability") == Grade.vague
    queued = store.queue()  # it was flagged before the queue existed: it is queued now
    assert [(i.contract_id, i.status, i.gaps) for i in queued.items] == [
        (1, "open", ["discretion:missing", "accountability:vague", "line_of_sight:no"])
    ]
    assert store.queue(element="discretion", grade="missing", team="Customer success").total == 1
    assert [e.body for e in store.review_history(1)] == ["flagged before the review queue existed"]
    assert [h.title for h in store.search("onboarding")] == ["Onboarding lead"]  # indexed from the old rows
    assert store.team_element_counts()[0].missing[Element.discretion] == 1


def test_a_migrated_database_keeps_working_and_reopens_without_migrating(tmp_path):
    path = tmp_path / "old.db"
    _database_from_the_first_migration_only(path)
    open_store(path)

    store = open_store(path)
    saved = store.save_contract("Onboarding lead", TEXT + " You may approve refunds up to £500.", contract_id=1)

    assert store.migrations_applied == []
    assert saved.version == 2 and [h.version for h in store.contract_history(1)] == [1, 2]
    with sqlite3.connect(path) as conn:
        assert "report_json" not in {row[1] for row in conn.execute("PRAGMA table_info(checks)")}


def test_contracts_saved_without_a_key_are_found_by_team_and_title_after_the_upgrade(tmp_path):
    path = tmp_path / "old.db"
    _database_from_the_first_migration_only(path)  # contract 1 was pasted: no key

    store = open_store(path)
    saved = store.save_contract("ONBOARDING LEAD", TEXT + " You may approve refunds.", team="Customer success")

    assert store.get_contract(1).key == "title:customer success|onboarding lead"
    assert (saved.contract_id, saved.version) == (1, 2)  # a new version, not a second contract


def test_of_two_keyless_contracts_with_one_title_and_team_the_latest_updated_gets_the_key(tmp_path):
    path = tmp_path / "old.db"
    _database_from_the_first_migration_only(path)
    db = Database(path)
    later = "2025-02-01T00:00:00.000+00:00"
    db.execute(
        """INSERT INTO contracts (id, key, title, team, owner, source, text, text_sha256, version, created, updated)
           SELECT 2, NULL, title, team, owner, source, 'Another text.', 'x', 1, ?, ? FROM contracts WHERE id = 1""",
        [later, later],
    )
    db.conn.commit()
    db.close()

    store = open_store(path)

    with sqlite3.connect(path) as conn:
        keys = dict(conn.execute("SELECT id, key FROM contracts ORDER BY id"))
    assert keys == {1: None, 2: "title:customer success|onboarding lead"}  # 1 stays reachable by its id
    assert store.get_contract(1).title == "Onboarding lead"


def test_after_the_upgrade_the_latest_version_knows_its_owner_and_older_authors_are_not_invented(tmp_path):
    path = tmp_path / "old.db"
    _database_from_the_first_migration_only(path)

    store = open_store(path)

    (entry,) = store.contract_history(1)
    assert (entry.owner, entry.author) == ("Kim", None)  # the owner is known; who saved it never was


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    _database_from_the_first_migration_only(path)

    def broken(db):
        raise RuntimeError("simulated failure half way")

    monkeypatch.setattr(migrations._migrations[-1], "fn", broken)
    with pytest.raises(RuntimeError, match="half way"):
        open_store(path)

    db = Database(path)
    assert [m.name for m in migrations.applied(db)] == ["m001_contracts"]
    assert not db["reviews"].exists() and db.execute("SELECT count(*) FROM checks").fetchone()[0] == 1


@pytest.mark.parametrize("migration", [m.fn for m in migrations._migrations], ids=lambda fn: fn.__name__)
def test_every_migration_carries_its_own_sql_and_reads_nothing_from_the_rest_of_the_code(migration):
    names = inspect.getclosurevars(migration)
    assert names.globals == {} and names.nonlocals == {}, (
        f"{migration.__name__} reads {sorted({**names.globals, **names.nonlocals})}: copy what it needs into it, "
        "so a later change to those names cannot change what an old database gets"
    )


@pytest.mark.parametrize(
    "level", [m.name for m in migrations._migrations[1:]], ids=lambda name: f"before-{name.split('_')[0]}"
)
def test_a_database_upgraded_from_any_earlier_level_has_the_schema_of_a_new_one(tmp_path, level):
    fresh = tmp_path / "fresh.db"
    open_store(fresh).close()
    old = tmp_path / "old.db"
    _database_from_the_first_migration_only(old)  # with a contract in it, so data steps run too
    db = Database(old)
    migrations.apply(db, stop_before=level)
    db.close()

    upgraded = open_store(old)

    assert upgraded.migrations_applied[0] == level
    assert schema(old) == schema(fresh)
    assert upgraded.get_contract(1).text == TEXT


def test_reflections_saved_before_roles_were_recorded_keep_their_answers_with_no_role(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="issue16_reflection_role")
    db.execute(
        """INSERT INTO reflections (owner, meta_skill, question, provenance, answer, rating, created)
           VALUES ('ana@example.com', 'learning', 'What did you learn?', 'bank', 'Ship smaller.', 4, ?)""",
        [AT],
    )
    db.conn.commit()
    db.close()

    store = open_store(path)
    assert "issue16_reflection_role" in store.migrations_applied
    (entry,) = store.journal("ana@example.com").entries()
    assert (entry.answer, entry.rating, entry.role) == ("Ship smaller.", 4, None)
