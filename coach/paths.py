"""Where the bundled rules, prompts, examples and UI live.

In a checkout they sit at the top of the repository (`rules/`, `prompts/`,
`examples/`, `profiles/`, `ui/`) where people edit them; an installed wheel carries the
same folders inside the package as `coach/_data/<name>` (see pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The bundled folder `name` ('rules', 'prompts', 'examples', 'profiles' or 'ui')."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found next to the coach package; reinstall empowerment-coach")


def rules_dir() -> Path:
    return data_dir("rules")


def prompts_dir() -> Path:
    return data_dir("prompts")


def examples_dir() -> Path:
    return data_dir("examples")


def profiles_dir() -> Path:
    """The bundled organisation profiles (`profiles/example-org.yml` fits the bundled examples)."""
    return data_dir("profiles")


def ui_dir() -> Path:
    return data_dir("ui")
