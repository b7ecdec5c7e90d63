"""Which of the organisation's own priorities a role serves: ties and the chain.

Line of sight from the rules alone is a yes/no guessed from generic phrases
("our strategy"). Given the organisation's profile (`coach.org_profile`,
passed in: this module does no I/O), the role's sentences are read against
each priority's words, and a sentence that uses enough of them *ties* the
role to that priority. The chain then says how the role's effort reaches
the organisation's purpose: role → team priority → (department priority →)
organisation priority → purpose.

What counts as a tie:

- only sentences about the role: not the company blurb ("Our mission is …"
  without the holder as subject), the candidate's requirements, the
  benefits or how to apply (the rules' own sections and contexts say which
  those are), nor headings;
- a priority's *key words* (phrases the profile names) count 2 each; the
  other content words of its name, sentence and key results 1 each, half
  that for words most strategies share ("improve", "customer"), and words
  several priorities share count less again (they do not tell them apart);
  a number with its unit from a key result ("14 days") counts 1.5;
- a sentence ties when it reaches `TIE_SCORE` with at least two distinct
  words, or one key word of two or more words. Each priority keeps its best
  sentence as evidence.

Words are compared after a small, deterministic suffix-stripping stemmer,
so "onboarding" meets "onboard" and "renewals" meets "renewal". Measured on
a labelled set written for it (benchmarks/ties): docs/benchmarks.md.

Nothing here imports pydantic: the profile is read by attribute, and the
result is the report's JSON shape.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.engine.compile import Tables
    from coach.engine.text import Unit
    from coach.engine.trace import Trace
    from coach.org_profile import Level, OrgProfile, Priority

TIE_SCORE = 2.0
KEY_WORD = 2.0
CONTENT_WORD = 1.0
COMMON_WORD = 0.5
NUMBER_WITH_UNIT = 1.5
MAX_FIX_NAMES = 6

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_NUMBER_UNIT = re.compile(r"\b(\d[\d,.]*)\s*(%|[a-z]+)")

# Sections and contexts (rules/sections.yml, rules/context/) that are not about the role's work.
_NOT_THE_ROLE_SECTIONS = frozenset({"requirements", "benefits", "about_org", "apply"})
_NOT_THE_ROLE_CONTEXTS = frozenset({"context.candidate", "context.applying", "context.pay"})
_BLURB = "context.organisation"
_HOLDER = "context.holder-subject"

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "being",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "there",
        "them",
        "they",
        "we",
        "our",
        "us",
        "you",
        "your",
        "yours",
        "i",
        "me",
        "my",
        "he",
        "she",
        "his",
        "her",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "each",
        "every",
        "some",
        "no",
        "not",
        "nor",
        "so",
        "than",
        "then",
        "too",
        "very",
        "also",
        "just",
        "into",
        "over",
        "under",
        "about",
        "across",
        "per",
        "via",
        "up",
        "down",
        "out",
        "off",
        "again",
        "more",
        "most",
        "other",
        "such",
        "only",
        "own",
        "same",
        "both",
        "few",
        "many",
        "much",
        "new",
        "do",
        "does",
        "did",
        "done",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "get",
        "gets",
        "while",
        "within",
        "without",
        "between",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "against",
        "upon",
        "s",
        "t",
        "make",
        "makes",
        "made",
        "making",
        "role",
        "roles",
        "job",
        "work",
        "works",
        "working",
        "team",
        "teams",
        "year",
        "years",
        "month",
        "months",
        "quarter",
        "quarters",
        "week",
        "weeks",
        "day",
        "daily",
        "people",
        "person",
        "one",
        "two",
        "three",
        "first",
    ]
)
_COMMON = frozenset(
    [
        "improve",
        "increase",
        "grow",
        "growth",
        "reduce",
        "cut",
        "deliver",
        "delivery",
        "ensure",
        "build",
        "better",
        "best",
        "customer",
        "customers",
        "client",
        "clients",
        "service",
        "services",
        "business",
        "organisation",
        "organization",
        "company",
        "value",
        "quality",
        "support",
        "help",
        "lead",
        "drive",
        "strategy",
        "strategic",
        "goal",
        "goals",
        "priority",
        "priorities",
        "plan",
        "plans",
        "time",
        "faster",
        "fast",
    ]
)

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ness", "ies", "ied", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A small suffix-stripping stem; the same on both sides of a comparison is all that matters.

    Cached: a role and a profile repeat the same few hundred words.
    """
    w = word.replace("’", "'").split("'")[0]
    if len(w) <= 3 or w.isdigit():
        return w
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix in ("ies", "ied"):
                w = w[: -len(suffix)] + "y"
            elif suffix == "es" and not w.endswith(("ses", "xes", "zes", "ches", "shes")):
                w = w[:-1]
            elif suffix == "s" and w.endswith("ss"):
                break
            else:
                w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]  # "planned" → "plann" → "plan"
    return w


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower())]


