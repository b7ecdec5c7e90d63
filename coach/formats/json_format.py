"""JSON: one report as an object, several as an array (schema: docs/report-schema.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from coach.report import Report


def render(reports: Sequence[Report]) -> str:
    data = [r.model_dump(mode="json") for r in reports]
    return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False)
