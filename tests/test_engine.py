"""What the engine promises about a report, in the product's words (ELEMENTS.md)."""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import EXAMPLES

import coach
from coach.report import ELEMENTS, Grade, Report, score

STRONG = """\
# Release Lead

This role exists to make sure every quarterly release ships on the planned date.
It is key to our strategy of winning enterprise customers on reliability.

You have the final say on which changes enter the release after feature freeze.
You lead a team of four release engineers and have a budget of £20,000 for test tooling.
You report release health to the Head of Engineering every month.
"""


def grades(text: str) -> dict[str, str]:
    report = coach.check(text)
    return {e.value: r.grade.value for e, r in report.elements.items()}


def test_a_complete_contract_is_specified_everywhere_and_not_flagged() -> None:
    report = coach.check(STRONG)
    assert {e.value: g.value for e, g in report.grades.items()} == dict.fromkeys(
        ["purpose", "discretion", "resources", "accountability"], "specified"
    )
    assert report.line_of_sight.present
    assert not report.flagged
    assert report.score == 100
    assert report.findings == []


def test_nothing_about_an_element_is_missing() -> None:
    assert grades("We are a friendly company in the city centre.")["discretion"] == "missing"


@pytest.mark.parametrize(
    ("sentence", "element", "grade"),
    [
        ("You'll have lots of autonomy and freedom to shape the role.", "discretion", "vague"),
        ("You can approve spend up to £5,000 without asking.", "discretion", "specified"),
        ("Liaisons do not make decisions on behalf of the committee.", "discretion", "specified"),
        ("The coordinator has no authority to change scope.", "discretion", "specified"),
        ("You'll have all the tools you need to succeed.", "resources", "vague"),
        ("Work closely with product and marketing.", "resources", "vague"),
        ("You will lead a team of six engineers.", "resources", "specified"),
        ("The role takes about 10 hours a week.", "resources", "specified"),
        ("Competitive salary of $90,000 and health insurance.", "resources", "missing"),
        ("Reports to the Director of Operations.", "accountability", "vague"),
        ("Success is measured by retention of community members.", "accountability", "specified"),
        ("You review progress with the COO every quarter.", "accountability", "specified"),
        ("Help the CEO with scheduling and logistics.", "purpose", "vague"),
        ("You own the reliability of our payments platform.", "purpose", "specified"),
    ],
)
def test_one_sentence_per_grade(sentence: str, element: str, grade: str) -> None:
    assert grades(sentence)[element] == grade


def test_negated_cue_is_read_as_a_stated_limit() -> None:
    report = coach.check("The treasurer has no budget authority and does not make spending decisions.")
    discretion = report.elements[coach.Element.discretion]
    assert discretion.grade == Grade.specified
    assert any("stated limit" in e.note for e in discretion.evidence)
    # "no budget" is not a budget at the holder's disposal
    assert report.grade("resources") != Grade.specified


def test_items_under_a_success_heading_are_accountability() -> None:
    text = "# Role\n\n## What success looks like\n- Customers tell us onboarding was easy.\n"
    evidence = coach.check(text).elements[coach.Element.accountability].evidence
    assert [e.rule for e in evidence] == ["accountability.success-section"]


def test_items_under_responsibilities_are_duties_not_accountability() -> None:
    text = "# Role\n\n## Responsibilities\n- Be accountable for the support queue.\n- Keep the help centre tidy.\n"
    assert coach.check(text).grade("accountability") != Grade.specified


def test_tools_asked_of_the_candidate_are_not_resources() -> None:
    text = "# Analyst\n\n## About you\n- Experience with Tableau dashboards and SQL.\n"
    assert coach.check(text).grade("resources") != Grade.specified


def test_evidence_offsets_point_at_the_original_text() -> None:
    report = coach.check(STRONG)
    for result in report.elements.values():
        for ev in result.evidence:
            assert STRONG[ev.start : ev.end] == ev.text
            assert STRONG[ev.match.start : ev.match.end] == ev.match.text
            assert ev.start <= ev.match.start <= ev.match.end <= ev.end


