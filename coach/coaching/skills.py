"""The six meta skills, the two audiences and the gap ids coaching speaks to.

The words are the product's (ELEMENTS.md, "The six meta skills"): the bank,
the prompt and the validator all take their ids from here, so a skill can
never be spelled two ways.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from coach.report import ELEMENTS, Grade


class MetaSkill(StrEnum):
    """The qualities that help a person use the scope they have, in product order."""

    future_focus = "future_focus"
    proactive = "proactive"
    risk_sensitive = "risk_sensitive"
    curious_creative = "curious_creative"
    resourceful = "resourceful"
    learning = "learning"

    @property
    def label(self) -> str:
        """The name people read ("Future-focus"); not `title`, which str already has."""
        return SKILL_INFO[self][0]

    @property
    def description(self) -> str:
        return SKILL_INFO[self][1]


META_SKILLS: tuple[MetaSkill, ...] = tuple(MetaSkill)

SKILL_INFO: dict[MetaSkill, tuple[str, str]] = {
    MetaSkill.future_focus: (
        "Future-focus",
        "a concern for delivering results into the future, not just in the short term",
    ),
    MetaSkill.proactive: (
        "Proactive",
        "anticipating problems and taking early action as unforeseen problems arise",
    ),
    MetaSkill.risk_sensitive: ("Risk-sensitive", "accurately identifying the risks of a course of action"),
    MetaSkill.curious_creative: (
        "Curious and creative",
        "a desire to find new and better ways of delivering results",
    ),
    MetaSkill.resourceful: ("Resourceful", "making good use of all the resources available"),
    MetaSkill.learning: (
        "Desire for learning",
        "identifying and exploiting every opportunity to learn from experience on the job",
    ),
}

Audience = Literal["manager", "employee"]
AUDIENCES: tuple[Audience, ...] = ("manager", "employee")

AUDIENCE_INFO: dict[str, str] = {
    "manager": "the manager who wrote or holds this role contract; questions ask them about the contract "
    "and the scope they give the person in the role",
    "employee": "the person in the role; questions invite self-reflection and speak to them as 'you'",
}

# Every gap id `Report.gaps` can produce, most severe first: missing elements,
# then vague ones, then no line of sight. Tailoring follows this order.
GAP_IDS: tuple[str, ...] = (
    *(f"{e.value}:{Grade.missing.value}" for e in ELEMENTS),
    *(f"{e.value}:{Grade.vague.value}" for e in ELEMENTS),
    "line_of_sight:no",
)


def by_severity(gaps: list[str]) -> list[str]:
    """The report's gap ids, most severe first (the order of GAP_IDS)."""
    return sorted(gaps, key=GAP_IDS.index)
