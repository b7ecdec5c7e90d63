"""Challenges and ideas in the store: publishing, submitting while open, the review path, counts and search.

Grades come from made-to-order reports (`store_helpers.report_for`) where a
test is about storage, so they do not depend on how the idea rules are
tuned; `tests/test_idea_pack.py` covers the grading itself.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_helpers import report_for

from coach.errors import InputError, NotFoundError
from coach.store import Actor, NotAllowedError, open_store
from coach.store.challenging import check_priority

TODAY = date(2026, 12, 2)
OWNER = Actor(name="olu@example.com")
HR = Actor(name="hr@example.com", is_hr=True)
IDEA = "Reusable crates would cut our cardboard waste by half within a year."


def fields(**changes):
    return {
        "title": "Less waste", "question": "How could we halve what we throw away?", "priority": "Net zero",
        "level": "department", "unit": "Logistics", "opens": TODAY - timedelta(days=10),
        "closes": TODAY + timedelta(days=10), "owner": OWNER.name,
    } | changes  # fmt: skip


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        yield store


def submit(store, cid=1, title="Reusable crates", text=IDEA, **kwargs):
    kwargs.setdefault("author", "ana@example.com")
    kwargs.setdefault("report", report_for(text, {"accountability": "missing"}, line_of_sight=False))
    return store.submit_idea(cid, title, text, today=TODAY, **kwargs)


def test_a_new_database_records_the_migration_by_name(store):
    assert "issue15_challenges_and_ideas" in store.applied_migrations()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes": TODAY - timedelta(days=11)}, "closes .* before it opens"),
        ({"title": "  "}, "needs a title"),
        ({"title": "x" * 121}, "keep it to 120"),
        ({"question": ""}, "needs a question"),
        ({"priority": ""}, "needs a strategic priority"),
        ({"level": "galaxy"}, "level: Input should be 'organisation', 'department' or 'team'"),
        ({"unit": None}, "say which department"),
        ({"level": "organisation"}, "organisation-wide challenge is for no single"),
        ({"opens": "next week"}, "opens: .*YYYY-MM-DD"),
        ({"owner": ""}, "needs an owner"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_challenge_that_cannot_work_is_refused_with_what_to_fix_and_nothing_is_stored(store, changes, message):
    with pytest.raises(InputError, match=message):
        store.publish_challenge(fields(**changes), by="lead@example.com")
    assert store.challenges() == []


PROFILE = """
name: Greenway Care
purpose: Every person we care for lives well at home.
priorities:
  - name: Net zero
    sentence: Halve our carbon emissions by 2030.
  - name: Faster care
    sentence: Start every new care plan within two days.
