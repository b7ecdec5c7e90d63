"""The grading engine: a role description in, a report out.

Everything that decides a grade lives in this package, in the order the
data flows through it:

- `text`: the description split into sentences, list items and headings,
  with the sections they sit under and offsets into the original text;
- `ruleset` and `kinds`: the rule files under `rules/`, one module per rule
  kind, each holding its schema, its compile step and its engine hook;
- `compile`, `matcher`, `cache`: the rules turned into fast tables, kept
  between processes;
- `assess`: the rules run over the text, graded into the report.

The public API is re-exported here: `check()` (a validated `Report`),
`assess()` (the same report as plain JSON-shaped data, without pydantic)
and `trace()` (what fired, for rule authors and the evaluation tools).
"""

from coach.engine.assess import ReportData, assess, check, compiled, fired_rules, trace

__all__ = ["ReportData", "assess", "check", "compiled", "fired_rules", "trace"]
