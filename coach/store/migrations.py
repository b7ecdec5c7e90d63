"""The schema's history: named migrations, recorded in the database and applied on open.

An older database opens in a newer coach and keeps its data: `migrate`
applies whatever migrations it has not had yet, in order, all in one write
transaction (sqlite-utils' `Migrations` records each by name in
`_sqlite_migrations`). When nothing is pending, opening is one small read.

**A migration is frozen once released.** It carries every statement it runs
as literal SQL and reads nothing from the rest of the code: a database at
m005 must become exactly what m006 made of one in its day, however the
queue's columns change later. A change to the schema is a new migration,
never an edit to an old one. `tests/test_store_migrations.py` checks that
no migration reads a name from outside itself, and that a database upgraded
from every earlier level ends with the same schema as a new one.

Migrations use `db.executescript` (sqlite-utils), never the connection's own
`executescript`: Python 3.11's commits the open transaction first, which
would make a failed migration leave half its work behind.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coach.store.db import MIGRATION_SET, translated, write

migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_contracts")
def m001_contracts(db: Database) -> None:
    """Contracts, their versions and the checks of each version.

    `contracts` carries the latest text (what search and the UI show) and a
    pointer to the latest check, so queue queries join by primary key.
    Grades are columns for fast filtering; the full Report is kept as JSON.
    """
    grade = "TEXT NOT NULL CHECK ({col} IN ('specified', 'vague', 'missing'))"
    db.executescript(
        f"""
        CREATE TABLE contracts (
            id INTEGER PRIMARY KEY,
            key TEXT UNIQUE,               -- identity for re-imports (a file path, a CSV id); NULL when pasted
            title TEXT NOT NULL,
            team TEXT,
            owner TEXT,                    -- the role holder's owner/manager
            source TEXT NOT NULL,          -- 'pasted', a file name, 'roles.csv' ...
            text TEXT NOT NULL,            -- the latest version's text
            text_sha256 TEXT NOT NULL,
            version INTEGER NOT NULL,      -- the latest version number
            latest_check_id INTEGER REFERENCES checks(id),
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE INDEX contracts_team ON contracts(team);
        CREATE INDEX contracts_sha ON contracts(text_sha256);
        CREATE INDEX contracts_latest_check ON contracts(latest_check_id);

        CREATE TABLE contract_versions (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contracts(id),
            version INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            source TEXT NOT NULL,
            created TEXT NOT NULL,
            UNIQUE (contract_id, version)
        );
        CREATE INDEX contract_versions_sha ON contract_versions(text_sha256);

        CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES contract_versions(id),
            contract_id INTEGER NOT NULL REFERENCES contracts(id),
            checked TEXT NOT NULL,
            ruleset_name TEXT NOT NULL,
            ruleset_version TEXT NOT NULL,
            purpose {grade.format(col="purpose")},
            discretion {grade.format(col="discretion")},
            resources {grade.format(col="resources")},
            accountability {grade.format(col="accountability")},
            line_of_sight INTEGER NOT NULL,
            score INTEGER NOT NULL,
            flagged INTEGER NOT NULL,
            report_json TEXT NOT NULL
        );
        CREATE INDEX checks_version ON checks(version_id);
        CREATE INDEX checks_contract ON checks(contract_id);
        """
    )


@migrations(name="m002_review_queue")
def m002_review_queue(db: Database) -> None:
    """The HR review queue and its append-only history of notes and changes.

    Triggers refuse UPDATE and DELETE on `review_events`, so the history is
    append-only in the database itself, not only by convention. Contracts
    already flagged when this migration runs are queued.
    """
    db.executescript(
        """
        CREATE TABLE reviews (
            contract_id INTEGER PRIMARY KEY REFERENCES contracts(id),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'in_review', 'resolved', 'dismissed')),
            assignee TEXT,
            queued TEXT NOT NULL,          -- when it last entered the queue ("age" sorts on this)
            updated TEXT NOT NULL
        );
        CREATE INDEX reviews_status ON reviews(status, queued);

        CREATE TABLE review_events (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES reviews(contract_id),
            time TEXT NOT NULL,
            author TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('queued', 'note', 'status', 'assign')),
            body TEXT NOT NULL DEFAULT '',
            status TEXT,                   -- the status after this event
            assignee TEXT                  -- the assignee after this event
        );
        CREATE INDEX review_events_contract ON review_events(contract_id, id);
        CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
            BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
        CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
            BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;

        INSERT INTO reviews (contract_id, status, queued, updated)
            SELECT c.id, 'open', k.checked, k.checked
            FROM contracts c JOIN checks k ON k.id = c.latest_check_id
            WHERE k.flagged;
        INSERT INTO review_events (contract_id, time, author, kind, body, status)
            SELECT contract_id, queued, 'coach', 'queued', 'flagged before the review queue existed', 'open'
            FROM reviews;
        """
    )


@migrations(name="m003_reflections")
def m003_reflections(db: Database) -> None:
    """Private reflections: an employee's answers to coaching questions.

    Only owner-scoped code reads this table; HR-side connections are denied
    it by an authorizer (`privacy.guard_private`).
    """
    db.executescript(
        """
        CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            meta_skill TEXT NOT NULL,
            question TEXT NOT NULL,
            provenance TEXT NOT NULL,      -- where the question came from: 'bank:<id>', 'llm:<model>', 'own'
            gap TEXT,                      -- the contract gap it spoke to, e.g. 'discretion:missing'
            answer TEXT NOT NULL,
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            created TEXT NOT NULL
        );
        CREATE INDEX reflections_owner ON reflections(owner, created);
        """
    )


@migrations(name="m004_llm_cache")
def m004_llm_cache(db: Database) -> None:
    """Validated LLM replies keyed by a hash of model + messages + schema."""
    db.executescript(
        """
        CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            reply TEXT NOT NULL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost REAL,
            created TEXT NOT NULL
        );
        """
    )


@migrations(name="m005_search")
def m005_search(db: Database) -> None:
    """Full-text search (FTS5, Porter stemming) over contract titles and latest texts.

    The index is filled from the rows already there, and three triggers keep
    it in step with `contracts`. These are the statements sqlite-utils 4's
    `enable_fts(["title", "text"], create_triggers=True, tokenize="porter")`
    ran when this migration was released, kept here so a later sqlite-utils
    cannot change what an old database gets.
    """
    db.executescript(
        """
        CREATE VIRTUAL TABLE "contracts_fts" USING FTS5 (
            "title", "text",
            tokenize='porter',
            content="contracts"
        );
        INSERT INTO "contracts_fts" (rowid, "title", "text")
            SELECT rowid, "title", "text" FROM "contracts";
        CREATE TRIGGER "contracts_ai" AFTER INSERT ON "contracts" BEGIN
          INSERT INTO "contracts_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
        END;
        CREATE TRIGGER "contracts_ad" AFTER DELETE ON "contracts" BEGIN
          INSERT INTO "contracts_fts" ("contracts_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
        END;
        CREATE TRIGGER "contracts_au" AFTER UPDATE ON "contracts" BEGIN
          INSERT INTO "contracts_fts" ("contracts_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
          INSERT INTO "contracts_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
        END;
        """
    )


@migrations(name="m006_lean_checks_and_queue")
def m006_lean_checks_and_queue(db: Database) -> None:
    """The full Report moves to its own table; the queue carries what it filters and sorts on.

    Measured at 20,000 generated contracts (benchmarks/bench_store.py): a
    4 KB Report in every `checks` row made each grade lookup read a page of
    its own, and the queue's joins through wide contract rows put its first
    page on course for ~200 ms at 100,000. Now `checks` is narrow, and each
    `reviews` row keeps a copy of its contract's team and latest grades and
    score, refreshed from the source in one statement (`queue.refresh_queue_row`).
    The columns copied are spelled out here, as they were at this migration;
    the queue's own list may grow later, through a migration of its own.
    """
    db.executescript(
        """
        CREATE TABLE check_reports (
            check_id INTEGER PRIMARY KEY REFERENCES checks(id),
            report_json TEXT NOT NULL
        );
        INSERT INTO check_reports (check_id, report_json) SELECT id, report_json FROM checks;
        ALTER TABLE checks DROP COLUMN report_json;

        ALTER TABLE reviews ADD COLUMN team TEXT;
        ALTER TABLE reviews ADD COLUMN score INTEGER;
        ALTER TABLE reviews ADD COLUMN purpose TEXT;
        ALTER TABLE reviews ADD COLUMN discretion TEXT;
        ALTER TABLE reviews ADD COLUMN resources TEXT;
        ALTER TABLE reviews ADD COLUMN accountability TEXT;
        ALTER TABLE reviews ADD COLUMN line_of_sight INTEGER;
        UPDATE reviews SET (team, score, purpose, discretion, resources, accountability, line_of_sight) = (
            SELECT c.team, k.score, k.purpose, k.discretion, k.resources, k.accountability, k.line_of_sight
            FROM contracts c JOIN checks k ON k.id = c.latest_check_id WHERE c.id = reviews.contract_id
        );

        CREATE INDEX reviews_status_score ON reviews(status, score);
        CREATE INDEX reviews_team ON reviews(team, status);
        -- contracts_team_check starts with team too, so it replaces contracts_team
        CREATE INDEX contracts_team_check ON contracts(team, latest_check_id);
        DROP INDEX contracts_team;
        """
    )


@migrations(name="m007_queue_order_and_search_triggers")
def m007_queue_order_and_search_triggers(db: Database) -> None:
    """Queue pages read straight from an index; the search index is touched only when words change.

    Measured at 100,000 generated contracts: the default queue (open and
    in review, worst score first) sorted 81,000 rows for every page (42 ms);
    an `active` column (generated from the status) and indexes in the
    queue's sort orders make the first page ~0.1 ms. sqlite-utils' FTS
    trigger re-indexed a contract's text on *any* update (including
    pointing it at its new check), doubling the cost of each save; it now
    fires only when the title or text changes.
    """
    db.execute(
        "ALTER TABLE reviews ADD COLUMN active INTEGER GENERATED ALWAYS AS (status IN ('open', 'in_review')) VIRTUAL"
    )
    db.execute("CREATE INDEX reviews_active_score ON reviews(active, score, queued)")
    db.execute("CREATE INDEX reviews_active_age ON reviews(active, queued)")
    db.execute("CREATE INDEX reviews_status_score_age ON reviews(status, score, queued)")
    db.execute("DROP INDEX reviews_status_score")  # the new one covers it and the sort
    db.execute("CREATE INDEX reviews_team_score ON reviews(team, active, score, queued)")
    db.execute("DROP INDEX reviews_team")  # (team, status): the new one serves a team's queue in order
    db.execute('DROP TRIGGER "contracts_au"')
    db.execute(
        """CREATE TRIGGER "contracts_au" AFTER UPDATE OF "title", "text" ON "contracts" BEGIN
             INSERT INTO "contracts_fts" ("contracts_fts", rowid, "title", "text")
                 VALUES ('delete', old.rowid, old."title", old."text");
             INSERT INTO "contracts_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
           END"""
    )


@migrations(name="m008_application_id")
def m008_application_id(db: Database) -> None:
    """Mark the file as coach's, so coach can tell its databases from other applications' SQLite files.

    The number is ASCII "Coac"; `db.APPLICATION_ID` is the same number,
    which `db.ensure_ours` looks for before it writes anything to a file.
    """
    db.execute("PRAGMA application_id = 1131372899")


@migrations(name="m009_every_contract_has_a_key")
def m009_every_contract_has_a_key(db: Database) -> None:
    """Contracts saved without a key are given their team-and-title key, their identity from now on.

    Until now a contract saved without a key (through the API, or the app
    before it sent one) was found again only if its text was unchanged, so
    an edited text made a second contract. Its key is now 'title:' + team +
    '|' + title, both case-folded, exactly as `identity.title_key` spells it
    (Python's str.casefold, registered as an SQL function for this step).
    Where several such contracts share a team and title, the most recently
    updated gets the key and the others stay reachable by their id.
    """
    db.conn.create_function("m009_casefold", 1, lambda s: None if s is None else s.casefold(), deterministic=True)
    db.execute(
        """WITH keyed AS (
               SELECT id, updated,
                      'title:' || coalesce(m009_casefold(team), '') || '|' || m009_casefold(title) AS new_key
               FROM contracts WHERE key IS NULL
           ), chosen AS (
               SELECT id, new_key, row_number() OVER (PARTITION BY new_key ORDER BY updated DESC, id DESC) AS n
               FROM keyed
               WHERE new_key NOT IN (SELECT key FROM contracts WHERE key IS NOT NULL)
           )
           UPDATE contracts SET key = (SELECT new_key FROM chosen WHERE chosen.id = contracts.id)
           WHERE id IN (SELECT id FROM chosen WHERE n = 1)"""
    )


@migrations(name="m010_version_owner_and_author")
def m010_version_owner_and_author(db: Database) -> None:
    """Each version records who owned the contract then and who saved it.

    A save used to replace the contract's owner with whoever saved, and the
    previous owner was kept nowhere. Now a save never changes the owner
    (`access`), and every version keeps `owner` and `author`. For versions
    saved before this, only the latest version's owner is known: the
    contract's owner now. Older owners and every earlier author stay NULL
    (not recorded).
    """
    db.executescript(
        """
        ALTER TABLE contract_versions ADD COLUMN owner TEXT;    -- the contract's owner as of this version
        ALTER TABLE contract_versions ADD COLUMN author TEXT;   -- who saved it in the app; NULL for imports
        UPDATE contract_versions SET owner = (
            SELECT c.owner FROM contracts c WHERE c.id = contract_versions.contract_id
        )
        WHERE version = (SELECT c.version FROM contracts c WHERE c.id = contract_versions.contract_id);
        """
    )


@migrations(name="issue13_commitments_checkins_and_shares")
def issue13_commitments_checkins_and_shares(db: Database) -> None:
    """Commitments with a due date, check-ins on them, and entries a person chose to share.

    The journal stored an answer and a rating, but not what the person
    would do, by when, or what happened. A commitment is the Will step of a
    coaching plan; a check-in is the after-action review when it comes due
    (expected / happened / why / change / how we'll know it stuck), with
    the scaling rating and what would move it one step. All three tables
    are private like `reflections` (`privacy.PRIVATE_TABLES`). A share is a
    copy of one entry, made by its owner for one named manager: the only
    way an account leaves the journal, and it is never visible to HR.
    """
    db.executescript(
        """
        CREATE TABLE commitments (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            text TEXT NOT NULL,            -- what the person will do
            due TEXT NOT NULL,             -- ISO date it is due
            meta_skill TEXT,               -- the skill it grows, when chosen
            gap TEXT,                      -- the contract gap it speaks to
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
            created TEXT NOT NULL
        );
        CREATE INDEX commitments_owner_due ON commitments(owner, status, due);

        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            commitment_id INTEGER NOT NULL REFERENCES commitments(id),
            expected TEXT NOT NULL,
            happened TEXT NOT NULL,
            why TEXT NOT NULL,
            change TEXT NOT NULL,
            stuck TEXT NOT NULL,           -- how they will know the change stuck
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            next_step TEXT,                -- what would move the rating one step
            created TEXT NOT NULL
        );
        CREATE INDEX checkins_owner ON checkins(owner, created);

        CREATE TABLE shared_entries (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            manager TEXT NOT NULL,         -- the one person it is shared with, as the owner named them
            manager_key TEXT NOT NULL,     -- the same, case-folded, for lookup
            kind TEXT NOT NULL CHECK (kind IN ('checkin', 'reflection')),
            entry_id INTEGER NOT NULL,
            heading TEXT NOT NULL,         -- the commitment or question, copied when shared
            body TEXT NOT NULL,            -- the copied account as JSON
            shared TEXT NOT NULL,
            UNIQUE (kind, entry_id, manager_key)
        );
        CREATE INDEX shared_entries_manager ON shared_entries(manager_key, shared);
        """
    )


@migrations(name="issue16_reflection_role")
def issue16_reflection_role(db: Database) -> None:
    """Each reflection names the role it was about, so a journal reads as a person's own record.

    Before this a reflection kept only the gap its question spoke to; which
    contract (or pasted role) it was about was lost. Older reflections keep
    NULL: that role was not recorded.
    """
    db.executescript(
        """
        ALTER TABLE reflections ADD COLUMN role TEXT;    -- the role's title as the person saw it; NULL before
        """
    )


@migrations(name="issue15_challenges_and_ideas")
def issue15_challenges_and_ideas(db: Database) -> None:
    """Challenges published by leaders, ideas submitted to them, each idea's review history.

    An idea's grades are columns (the charts and filters read them) and its
    full Report is kept as JSON, as for contracts. `ideas.submitter` is NULL
    for an anonymous idea; every idea's author is kept only in
    `idea_authors`, a private table (`privacy.PRIVATE_TABLES`) read for the
    author's own view, so no reviewer-side query can name them. Triggers
    keep the review history append-only and `ideas_fts` (FTS5, Porter
    stemming, the same statements sqlite-utils' `enable_fts` writes) in step
    with the ideas' titles and texts.
    """
    grade = "TEXT NOT NULL CHECK ({col} IN ('specified', 'vague', 'missing'))"
    db.executescript(
        f"""
        CREATE TABLE challenges (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            question TEXT NOT NULL,
            priority TEXT NOT NULL,        -- the strategic priority's name
            level TEXT NOT NULL CHECK (level IN ('organisation', 'department', 'team')),
            unit TEXT,                     -- which department or team; NULL at organisation level
            opens TEXT NOT NULL,           -- ISO dates; open from opens to closes, both included
            closes TEXT NOT NULL CHECK (closes >= opens),
            owner TEXT NOT NULL,           -- who reviews the ideas
            published_by TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX challenges_priority ON challenges(priority);
        CREATE INDEX challenges_opens ON challenges(opens);

        CREATE TABLE ideas (
            id INTEGER PRIMARY KEY,
            challenge_id INTEGER NOT NULL REFERENCES challenges(id),
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            team TEXT,
            submitter TEXT,                -- NULL when submitted anonymously
            anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1) AND (anonymous = 0 OR submitter IS NULL)),
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'shortlisted', 'accepted', 'declined', 'parked')),
            reason TEXT,                   -- the note of the latest move to declined or parked
            ruleset_name TEXT NOT NULL,
            ruleset_version TEXT NOT NULL,
            purpose {grade.format(col="purpose")},
            discretion {grade.format(col="discretion")},
            resources {grade.format(col="resources")},
            accountability {grade.format(col="accountability")},
            line_of_sight INTEGER NOT NULL,
            score INTEGER NOT NULL,
            report_json TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE INDEX ideas_challenge ON ideas(challenge_id, status);

        CREATE TABLE idea_authors (
            idea_id INTEGER PRIMARY KEY REFERENCES ideas(id),
            author TEXT NOT NULL
        );
        CREATE INDEX idea_authors_author ON idea_authors(author);

        CREATE TABLE idea_events (
            id INTEGER PRIMARY KEY,
            idea_id INTEGER NOT NULL REFERENCES ideas(id),
            time TEXT NOT NULL,
            author TEXT NOT NULL,          -- the reviewer; 'anonymous' for an anonymous submission
            status TEXT NOT NULL,          -- the status after this event
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idea_events_idea ON idea_events(idea_id, id);
        CREATE TRIGGER idea_events_no_update BEFORE UPDATE ON idea_events
            BEGIN SELECT RAISE(ABORT, 'idea history is append-only'); END;
        CREATE TRIGGER idea_events_no_delete BEFORE DELETE ON idea_events
            BEGIN SELECT RAISE(ABORT, 'idea history is append-only'); END;

        CREATE VIRTUAL TABLE "ideas_fts" USING FTS5 (
            "title", "text",
            tokenize='porter',
            content="ideas"
        );
        CREATE TRIGGER "ideas_ai" AFTER INSERT ON "ideas" BEGIN
          INSERT INTO "ideas_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
        END;
        CREATE TRIGGER "ideas_ad" AFTER DELETE ON "ideas" BEGIN
          INSERT INTO "ideas_fts" ("ideas_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
        END;
        CREATE TRIGGER "ideas_au" AFTER UPDATE OF "title", "text" ON "ideas" BEGIN
          INSERT INTO "ideas_fts" ("ideas_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
          INSERT INTO "ideas_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
        END;
        """
    )


@migrations(name="issue14_org_profile")
def issue14_org_profile(db: Database) -> None:
    """The organisation profile (its purpose and priorities) as saved YAML, every version kept.

    The latest row is the profile in force; older rows stay so a bad save
    never loses the one before it, and HR can see who changed it when.
    """
    db.executescript(
        """
        CREATE TABLE org_profiles (
            id INTEGER PRIMARY KEY,
            yaml TEXT NOT NULL,          -- the profile as YAML (coach.org_profile validates it before saving)
            saved_by TEXT,               -- who saved it in the app, or NULL from the command line
            saved TEXT NOT NULL
        );
        """
    )


def migrate(db: Database, location: str) -> list[str]:
    """Apply pending migrations; return their names. A no-op read when up to date."""
    with translated(location):
        if not migrations.pending(db):
            return []
        # Two processes may open a new database at once: take the write lock,
        # then look again, so each migration runs exactly once, all or nothing.
        with write(db):
            pending = [m.name for m in migrations.pending(db)]
            migrations.apply(db)
    return pending


def applied(db: Database) -> list[str]:
    """Names of the migrations recorded in this database, in order."""
    return [m.name for m in migrations.applied(db)]
