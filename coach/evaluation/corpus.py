"""Reading a labelled corpus: one JSON object per line (see the corpus README).

Only `id`, `text` and `labels` are required; `source.repo` (which
organisation published it) and `evidence` (the sentences that justify each
grade) are used when present: the first to measure generalisation across
organisations, the second to measure the engine's evidence.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.errors import InputError


class Labels(BaseModel):
    model_config = ConfigDict(extra="ignore")

    purpose: int = Field(ge=0, le=2)
    discretion: int = Field(ge=0, le=2)
    resources: int = Field(ge=0, le=2)
    accountability: int = Field(ge=0, le=2)
    line_of_sight: bool


class Source(BaseModel):
    model_config = ConfigDict(extra="ignore")

    repo: str = ""
    path: str = ""


class CorpusDoc(BaseModel):
    """One labelled document."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    labels: Labels
    title: str = ""
    source: Source = Source()
    evidence: dict[str, list[str]] = {}

    @property
    def group(self) -> str:
        """The organisation it came from (its repository), for grouped figures."""
        return self.source.repo or self.id

    def grade(self, element: str) -> int:
        return int(getattr(self.labels, element))


def read_corpus(path: Path) -> list[CorpusDoc]:
    """Read a JSONL corpus; a bad line is an InputError naming its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; pass a labelled .jsonl corpus") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; a corpus is JSON Lines in UTF-8") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    docs = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            docs.append(CorpusDoc.model_validate_json(line))
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(x) for x in first["loc"]) or "line"
            raise InputError(f"{path}:{n}: {where}: {first['msg']} (each line needs id, text and labels)") from None
    if not docs:
        raise InputError(f"{path}: no documents; each line of a corpus is one JSON object")
    return docs
