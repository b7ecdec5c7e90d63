"""A rule pack, compiled into the plain tables the engine runs on.

The rule files are pydantic models (validated, with examples and prose);
the engine needs only ids, strengths, scopes and prepared patterns. This
module turns a `Ruleset` into a `Compiled` of small dataclasses that pickle
well, so `coach check one.md` can load the bundled pack from the user's
cache without parsing YAML or importing the rule models at all.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from coach.engine.anchors import flexible_spaces
from coach.engine.matcher import Matcher, Pattern, prepare_pattern
from coach.engine.regexes import Packed, build, pack
from coach.engine.text import Unit


@dataclass(frozen=True, slots=True)
class CueSpec:
    id: str
    element: str  # purpose ... accountability, or line_of_sight
    strength: str  # specified | vague
    weight: float
    units: frozenset[str]
    include: frozenset[str]  # only under these sections
    exclude: frozenset[str]  # never under these sections
    vague: frozenset[str]  # only vague under these sections


@dataclass(slots=True)
class NegationSpec:
    id: str
    element: str
    effect: str  # limit | cancel | downgrade
    scope: str  # before | after | sentence | opening
    window: int
    strengths: frozenset[str]
    only: frozenset[str]
    source: str
    packed: Packed | None = None  # re's compiled form, kept in the rules cache (coach.engine.regexes)
    _regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = build(self.source, self.packed)
        return self._regex

    def __getstate__(self) -> tuple:
        return (
            self.id,
            self.element,
            self.effect,
            self.scope,
            self.window,
            self.strengths,
            self.only,
            self.source,
            self.packed,
        )

    def __setstate__(self, state: tuple) -> None:
        (
            self.id,
            self.element,
            self.effect,
            self.scope,
            self.window,
            self.strengths,
            self.only,
            self.source,
            self.packed,
        ) = state
        self._regex = None


@dataclass(frozen=True, slots=True)
class HeadingSpec:
    id: str
    element: str
    strength: str
    units: frozenset[str]
    sections: frozenset[str]


@dataclass(frozen=True, slots=True)
class CrossSpec:
    id: str
    when: dict[str, frozenset[str]]
    without: dict[str, frozenset[str]]
    message: str
    why: str
    fix: str


@dataclass(frozen=True, slots=True)
class Words:
    """What the report says about an element: why it matters, what to add."""

    why: str
    fix_missing: str
    fix_vague: str


@dataclass(slots=True)
class Compiled:
    """Everything `coach.engine.check` needs, and nothing it does not."""

    name: str
    version: str
    words: dict[str, Words]
    cues: dict[str, CueSpec]
    fixes: dict[str, str]  # rule id -> its fix (vague phrases, vague cues)
    headings: list[HeadingSpec]
    negations: dict[str, list[NegationSpec]]
    cross: list[CrossSpec]
    section_sources: dict[str, str]
    patterns: list[Pattern]
    section_packed: dict[str, Packed | None] = field(default_factory=dict)
    _matcher: Matcher | None = None
    _sections: dict[str, re.Pattern[str]] | None = None
    _section_cache: dict[tuple[tuple[str, ...], str], frozenset[str]] = field(default_factory=dict)

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.patterns)
        return self._matcher

    def sections_of(self, unit: Unit) -> frozenset[str]:
        """Names of the sections a unit sits in (by its headings and label)."""
        key = (unit.headings, unit.label)
        found = self._section_cache.get(key)
        if found is None:
            if self._sections is None:
                packed = self.section_packed
                self._sections = {n: build(s, packed.get(n)) for n, s in self.section_sources.items()}
            texts = [*unit.headings, unit.label] if unit.label else unit.headings
            found = frozenset(name for name, rx in self._sections.items() if any(rx.search(t) for t in texts if t))
            if len(self._section_cache) < 4096:
                self._section_cache[key] = found
        return found

    def pack_regexes(self) -> None:
        """Keep re's compiled form of every regex, so a cached copy starts fast (coach.engine.regexes)."""
        for regex in [*self.patterns, *(rule for rules in self.negations.values() for rule in rules)]:
            regex.packed = pack(regex.source)
        self.section_packed = {n: pack(s) for n, s in self.section_sources.items()}

    def __getstate__(self) -> dict:
        state = {f: getattr(self, f) for f in self.__dataclass_fields__ if not f.startswith("_")}
        return state

    def __setstate__(self, state: dict) -> None:
        for k, v in state.items():
            setattr(self, k, v)
        self._matcher = None
        self._sections = None
        self._section_cache = {}


