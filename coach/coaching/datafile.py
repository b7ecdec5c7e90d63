"""Reading the YAML data files under prompts/ with errors that name the file.

The question bank and the prompt templates are edited by people, not only
developers, so a mistake must point at the file and the field
(`prompts/questions/proactive.yml: manager.3.text: question must end with '?'`),
the same way a bad rule file does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from coach.datafile import describe, read_yaml
from coach.errors import PromptError

M = TypeVar("M", bound=BaseModel)

__all__ = ["describe", "load_model"]


def load_model(path: Path, model: type[M], what: str) -> M:
    """Read one YAML file into `model`, or raise PromptError naming the file."""
    data = read_yaml(path, PromptError, what)
    if not isinstance(data, dict):
        raise PromptError(f"{path}: a {what} must be a mapping of fields")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise PromptError(f"{path}: {describe(e)}") from None
