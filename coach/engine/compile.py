"""A rule pack, compiled into the plain tables the engine runs on.

The rule files are pydantic models (validated, with examples and prose);
the engine needs only ids, scopes, prepared patterns and weights. Each kind's
`compile_rule` (coach.engine.kinds) writes its part into a `Tables` of small
dataclasses that pickle well, so `coach check one.md` loads the bundled pack
from the user's cache without parsing YAML or importing the rule models.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.engine.matcher import Matcher, Pattern, prepare_pattern
from coach.engine.regexes import Packed, build, pack
from coach.engine.text import Unit
from coach.engine.weights import Weights, prior

if TYPE_CHECKING:
    from coach.engine.kinds.context import ContextSpec
    from coach.engine.kinds.cross import CrossSpec
    from coach.engine.kinds.cue import CueSpec
    from coach.engine.kinds.heading import HeadingSpec
    from coach.engine.kinds.negation import NegationSpec
    from coach.engine.ruleset import Ruleset


@dataclass(slots=True, eq=False, repr=False)
class Words:
    """What the report says about an element: why it matters, what to add."""

    why: str
    fix_missing: str
    fix_vague: str


@dataclass(slots=True, eq=False, repr=False)
class Tables:
    """Everything `coach.engine.assess` needs, and nothing it does not."""

    name: str
    version: str
    words: dict[str, Words]
    cues: dict[str, CueSpec] = field(default_factory=dict)
    contexts: dict[str, ContextSpec] = field(default_factory=dict)
    negations: dict[str, list[NegationSpec]] = field(default_factory=dict)
    headings: list[HeadingSpec] = field(default_factory=list)
    cross: list[CrossSpec] = field(default_factory=list)
    fixes: dict[str, str] = field(default_factory=dict)  # rule id -> its fix
    kinds: dict[str, str] = field(default_factory=dict)  # matcher pattern owner -> its kind
    section_sources: dict[str, str] = field(default_factory=dict)
    title_source: str = ""  # headings that name a role (coach.engine.kinds.sections): never a section
    sources: list[tuple[str, str, int | None]] = field(default_factory=list)  # (owner, pattern, opening)
    patterns: list[Pattern] = field(default_factory=list)
    weights: Weights = field(default_factory=prior)
    section_packed: dict[str, Packed | None] = field(default_factory=dict)
    _matcher: Matcher | None = None
    _sections: dict[str, re.Pattern[str]] | None = None
    _titles: re.Pattern[str] | None = None
    _section_cache: dict[tuple[tuple[str, ...], str], frozenset[str]] = field(default_factory=dict)
    _negation_cache: dict[str, tuple[NegationSpec, ...]] = field(default_factory=dict)

    def add_patterns(self, owner: str, kind: str, patterns: list[str], opening: int | None = None) -> None:
        """Patterns for the matcher; `opening`: matches must begin within a unit's first N words."""
        self.kinds[owner] = kind
        self.sources += [(owner, p, opening) for p in patterns]

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.patterns)
        return self._matcher

    def sections_of(self, unit: Unit) -> frozenset[str]:
        """Names of the kinds of section a unit sits in (by its headings and label)."""
        key = (unit.headings, unit.label)
        found = self._section_cache.get(key)
        if found is None:
            if self._sections is None:
                packed = self.section_packed
                self._sections = {n: build(s, packed.get(n)) for n, s in self.section_sources.items()}
            texts = [*unit.headings, unit.label] if unit.label else unit.headings
            if self.title_source:
                # "Product Manager, Benefits Service" names the role: it is not a benefits section.
                texts = [t for t in texts if not self.is_title(t)]
            found = frozenset(name for name, rx in self._sections.items() if any(rx.search(t) for t in texts if t))
            if len(self._section_cache) < 4096:
                self._section_cache[key] = found
        return found

    def is_title(self, heading: str) -> bool:
        """Whether a heading (as `Unit.headings` holds it) is a job title, which names no kind of section."""
        if self._titles is None:
            if not self.title_source:
                return False
            self._titles = re.compile(self.title_source)
        return self._titles.fullmatch(heading) is not None

    def negations_of(self, cue: CueSpec) -> tuple[NegationSpec, ...]:
        """The negations that may change `cue`, in the order they are tried.

        Which negations apply to a cue (its element, its strength, their
        `only` lists) never depends on the text, so each cue's list is worked
        out once instead of filtering its element's negations at every hit.
        """
        found = self._negation_cache.get(cue.id)
        if found is None:
            found = self._negation_cache[cue.id] = tuple(
                rule
                for rule in self.negations.get(cue.element, ())
                if cue.strength in rule.strengths and (not rule.only or cue.id in rule.only)
            )
        return found

    def pack_regexes(self) -> None:
        """Keep re's compiled form of every regex, so a cached copy starts fast (coach.engine.regexes)."""
        for p in self.patterns:
            p.packed = pack(p.source)
        for rules in self.negations.values():
            for n in rules:
                n.packed = pack(n.source)
        self.section_packed = {n: pack(s) for n, s in self.section_sources.items()}
        _ = self.matcher  # the Aho-Corasick automaton pickles too, and loads faster than it builds

    def __getstate__(self) -> dict[str, Any]:
        state = {f: getattr(self, f) for f in self.__dataclass_fields__ if not f.startswith("_")}
        state["_matcher"] = self._matcher
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._matcher = None
        for k, v in state.items():
            setattr(self, k, v)
        self._sections = None
        self._titles = None
        self._section_cache = {}
        self._negation_cache = {}


