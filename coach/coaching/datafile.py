"""Reading the YAML data files under prompts/ with errors that name the file.

The question bank and the prompt templates are edited by people, not only
developers, so a mistake must point at the file and the field
(`prompts/questions/proactive.yml: manager.3.text: question must end with '?'`),
the same way a bad rule file does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from coach.errors import PromptError

M = TypeVar("M", bound=BaseModel)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def describe(err: ValidationError, limit: int = 3) -> str:
    """A pydantic error as `field.path: message`, at most `limit` of them."""
    parts = []
    for e in err.errors()[:limit]:
        loc = ".".join(str(x) for x in e["loc"]) or "(top level)"
        if e["type"] == "extra_forbidden":
            parts.append(f"unknown field {loc!r}")
        elif e["type"] == "missing":
            parts.append(f"missing field {loc!r}")
        else:
            parts.append(f"{loc}: {e['msg'].removeprefix('Value error, ')}")
    more = len(err.errors()) - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def load_model(path: Path, model: type[M], what: str) -> M:
    """Read one YAML file into `model`, or raise PromptError naming the file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PromptError(f"{path}: cannot read {what} ({e})") from None
    try:
        data = yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PromptError(f"{path}{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(data, dict):
        raise PromptError(f"{path}: a {what} must be a mapping of fields")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise PromptError(f"{path}: {describe(e)}") from None
