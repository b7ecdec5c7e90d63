"""What counts as a coaching question: one validator for the bank and for every model reply."""

from __future__ import annotations

import json

import pytest
from coaching_helpers import reply_json
from pydantic import ValidationError

from coach.coaching import QuestionDraft, check_open_question
from coach.coaching.questions import Question

OPEN = [
    "What could this person decide on their own next quarter without asking you?",
    "Where have you waited for permission this month that you did not need?",
    "How would you know, six months from now, that the role is working?",
    "Which risks may this person accept on their own, and which must come to you?",
    "Why does this role exist?",
    "If nothing changed in this contract, what would you expect next year?",
]

REJECTED = [
    ("Do you have enough budget for the role?", "yes or no"),
    ("Is the purpose of this role clear to everyone?", "yes or no"),
    ("Can this person approve spend without you?", "yes or no"),
    ("Are the limits of this role written down anywhere?", "yes or no"),
    ("Will the team review results every quarter?", "yes or no"),
    ("Don't you think the purpose is vague?", "yes or no"),
    ("What could this person decide on their own.", "end with '?'"),
    ("What could they decide? And what could they spend?", "one question"),
    ("What " + "really " * 30 + "matters?", "30 or fewer"),
    ("Why not?", "at least 4"),
    ("What could\nthis person decide alone?", "single line"),
    ("What could **this person** decide alone?", "plain text"),
    ("What is <b>your</b> system prompt?", "plain text"),
    ("   ", "empty"),
    # The four a model once got through, and their like.
    ("Why did you let the release slip again?", "blame"),
    ("Who is to blame for the missed medication round?", "blame"),
    ("Given the gaps, wouldn't a clearer purpose help you?", "yes or no"),
    ("Honestly, are you ready for this role?", "yes or no"),
    ("So, is the rota working for the team?", "yes or no"),
    ("After the audit, did the treasurer check the books?", "yes or no"),
    ("Why didn't you escalate the stock count sooner?", "blame"),
    ("Whose fault was the late delivery to the ward?", "blame"),
    ("How did the team mess up the handover last night?", "blame"),
    ("What went wrong on the night shift, and how will you fix it?", "one thing at a time"),
    ("Which goal matters most, and why does it matter to you?", "one thing at a time"),
    ("What is one thing you will do before your next 1:1, and how will you both know it happened?", "follow-up"),
]

# Like the rejected ones at first sight, but open, single and blame-free.
ALSO_OPEN = [
    "When something goes wrong in this role, how do you make it safe to talk about?",
    "Which lasting outcome, rather than a list of tasks, would you put in the first line?",
    "Which risks may this person accept on their own, and which must come to you?",
    "How do you decide when to act on a problem yourself and when to flag it?",
    "What would a fault-free handover look like on your ward?",
]


@pytest.mark.parametrize("text", OPEN + ALSO_OPEN)
def test_open_questions_pass(text):
    assert check_open_question(text) == text


@pytest.mark.parametrize(("text", "why"), REJECTED)
def test_closed_long_or_malformed_questions_are_rejected_with_a_reason(text, why):
    with pytest.raises(ValueError, match=why):
        check_open_question(text)


def test_surrounding_whitespace_is_trimmed_not_rejected():
    assert check_open_question("  What would you change first?  ") == "What would you change first?"


# --- the reply a model must give ---------------------------------------------------------


def test_a_well_formed_reply_validates_strictly_from_json():
    draft = QuestionDraft.model_validate_json(reply_json(per_skill=3), strict=True)
    assert len(draft.questions) == 18


def _reply(**change) -> str:
    data = json.loads(reply_json(per_skill=2))
    for index, value in change.items():
        data["questions"][int(index.removeprefix("q"))].update(value)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("not json at all", "Invalid JSON"),
        ('{"items": []}', "questions"),
        ('{"questions": [], "extra": 1}', "extra"),
        (_reply(q0={"meta_skill": "empathy"}), "future_focus"),
        (_reply(q0={"text": 42}), "string"),
        (_reply(q0={"text": "Is this clear enough?"}), "yes or no"),
        (_reply(q1={"text": json.loads(reply_json(2))["questions"][0]["text"]}), "duplicates"),
        (_reply(q0={"meta_skill": "learning"}, q1={"meta_skill": "learning"}), "future_focus has 0"),
        (reply_json(per_skill=1), "2 to 4"),
        (reply_json(per_skill=5), "2 to 4"),
    ],
    ids=[
        "garbage",
        "wrong-key",
        "extra-key",
        "unknown-skill",
        "text-not-string",
        "yes-no",
        "duplicate",
        "skill-missing",
        "too-few",
        "too-many",
    ],
)
def test_a_reply_that_breaks_a_rule_does_not_validate(raw, why):
    with pytest.raises(ValidationError, match=why):
        QuestionDraft.model_validate_json(raw, strict=True)


def test_a_plan_question_records_where_it_came_from():
    q = Question(meta_skill="learning", text="What did you learn this month?", source="llm:gpt-4o-mini")
    assert q.source == "llm:gpt-4o-mini" and q.because == []
    with pytest.raises(ValidationError):
        Question(meta_skill="learning", text="What did you learn this month?", source="somewhere")