def compile_ruleset(ruleset: Ruleset) -> Tables:
    """Turn a validated Ruleset into the engine's tables, weights included."""
    from coach.engine.features import known_features
    from coach.engine.kinds import KINDS
    from coach.engine.weights import read_weights

    tables = Tables(
        name=ruleset.name,
        version=ruleset.version,
        words={k: Words(v.why, v.fix_missing, v.fix_vague) for k, v in ruleset.elements.items()},
    )
    for rule in ruleset.rules.values():
        KINDS[rule.kind].compile_rule(rule, tables)
    for rules in tables.negations.values():
        rules.sort(key=lambda r: r.id)
    tables.patterns = _prepared(tables.sources)
    weights = prior()
    if ruleset.weights:
        known = known_features(tables)
        for path in ruleset.weights:
            weights = read_weights(Path(path), known, weights)
    tables.weights = weights
    return tables


def _code_hash() -> str:
    """Changes when the code that prepares rules changes (so caches expire).

    Reads the module files rather than importing them: importing the rule
    models would cost what a cached start saves.
    """
    here = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), *(here / "kinds").glob("*.py")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _prepared(sources: list[tuple[str, str, int | None]]) -> list[Pattern]:
    """Analysed patterns, from the on-disk cache when the patterns are unchanged."""
    from coach.engine.cache import cached

    h = hashlib.sha256(_code_hash().encode())
    for owner, pattern, opening in sources:
        h.update(f"{owner}\0{pattern}\0{opening}\n".encode())
    return cached("patterns", h.hexdigest()[:32], lambda: [prepare_pattern(o, p, n) for o, p, n in sources])


_BUNDLED: Tables | None = None
_MEMO: dict[int, tuple[object, Tables]] = {}


def compiled(ruleset: Ruleset | None = None) -> Tables:
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


def _bundled() -> Tables:
    from coach.engine.cache import cached, fingerprint, pack_files
    from coach.paths import rules_dir
    from coach.version import __version__

    # The packed regexes are CPython's own opcodes: one cache per Python version.
    key = fingerprint(pack_files(rules_dir()), __version__, _code_hash(), sys.version)

    def build_tables() -> Tables:
        from coach.engine.ruleset import load_ruleset

        tables = compile_ruleset(load_ruleset())
        tables.pack_regexes()
        return tables

    return cached("compiled", key, build_tables)
