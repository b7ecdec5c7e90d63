"""Prompt templates as files: `prompts/<name>.yml`, Jinja2 with named placeholders.

A template file holds a `version` (part of the LLM cache key, so changing the
wording never serves a reply drafted for the old one) and named parts
(`system`, `user`, `repair`). Rendering uses StrictUndefined: a missing
variable is a PromptError that lists every name the part needs and did not
get, instead of a silently blank prompt.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from pydantic import BaseModel, ConfigDict, Field, field_validator

from coach.datafile import load_model
from coach.errors import PromptError
from coach.paths import prompts_dir

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


class _PromptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1)
    description: str = ""
    system: str
    user: str
    repair: str

    @field_validator("system", "user", "repair")
    @classmethod
    def _parses(cls, v: str) -> str:
        try:
            _ENV.parse(v)
        except jinja2.TemplateSyntaxError as e:
            raise ValueError(f"template syntax error on line {e.lineno}: {e.message}") from None
        return v


class PromptTemplate:
    """A loaded template file; `render(part, **variables)` fills one part."""

    PARTS = ("system", "user", "repair")

    def __init__(self, path: Path, data: _PromptFile) -> None:
        self.path = path
        self.name = path.stem
        self.description = data.description
        self._sources = {part: getattr(data, part) for part in self.PARTS}
        # Parsed and compiled once: a cache hit re-renders the prompt to compute its key.
        self._needs = {part: meta.find_undeclared_variables(_ENV.parse(src)) for part, src in self._sources.items()}
        self._compiled = {part: _ENV.from_string(src) for part, src in self._sources.items()}
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        # The declared version plus a digest of the file: an edit that forgets
        # to bump the version still changes the cache key.
        self.version = f"{data.version}+{digest}"

    def variables(self, part: str) -> set[str]:
        """The placeholder names a part uses."""
        return set(self._needs[part])

    def render(self, part: str, **variables: Any) -> str:
        if part not in self._sources:
            raise PromptError(f"{self.path}: no part {part!r}; parts are {', '.join(self.PARTS)}")
        missing = sorted(self.variables(part) - variables.keys())
        if missing:
            raise PromptError(f"{self.path}: part {part!r} needs variable(s) {', '.join(missing)}")
        try:
            return self._compiled[part].render(**variables).strip() + "\n"
        except jinja2.UndefinedError as e:
            raise PromptError(f"{self.path}: part {part!r}: {e.message}") from None


def load_prompt(name: str, folder: Path | None = None) -> PromptTemplate:
    """Load `prompts/<name>.yml` (or from `folder`), validated; PromptError names the file."""
    return _load((Path(folder) if folder else prompts_dir()) / f"{name}.yml")


@cache
def _load(path: Path) -> PromptTemplate:
    if not path.is_file():
        raise PromptError(f"{path}: prompt template not found; reinstall empowerment-coach")
    return PromptTemplate(path, load_model(path, _PromptFile, "prompt template", PromptError))
