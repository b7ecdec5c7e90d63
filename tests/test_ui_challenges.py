"""The Challenges page under AppTest: publish → submit (clarity check, fixes) → review → the submitter sees the outcome.

The people are real sign-ins (OIDC configured): a leader named in the
config's `leaders` list publishes, an employee submits anonymously, the
challenge's owner reviews, and the employee reads the reason on My ideas.
The owner never sees the employee's name.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from ui_helpers import HR_EMAIL, local_app, signed_in_app, texts

from coach.store import open_store

LEADER = "lina.lead@example.com"
OWNER = "olu.owner@example.com"
EMPLOYEE = "eve.employee@example.com"
PAGE = "views/challenges.py"
# Our own example ideas: one that says almost nothing, one that states all four.
THIN_IDEA = "We could try a new tool for the team. It would improve how we work."
CLEAR_IDEA = (
    "Switching the depot to reusable crates would cut cardboard waste by half. "
    "The depot manager would need to approve the new crates. "
    "It needs a £3,000 pilot budget and two weeks of one driver's time. "
    "We would know it worked if we bought 50% less cardboard by June. "
    "This supports our priority of cutting our carbon footprint."
)


@pytest.fixture
def people(app_env, tmp_path):
    """The app config with HR and a leader; returns the database path."""
    (tmp_path / "config.toml").write_text(f'[access]\nhr = ["{HR_EMAIL}"]\nleaders = ["{LEADER}"]\n', encoding="utf-8")
    return app_env


def _open_page(email: str):
    at = signed_in_app(email)
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    return at


def _tab(at, name: str):
    tabs = at.tabs
    at.session_state["challenges_tabs"] = name
    at.run()
    assert not at.exception
    return tabs


def _publish(at, **fields):
    for key, value in fields.items():
        if key in ("level",):
            at.selectbox(key="publish_level").set_value(value)
        elif key in ("opens", "closes"):
            at.date_input(key=f"publish_{key}").set_value(value)
        elif key == "question":
            at.text_area(key="publish_question").input(value)
        else:
            at.text_input(key=f"publish_{key}").input(value)
    at.button(key="publish_submit").click()
    at.run()
    assert not at.exception


def _fill_idea(at, cid: int, title: str, text: str, *, anonymous: bool = False, team: str = ""):
    at.text_input(key=f"idea_title_{cid}").input(title)
    at.text_area(key=f"idea_text_{cid}").input(text)
    at.text_input(key=f"idea_team_{cid}").input(team)
    if anonymous:
        at.checkbox(key=f"idea_anonymous_{cid}").check()
    at.run()


def test_publish_submit_review_and_the_submitter_sees_why(people):
    today = date.today()
    # 1. A leader publishes a challenge owned by someone else.
    at = _open_page(LEADER)
    _tab(at, "Publish")
    _publish(
        at, title="Less waste at the depots", question="How could we halve what our depots throw away?",
        priority="Net zero by 2030", level="department", unit="Logistics",
        opens=today - timedelta(days=1), closes=today + timedelta(days=20), owner=OWNER,
    )  # fmt: skip
    assert any("is published" in t for t in texts(at.success)), texts(at.error)
    with open_store(people) as store:
        (challenge,) = store.challenges()
    cid = challenge.id

    # 2. An employee opens it, checks a thin idea: fixes shown, nothing submitted yet.
    at = _open_page(EMPLOYEE)
    assert "Publish" not in [t.label for t in at.tabs]  # not a leader
    at.selectbox(key="challenges_open").set_value(cid)
    at.run()
    _fill_idea(at, cid, "A new tool", THIN_IDEA)
    assert at.button(key=f"idea_submit_{cid}").disabled  # the fixes come first
    at.button(key=f"idea_check_{cid}").click()
    at.run()
    shown = " ".join(m.value for m in at.markdown)
    assert "Fix:" in shown and "would change" in shown
    assert not at.button(key=f"idea_submit_{cid}").disabled

    # ... rewrites it with the fixes, checks again and submits anonymously.
    _fill_idea(at, cid, "Reusable crates", CLEAR_IDEA, anonymous=True, team="Depot North")
    assert any("Reviewers still see the team you give" in c.value for c in at.caption)  # a team can name you
    assert at.button(key=f"idea_submit_{cid}").disabled  # the text changed since the check
    at.button(key=f"idea_check_{cid}").click()
    at.run()
    assert "Fix:" not in " ".join(m.value for m in at.markdown)
    at.button(key=f"idea_submit_{cid}").click()
    at.run()
    assert any("submitted anonymously" in t for t in texts(at.success))
    assert at.text_area(key=f"idea_text_{cid}").value == ""  # the form is ready for the next idea

    # 3. The owner reviews: the idea shows as anonymous, parking it needs a reason.
    at = _open_page(OWNER)
    at.selectbox(key="challenges_open").set_value(cid)
    at.run()
    at.text_input(key=f"idea_review_search_{cid}").input("bicycles")
    at.run()
    assert not at.dataframe  # full-text search over the ideas: nothing about bicycles
    at.text_input(key=f"idea_review_search_{cid}").input("crate")  # stemmed: finds "crates"
    at.run()
    (table,) = at.dataframe
    assert list(table.value["submitted by"]) == ["anonymous"]
    assert EMPLOYEE not in repr(at)
    idea_id = int(table.value["id"][0])
    at.selectbox(key=f"idea_review_open_{cid}").set_value(idea_id)
    at.run()
    at.selectbox(key=f"idea_review_status_{idea_id}_new").set_value("parked")
    at.button(key=f"idea_review_save_{idea_id}").click()
    at.run()
    assert any("say why the idea is parked" in t for t in texts(at.error))
    at.selectbox(key=f"idea_review_status_{idea_id}_new").set_value("parked")
    at.text_input(key=f"idea_review_note_{idea_id}_new").input("Not before the crate supplier contract ends in March.")
    at.button(key=f"idea_review_save_{idea_id}").click()
    at.run()
    assert any("is now parked" in t for t in texts(at.success))
    assert at.selectbox(key=f"idea_review_status_{idea_id}_parked").options == ["shortlisted", "declined"]

    # 4. The employee sees the outcome and the reason on My ideas.
    at = _open_page(EMPLOYEE)
    _tab(at, "My ideas")
    shown = " ".join(m.value for m in at.markdown)
    assert "Reusable crates" in shown
    assert "crate supplier contract ends in March" in shown.replace("\\", "")
    assert "anonymous to reviewers" in shown


def test_bad_challenges_are_refused_beside_the_form_and_what_was_typed_stays(people):
    at = _open_page(LEADER)
    _tab(at, "Publish")
    today = date.today()
    _publish(
        at, title="Faster month end", question="How could we close the books in three days?",
        priority="Cash", level="organisation", opens=today + timedelta(days=5), closes=today,
    )  # fmt: skip
    assert any("closes" in t and "before it opens" in t for t in texts(at.error))
    assert at.text_input(key="publish_title").value == "Faster month end"
    with open_store(people) as store:
        assert store.challenges() == []


def test_a_closed_challenge_takes_no_idea_and_shows_its_outcome(people):
    today = date.today()
    with open_store(people) as store:
        store.publish_challenge(
            {"title": "Quieter offices", "question": "How could we cut noise?", "priority": "Wellbeing",
                 "level": "team", "unit": "Support", "opens": today - timedelta(days=30), "closes": today - timedelta(days=1),
                 "owner": OWNER},
            by=LEADER,
        )  # fmt: skip
    at = _open_page(EMPLOYEE)
    at.selectbox(key="challenges_open").set_value(1)
    at.run()
    assert not [b for b in at.button if b.key and b.key.startswith("idea_submit")]
    assert any("Outcome." in m.value for m in at.markdown)


def test_the_page_opens_in_local_mode_with_publish_for_the_one_user(app_env):
    at = local_app()
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Challenges", "My ideas", "Publish"]
    assert any("No challenges are published yet." in t for t in texts(at.info))


# --- the plain pieces AppTest cannot see: chart data, rows, the leaders list ------------------


def test_chart_points_count_ideas_per_challenge_by_status_and_team_and_per_priority():
    from coach_ui import challenge_charts, challenge_tables

    from coach.store.challenge_models import IdeaCount, PriorityCount

    counts = [
        IdeaCount(challenge_id=1, challenge_title="Less waste", status="new", team="North", ideas=2),
        IdeaCount(challenge_id=1, challenge_title="Less waste", status="new", team=None, ideas=1),
        IdeaCount(challenge_id=1, challenge_title="Less waste", status="parked", team="North", ideas=1),
    ]
    assert challenge_tables.status_points(counts) == [
        {"challenge": "#1 Less waste", "status": "new", "ideas": 3},
        {"challenge": "#1 Less waste", "status": "parked", "ideas": 1},
    ]
    assert challenge_tables.team_points(counts) == [
        {"challenge": "#1 Less waste", "team": "North", "ideas": 3},
        {"challenge": "#1 Less waste", "team": "no team", "ideas": 1},
    ]
    priorities = challenge_tables.priority_points([PriorityCount(priority="Net zero", challenges=2, ideas=5)])
    assert priorities == [
        {"priority": "Net zero", "what": "challenges", "count": 2},
        {"priority": "Net zero", "what": "ideas", "count": 5},
    ]
    spec = challenge_charts.ideas_by_chart(challenge_tables.status_points(counts), "status").to_dict()
    assert spec["encoding"]["color"]["field"] == "status" and spec["data"]["values"][0]["ideas"] == 3
    assert challenge_charts.priorities_chart(priorities).to_dict()["encoding"]["row"]["field"] == "priority"


def test_leaders_in_the_config_may_publish_and_a_bad_leaders_list_is_one_clear_message(tmp_path):
    from coach_ui.users import load_config, resolve

    from coach.errors import CoachError

    path = tmp_path / "config.toml"
    path.write_text(f'[access]\nhr = ["{HR_EMAIL}"]\nleaders = ["{LEADER.upper()}"]\n', encoding="utf-8")
    config = load_config(path)

    def who(email):
        return resolve({"is_logged_in": True, "email": email}, login=True, config=config, local_name="x")

    assert (who(LEADER).is_leader, who(LEADER).is_hr) == (True, False)
    assert who(HR_EMAIL).is_leader  # HR may publish too
    assert not who(EMPLOYEE).is_leader
    path.write_text('[access]\nleaders = "cfo@example.com"\n', encoding="utf-8")
    with pytest.raises(CoachError, match="leaders must be a list"):
        load_config(path)


def test_reviewer_rows_never_name_an_anonymous_submitter():
    from coach_ui import challenge_tables

    with open_store(":memory:") as store:
        today = date.today()
        store.publish_challenge(
            {"title": "Less waste", "question": "How?", "priority": "Net zero", "level": "organisation",
             "opens": today, "closes": today, "owner": OWNER},
            by=LEADER,
        )  # fmt: skip
        store.submit_idea(1, "Crates", CLEAR_IDEA, author=EMPLOYEE, anonymous=True, team="North")
        rows = challenge_tables.idea_rows(store.challenge_ideas(1, users_actor(OWNER)))
    assert [(r["title"], r["submitted by"], r["team"], r["gaps"]) for r in rows] == [
        ("Crates", "anonymous", "North", "none")
    ]


def users_actor(name: str):
    from coach.store import Actor

    return Actor(name=name)
