"""Line of sight against an organisation profile: the ties the engine finds, the chain, the fix.

Every text here was written for these tests against the small profile below
(a made-up city library service); none is corpus-like.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import coach
from coach.errors import ProfileError
from coach.org_profile import dump_profile, parse_profile

PROFILE = parse_profile(
    """
name: City Libraries
purpose: Everyone in the city can read, learn and get online for free.
priorities:
  - name: Every child reads by eight
    sentence: Children leave primary school reading confidently.
    key_results: [Reading scores of 8-year-olds up 10% by 2027]
    key_words: [early reading, reading groups]
  - name: Get every resident online
    sentence: Residents without the internet at home can get online at a library.
    key_results: ["2,000 digital skills sessions a year"]
    key_words: [digital skills, public computers]
teams:
  - name: Outreach
    priorities:
      - name: Reach the housing estates
        sentence: Take the library to the estates that have none.
        serves: Every child reads by eight
        key_words: [mobile library, estates]
""",
    "test profile",
)

TIES = [
    # (what it shows, role text, team, priorities it ties to)
    (
        "ties in plain words",
        "You run our reading groups for children under eight in the east branches.",
        None,
        {"Every child reads by eight"},
    ),
    (
        "ties through a key result",
        "You teach digital skills sessions to residents at the central library.",
        None,
        {"Get every resident online"},
    ),
    (
        "a team priority through its key words",
        "You drive the mobile library around the estates four days a week.",
        "Outreach",
        {"Reach the housing estates"},
    ),
    (
        "no tie",
        "You keep the branch accounts and pay the cleaning contractor each month.",
        None,
        set(),
    ),
    (
        "a mission blurb that is not tied to the role",
        "We are a library service that wants every child reading by eight and every resident online.\n\n"
        "Facilities Assistant\n\nYou unlock the building, check the fire alarms and order supplies.",
        None,
        set(),
    ),
]


@pytest.mark.parametrize(("what", "text", "team", "priorities"), TIES, ids=[t[0] for t in TIES])
def test_ties(what: str, text: str, team: str | None, priorities: set[str]) -> None:
    los = coach.check(text, profile=PROFILE, team=team).line_of_sight
    assert {t.priority for t in los.ties or []} == priorities, what
    for tie in los.ties or []:
        assert text[tie.evidence.start : tie.evidence.end] == tie.evidence.text
        assert tie.words, "a tie names the words that made it"


def test_the_chain_runs_from_the_role_through_the_team_to_the_purpose() -> None:
    text = "You drive the mobile library around the estates four days a week."
    chain = coach.check(text, profile=PROFILE, team="Outreach").line_of_sight.chain
    assert [(link.level, link.name) for link in chain or []] == [
        ("role", "This role"),
        ("team", "Reach the housing estates"),
        ("organisation", "Every child reads by eight"),
        ("purpose", "City Libraries"),
    ]


def test_with_no_tie_the_fix_names_the_profiles_priorities() -> None:
    los = coach.check("You keep the branch accounts.", profile=PROFILE, team="Outreach").line_of_sight
    assert not los.present and los.chain == []
    assert los.fix is not None and los.fix.startswith(
        "Say which of these your outcome serves: Reach the housing estates · Every child reads by eight · "
    )


def test_a_tie_is_line_of_sight_and_counts_in_the_score() -> None:
    text = "You run our reading groups for children under eight in the east branches."
    without, with_profile = coach.check(text), coach.check(text, profile=PROFILE)
    assert with_profile.line_of_sight.present
    assert with_profile.score == without.score + (0 if without.line_of_sight.present else 10)


def test_without_a_profile_the_report_has_no_ties_or_chain() -> None:
    data = json.loads(coach.check("You run our reading groups.").model_dump_json())
    assert set(data["line_of_sight"]) == {"present", "evidence", "decision", "why", "fix"}


def test_the_json_report_carries_ties_and_chain() -> None:
    text = "You teach digital skills sessions to residents at the central library."
    data = json.loads(coach.check(text, profile=PROFILE).model_dump_json())
    tie = data["line_of_sight"]["ties"][0]
    assert {"priority", "level", "evidence"} <= set(tie)
    assert tie["level"] == "organisation"
    assert data["line_of_sight"]["chain"][-1] == {
        "level": "purpose",
        "name": "City Libraries",
        "owner": None,
        "text": PROFILE.purpose,
    }


def test_a_profile_round_trips_through_yaml() -> None:
    assert parse_profile(dump_profile(PROFILE)) == PROFILE


BAD = [
    ("unknown field", "purpose: x\npriorities: [{name: A, colour: red}]", "unknown field 'colour'"),
    ("empty purpose", "purpose: '  '\npriorities: [{name: A}]", "purpose: the organisation's purpose is empty"),
    ("duplicate names", "purpose: x\npriorities: [{name: A}, {name: a}]", "priorities.1.name: duplicate priority name"),
    (
        "a team serving a priority that does not exist",
        "purpose: x\npriorities: [{name: A}]\nteams: [{name: T, priorities: [{name: B, serves: Z}]}]",
        "teams.0.priorities.0.serves: 'Z' is not a priority of the organisation (use one of: A)",
    ),
    ("not YAML", "purpose: [x", "not valid YAML"),
    ("not a mapping", "- a list", "must be a mapping"),
]


@pytest.mark.parametrize(("what", "text", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_profile_is_one_line_naming_the_file_and_field(what: str, text: str, message: str) -> None:
    with pytest.raises(ProfileError) as err:
        parse_profile(text, "org.yml")
    assert str(err.value).startswith("org.yml"), what
    assert message in str(err.value) and "\n" not in str(err.value)


def test_the_bundled_profile_fits_the_bundled_examples(examples_dir: Path) -> None:
    from coach.org_profile import load_profile

    profile = load_profile(examples_dir.parent / "profiles" / "example-org.yml")
    release = coach.check((examples_dir / "strong-release-lead.md").read_text(), profile=profile, team="Platform")
    assert "Release health" in {t.priority for t in release.line_of_sight.ties or []}


def test_the_labelled_tie_set_meets_its_targets() -> None:
    from coach.evaluation.tie_scores import load_tie_set, score_ties

    scores = score_ties(*load_tie_set(Path(__file__).resolve().parent.parent / "benchmarks" / "ties"))
    assert scores.cases >= 20
    assert scores.precision >= 0.85 and scores.recall >= 0.85, scores.misses


def test_assess_and_check_say_the_same_with_a_profile() -> None:
    from coach.engine import assess
    from coach.formats.text_format import render

    text = "You drive the mobile library around the estates four days a week."
    plain = assess(text, profile=PROFILE, team="Outreach")
    report = coach.check(text, profile=PROFILE, team="Outreach")
    assert json.loads(json.dumps(plain)) == json.loads(report.model_dump_json())
    assert render([plain]) == render([report])
