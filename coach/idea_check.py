"""The clarity check for ideas: the same engine, the idea rule pack (`rules/ideas/`).

An idea is a small contract: what outcome it would change (purpose), who
would have to decide or allow what (discretion), what it would need
(resources) and how we would know it worked (accountability), plus which
strategic priority it serves (line of sight). `check_idea` grades it with
the pack selected by name, so the evidence, why and fix read in an idea's
words, not a role's. Pure, like `coach.check`: the store and the app call
it before an idea is submitted, so its fixes are shown first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.errors import InputError

if TYPE_CHECKING:
    from coach.engine.ruleset import Ruleset
    from coach.report import Report

IDEA_PACK = "ideas"
MAX_TITLE_CHARS = 120
MAX_IDEA_CHARS = 4000  # about 600 words: an idea, not a business case
MIN_IDEA_WORDS = 5


def idea_ruleset() -> Ruleset:
    """The idea rule pack, loaded once per process (the loader caches it)."""
    from coach.engine.ruleset import load_ruleset

    return load_ruleset(pack=IDEA_PACK)


def idea_text(text: str) -> str:
    """The idea's text, stripped; InputError (what is wrong and what to do) when it cannot be an idea."""
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise InputError(
            "the idea is empty; write what you would change, what it needs and how we would know it worked"
        )
    if len(text) > MAX_IDEA_CHARS:
        raise InputError(
            f"the idea is {len(text):,} characters; keep it to {MAX_IDEA_CHARS:,} "
            "(say the change, the decision it needs, what it needs and the measure; link longer material)"
        )
    if len(text.split()) < MIN_IDEA_WORDS:
        raise InputError(
            f"the idea has fewer than {MIN_IDEA_WORDS} words; say what would change, for whom, and how we would know"
        )
    return text


def idea_title(title: str) -> str:
    """The idea's title, stripped; InputError when it is empty or too long."""
    title = (title or "").strip()
    if not title:
        raise InputError("give the idea a short title, so reviewers can tell it from the others")
    if len(title) > MAX_TITLE_CHARS:
        raise InputError(f"the title is {len(title):,} characters; keep it to {MAX_TITLE_CHARS}")
    return title


def check_idea(text: str) -> Report:
    """Grade an idea's text with the idea rule pack; InputError for text that cannot be an idea."""
    from coach.engine import check

    return check(idea_text(text), idea_ruleset())