def _content(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and not w.isdigit() and len(w) > 2}


def _numbers(text: str) -> set[str]:
    return {f"{m.group(1).replace(',', '')} {stem(m.group(2))}" for m in _NUMBER_UNIT.finditer(text.lower())}


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in _COMMON)


class _Terms:
    """One priority's words, weighed: what a sentence must use to tie to it."""

    __slots__ = ("key_phrases", "numbers", "weights")

    def __init__(self, priority: Priority, shared: dict[str, int]) -> None:
        self.key_phrases = [tuple(_stems(k)) for k in priority.key_words if _stems(k)]
        words = _content(" ".join([priority.name, priority.sentence, *priority.key_results]))
        words |= {s for phrase in self.key_phrases for s in phrase if len(phrase) == 1}
        common = _common_stems()
        self.weights: dict[str, float] = {}
        for w in words:
            weight = COMMON_WORD if w in common else CONTENT_WORD
            self.weights[w] = weight / max(1, shared.get(w, 1))
        self.numbers = _numbers(" ".join([priority.name, priority.sentence, *priority.key_results]))


def _terms(priorities: list[Priority]) -> list[_Terms]:
    shared: dict[str, int] = {}
    for p in priorities:
        for w in _content(" ".join([p.name, p.sentence, *p.key_results])):
            shared[w] = shared.get(w, 0) + 1
    return [_Terms(p, shared) for p in priorities]


class _Sentence:
    """A unit's words, stemmed, beside the words as written (the report shows those)."""

    __slots__ = ("numbers", "stem_set", "stems", "surface")

    def __init__(self, chunk: str) -> None:
        written = _WORD.findall(chunk)
        self.surface = written
        self.stems = [stem(w.lower()) for w in written]
        self.stem_set = set(self.stems)
        self.numbers = _numbers(chunk)

    def written(self, s: str) -> str:
        return self.surface[self.stems.index(s)]


def _score(terms: _Terms, sentence: _Sentence) -> tuple[float, list[str], bool]:
    """The sentence's score for one priority, the words that made it, and whether a long key word matched."""
    stems = sentence.stems
    score = 0.0
    words: list[str] = []
    used: set[str] = set()
    long_key = False
    for phrase in terms.key_phrases:
        if not sentence.stem_set.issuperset(phrase):
            continue  # most sentences lack the phrase's words: no need to look for it
        n = len(phrase)
        at = next((i for i in range(len(stems) - n + 1) if tuple(stems[i : i + n]) == phrase), None)
        if at is not None:
            score += KEY_WORD
            words.append(" ".join(sentence.surface[at : at + n]))
            used.update(phrase)
            long_key = long_key or n > 1
    for w in sorted(sentence.stem_set & terms.weights.keys(), key=stems.index):
        if w not in used:
            score += terms.weights[w]
            words.append(sentence.written(w))
    numbers = sentence.numbers
    for number in sorted(numbers & terms.numbers):
        score += NUMBER_WITH_UNIT
        words.append(number)
    return score, words, long_key


def about_the_role(t: Trace, tables: Tables, unit: Unit) -> bool:
    """Whether a unit speaks of the role's own work (not the blurb, the asks, the perks)."""
    if unit.kind == "heading":
        return False
    if tables.sections_of(unit) & _NOT_THE_ROLE_SECTIONS:
        return False
    context = t.context_of(unit)
    if context & _NOT_THE_ROLE_CONTEXTS:
        return False
    return not (_BLURB in context and _HOLDER not in context)


def in_scope(profile: OrgProfile, team: str | None) -> list[tuple[Level, str, Priority]]:
    """(level, owner, priority) a role is read against: all of them, or its team's line only."""
    every = profile.all_priorities()
    chosen = profile.team(team)
    if chosen is None:
        return every
    dept = (chosen.department or "").casefold()
    return [
        (level, owner, p)
        for level, owner, p in every
        if level == "organisation"
        or (level == "department" and owner.casefold() == dept)
        or (level == "team" and owner == chosen.name)
    ]


