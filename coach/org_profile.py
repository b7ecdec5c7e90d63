"""The organisation profile: its purpose and priorities, as data people edit.

Line of sight asks that a role's purpose connect to the organisation's own
purpose, strategy and plans. The rules alone can only spot generic phrases
("our mission"); with a profile the engine can say *which* priority a role
serves. The profile is a YAML file (`coach check --org org.yml`) or the copy
stored in the database (the app's Organisation page), validated here by
pydantic with `extra="forbid"`, and every mistake is one line naming the
file and the field, raised as `ProfileError` (the CLI exits 2 on it):

    org.yml: teams.0.priorities.1.serves: 'Grow revnue' is not a priority of the organisation …

Shape: the organisation's `purpose` and `priorities`; optionally
`departments` and `teams`, each with its own purpose and priorities, where a
team may sit in a department. A department priority names the organisation
priority it `serves`; a team priority names an organisation priority or a
priority of its own department. Priority names are unique across the
profile, so a tie, a coverage row and a challenge can name one unambiguously.

This module imports pydantic and YAML; the engine's tie-finding reads a
profile's attributes only, so a check without a profile never imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coach.errors import ProfileError

Level = Literal["organisation", "department", "team"]

__all__ = [
    "Level",
    "OrgProfile",
    "Priority",
    "Unit",
    "dump_profile",
    "load_profile",
    "parse_profile",
    "profile_from_data",
]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clean(value: str) -> str:
    return " ".join(value.split())


class Priority(_Input):
    """One strategic priority: a short name, the sentence that says it, how it is measured."""

    name: str = Field(min_length=1, max_length=120)
    sentence: str = ""
    key_results: list[str] = []
    key_words: list[str] = []
    serves: str | None = Field(
        default=None, description="For a department or team priority: the priority above it that it serves."
    )

    @field_validator("name", "sentence", "serves")
    @classmethod
    def _one_line(cls, v: str | None) -> str | None:
        return None if v is None else _clean(v)

    @field_validator("name")
    @classmethod
    def _named(cls, v: str) -> str:
        if not v:
            raise ValueError("a priority needs a name")
        return v

    @field_validator("key_results", "key_words")
    @classmethod
    def _no_blanks(cls, v: list[str]) -> list[str]:
        return [_clean(s) for s in v if _clean(s)]


class Unit(_Input):
    """A department or team: its name, what it is for, and its own priorities."""

    name: str = Field(min_length=1, max_length=120)
    purpose: str = ""
    department: str | None = Field(default=None, description="For a team: the department it sits in.")
    priorities: list[Priority] = []

    @field_validator("name", "purpose", "department")
    @classmethod
    def _one_line(cls, v: str | None) -> str | None:
        return None if v is None else _clean(v)


class OrgProfile(_Input):
    """An organisation's purpose and priorities, with departments and teams beneath it."""

    name: str = Field(default="Our organisation", max_length=120)
    purpose: str
    priorities: list[Priority] = Field(min_length=1)
    departments: list[Unit] = []
    teams: list[Unit] = []

    @field_validator("name", "purpose")
    @classmethod
    def _one_line(cls, v: str) -> str:
        return _clean(v)

    @field_validator("purpose")
    @classmethod
    def _stated(cls, v: str) -> str:
        if not v:
            raise ValueError("the organisation's purpose is empty: say in one sentence why it exists")
        return v

    def priority_names(self) -> list[str]:
        """Every priority's name: the organisation's first, then departments', then teams'."""
        return [p.name for _, _, p in self.all_priorities()]

    def all_priorities(self) -> list[tuple[Level, str, Priority]]:
        """(level, owner name, priority) for every priority, organisation first."""
        out: list[tuple[Level, str, Priority]] = [("organisation", self.name, p) for p in self.priorities]
        out += [("department", d.name, p) for d in self.departments for p in d.priorities]
        out += [("team", t.name, p) for t in self.teams for p in t.priorities]
        return out

    def team(self, name: str | None) -> Unit | None:
        """The team called `name` (case does not matter), if the profile has one."""
        if not name:
            return None
        key = name.strip().casefold()
        return next((t for t in self.teams if t.name.casefold() == key), None)

    def team_names(self) -> list[str]:
        return [t.name for t in self.teams]


