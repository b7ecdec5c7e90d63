"""The organisation profile in the database, so the app and `coach coverage` share one.

Saving validates the YAML first (`coach.org_profile`): a bad profile raises
ProfileError and stores nothing, so the profile saved before stays in force.
Every save is a new row; the newest is the profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.store.core import StoreCore
from coach.store.db import now, write

if TYPE_CHECKING:
    from coach.org_profile import OrgProfile

_SOURCE = "the saved organisation profile"


class OrgProfileMixin(StoreCore):
    def save_org_profile(self, yaml_text: str, by: str | None = None) -> OrgProfile:
        """Validate and store a profile's YAML as the one in force; returns it parsed."""
        from coach.org_profile import parse_profile

        profile = parse_profile(yaml_text, "organisation profile")
        with self._errors(), write(self._db()) as db:
            db.execute("INSERT INTO org_profiles (yaml, saved_by, saved) VALUES (?, ?, ?)", [yaml_text, by, now()])
        return profile

    def org_profile_yaml(self) -> str | None:
        """The YAML of the profile in force, as it was saved, or None when none was saved."""
        with self._errors():
            row = self._db().execute("SELECT yaml FROM org_profiles ORDER BY id DESC LIMIT 1").fetchone()
        return None if row is None else row[0]

    def org_profile(self) -> OrgProfile | None:
        """The profile in force, parsed, or None when none was saved."""
        from coach.org_profile import parse_profile

        text = self.org_profile_yaml()
        return None if text is None else parse_profile(text, _SOURCE)

    def priority_names(self) -> list[str]:
        """Every priority's name in the saved profile (organisation first), [] without one.

        For anything that lets a person pick a priority (challenges, filters).
        """
        profile = self.org_profile()
        return [] if profile is None else profile.priority_names()

    def latest_texts(self, team: str | None = None) -> list[tuple[int, str, str | None, str]]:
        """(contract id, title, team, latest text) of every contract, or of one team, oldest first."""
        sql = "SELECT id, title, team, text FROM contracts"
        args: list[str] = []
        if team is not None:
            sql += " WHERE team = ?"
            args.append(team)
        with self._errors():
            return [(r[0], r[1], r[2], r[3]) for r in self._db().execute(sql + " ORDER BY id", args).fetchall()]
