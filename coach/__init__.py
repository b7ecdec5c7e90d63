"""Empowerment Coach: find the gaps in a role contract and coach people through them.

    >>> import coach
    >>> report = coach.check("You own the reliability of our payments platform.")
    >>> report.grade("purpose").value
    'specified'

`check` is pure and deterministic; see docs/report-schema.md for the report.
"""

from coach.engine import check
from coach.models import ELEMENTS, Element, Grade, Report
from coach.rules import Ruleset, load_ruleset

__version__ = "0.1.0"

__all__ = ["ELEMENTS", "Element", "Grade", "Report", "Ruleset", "__version__", "check", "load_ruleset"]
