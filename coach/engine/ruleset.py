"""Rule files: their schema, and loading a pack (plus an organisation's own).

A rule pack is a folder: `pack.yml` (name, version, the words shown for each
element) and one small YAML file per rule, anywhere below it. Each rule has
an `id`, a `kind` and the element it speaks to, a `why` and a `fix`, and
`examples` that the test suite runs. The kinds:

- `cue`: phrases that show an element, with a strength (specified / vague).
- `negation`: words that turn a nearby cue into a stated limit, or cancel it.
- `heading`: everything under certain sections is evidence of an element.
- `sections`: names for kinds of section ("success", "requirements"), by heading.
- `vague_phrase`: phrases that dilute the contract, with a suggestion.
- `cross`: "X without Y" findings across elements.
- `vocabulary`: named pattern pieces (`role_noun: "lead|manager|chair"`)
  that other rules use as `{{role_noun}}`, so a word list lives in one place.

`load_ruleset(extra=[DIR])` layers an organisation's folder over the bundled
pack through the same loader: a rule with an existing id replaces it, a new id
adds to it. Any problem raises `RuleError` naming the file and the field.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from coach.datafile import describe, read_yaml
from coach.errors import RuleError
from coach.paths import rules_dir
from coach.report import Element, Grade

Target = Literal["purpose", "discretion", "resources", "accountability", "line_of_sight"]
UnitKind = Literal["heading", "item", "sentence"]

_ID = r"^[a-z0-9][a-z0-9_.-]*$"


class _Strict(BaseModel):
    # defer_build: rule files loaded from the cache are never re-validated,
    # so a cached start does not pay for building the schemas.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Examples(_Strict):
    """Texts the test suite runs the rule on.

    `pass`: texts that pass this rule's test — a cue or heading rule finds its
    element there; a negation rule applies; a vague-phrase or cross rule stays
    silent. `fail`: texts that do not — a cue rule stays silent; a
    vague-phrase or cross rule reports.
    """

    pass_: list[str] = Field(default=[], alias="pass")
    fail: list[str] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


def _check_patterns(patterns: list[str]) -> list[str]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"pattern {p!r} is not a valid regular expression: {e}") from None
        if _has_upper_literal(p):
            raise ValueError(f"pattern {p!r} has capital letters: text is matched lower-cased, write it in lower case")
    return patterns


def _has_upper_literal(pattern: str) -> bool:
    # Capitals after a backslash are escapes (\S, \W, \B, \D); others never match.
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c.isupper():
            return True
        i += 1
    return False


class _Rule(_Strict):
    id: str = Field(pattern=_ID)
    description: str = ""
    why: str
    fix: str
    examples: Examples = Examples()


class SectionDef(_Strict):
    headings: list[str] = Field(min_length=1, description="patterns searched in heading text")
    examples: Examples = Examples()

    @field_validator("headings")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class SectionsRule(_Strict):
    """Names kinds of section by their headings, for other rules to refer to."""

    id: str = Field(pattern=_ID)
    kind: Literal["sections"]
    description: str = ""
    sections: dict[str, SectionDef]


class SectionScope(_Strict):
    include: list[str] = []  # only under these sections
    exclude: list[str] = []  # never under these sections
    vague: list[str] = []  # under these sections the cue counts as vague only


class CueRule(_Rule):
    kind: Literal["cue"]
    element: Target
    strength: Literal["specified", "vague"]
    weight: float = Field(
        default=1.0,
        gt=0,
        le=1,
        description="how much one sentence counts towards 'specified' (an element is "
        "specified when its specified evidence adds up to 1); weaker cues weigh 0.5",
    )
    patterns: list[str] = Field(min_length=1)
    sections: SectionScope = SectionScope()
    units: list[UnitKind] = ["item", "sentence"]

    @field_validator("patterns")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class NegationRule(_Rule):
    kind: Literal["negation"]
    element: Target
    effect: Literal["limit", "cancel", "downgrade"] = Field(
        description="limit: the negated cue is a stated limit (specified); "
        "cancel: it does not count; downgrade: it counts as vague only"
    )
    patterns: list[str] = Field(min_length=1)
    scope: Literal["before", "after", "sentence", "opening"] = Field(
        default="before",
        description="where to look: words before or after the cue, the whole sentence, or its opening words",
    )
    window: int = Field(default=5, ge=1, le=40, description="how many words (before, after, opening)")
    strengths: list[Literal["specified", "vague"]] = ["specified", "vague"]
    only: list[str] = Field(default=[], description="apply only to cues of these rule ids (default: all)")

    @field_validator("patterns")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class HeadingRule(_Rule):
    kind: Literal["heading"]
    element: Target
    strength: Literal["specified", "vague"]
    sections: list[str] = Field(min_length=1)
    units: list[UnitKind] = ["item", "sentence"]


class VaguePhraseRule(_Rule):
    kind: Literal["vague_phrase"]
    patterns: list[str] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class CrossRule(_Rule):
    kind: Literal["cross"]
    when: dict[Element, list[Grade]] = Field(min_length=1, description="all must hold")
    without: dict[Element, list[Grade]] = Field(
        min_length=1, description="the finding is raised unless one of these holds"
    )
    message: str


class VocabularyRule(_Strict):
    """Named pattern pieces, used in other rules' patterns as `{{name}}`."""

    id: str = Field(pattern=_ID)
    kind: Literal["vocabulary"]
    description: str = ""
    terms: dict[str, str] = Field(min_length=1)

    @field_validator("terms")
    @classmethod
    def _valid(cls, v: dict[str, str]) -> dict[str, str]:
        for name, piece in v.items():
            if not re.fullmatch(r"[a-z_]+", name):
                raise ValueError(f"term name {name!r}: use lower-case letters and underscores")
            _check_patterns([f"(?:{piece})"])
        return v


