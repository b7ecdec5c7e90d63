"""Questions that speak of this role: its own sentences, its title, whom its holder answers to.

Two roles with the same gaps used to get the same questions word for word.
The engine already holds the sentences that decided each grade (the
evidence); quoting one back ("Your role says “you decide refunds up to
£200”. Which decisions does that cover for you?") makes the conversation
about this contract. Pure functions of the report and the text: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.coaching.moves import Moves, Template, fill
from coach.coaching.questions import check_open_question
from coach.coaching.skills import Audience, MetaSkill
from coach.report import Element, Evidence, Grade, Report

QUOTE_WORDS = 12  # enough to recognise the sentence, short enough to leave room for the question
TITLE_WORDS = 8
DEFAULT_PARTY = "your manager"
# "reports to the board", "accountable to the chair of trustees": whom the holder answers to.
_ANSWERS_TO = re.compile(
    r"\b(?:reports?|reporting|accountable|answers?|answerable)\s+(?:directly\s+)?to\s+the\s+"
    r"(board(?:\s+of\s+(?:trustees|directors))?|trustees|chair(?:person)?|committee|council)\b",
    re.I,
)
# Characters the question validator refuses, and ones that would break the quotation marks.
_UNQUOTABLE = re.compile(r"[<>{}`*#\[\]|\\\"“”?!;]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Quoted:
    """A filled template: its skill, text, the element it quotes and the gap it serves (if any)."""

    meta_skill: MetaSkill
    text: str
    subject: str
    gap: str | None
    kind: str  # "quote" or "title"


def answers_to(text: str | None) -> str:
    """Whom the holder gives an account to: 'the board' when the role says so, else 'your manager'."""
    match = _ANSWERS_TO.search(text or "")
    return f"the {_SPACE.sub(' ', match.group(1).lower())}" if match else DEFAULT_PARTY


def role_title(text: str | None) -> str | None:
    """The role's title when the text starts with one (a short first line without a full stop)."""
    for line in (text or "").splitlines():
        line = line.strip().lstrip("#").strip().rstrip(":")
        if not line:
            continue
        clean = _UNQUOTABLE.sub("", line).strip()
        words = _WORD.findall(clean)
        if 1 <= len(words) <= TITLE_WORDS and not clean.endswith(".") and not line.endswith("?"):
            return " ".join(words)
        return None
    return None


def short_quote(sentence: str) -> str:
    """A sentence as it can sit inside a question: plain, one line, at most QUOTE_WORDS words."""
    clean = _SPACE.sub(" ", _UNQUOTABLE.sub("", sentence)).strip().rstrip(".,:").strip()
    words = _WORD.findall(clean)
    if len(words) > QUOTE_WORDS:
        return " ".join(words[:QUOTE_WORDS]).rstrip(".,:") + "…"
    return clean


def _evidence(report: Report, subject: str) -> list[Evidence]:
    if subject == "line_of_sight":
        return list(report.line_of_sight.evidence)
    return list(report.elements[Element(subject)].evidence)


def _subjects(report: Report, gaps: list[str]) -> list[tuple[str, str | None]]:
    """Where to look for a sentence: gap elements most severe first, then stated ones."""
    out: list[tuple[str, str | None]] = [(g.partition(":")[0], g) for g in gaps]
    out += [(e.value, None) for e, grade in report.grades.items() if grade == Grade.specified]
    if report.line_of_sight.present:
        out.append(("line_of_sight", None))
    return out


def _first_valid(template: Template, **slots: str) -> str | None:
    try:
        return check_open_question(fill(template.text, **slots))
    except ValueError:
        return None


def quoted_question(
    report: Report, gaps: list[str], audience: Audience, moves: Moves, title: str | None = None
) -> Quoted | None:
    """One question that quotes the role's own evidence, else one that names its title, else None.

    The most severe gap with a sentence to quote wins; a contract with no
    gaps gets a question about a sentence of a stated element.
    """
    templates = {t.element: t for t in moves.quoted.of(audience)}
    for subject, gap in _subjects(report, gaps):
        template = templates.get(subject)
        if template is None:
            continue
        for item in _evidence(report, subject):
            text = _first_valid(template, quote=short_quote(item.text))
            if text:
                return Quoted(template.meta_skill, text, subject, gap, "quote")
    if title:
        titled = {t.element: t for t in moves.titled.of(audience)}
        for gap in gaps:
            subject = gap.partition(":")[0]
            template = titled.get(subject)
            text = _first_valid(template, title=title) if template else None
            if template and text:
                return Quoted(template.meta_skill, text, subject, gap, "title")
    return None
