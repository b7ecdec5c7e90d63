"""The curated question bank: complete, valid, and loud about a bad file.

The bank is what every user gets offline and what the LLM step falls back
to, so it must cover every meta skill for both audiences and every gap a
report can have, and each question must clear the same bar as a model's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.coaching import AUDIENCES, GAP_IDS, META_SKILLS, check_open_question, load_bank
from coach.coaching.bank import bank_dir
from coach.errors import PromptError
from coach.report import ELEMENTS

BANK = load_bank()


def test_gap_ids_are_every_gap_a_report_can_have():
    expected = {f"{e.value}:{g}" for e in ELEMENTS for g in ("missing", "vague")} | {"line_of_sight:no"}
    assert set(GAP_IDS) == expected


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("skill", META_SKILLS, ids=str)
def test_every_skill_has_six_general_questions_per_audience(skill, audience):
    general = [q for q in BANK.select(skill, audience) if not q.gaps]
    assert len(general) >= 6, f"{skill.value}/{audience}: only {len(general)} general questions"


@pytest.mark.parametrize("gap", GAP_IDS)
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("skill", META_SKILLS, ids=str)
def test_every_skill_audience_and_gap_has_a_question(skill, audience, gap):
    tied = [q.text for q in BANK.select(skill, audience) if gap in q.gaps]
    assert tied, f"no {audience} question for {skill.value} tied to gap {gap}"


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.origin)
def test_every_bank_question_passes_the_validator_a_model_reply_must_pass(question):
    assert check_open_question(question.text) == question.text


def test_no_question_is_used_twice_for_the_same_skill_and_audience():
    seen = {}
    for q in BANK.questions:
        key = (q.meta_skill, q.audience, q.text.lower())
        assert key not in seen, f"{q.origin} repeats {seen[key]}"
        seen[key] = q.origin


def test_manager_questions_speak_about_the_person_and_employee_questions_to_them():
    manager = " ".join(q.text for q in BANK.questions if q.audience == "manager").lower()
    employee = [q.text.lower() for q in BANK.questions if q.audience == "employee"]
    assert "this person" in manager
    assert all(" you" in t or t.startswith("you") for t in employee), "an employee question does not address 'you'"


# --- a bad bank file names itself ------------------------------------------------------


def _bank(tmp_path: Path, **files: str) -> Path:
    """A copy of the bundled bank with some files replaced (or added)."""
    folder = tmp_path / "questions"
    folder.mkdir()
    for path in bank_dir().glob("*.yml"):
        (folder / path.name).write_text(path.read_text())
    for name, body in files.items():
        (folder / f"{name}.yml").write_text(body)
    return folder


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            "meta_skill: proactive\nmanager:\n  - text: What could you decide alone?\n    gap: [purpose:vague]\n",
            ["unknown field", "gap"],
        ),
        ("meta_skill: proactive\nmanager:\n  - text: Do you decide alone?\n", ["manager.0.text", "yes or no"]),
        (
            "meta_skill: proactive\nmanager:\n  - text: What could you decide alone\n",
            ["manager.0.text", "end with '?'"],
        ),
        (
            "meta_skill: proactive\nmanager:\n  - text: What could you decide alone?\n    gaps: [discretion:unclear]\n",
            ["unknown gap", "discretion:unclear"],
        ),
        ("meta_skill: proactiv\n", ["meta_skill"]),
        ("meta_skill: proactive\nmanager:\n  - text: What now?\n", ["at least 4"]),
        ("meta_skill: proactive\nmanager: [\n", ["not valid YAML"]),
        ("- just a list\n", ["must be a mapping"]),
    ],
)
def test_a_bad_bank_file_is_a_prompt_error_naming_the_file_and_field(tmp_path, body, words):
    folder = _bank(tmp_path, proactive=body)
    with pytest.raises(PromptError) as err:
        load_bank(folder)
    message = str(err.value)
    assert "proactive.yml" in message
    for word in words:
        assert word in message


def test_a_meta_skill_in_two_files_is_an_error(tmp_path):
    folder = _bank(tmp_path, extra="meta_skill: learning\nmanager:\n  - text: What did you learn this week?\n")
    with pytest.raises(PromptError) as err:
        load_bank(folder)
    assert "meta skill 'learning' is already in" in str(err.value)
    assert "extra.yml" in str(err.value) and "learning.yml" in str(err.value)


def test_a_question_listed_twice_is_an_error(tmp_path):
    twice = "meta_skill: proactive\nemployee:\n  - text: What problem do you see coming?\n  - text: what problem do you see coming?\n"
    with pytest.raises(PromptError, match=r"proactive.yml: employee.1: repeats employee.0"):
        load_bank(_bank(tmp_path, proactive=twice))


def test_a_missing_meta_skill_is_an_error(tmp_path):
    folder = _bank(tmp_path)
    (folder / "learning.yml").unlink()
    with pytest.raises(PromptError, match=r"no question bank file for meta skill.*learning"):
        load_bank(folder)
