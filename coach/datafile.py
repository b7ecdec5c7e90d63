"""Reading the YAML data files people edit (rules, questions, prompts).

Rule packs and the question bank are edited by people, not only by
developers, so every mistake must point at the file and the field —
`rules/discretion/authority.yml: unknown field 'patern'`,
`prompts/questions/proactive.yml: manager.3.text: question must end with '?'` —
as one line, raised as the caller's own error class (RuleError,
PromptError) so the CLI shows it and exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from coach.errors import CoachError

M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path, error: type[CoachError], what: str) -> object:
    """The parsed YAML of `path`, or `error` naming the file (and line) on any problem."""
    import yaml  # only when data files are read: a cached start never needs it

    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise error(f"{path}: cannot read {what} ({e})") from None
    try:
        return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise error(f"{path}{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None


def describe(err: ValidationError, limit: int = 3, kinds: str = "") -> str:
    """A pydantic error as `field.path: message`, at most `limit` of them.

    `kinds` lists the valid values of a discriminator field (`kind` in rule
    files) for the message when the value is unknown.
    """
    parts = []
    for e in err.errors()[:limit]:
        # Discriminated unions add the model's name to the path: drop it.
        loc = ".".join(str(x) for x in e["loc"] if not str(x)[:1].isupper()) or "(top level)"
        kind = e["type"]
        if kind == "extra_forbidden":
            parts.append(f"unknown field {loc.rsplit('.', 1)[-1]!r}")
        elif kind == "missing":
            parts.append(f"missing field {loc!r}")
        elif kind == "union_tag_invalid":
            parts.append(f"unknown kind; use one of {kinds}" if kinds else f"{loc}: {e['msg']}")
        elif kind == "union_tag_not_found":
            parts.append("missing field 'kind'")
        else:
            parts.append(f"{loc}: {e['msg'].removeprefix('Value error, ')}")
    more = len(err.errors()) - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def load_model(path: Path, model: type[M], what: str, error: type[CoachError]) -> M:
    """Read one YAML mapping into `model`, or raise `error` naming the file and field."""
    data = read_yaml(path, error, what)
    if not isinstance(data, dict):
        raise error(f"{path}: a {what} must be a mapping of fields")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise error(f"{path}: {describe(e)}") from None
