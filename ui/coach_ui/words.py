"""The product's words as the app shows them (from ELEMENTS.md), in one place.

Pages and the other modules take every label, definition and grade word from
here, so the UI never says "authority" on one page and "discretion" on
another. Plain Python: tests import it without Streamlit.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from coach.formats.common import ELEMENT_LABELS
from coach.report import ELEMENTS, Element, Grade

# One line each: what the element is (ELEMENTS.md, "The four elements").
ELEMENT_DEFINITIONS: dict[str, str] = {
    "purpose": "why the role exists: the outcome it owns, what is different in the world when it is done well",
    "discretion": "what the holder may decide or do on their own, and where the limits are",
    "resources": "what is at the holder's disposal: people, budget, time, tools, access, training",
    "accountability": "how results are measured or reviewed, and to whom and how often the holder reports",
}

GRADE_MEANINGS: dict[Grade, str] = {
    Grade.specified: "stated explicitly and concretely enough that the holder could act on it",
    Grade.vague: "gestured at, generic, implied only, or so broad it gives no scope",
    Grade.missing: "nothing in the text addresses it",
}

# Badge colour and icon per grade: green / orange / red reads at a glance.
GRADE_BADGES: dict[Grade, tuple[str, str]] = {
    Grade.specified: ("green", ":material/check_circle:"),
    Grade.vague: ("orange", ":material/help:"),
    Grade.missing: ("red", ":material/cancel:"),
}

LINE_OF_SIGHT = "Line of sight"
LINE_OF_SIGHT_DEFINITION = (
    "whether the text connects the role's purpose to the organisation's purpose, strategy or goals"
)

STATUS_LABELS: dict[str, str] = {
    "open": "open",
    "in_review": "in review",
    "resolved": "resolved",
    "dismissed": "dismissed",
}


def element_label(element: Element | str) -> str:
    return ELEMENT_LABELS[Element(element).value]


def gap_words(gap: str) -> str:
    """'discretion:missing' → 'Discretion missing'; 'line_of_sight:no' → 'No line of sight'."""
    subject, _, grade = gap.partition(":")
    if subject == "line_of_sight":
        return "No line of sight"
    return f"{ELEMENT_LABELS.get(subject, subject)} {grade}"


def gaps_in_words(gaps: list[str]) -> str:
    return ", ".join(gap_words(g) for g in gaps) or "none"


# The queue's gaps column, abbreviated to fit a row at 1,400 px; GAPS_HELP is its tooltip.
SHORT_ELEMENTS = {"purpose": "Purp", "discretion": "Discr", "resources": "Res", "accountability": "Acct"}
SHORT_GRADES = {"missing": "✗", "vague": "~"}
GAPS_HELP = (
    "✗ missing, ~ vague. Purp: purpose, Discr: discretion, Res: resources, Acct: accountability, "
    "LoS line of sight. Open the contract to read them in full."
)


def short_gaps(gaps: list[str]) -> str:
    """'discretion:missing', 'resources:vague', 'line_of_sight:no' → '✗Discr ~Res ✗LoS'."""
    out = []
    for gap in gaps:
        subject, _, grade = gap.partition(":")
        if subject == "line_of_sight":
            out.append("✗LoS")
        else:
            out.append(f"{SHORT_GRADES.get(grade, grade)}{SHORT_ELEMENTS.get(subject, subject)}")
    return "  ".join(out) or "none"


def source_label(source: str) -> str:
    """Where a contract came from, as people may see it: a file's name, never the server's path.

    An import stores the path it read (`/srv/hr/roles/lead.md`, `/srv/hr/roles.csv:3`);
    the app shows `lead.md` and `roles.csv:3`. 'pasted' and upload names stay as they are.
    """
    return PureWindowsPath(source).name if "\\" in source else PurePosixPath(source).name or source


__all__ = [
    "ELEMENTS",
    "ELEMENT_DEFINITIONS",
    "ELEMENT_LABELS",
    "GAPS_HELP",
    "GRADE_BADGES",
    "GRADE_MEANINGS",
    "LINE_OF_SIGHT",
    "LINE_OF_SIGHT_DEFINITION",
    "STATUS_LABELS",
    "element_label",
    "gap_words",
    "gaps_in_words",
    "short_gaps",
    "source_label",
]
