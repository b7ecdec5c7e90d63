"""Reports made to order, so store tests do not depend on how the rules are tuned today."""

from __future__ import annotations

from coach.report import ELEMENTS, Element, ElementResult, Grade, LineOfSight, Report, RulesetInfo, score
from coach.store import text_sha256

CLEAN = dict.fromkeys(ELEMENTS, "specified")


def report_for(
    text: str,
    grades: dict[Element | str, str] | None = None,
    line_of_sight: bool = True,
    ruleset_version: str = "1.0.0",
) -> Report:
    """A valid Report for `text` with the given grades (unlisted elements are specified)."""
    chosen = {Element(e): Grade(g) for e, g in {**CLEAN, **(grades or {})}.items()}
    return Report(
        ruleset=RulesetInfo(name="coach-core", version=ruleset_version),
        input_sha256=text_sha256(text),
        input_chars=len(text),
        elements={
            e: ElementResult(
                element=e, grade=g, why=f"why {e.value}", fix=None if g == Grade.specified else f"fix {e.value}"
            )
            for e, g in chosen.items()
        },
        line_of_sight=LineOfSight(present=line_of_sight, why="why line of sight"),
        score=score(chosen, line_of_sight),
        flagged=any(g != Grade.specified for g in chosen.values()),
    )


def save(store, title: str, text: str, grades=None, line_of_sight: bool = True, **kwargs):
    """Save `text` as a contract with a made-to-order check."""
    return store.save_contract(title, text, report=report_for(text, grades, line_of_sight), **kwargs)
