"""Packed regexes (coach.engine.regexes) rebuild exactly what `re.compile` builds, or fall back to it."""

from __future__ import annotations

import re

import pytest

from coach.engine.compile import compile_ruleset
from coach.engine.regexes import build, pack
from coach.engine.ruleset import load_ruleset


@pytest.fixture(scope="module")
def tables():
    c = compile_ruleset(load_ruleset())
    c.pack_regexes()
    return c


def test_every_bundled_regex_rebuilds_equal_to_re_compile(tables) -> None:
    sources = [p.source for p in tables.patterns]
    sources += [n.source for rules in tables.negations.values() for n in rules]
    sources += list(tables.section_sources.values())
    packed = [p.packed for p in tables.patterns]
    packed += [n.packed for rules in tables.negations.values() for n in rules]
    packed += [tables.section_packed[name] for name in tables.section_sources]

    assert len(sources) > 250 and all(p is not None for p in packed)
    for source, p in zip(sources, packed, strict=True):
        # Pattern equality compares the source, the flags and the compiled code.
        assert build(source, p) == re.compile(source), source


@pytest.mark.parametrize(
    ("source", "text", "found"),
    [
        (r"(?:final +say|decides?)(?!\w)", "she decides  and has the final  say", ["decides", "final  say"]),
        (r"(?P<amount>\d+) +days", "up to 10 days of training", ["10 days"]),
        (r"(?i)budget", "BUDGET and Budget", ["BUDGET", "Budget"]),
    ],
)
def test_a_rebuilt_regex_finds_what_re_finds(source: str, text: str, found: list[str]) -> None:
    rebuilt = build(source, pack(source))
    assert [m.group() for m in rebuilt.finditer(text)] == found == [m.group() for m in re.finditer(source, text)]


def test_a_damaged_or_foreign_packed_form_falls_back_to_re_compile() -> None:
    source = r"report(?:s|ing)? +to"
    flags, code, groups, groupindex, indexgroup = pack(source)
    damaged = (flags, code[: len(code) // 2], groups, groupindex, indexgroup)
    assert build(source, damaged) == re.compile(source)
    assert build(source, None) == re.compile(source)