_PREPARED: dict[tuple[int, str | None], tuple[OrgProfile, list[tuple[Level, str, Priority]], list[_Terms]]] = {}


def _prepared(profile: OrgProfile, team: str | None) -> tuple[list[tuple[Level, str, Priority]], list[_Terms]]:
    """The priorities in scope and their weighed words, worked out once per profile and team.

    Keyed by the profile object (kept in the entry, so its id cannot be
    reused while cached); profiles are frozen, so an entry never goes stale.
    Coverage reads thousands of roles against one profile.
    """
    key = (id(profile), team)
    hit = _PREPARED.get(key)
    if hit is not None and hit[0] is profile:
        return hit[1], hit[2]
    scoped = in_scope(profile, team)
    terms = _terms([p for _, _, p in scoped])
    if len(_PREPARED) >= 32:
        _PREPARED.clear()
    _PREPARED[key] = (profile, scoped, terms)
    return scoped, terms


def find_ties(t: Trace, tables: Tables, profile: OrgProfile, team: str | None = None) -> list[dict[str, Any]]:
    """Each priority the role's sentences tie to, with its best sentence and the words that tied it."""
    text = t.doc.text
    scoped, all_terms = _prepared(profile, team)
    best: dict[int, tuple[float, Unit, list[str]]] = {}
    for unit in t.doc.units:
        if not about_the_role(t, tables, unit):
            continue
        sentence = _Sentence(text[unit.start : unit.end])
        for i, terms in enumerate(all_terms):
            score, words, long_key = _score(terms, sentence)
            tied = score >= TIE_SCORE and (len(words) >= 2 or long_key)
            if tied and (i not in best or score > best[i][0]):
                best[i] = (score, unit, words)
    ties = []
    for i, (level, owner, priority) in enumerate(scoped):
        if i not in best:
            continue
        score, unit, words = best[i]
        ties.append(
            {
                "priority": priority.name,
                "level": level,
                "owner": owner,
                "serves": priority.serves,
                "evidence": {"start": unit.start, "end": unit.end, "text": text[unit.start : unit.end]},
                "words": words,
                "score": round(score, 3),
            }
        )
    return ties


_DEPTH = {"team": 0, "department": 1, "organisation": 2}


def chain(ties: list[dict[str, Any]], profile: OrgProfile) -> list[dict[str, Any]]:
    """The role's way to the organisation's purpose, through its most specific tie; [] when none."""
    if not ties:
        return []
    tie = min(ties, key=lambda x: (_DEPTH[x["level"]], -x["score"]))
    by_name = {p.name.casefold(): (level, owner, p) for level, owner, p in profile.all_priorities()}
    links: list[dict[str, Any]] = [
        {"level": "role", "name": "This role", "owner": None, "text": tie["evidence"]["text"]}
    ]
    current = by_name[tie["priority"].casefold()]
    for _ in range(3):  # team → department → organisation at most
        level, owner, p = current
        links.append({"level": level, "name": p.name, "owner": owner, "text": p.sentence})
        if p.serves is None or p.serves.casefold() not in by_name:
            break
        current = by_name[p.serves.casefold()]
    links.append({"level": "purpose", "name": profile.name, "owner": None, "text": profile.purpose})
    return links


def fix_naming_priorities(profile: OrgProfile, team: str | None) -> str:
    """The line-of-sight fix that names the profile's priorities, the team's own first."""
    scoped = in_scope(profile, team)
    ordered = sorted(scoped, key=lambda x: _DEPTH[x[0]])
    names = [p.name for _, _, p in ordered][:MAX_FIX_NAMES]
    more = " · …" if len(scoped) > MAX_FIX_NAMES else ""
    return (
        f"Say which of these your outcome serves: {' · '.join(names)}{more}. "
        "Name the priority in the role's purpose, e.g. 'This role serves our priority to …, by …'."
    )


def line_of_sight_with(
    t: Trace, tables: Tables, profile: OrgProfile, team: str | None, los: dict[str, Any]
) -> dict[str, Any]:
    """The report's line of sight read against the profile: ties and chain added, fix naming priorities.

    The rules' verdict stands; a tie to one of the organisation's own
    priorities is line of sight too (ELEMENTS.md: an explicit tie from the
    role to the organisation's goal).
    """
    ties = find_ties(t, tables, profile, team)
    present = bool(los["present"]) or bool(ties)
    return {
        **los,
        "present": present,
        "fix": None if present else fix_naming_priorities(profile, team),
        "ties": ties,
        "chain": chain(ties, profile),
    }