"""


def test_an_unknown_priority_is_refused_once_the_organisation_profile_lists_priorities(store):
    assert store.known_priorities() is None  # no profile saved yet: any name is accepted
    store.save_org_profile(PROFILE, by="hr@example.com")
    assert store.known_priorities() == ["Net zero", "Faster care"]
    with pytest.raises(InputError, match=r"unknown strategic priority 'World peace'.*Net zero, Faster care"):
        store.publish_challenge(fields(priority="World peace"), by="lead@example.com")
    assert store.publish_challenge(fields(priority="net zero"), by="lead@example.com").priority == "net zero"


@pytest.mark.parametrize(
    ("priority", "known", "ok"),
    [
        ("Net zero", None, True),
        ("Net zero", ["net ZERO"], True),
        ("Net zero", [], False),
        ("Cash", ["Net zero"], False),
    ],
)
def test_check_priority_accepts_any_name_without_a_profile_and_only_listed_ones_with_one(priority, known, ok):
    if ok:
        check_priority(priority, known)
    else:
        with pytest.raises(InputError, match="unknown strategic priority"):
            check_priority(priority, known)


def test_challenges_list_open_first_newest_first_then_upcoming_then_closed_and_filter(store):
    by = "lead@example.com"
    store.publish_challenge(fields(title="Old open", opens=TODAY - timedelta(days=20)), by=by)
    store.publish_challenge(
        fields(title="Closed", opens=TODAY - timedelta(days=40), closes=TODAY - timedelta(days=1)), by=by
    )
    store.publish_challenge(
        fields(title="New open", opens=TODAY, priority="Faster care", level="organisation", unit=None), by=by
    )
    store.publish_challenge(fields(title="Upcoming", opens=TODAY + timedelta(days=3)), by=by)

    assert [c.title for c in store.challenges(today=TODAY)] == ["New open", "Old open", "Upcoming", "Closed"]
    assert [c.title for c in store.challenges(state="open", today=TODAY)] == ["New open", "Old open"]
    assert [c.title for c in store.challenges(priority="faster care", today=TODAY)] == ["New open"]
    assert [c.title for c in store.challenges(level="organisation", today=TODAY)] == ["New open"]
    assert store.challenge_priorities() == ["Faster care", "Net zero"]
    with pytest.raises(InputError, match="unknown level"):
        store.challenges(level="planet")


@pytest.mark.parametrize(
    ("opens", "closes", "state"),
    [
        (TODAY, TODAY, "open"),  # both days included
        (TODAY - timedelta(days=5), TODAY - timedelta(days=1), "closed"),
        (TODAY + timedelta(days=1), TODAY + timedelta(days=5), "upcoming"),
    ],
)
def test_ideas_are_taken_only_while_a_challenge_is_open(store, opens, closes, state):
    challenge = store.publish_challenge(fields(opens=opens, closes=closes), by="lead@example.com")
    assert challenge.state(TODAY) == state
    if state == "open":
        assert submit(store).idea.status == "new"
    else:
        with pytest.raises(InputError, match="takes no ideas now; keep your text"):
            submit(store)
        assert store.idea_counts() == []


@pytest.mark.parametrize(
    ("title", "text", "message"),
    [
        ("Crates", "", "the idea is empty"),
        ("Crates", "   \n ", "the idea is empty"),
        ("Crates", "Fewer boxes.", "fewer than 5 words"),
        ("Crates", "word " * 1000, "keep it to 4,000"),
        ("", IDEA, "short title"),
    ],
)
def test_an_idea_that_cannot_be_read_is_refused_and_nothing_is_stored(store, title, text, message):
    store.publish_challenge(fields(), by="lead@example.com")
    with pytest.raises(InputError, match=message):
        store.submit_idea(1, title, text, author="ana@example.com", today=TODAY)
    assert store.my_ideas("ana@example.com") == []


def test_an_idea_is_graded_by_the_idea_pack_when_no_report_is_given(store):
    store.publish_challenge(fields(), by="lead@example.com")
    mine = store.submit_idea(1, "Crates", IDEA, author="ana@example.com", today=TODAY)
    assert store.idea_report(mine.idea.id, HR).ruleset.name == "coach-ideas"


# The review path: each row is a sequence of moves and what the last one gives.
MOVES = [
    (["shortlisted", "accepted"], "accepted"),
    (["declined"], "declined"),
    (["parked", "shortlisted", "accepted"], "accepted"),
    (["accepted"], "idea 1 is new; it can move to shortlisted, declined, parked, not accepted"),
    (["declined", "shortlisted"], "idea 1 is declined; that decision is final"),
    (["shortlisted", "accepted", "parked"], "idea 1 is accepted; that decision is final"),
    (["new"], "idea 1 is new; it can move to"),
]


@pytest.mark.parametrize(("moves", "outcome"), MOVES)
def test_the_owner_moves_an_idea_through_new_shortlisted_then_accepted_declined_or_parked(store, moves, outcome):
    store.publish_challenge(fields(), by="lead@example.com")
    submit(store)
    try:
        for status in moves:
            idea = store.review_idea(1, status, OWNER, "because")
    except InputError as e:
        assert outcome in str(e)
    else:
        assert idea.status == outcome
        assert [e.status for e in store.idea_history(1, OWNER)] == ["new", *moves]


def test_declining_or_parking_needs_a_reason_which_the_submitter_sees(store):
    store.publish_challenge(fields(), by="lead@example.com")
    submit(store)
    for status in ("declined", "parked"):
        with pytest.raises(InputError, match=f"say why the idea is {status}"):
            store.review_idea(1, status, OWNER, "  ")
    store.review_idea(1, "parked", OWNER, "Not until the supplier contract ends.")
    store.review_idea(1, "shortlisted", OWNER, "Contract ended early.")
    (mine,) = store.my_ideas("ana@example.com")
    assert mine.idea.status == "shortlisted" and mine.idea.reason is None  # a reason belongs to a decline or parking
    assert [(e.status, e.note) for e in mine.events][1:] == [
        ("parked", "Not until the supplier contract ends."),
        ("shortlisted", "Contract ended early."),
    ]


def test_only_the_owner_and_hr_see_and_review_a_challenges_ideas(store):
    store.publish_challenge(fields(), by="lead@example.com")
    submit(store)
    other = Actor(name="bo@example.com")
    for call in (
        lambda: store.challenge_ideas(1, other),
        lambda: store.review_idea(1, "shortlisted", other, ""),
        lambda: store.idea_history(1, other),
        lambda: store.idea_report(1, other),
    ):
        with pytest.raises(NotAllowedError, match=r"olu@example\.com"):
            call()
    assert store.search_ideas("crates", other) == []  # search covers only challenges one owns
    assert [i.title for i in store.search_ideas("crate", OWNER)] == ["Reusable crates"]  # stemmed
    assert [i.title for i in store.challenge_ideas(1, Actor(name="OLU@example.com"))] == ["Reusable crates"]
    assert store.review_idea(1, "shortlisted", HR, "").status == "shortlisted"


def test_search_takes_what_people_type(store):
    store.publish_challenge(fields(), by="lead@example.com")
    submit(store)
    for query in ('"crates', "AND OR", "crates*", "-", "\x00crates"):
        store.search_ideas(query, HR)  # no FTS syntax error
    assert store.search_ideas("   ", HR) == []


def test_counts_per_challenge_status_team_and_per_priority(store):
    store.publish_challenge(fields(), by="lead@example.com")
    store.publish_challenge(fields(title="Quiet offices", priority="Wellbeing"), by="lead@example.com")
    store.publish_challenge(fields(title="Cleaner air", priority="Net zero"), by="lead@example.com")
    submit(store, team="North")
    submit(store, title="Shared vans", team="North")
    submit(store, title="Bike racks", team=None)
    submit(store, cid=2, title="Phone booths", team="South")
    store.review_idea(2, "shortlisted", OWNER, "")

    assert [(c.challenge_id, c.status, c.team, c.ideas) for c in store.idea_counts()] == [
        (1, "new", None, 1), (1, "new", "North", 1), (1, "shortlisted", "North", 1), (2, "new", "South", 1),
    ]  # fmt: skip
    assert [(p.priority, p.challenges, p.ideas) for p in store.priority_counts()] == [
        ("Net zero", 2, 3),
        ("Wellbeing", 1, 1),
    ]
    assert store.get_challenge(1).by_status == {"new": 2, "shortlisted": 1}


def test_a_missing_challenge_or_idea_is_a_clear_not_found(store):
    with pytest.raises(NotFoundError, match="no challenge 7"):
        store.get_challenge(7)
    store.publish_challenge(fields(), by="lead@example.com")
    with pytest.raises(NotFoundError, match="no idea 9"):
        store.review_idea(9, "shortlisted", HR, "")


def test_the_idea_history_is_append_only_in_the_database(tmp_path):
    import sqlite3

    with open_store(tmp_path / "c.db") as store:
        store.publish_challenge(fields(), by="lead@example.com")
        submit(store)
    with sqlite3.connect(tmp_path / "c.db") as raw:
        for sql in ("UPDATE idea_events SET note = 'x'", "DELETE FROM idea_events"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                raw.execute(sql)