AnyRule = Annotated[
    CueRule | NegationRule | HeadingRule | VaguePhraseRule | CrossRule | SectionsRule | VocabularyRule,
    Field(discriminator="kind"),
]
_RULE_ADAPTER: TypeAdapter[AnyRule] = TypeAdapter(AnyRule, config=ConfigDict(defer_build=True))


class ElementText(_Strict):
    why: str
    fix_missing: str
    fix_vague: str = ""  # line of sight is yes/no: it has no vague fix


class PackManifest(_Strict):
    name: str
    version: str
    description: str = ""
    sources: list[str] = []
    elements: dict[Target, ElementText] = {}


class Ruleset(BaseModel):
    """A loaded, validated pack: the manifest plus its rules by id."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    name: str
    version: str
    elements: dict[str, ElementText]
    rules: dict[str, AnyRule]
    origins: dict[str, str] = {}  # rule id -> file it came from

    def of_kind(self, kind: str) -> list:
        return [r for r in self.rules.values() if r.kind == kind]

    @property
    def sections(self) -> dict[str, SectionDef]:
        out: dict[str, SectionDef] = {}
        for r in self.of_kind("sections"):
            out.update(r.sections)
        return out


_KINDS = "cue, negation, heading, sections, vague_phrase, cross, vocabulary"


def _describe(err: ValidationError) -> str:
    return describe(err, kinds=_KINDS)


def _read_yaml(path: Path) -> object:
    return read_yaml(path, RuleError, "rule file")


def load_rule_file(path: Path) -> AnyRule:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping with id, kind, why and fix")
    try:
        return _RULE_ADAPTER.validate_python(data)
    except ValidationError as e:
        raise RuleError(f"{path}: {_describe(e)}") from None


def _load_manifest(folder: Path) -> PackManifest | None:
    path = folder / "pack.yml"
    if not path.exists():
        return None
    data = _read_yaml(path)
    try:
        return PackManifest.model_validate(data)
    except ValidationError as e:
        raise RuleError(f"{path}: {_describe(e)}") from None


def _rule_files(folder: Path) -> list[Path]:
    files = [p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.name != "pack.yml"]
    return sorted(files)


def load_ruleset(extra: list[Path] | tuple[Path, ...] = ()) -> Ruleset:
    """The bundled pack, with each folder in `extra` layered over it in order."""
    return _load(tuple(Path(p).resolve() for p in extra))


@cache
def _load(extra: tuple[Path, ...]) -> Ruleset:
    from coach.engine.cache import cached, fingerprint
    from coach.version import __version__

    base = rules_dir()
    for folder in extra:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rules folder not found; pass a folder of .yml rule files")
    files = [p for folder in (base, *extra) for p in sorted(folder.rglob("*")) if p.suffix in (".yml", ".yaml")]
    # The loader's own code is part of the key: a change to it (say, how
    # vocabulary expands) must not be hidden by a cached result.
    key = fingerprint(files, __version__, hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), *map(str, extra))
    return cached("ruleset", key, lambda: _load_files(base, extra))


def _load_files(base: Path, extra: tuple[Path, ...]) -> Ruleset:
    manifest = _load_manifest(base)
    if manifest is None:
        raise RuleError(f"{base / 'pack.yml'}: the bundled rule pack has no manifest; reinstall")
    name, version = manifest.name, manifest.version
    elements = dict(manifest.elements)
    rules: dict[str, AnyRule] = {}
    origins: dict[str, str] = {}
    for folder in (base, *extra):
        if not folder.is_dir():
            raise RuleError(f"{folder}: rules folder not found; pass a folder of .yml rule files")
        if folder != base:
            org = _load_manifest(folder)
            if org is not None:
                name, version = f"{name}+{org.name}", f"{version}+{org.version}"
                elements.update(org.elements)
        seen_here: dict[str, Path] = {}
        for path in _rule_files(folder):
            rule = load_rule_file(path)
            if rule.id in seen_here:
                raise RuleError(f"{path}: id {rule.id!r} is already used by {seen_here[rule.id]}")
            seen_here[rule.id] = path
            rules[rule.id] = rule
            origins[rule.id] = str(path)
    rules = _expand_vocabulary(rules, origins)
    ruleset = Ruleset(name=name, version=version, elements=elements, rules=rules, origins=origins)
    _validate_references(ruleset)
    return ruleset


_TERM = re.compile(r"\{\{([a-z_]+)\}\}")


def _expand_vocabulary(rules: dict[str, AnyRule], origins: dict[str, str]) -> dict[str, AnyRule]:
    """Replace `{{name}}` in patterns with the vocabulary's `(?:...)` piece."""
    terms: dict[str, str] = {}
    where: dict[str, str] = {}
    for rid, rule in rules.items():
        if isinstance(rule, VocabularyRule):
            for name, piece in rule.terms.items():
                # Long lists may be folded over lines: space around '|' is layout.
                terms[name] = _ALT_SPACE.sub("|", piece.strip())
                where[name] = origins[rid]
    for _ in range(5):  # terms may use terms; five levels is plenty
        nested = False
        for name, piece in terms.items():
            if "{{" in piece:
                nested = True
                terms[name] = _substitute(piece, terms, f"{where[name]}: terms.{name}")
        if not nested:
            break
    else:
        raise RuleError(f"{', '.join(sorted(set(where.values())))}: terms refer to each other in a loop")
    out: dict[str, AnyRule] = {}
    for rid, rule in rules.items():
        if isinstance(rule, (CueRule, NegationRule, VaguePhraseRule)) and any("{{" in p for p in rule.patterns):
            expanded = [_substitute(p, terms, f"{origins[rid]}: patterns") for p in rule.patterns]
            rule = rule.model_copy(update={"patterns": expanded})
        out[rid] = rule
    return out