def compile_ruleset(ruleset) -> Compiled:  # ruleset: coach.engine.ruleset.Ruleset
    """Turn a validated Ruleset into the engine's tables."""
    from coach.engine.ruleset import CrossRule, CueRule, HeadingRule, NegationRule, VaguePhraseRule

    cues: dict[str, CueSpec] = {}
    fixes: dict[str, str] = {}
    negations: dict[str, list[NegationSpec]] = {}
    headings: list[HeadingSpec] = []
    cross: list[CrossSpec] = []
    sources: list[tuple[str, str]] = []  # (rule id, pattern) for the matcher
    for rule in ruleset.rules.values():
        if isinstance(rule, CueRule):
            s = rule.sections
            cues[rule.id] = CueSpec(
                rule.id,
                rule.element,
                rule.strength,
                rule.weight,
                frozenset(rule.units),
                frozenset(s.include),
                frozenset(s.exclude),
                frozenset(s.vague),
            )
            fixes[rule.id] = rule.fix
            sources += [(rule.id, p) for p in rule.patterns]
        elif isinstance(rule, VaguePhraseRule):
            fixes[rule.id] = rule.fix
            sources += [(rule.id, p) for p in rule.patterns]
        elif isinstance(rule, NegationRule):
            source = r"(?<![\w])(?:" + "|".join(f"(?:{flexible_spaces(p)})" for p in rule.patterns) + r")(?![\w])"
            negations.setdefault(rule.element, []).append(
                NegationSpec(
                    rule.id,
                    rule.element,
                    rule.effect,
                    rule.scope,
                    rule.window,
                    frozenset(rule.strengths),
                    frozenset(rule.only),
                    source,
                )
            )
        elif isinstance(rule, HeadingRule):
            headings.append(
                HeadingSpec(rule.id, rule.element, rule.strength, frozenset(rule.units), frozenset(rule.sections))
            )
            fixes[rule.id] = rule.fix
        elif isinstance(rule, CrossRule):
            cross.append(
                CrossSpec(
                    rule.id,
                    {e.value: frozenset(g.value for g in gs) for e, gs in rule.when.items()},
                    {e.value: frozenset(g.value for g in gs) for e, gs in rule.without.items()},
                    rule.message,
                    rule.why,
                    rule.fix,
                )
            )
    return Compiled(
        name=ruleset.name,
        version=ruleset.version,
        words={k: Words(v.why, v.fix_missing, v.fix_vague) for k, v in ruleset.elements.items()},
        cues=cues,
        fixes=fixes,
        headings=headings,
        negations=negations,
        cross=cross,
        section_sources={n: "|".join(f"(?:{h})" for h in d.headings) for n, d in ruleset.sections.items()},
        patterns=_prepared(sources),
    )


def _code_hash() -> str:
    """Changes when the code that prepares rules changes (so caches expire).

    Reads the module files rather than importing them: importing
    coach.engine.ruleset would pull in the rule models, which a cached start skips.
    """
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in ("anchors.py", "matcher.py", "ruleset.py", "compile.py", "regexes.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()


def _prepared(sources: list[tuple[str, str]]) -> list[Pattern]:
    """Analysed patterns, from the on-disk cache when the patterns are unchanged."""
    from coach.engine.cache import cached

    h = hashlib.sha256(_code_hash().encode())
    for owner, pattern in sources:
        h.update(f"{owner}\0{pattern}\n".encode())
    return cached("patterns", h.hexdigest()[:32], lambda: [prepare_pattern(o, p) for o, p in sources])


_BUNDLED: Compiled | None = None
_MEMO: dict[int, tuple[object, Compiled]] = {}


def compiled(ruleset=None) -> Compiled:
    """The compiled form of `ruleset`; by default the bundled pack, from the cache."""
    global _BUNDLED
    if ruleset is None:
        if _BUNDLED is None:
            _BUNDLED = _bundled()
        return _BUNDLED
    entry = _MEMO.get(id(ruleset))
    if entry is None or entry[0] is not ruleset:
        entry = _MEMO[id(ruleset)] = (ruleset, compile_ruleset(ruleset))
    return entry[1]


def _bundled() -> Compiled:
    from coach.engine.cache import cached, fingerprint
    from coach.paths import rules_dir
    from coach.version import __version__

    base = rules_dir()
    files = sorted(p for p in base.rglob("*") if p.suffix in (".yml", ".yaml"))
    # The packed regexes are CPython's own opcodes: one cache per Python version.
    key = fingerprint(files, __version__, _code_hash(), sys.version)

    def build_tables() -> Compiled:
        from coach.engine.ruleset import load_ruleset

        c = compile_ruleset(load_ruleset())
        c.pack_regexes()
        return c

    return cached("compiled", key, build_tables)
