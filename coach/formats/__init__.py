"""Reporters: one module per output format, each `render(reports) -> str`.

The CLI chooses the format in one place (`FORMATS`); nothing here grades.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coach.models import Report

from . import json_format, markdown, sarif, text

Renderer = Callable[[Sequence[Report]], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
}

__all__ = ["FORMATS", "Renderer"]