_ALT_SPACE = re.compile(r"\s*\|\s*")


def _substitute(pattern: str, terms: dict[str, str], where: str) -> str:
    for name in _TERM.findall(pattern):
        if name not in terms:
            known = ", ".join(sorted(terms)) or "none (add a vocabulary file)"
            raise RuleError(f"{where}: unknown term {{{{{name}}}}}; known terms: {known}")
    return _TERM.sub(lambda m: f"(?:{terms[m.group(1)]})", pattern)


def _validate_references(ruleset: Ruleset) -> None:
    """Sections named by rules must exist; every element must have its words."""
    known = set(ruleset.sections)
    for rule in ruleset.rules.values():
        names: list[tuple[str, str]] = []
        if isinstance(rule, CueRule):
            s = rule.sections
            names = [(f"sections.{k}", n) for k in ("include", "exclude", "vague") for n in getattr(s, k)]
        elif isinstance(rule, HeadingRule):
            names = [("sections", n) for n in rule.sections]
        elif isinstance(rule, NegationRule):
            for rid in rule.only:
                other = ruleset.rules.get(rid)
                if not isinstance(other, CueRule):
                    raise RuleError(f"{ruleset.origins[rule.id]}: only: {rid!r} is not a cue rule id")
        for field, n in names:
            if n not in known:
                raise RuleError(
                    f"{ruleset.origins[rule.id]}: {field}: unknown section {n!r}; "
                    f"known sections: {', '.join(sorted(known)) or 'none'}"
                )
    missing = [t for t in Target.__args__ if t not in ruleset.elements]  # type: ignore[attr-defined]
    if missing:
        raise RuleError(f"pack.yml: elements: no why/fix text for {', '.join(missing)}")
