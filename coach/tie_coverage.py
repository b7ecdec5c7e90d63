"""Coverage for HR: which of the organisation's priorities the saved roles serve, and which they leave.

For each saved contract's latest text the engine finds its ties to the
profile (coach.engine.ties, with the contract's team when the profile knows
it). A priority is *served* by a role that ties to it directly or through a
team or department priority that serves it; a priority nobody serves, and
a role that serves none, are what HR looks at first. Pure: the store hands
in the texts.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from coach.org_profile import Level, OrgProfile


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class RoleRef(_Out):
    contract_id: int
    title: str
    team: str | None


class PriorityCoverage(_Out):
    priority: str
    level: Level
    owner: str
    serves: str | None
    direct: int  # roles whose own sentences tie to it
    roles: int  # roles that serve it, directly or through a priority beneath it
    contract_ids: list[int]


class Coverage(_Out):
    profile: str
    team: str | None
    contracts: int
    priorities: list[PriorityCoverage]
    untied_roles: list[RoleRef]

    @property
    def unserved(self) -> list[str]:
        """Priorities no saved role serves."""
        return [p.priority for p in self.priorities if p.roles == 0]


def coverage(
    contracts: Iterable[tuple[int, str, str | None, str]], profile: OrgProfile, team: str | None = None
) -> Coverage:
    """How many of `contracts` (id, title, team, text) serve each priority of `profile`."""
    from coach.engine import assess

    every = profile.all_priorities()
    above = {p.name: p.serves for _, _, p in every}
    direct: dict[str, set[int]] = {p.name: set() for _, _, p in every}
    served: dict[str, set[int]] = {p.name: set() for _, _, p in every}
    untied: list[RoleRef] = []
    count = 0
    for cid, title, role_team, text in contracts:
        count += 1
        los = assess(text, profile=profile, team=role_team)["line_of_sight"]
        names = {t["priority"] for t in los["ties"]}
        if not names:
            untied.append(RoleRef(contract_id=cid, title=title, team=role_team))
        for name in names:
            direct[name].add(cid)
            step: str | None = name
            for _ in range(4):  # team → department → organisation
                if step is None or step not in served:
                    break
                served[step].add(cid)
                step = above.get(step)
    rows = [
        PriorityCoverage(
            priority=p.name, level=level, owner=owner, serves=p.serves, direct=len(direct[p.name]),
            roles=len(served[p.name]), contract_ids=sorted(served[p.name]),
        )
        for level, owner, p in every
    ]  # fmt: skip
    if team is not None:
        chosen = profile.team(team)
        dept = (chosen.department or "").casefold() if chosen else ""
        rows = [
            r
            for r in rows
            if r.level == "organisation"
            or (chosen is not None and r.level == "team" and r.owner == chosen.name)
            or (r.level == "department" and r.owner.casefold() == dept)
        ]
    return Coverage(profile=profile.name, team=team, contracts=count, priorities=rows, untied_roles=untied)