def _problems(p: OrgProfile) -> str | None:
    """The first thing pydantic cannot see alone: duplicates and priorities serving nothing."""
    seen: dict[str, str] = {}
    org_names = [x.name for x in p.priorities]
    places: list[tuple[str, list[Priority]]] = [("priorities", p.priorities)]
    places += [(f"departments.{i}.priorities", d.priorities) for i, d in enumerate(p.departments)]
    places += [(f"teams.{i}.priorities", t.priorities) for i, t in enumerate(p.teams)]
    for where, priorities in places:
        for j, pr in enumerate(priorities):
            key = pr.name.casefold()
            if key in seen:
                return f"{where}.{j}.name: duplicate priority name {pr.name!r} (also at {seen[key]}); give each priority its own name"
            seen[key] = f"{where}.{j}"
    for kind, units in (("departments", p.departments), ("teams", p.teams)):
        names: set[str] = set()
        for i, u in enumerate(units):
            if u.name.casefold() in names:
                return f"{kind}.{i}.name: duplicate {kind[:-1]} name {u.name!r}"
            names.add(u.name.casefold())
    for j, pr in enumerate(p.priorities):
        if pr.serves is not None:
            return f"priorities.{j}.serves: an organisation priority serves the purpose itself; remove 'serves'"
    departments = {d.name.casefold(): d for d in p.departments}
    for i, d in enumerate(p.departments):
        if d.department is not None:
            return f"departments.{i}.department: a department cannot sit in another department; remove it"
        for j, pr in enumerate(d.priorities):
            if pr.serves is None or pr.serves.casefold() not in {n.casefold() for n in org_names}:
                return _unknown(f"departments.{i}.priorities.{j}.serves", pr.serves, org_names, "organisation")
    for i, t in enumerate(p.teams):
        dept = None
        if t.department is not None:
            dept = departments.get(t.department.casefold())
            if dept is None:
                have = ", ".join(d.name for d in p.departments) or "none defined"
                return (
                    f"teams.{i}.department: {t.department!r} is not a department of the profile (departments: {have})"
                )
        above = org_names + ([x.name for x in dept.priorities] if dept else [])
        for j, pr in enumerate(t.priorities):
            if pr.serves is None or pr.serves.casefold() not in {n.casefold() for n in above}:
                whose = "organisation or of the team's department" if dept else "organisation"
                return _unknown(f"teams.{i}.priorities.{j}.serves", pr.serves, above, whose)
    return None


def _unknown(where: str, value: str | None, choices: list[str], whose: str) -> str:
    if value is None:
        return f"{where}: missing; name the priority of the {whose} this one serves (one of: {', '.join(choices)})"
    return f"{where}: {value!r} is not a priority of the {whose} (use one of: {', '.join(choices)})"


def profile_from_data(data: object, source: str) -> OrgProfile:
    """Validate parsed YAML (or a form's dict) into a profile, or raise ProfileError naming `source`."""
    from coach.datafile import describe

    if not isinstance(data, dict):
        raise ProfileError(f"{source}: an organisation profile must be a mapping with 'purpose' and 'priorities'")
    try:
        profile = OrgProfile.model_validate(data)
    except ValidationError as e:
        raise ProfileError(f"{source}: {describe(e, limit=1)}") from None
    problem = _problems(profile)
    if problem:
        raise ProfileError(f"{source}: {problem}")
    return profile


def parse_profile(text: str, source: str = "organisation profile") -> OrgProfile:
    """A profile from YAML text (a file's contents, an upload, the stored copy)."""
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ProfileError(f"{source}{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    return profile_from_data(data, source)


def load_profile(path: Path | str) -> OrgProfile:
    """The profile in the YAML file at `path`, or ProfileError naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such file; give the path of an organisation profile (YAML)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ProfileError(f"{path}: cannot read the organisation profile ({e.__class__.__name__})") from None
    return parse_profile(text, str(path))


def dump_profile(profile: OrgProfile) -> str:
    """The profile as YAML people can read and edit: empty optional fields left out."""
    import yaml

    data = profile.model_dump(exclude_defaults=True)
    data = {"name": profile.name, **data}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
