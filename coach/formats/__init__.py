"""Reporters: one module per output format, each `render(reports) -> str`.

The CLI and the app choose a format in one place (`renderer`); nothing here
grades. Modules are imported on demand: the text format renders reports in
their JSON shape and is on `coach check`'s fast path, which must not import
pydantic through the other formats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

Renderer = Callable[[Sequence[Any]], str]

_MODULES = {
    "text": "text_format",
    "json": "json_format",
    "markdown": "markdown",
    "sarif": "sarif",
    "html": "html_report",
}
NAMES: tuple[str, ...] = tuple(_MODULES)


def renderer(name: str) -> Renderer:
    """The `render` function of format `name` (one of NAMES).

    `text` takes reports in their JSON shape (`coach.engine.assess`) or as
    `Report` models; the others take `Report` models.
    """
    return import_module(f"coach.formats.{_MODULES[name]}").render


__all__ = ["NAMES", "Renderer", "renderer"]
