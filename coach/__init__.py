"""Empowerment Coach: find the gaps in a role contract and coach people through them.

    >>> import coach
    >>> report = coach.check("You own the reliability of our payments platform.")
    >>> report.grade("purpose").value
    'specified'

`check` is pure and deterministic; see docs/report-schema.md for the report.
The names below are loaded on first use, so `import coach` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from coach.version import __version__

_LAZY = {
    "check": "coach.engine",
    "ELEMENTS": "coach.report",
    "Element": "coach.report",
    "Grade": "coach.report",
    "Report": "coach.report",
    "Ruleset": "coach.engine.ruleset",
    "load_ruleset": "coach.engine.ruleset",
}

__all__ = ["ELEMENTS", "Element", "Grade", "Report", "Ruleset", "__version__", "check", "load_ruleset"]

if TYPE_CHECKING:
    from coach.engine import check
    from coach.engine.ruleset import Ruleset, load_ruleset
    from coach.report import ELEMENTS, Element, Grade, Report


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coach' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