def test_every_gap_gets_why_and_fix_and_specified_gets_no_fix() -> None:
    report = coach.check("Help the team where needed. Other duties as assigned.")
    for result in report.elements.values():
        assert result.why
        assert (result.fix is None) == (result.grade == Grade.specified)
    assert report.line_of_sight.fix


def test_vague_phrases_are_reported_with_span_and_suggestion() -> None:
    text = "Support the team where needed, etc. Other duties as assigned."
    phrases = coach.check(text).vague_phrases
    found = {p.text.lower() for p in phrases}
    assert {"where needed", "other duties as assigned", "etc."} <= found
    for p in phrases:
        assert text[p.start : p.end] == p.text and p.suggestion


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("You own the reliability of our payments platform.", "cross.outcome-without-authority"),
        ("You decide which courses the team takes.", "cross.authority-without-resources"),
        ("You own the reliability of our payments platform.", "cross.outcome-without-measure"),
    ],
)
def test_cross_element_findings(text: str, finding: str) -> None:
    assert finding in {f.rule for f in coach.check(text).findings}


def test_score_follows_the_documented_formula() -> None:
    report = coach.check("Help the team where needed.")
    assert report.score == score(report.grades, report.line_of_sight.present)
    assert score(dict.fromkeys(ELEMENTS, Grade.missing), False) == 0
    assert score(dict.fromkeys(ELEMENTS, Grade.vague), True) == 55


def test_same_text_same_report() -> None:
    first = coach.check(STRONG).model_dump_json()
    assert all(coach.check(STRONG).model_dump_json() == first for _ in range(3))


def test_report_carries_ruleset_and_input_hash_and_round_trips_as_json() -> None:
    report = coach.check(STRONG)
    assert report.ruleset.name == "coach-core" and report.ruleset.version
    assert report.input_sha256 == hashlib.sha256(STRONG.encode()).hexdigest()
    assert Report.model_validate_json(report.model_dump_json()) == report
    data = json.loads(report.model_dump_json())
    assert data["schema_version"] == "2"
    assert set(data["elements"]) == {"purpose", "discretion", "resources", "accountability"}


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_assess_is_the_report_in_its_json_shape_and_the_text_format_reads_either(name: str) -> None:
    """`assess()` (no pydantic, for the terminal) and `check()` (the Report) say exactly the same."""
    from coach.engine import assess
    from coach.formats.text_format import render

    text = (EXAMPLES / name).read_text()
    plain = assess(text)
    assert json.loads(json.dumps(plain)) == json.loads(coach.check(text).model_dump_json())
    assert render([plain]) == render([coach.check(text)])


def test_gaps_name_each_element_below_specified_and_missing_line_of_sight() -> None:
    report = coach.check("Help the team where needed.")
    assert "line_of_sight:no" in report.gaps
    assert all(
        g.split(":")[0] in {"purpose", "discretion", "resources", "accountability", "line_of_sight"}
        for g in report.gaps
    )


def test_a_one_megabyte_description_is_checked() -> None:
    text = (STRONG + "\n") * (1_000_000 // len(STRONG))
    report = coach.check(text)
    assert len(report.elements) == 4


def test_only_the_first_purpose_claim_is_marked_as_the_opening_one() -> None:
    """Role descriptions say what a role is for before its duties: the first claim carries that mark."""
    from coach.engine import compiled, trace
    from coach.engine.features import FIRST_CLAIM, features_of

    text = (
        "You own the reliability of the booking platform.\n\n"
        "## Duties\n\n"
        "- Make sure every incident gets a written review.\n"
        "- Ensure the on-call rota is published a month ahead.\n"
    )
    tables = compiled()
    units = features_of(trace(text, tables), tables)
    marked = [text[u.unit.start : u.unit.end] for u in units["purpose"] if FIRST_CLAIM in u.features]
    assert marked == ["You own the reliability of the booking platform."]
    assert all(FIRST_CLAIM not in u.features for el, us in units.items() if el != "purpose" for u in us)
