"""What a re-check changed: grades that moved, the score, and the sentence that moved each one.

A manager who edits a role and checks it again wants one line per change
("Discretion vague → specified, score 68 → 79") and the words that did it,
not two reports to compare by eye. Pure: two reports in, lines out.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from coach.grades import LABELS, LINE_OF_SIGHT
from coach.report import Evidence, Report


class Change(BaseModel):
    """One element (or line of sight) whose grade moved, and the sentence now deciding it, if any."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    target: str
    before: str
    after: str
    sentence: str | None = None

    @property
    def words(self) -> str:
        return f"{LABELS[self.target]} {self.before} → {self.after}"


def _deciding(evidence: list[Evidence], old: list[Evidence]) -> str | None:
    """The strongest counted sentence that the old report did not have (else the strongest counted one)."""
    before = {" ".join(e.text.split()) for e in old if e.counted}
    counted = [e for e in evidence if e.counted]
    for ev in counted:
        if " ".join(ev.text.split()) not in before:
            return ev.text
    return None


def changes(old: Report, new: Report) -> list[Change]:
    """Each element and line of sight whose grade differs between `old` and `new`, in reading order."""
    out = []
    for element, result in new.elements.items():
        was = old.elements[element]
        if was.grade is not result.grade:
            sentence = _deciding(result.evidence, was.evidence)
            out.append(
                Change(target=element.value, before=was.grade.value, after=result.grade.value, sentence=sentence)
            )
    before, after = old.line_of_sight, new.line_of_sight
    if before.present != after.present:
        out.append(
            Change(
                target=LINE_OF_SIGHT,
                before="yes" if before.present else "no",
                after="yes" if after.present else "no",
                sentence=_deciding(after.evidence, before.evidence) if after.present else None,
            )
        )
    return out


def summary(old: Report, new: Report) -> str:
    """One line: "Discretion vague → specified, score 68 → 79", or that nothing moved."""
    moved = [c.words for c in changes(old, new)]
    score = f"score {old.score} → {new.score}" if old.score != new.score else f"score still {new.score}"
    if not moved:
        return f"No grade changed ({score})."
    return f"{'; '.join(moved)}, {score}."
