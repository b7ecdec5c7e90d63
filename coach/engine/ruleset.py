"""Rule packs: loading and checking the rule files (plus an organisation's own).

A rule pack is a folder: `pack.yml` (name, version, the words shown for each
element), optionally `weights.yml` (how much each rule counts, fitted by
`coach fit`), and one small YAML file per rule anywhere below it. A rule's
identity is its path: `rules/discretion/decides.yml` is the rule
`discretion.decides` (an `id:` in the file, if given, must say the same).
What a rule file may contain depends on its `kind`; the kinds and their
schemas are in `coach.engine.kinds`.

A subfolder of `rules/` with a `pack.yml` of its own is a separate pack
selected by name, not part of the bundled one: `load_ruleset(pack="ideas")`
loads `rules/ideas/` (the idea rules of the challenge loop) through the same
loader, the same kinds and the same checks, with its own why/fix wording
and, until it is fitted, the prior weights (each rule counts by its stated
strength).

`load_ruleset(extra=[DIR])` layers an organisation's folder over the bundled
pack through the same loader: a rule at an existing path replaces it, a new
one adds to it, and a `weights.yml` there replaces the bundled weights for
the elements it lists. Any problem raises `RuleError` naming the file and
the field, which the CLI shows as one line with exit 2.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from coach.datafile import describe, read_yaml
from coach.engine.cache import pack_files
from coach.engine.kinds import KINDS
from coach.engine.kinds.base import Strict, Target
from coach.engine.kinds.cue import CueRule
from coach.engine.kinds.heading import HeadingRule
from coach.engine.kinds.negation import NegationRule
from coach.engine.kinds.sections import SectionsRule
from coach.engine.kinds.vocabulary import VocabularyRule, substitute, terms_of
from coach.engine.pattern_safety import check_pattern
from coach.errors import RuleError
from coach.paths import rules_dir

AnyRule = Annotated[Union[tuple(k.schema for k in KINDS.values())], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007
_RULE_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyRule, config=ConfigDict(defer_build=True))  # type: ignore[arg-type]

MANIFEST = "pack.yml"
WEIGHTS = "weights.yml"
ANCHORS = "anchors.yml"  # labelled examples of the definitions, read by `coach fit` (coach.evaluation.definitions)
_NOT_RULES = {MANIFEST, WEIGHTS, ANCHORS}


class ElementText(Strict):
    why: str
    fix_missing: str
    fix_vague: str = ""  # line of sight is yes/no: it has no vague fix


class PackManifest(Strict):
    name: str
    version: str
    description: str = ""
    sources: list[str] = []
    elements: dict[Target, ElementText] = {}


class Ruleset(BaseModel):
    """A loaded, validated pack: the manifest, its rules by id and the weights file(s)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    name: str
    version: str
    elements: dict[str, ElementText]
    rules: dict[str, Any]
    origins: dict[str, str] = {}  # rule id -> file it came from
    weights: list[str] = []  # weights files, bundled first; later ones override per element
    folders: list[str] = []  # the pack's folders, bundled first

    def of_kind(self, kind: str) -> list[Any]:
        return [r for r in self.rules.values() if r.kind == kind]

    @property
    def sections(self) -> dict[str, Any]:
        """Every kind of section the pack names (section name -> its SectionDef)."""
        out: dict[str, Any] = {}
        for r in self.of_kind("sections"):
            out.update(r.sections)
        return out


def rule_id_for(path: Path, folder: Path) -> str:
    """The id a rule file's path gives it: `discretion/decides.yml` → `discretion.decides`."""
    return ".".join(path.relative_to(folder).with_suffix("").parts)


def load_rule_file(path: Path, folder: Path | None = None) -> Any:
    """One rule file, validated; its id comes from its path below `folder`."""
    data = read_yaml(path, RuleError, "rule file")
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping with kind, why and fix")
    try:
        rule = _RULE_ADAPTER.validate_python(data)
    except ValidationError as e:
        raise RuleError(f"{path}: {describe(e, kinds=', '.join(KINDS))}") from None
    if folder is not None:
        want = rule_id_for(path, folder)
        if rule.id and rule.id != want:
            raise RuleError(f"{path}: id {rule.id!r} differs from the file's path; use {want!r} or drop the id")
        rule = rule.model_copy(update={"id": want})
    elif not rule.id:
        raise RuleError(f"{path}: missing field 'id'")
    return rule


def _load_manifest(folder: Path) -> PackManifest | None:
    path = folder / MANIFEST
    if not path.exists():
        return None
    data = read_yaml(path, RuleError, "rule pack manifest")
    try:
        return PackManifest.model_validate(data)
    except ValidationError as e:
        raise RuleError(f"{path}: {describe(e)}") from None


def _rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in pack_files(folder) if p.name not in _NOT_RULES)


def named_packs() -> list[str]:
    """The names of the packs bundled beside the main one (subfolders of `rules/` with a manifest)."""
    return sorted(p.parent.name for p in rules_dir().glob(f"*/{MANIFEST}"))


def load_ruleset(extra: list[Path] | tuple[Path, ...] = (), *, pack: str | None = None) -> Ruleset:
    """The bundled pack (or the named one, e.g. "ideas"), with each folder in `extra` layered over it."""
    return _load(tuple(Path(p).resolve() for p in extra), pack)


@cache
def _load(extra: tuple[Path, ...], pack: str | None = None) -> Ruleset:
    from coach.engine.cache import cached, fingerprint
    from coach.version import __version__

    base = rules_dir()
    if pack is not None:
        if pack not in named_packs():
            known = ", ".join(named_packs()) or "none"
            raise RuleError(f"unknown rule pack {pack!r}; the bundled packs beside the main one are: {known}")
        base = base / pack
    for folder in extra:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rules folder not found; pass a folder of .yml rule files")
    files = [p for folder in (base, *extra) for p in pack_files(folder)]
    # The loader's and the kinds' code is part of the key: a change to how
    # rules are read must not be hidden by a cached result.
    key = fingerprint(files, __version__, _code_hash(), str(base), *map(str, extra))
    return cached("ruleset", key, lambda: _load_files(base, extra))


def _code_hash() -> str:
    here = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted([here / "ruleset.py", here / "pattern_safety.py", *(here / "kinds").glob("*.py")]):
        h.update(path.read_bytes())
    return h.hexdigest()


def _load_files(base: Path, extra: tuple[Path, ...]) -> Ruleset:
    manifest = _load_manifest(base)
    if manifest is None:
        raise RuleError(f"{base / MANIFEST}: the bundled rule pack has no manifest; reinstall")
    name, version = manifest.name, manifest.version
    elements: dict[str, ElementText] = {str(k): v for k, v in manifest.elements.items()}
    rules: dict[str, Any] = {}
    origins: dict[str, str] = {}
    weights: list[str] = []
    for folder in (base, *extra):
        if folder != base:
            org = _load_manifest(folder)
            if org is not None:
                name, version = f"{name}+{org.name}", f"{version}+{org.version}"
                elements.update({str(k): v for k, v in org.elements.items()})
        if (folder / WEIGHTS).exists():
            weights.append(str(folder / WEIGHTS))
        for path in _rule_files(folder):
            rule = load_rule_file(path, folder)
            rules[rule.id] = rule
            origins[rule.id] = str(path)
    rules = _expand_vocabulary(rules, origins)
    ruleset = Ruleset(
        name=name,
        version=version,
        elements=elements,
        rules=rules,
        origins=origins,
        weights=weights,
        folders=[str(f) for f in (base, *extra)],
    )
    _validate_references(ruleset)
    return ruleset


def _expand_vocabulary(rules: dict[str, Any], origins: dict[str, str]) -> dict[str, Any]:
    """Replace `{{name}}` in patterns with the vocabulary's `(?:...)` piece, then check them."""
    terms = terms_of(rules, origins)
    out: dict[str, Any] = {}
    for rid, rule in rules.items():
        patterns = getattr(rule, "patterns", None)
        if patterns is not None and any("{{" in p for p in patterns):
            expanded = [substitute(p, terms, f"{origins[rid]}: patterns") for p in patterns]
            for p in expanded:
                _check_compiles(p, origins[rid])
                problem = check_pattern(p)
                if problem:
                    raise RuleError(f"{origins[rid]}: patterns: pattern {p[:80]!r} {problem}")
            rule = rule.model_copy(update={"patterns": expanded})
        else:
            for p in patterns or ():
                if "(?<" in p:
                    _check_compiles(p, origins[rid])
        out[rid] = rule
    return out


def _check_compiles(pattern: str, origin: str) -> None:
    """A pattern must still compile once its vocabulary is in and its spaces are flexible.

    Every pattern compiled as written when its file was read; a `{{term}}`
    inside a look-behind ("(?<!{{holder}} )") gives it alternatives of
    different lengths, which Python's re refuses, and only the engine would
    find out, in the middle of a check.
    """
    from coach.engine.anchors import flexible_spaces

    try:
        re.compile(flexible_spaces(pattern))
    except re.error as e:
        raise RuleError(
            f"{origin}: patterns: pattern {pattern[:80]!r} is not a valid regular expression once its "
            f"vocabulary is filled in ({e}); keep {{{{terms}}}} out of look-behinds"
        ) from None


def _validate_references(ruleset: Ruleset) -> None:
    """Sections and rules named by rules must exist; every element must have its words."""
    known = set(ruleset.sections)
    for rule in ruleset.rules.values():
        names: list[tuple[str, str]] = []
        if isinstance(rule, CueRule):
            s = rule.sections
            names = [(f"sections.{k}", n) for k in ("include", "exclude") for n in getattr(s, k)]
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
        raise RuleError(f"{MANIFEST}: elements: no why/fix text for {', '.join(missing)}")


__all__ = [
    "AnyRule",
    "CueRule",
    "ElementText",
    "HeadingRule",
    "NegationRule",
    "PackManifest",
    "Ruleset",
    "SectionsRule",
    "VocabularyRule",
    "load_rule_file",
    "load_ruleset",
    "named_packs",
    "rule_id_for",
]
