"""The challenge loop in the store: challenges, ideas, their review, and who may see an author.

- **Challenges** are published by leaders (the app decides who is one, from
  its config) with a strategic priority named as text. `known_priorities()`
  is the one place that says which priorities exist: until the
  organisation profile arrives it returns None (any name is accepted).
- **Ideas** are checked by the idea rule pack (`coach.idea_check`) and
  stored with their grades, only while their challenge is open.
- **Review** is the challenge owner's (or HR's): new → shortlisted →
  accepted / declined / parked, each step an append-only event; a decline
  or a parking needs a reason, which the submitter sees.
- **Authors.** Every idea's author is written to `idea_authors`, a private
  table: reviewer-side queries run on the guarded connection, which SQLite
  itself refuses any read of it (and of reflections). `ideas.submitter` holds
  the author only when the idea was not anonymous. The author's own view
  (`submit_idea`, `my_ideas`) runs on a third connection that may read
  `idea_authors` but still not reflections.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from coach.errors import InputError, NotFoundError
from coach.report import ELEMENTS
from coach.store.access import NotAllowedError
from coach.store.challenge_models import (
    ANONYMOUS,
    IDEA_STATUSES,
    LEVELS,
    NEEDS_REASON,
    NEXT_STATUSES,
    Challenge,
    ChallengeState,
    Idea,
    IdeaCount,
    IdeaEvent,
    IdeaExportRow,
    IdeaGrades,
    IdeaStatus,
    MyIdea,
    NewChallenge,
    PriorityCount,
)
from coach.store.db import now, write
from coach.store.models import Actor
from coach.store.org_profiles import OrgProfileMixin
from coach.store.rows import Columns, check_values

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.report import Report

MAX_NOTE_CHARS = 2000
_CHALLENGE = Columns(
    Challenge, "ch.id", "ch.title", "ch.question", "ch.priority", "ch.level", "ch.unit", "ch.opens", "ch.closes",
    "ch.owner", "ch.published_by", "ch.created",
)  # fmt: skip
_IDEA = Columns(
    Idea, "i.id", "i.challenge_id", "ch.title AS challenge_title", "i.title", "i.text", "i.team", "i.submitter",
    "i.anonymous", "i.status", "i.reason", "i.created", "i.updated",
)  # fmt: skip
_GRADE_COLUMNS = ", ".join(f"i.{e.value}" for e in ELEMENTS) + ", i.line_of_sight, i.score"
_EVENT = Columns(IdeaEvent, "id", "idea_id", "time", "author", "status", "note")


def _grades(row: Any) -> IdeaGrades:
    return IdeaGrades(grades={e: row[n] for n, e in enumerate(ELEMENTS)}, line_of_sight=bool(row[4]), score=int(row[5]))


def _idea(row: Any) -> Idea:
    return _IDEA.read(row, check=_grades(_IDEA.rest(row)))


def check_priority(priority: str, known: list[str] | None) -> None:
    """Refuse a priority the organisation profile does not list (no profile: any name is fine)."""
    if known is None:
        return
    if priority.casefold() not in {k.casefold() for k in known}:
        choices = ", ".join(known) if known else "none yet"
        raise InputError(
            f"unknown strategic priority {priority!r}; use one from the organisation profile ({choices}) "
            "or ask HR to add it there"
        )


def is_reviewer(challenge: Challenge, by: Actor) -> bool:
    """The challenge's owner and HR review its ideas and see all of them."""
    return by.is_hr or challenge.owner.strip().casefold() == by.name.strip().casefold()


def _today(today: date | None) -> date:
    return today if today is not None else date.today()


class ChallengesMixin(OrgProfileMixin):
    # --- challenges ---------------------------------------------------------------

    def known_priorities(self) -> list[str] | None:
        """The strategic priorities of the organisation profile, or None when there is no profile.

        Without a saved profile any priority name is accepted (a leader may
        publish before HR has written one); with one, only its priorities.
        """
        if self.org_profile_yaml() is None:
            return None
        return self.priority_names()

    def challenge_priorities(self) -> list[str]:
        """The priority names challenges use, alphabetically (for filters and suggestions)."""
        with self._errors():
            rows = self._db().execute("SELECT DISTINCT priority FROM challenges ORDER BY priority COLLATE NOCASE")
            return [r[0] for r in rows]

    def publish_challenge(self, challenge: NewChallenge | dict[str, Any], *, by: str) -> Challenge:
        """Store a new challenge published by `by` (the app checks they are HR or a leader)."""
        if not by or not by.strip():
            raise InputError("say who is publishing the challenge, so its page can show it")
        if not isinstance(challenge, NewChallenge):
            try:
                challenge = NewChallenge.model_validate(challenge)
            except ValidationError as e:
                raise InputError(_first_problem(e)) from None
        check_priority(challenge.priority, self.known_priorities())
        at = now()
        with self._errors(), write(self._db()) as db:
            (cid,) = db.execute(
                """INSERT INTO challenges (title, question, priority, level, unit, opens, closes, owner, published_by, created)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                [
                    challenge.title, challenge.question, challenge.priority, challenge.level, challenge.unit,
                    challenge.opens.isoformat(), challenge.closes.isoformat(), challenge.owner, by.strip(), at,
                ],
            ).fetchone()  # fmt: skip
        return self.get_challenge(cid)

    def get_challenge(self, challenge_id: int) -> Challenge:
        """One challenge with its idea counts; NotFoundError when there is none with that id."""
        found = self._challenges("WHERE ch.id = ?", [challenge_id])
        if not found:
            raise NotFoundError(f"there is no challenge {challenge_id}; list them with `coach challenges`")
        return found[0]

    def challenges(
        self,
        *,
        priority: str | None = None,
        level: str | None = None,
        state: ChallengeState | None = None,
        today: date | None = None,
    ) -> list[Challenge]:
        """Challenges, open ones first (newest first), then upcoming, then closed (latest closed first)."""
        if level is not None and level not in LEVELS:
            raise InputError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
        if state is not None and state not in ("upcoming", "open", "closed"):
            raise InputError(f"unknown challenge state {state!r}; use upcoming, open or closed")
        where, params = [], []
        for clause, value in (("ch.priority = ? COLLATE NOCASE", priority), ("ch.level = ?", level)):
            if value:
                where.append(clause)
                params.append(value)
        found = self._challenges(f"WHERE {' AND '.join(where)}" if where else "", params)
        day = _today(today)
        if state is not None:
            found = [c for c in found if c.state(day) == state]
        rank = {"open": 0, "upcoming": 1, "closed": 2}
        found.sort(key=lambda c: (c.opens.toordinal(), c.id), reverse=True)  # newest first ...
        found.sort(key=lambda c: rank[c.state(day)])  # ... within open, upcoming, closed (stable)
        return found

    def _challenges(self, where: str, params: list[Any]) -> list[Challenge]:
        with self._errors():
            db = self._db()
            rows = db.execute(f"SELECT {_CHALLENGE.sql} FROM challenges ch {where}", params).fetchall()
            counts: dict[int, dict[str, int]] = {}
            ids = [r[0] for r in rows]
            if ids:
                for cid, status, n in db.execute(
                    f"""SELECT challenge_id, status, count(*) FROM ideas
                        WHERE challenge_id IN ({", ".join("?" * len(ids))}) GROUP BY challenge_id, status""",
                    ids,
                ):
                    counts.setdefault(cid, {})[status] = n
        return [
            _CHALLENGE.read(r, ideas=sum(counts.get(r[0], {}).values()), by_status=counts.get(r[0], {})) for r in rows
        ]

    # --- ideas: the author's side ---------------------------------------------------

    def submit_idea(
        self,
        challenge_id: int,
        title: str,
        text: str,
        *,
        author: str,
        team: str | None = None,
        anonymous: bool = False,
        report: Report | None = None,
        today: date | None = None,
    ) -> MyIdea:
        """Submit an idea to an open challenge, graded by the idea pack (or `report`, for tests).

        The author is kept for their own view whatever `anonymous` says;
        reviewers see them only when it is False.
        """
        from coach.idea_check import check_idea, idea_text, idea_title

        author = (author or "").strip()
        if not author:
            raise InputError("an idea needs its author's login, even when it is submitted anonymously")
        title, text = idea_title(title), idea_text(text)
        team = (team or "").strip() or None
        challenge = self.get_challenge(challenge_id)
        state = challenge.state(_today(today))
        if state != "open":
            when = (
                f"closed on {challenge.closes.isoformat()}"
                if state == "closed"
                else f"opens on {challenge.opens.isoformat()}"
            )
            raise InputError(
                f"challenge {challenge_id} “{challenge.title}” {when}, so it takes no ideas now; "
                "keep your text and submit it to an open challenge"
            )
        report = report if report is not None else check_idea(text)
        values = check_values(report)
        at = now()
        with self._errors(), write(self._author_db()) as db:
            (iid,) = db.execute(
                f"""INSERT INTO ideas (challenge_id, title, text, team, submitter, anonymous, status,
                        ruleset_name, ruleset_version, {", ".join(e.value for e in ELEMENTS)}, line_of_sight, score,
                        report_json, created, updated)
                    VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                [
                    challenge_id, title, text, team, None if anonymous else author, int(anonymous),
                    values["ruleset_name"], values["ruleset_version"], *(values[e.value] for e in ELEMENTS),
                    values["line_of_sight"], values["score"], report.model_dump_json(), at, at,
                ],
            ).fetchone()  # fmt: skip
            db.execute("INSERT INTO idea_authors (idea_id, author) VALUES (?, ?)", [iid, author])
            _event(db, iid, at, ANONYMOUS if anonymous else author, "new", "submitted")
        mine = [m for m in self.my_ideas(author) if m.idea.id == iid]
        return mine[0]

    def my_ideas(self, author: str) -> list[MyIdea]:
        """The ideas `author` submitted (anonymous ones too), newest first, each with its history."""
        author = (author or "").strip()
        if not author:
            raise InputError("say whose ideas to show (their login)")
        with self._errors():
            db = self._author_db()
            rows = db.execute(
                f"""SELECT {_IDEA.sql}, {_GRADE_COLUMNS}
                    FROM idea_authors a JOIN ideas i ON i.id = a.idea_id JOIN challenges ch ON ch.id = i.challenge_id
                    WHERE a.author = ? ORDER BY i.created DESC, i.id DESC""",
                [author],
            ).fetchall()
            ideas = [_idea(r) for r in rows]
            events = _events(db, [i.id for i in ideas])
        return [MyIdea(idea=i, events=events.get(i.id, [])) for i in ideas]

    # --- ideas: the reviewers' side ---------------------------------------------------

    def challenge_ideas(self, challenge_id: int, by: Actor, *, status: IdeaStatus | None = None) -> list[Idea]:
        """Every idea of a challenge, for its owner or HR; anyone else gets NotAllowedError."""
        challenge = self.get_challenge(challenge_id)
        if not is_reviewer(challenge, by):
            raise NotAllowedError(
                f"the ideas of challenge {challenge_id} are reviewed by {challenge.owner}; "
                "only they and HR see them all — you can see your own under 'My ideas'"
            )
        if status is not None and status not in IDEA_STATUSES:
            raise InputError(f"unknown idea status {status!r}; use one of {', '.join(IDEA_STATUSES)}")
        sql = f"""SELECT {_IDEA.sql}, {_GRADE_COLUMNS} FROM ideas i JOIN challenges ch ON ch.id = i.challenge_id
                  WHERE i.challenge_id = ?"""
        params: list[Any] = [challenge_id]
        if status is not None:
            sql += " AND i.status = ?"
            params.append(status)
        with self._errors():
            rows = self._db().execute(sql + " ORDER BY i.created, i.id", params).fetchall()
        return [_idea(r) for r in rows]

    def idea_history(self, idea_id: int, by: Actor) -> list[IdeaEvent]:
        """An idea's history for its reviewers, oldest first (an anonymous submission stays 'anonymous')."""
        idea = self._idea_for_reviewer(idea_id, by)
        with self._errors():
            return _events(self._db(), [idea.id]).get(idea.id, [])

    def idea_report(self, idea_id: int, by: Actor) -> Report:
        """The idea pack's full report of an idea, for its reviewers."""
        from coach.report import Report

        self._idea_for_reviewer(idea_id, by)
        with self._errors():
            (raw,) = self._db().execute("SELECT report_json FROM ideas WHERE id = ?", [idea_id]).fetchone()
        return Report.model_validate_json(raw)

    def review_idea(self, idea_id: int, status: IdeaStatus, by: Actor, note: str = "") -> Idea:
        """Move an idea to `status` with a note, as its challenge's owner or HR.

        Only the moves in `NEXT_STATUSES` are allowed; declining or parking
        needs a reason, kept on the idea and shown to its submitter.
        """
        note = (note or "").strip()
        if len(note) > MAX_NOTE_CHARS:
            raise InputError(f"the note is {len(note):,} characters; keep it to {MAX_NOTE_CHARS:,}")
        if status not in IDEA_STATUSES:
            raise InputError(f"unknown idea status {status!r}; use one of {', '.join(IDEA_STATUSES)}")
        idea = self._idea_for_reviewer(idea_id, by)
        allowed = NEXT_STATUSES[idea.status]
        if status not in allowed:
            then = f"it can move to {', '.join(allowed)}" if allowed else "that decision is final"
            raise InputError(f"idea {idea_id} is {idea.status}; {then}, not {status}")
        if status in NEEDS_REASON and not note:
            raise InputError(
                f"say why the idea is {status}: the submitter sees the reason, and the organisation learns from it"
            )
        at = now()
        with self._errors(), write(self._db()) as db:
            reason = note if status in NEEDS_REASON else None
            db.execute(
                "UPDATE ideas SET status = ?, reason = ?, updated = ? WHERE id = ?", [status, reason, at, idea_id]
            )
            _event(db, idea_id, at, by.name, status, note)
        return self._idea_for_reviewer(idea_id, by)

    def search_ideas(self, query: str, by: Actor, *, limit: int = 20) -> list[Idea]:
        """Ideas whose title or text match `query` (words quoted, stemmed), best first.

        HR searches every idea; anyone else the ideas of the challenges they own.
        """
        query = (query or "").replace("\x00", "").strip()
        quoted = self._db().quote_fts(query) if query else ""
        if not quoted:
            return []
        scope, params = ("", []) if by.is_hr else ("AND ch.owner = ? COLLATE NOCASE", [by.name.strip()])
        with self._errors():
            rows = (
                self._db()
                .execute(
                    f"""SELECT {_IDEA.sql}, {_GRADE_COLUMNS}
                        FROM ideas_fts JOIN ideas i ON i.rowid = ideas_fts.rowid
                        JOIN challenges ch ON ch.id = i.challenge_id
                        WHERE ideas_fts MATCH ? {scope} ORDER BY rank LIMIT ?""",
                    [quoted, *params, max(1, limit)],
                )
                .fetchall()
            )
        return [_idea(r) for r in rows]

    def _idea_for_reviewer(self, idea_id: int, by: Actor) -> Idea:
        with self._errors():
            row = (
                self._db()
                .execute(
                    f"""SELECT {_IDEA.sql}, {_GRADE_COLUMNS} FROM ideas i JOIN challenges ch ON ch.id = i.challenge_id
                        WHERE i.id = ?""",
                    [idea_id],
                )
                .fetchone()
            )
        if row is None:
            raise NotFoundError(f"there is no idea {idea_id}")
        idea = _idea(row)
        challenge = self.get_challenge(idea.challenge_id)
        if not is_reviewer(challenge, by):
            raise NotAllowedError(f"idea {idea_id} is reviewed by {challenge.owner}; only they and HR can open it")
        return idea

    # --- at a glance, and for HR tools ---------------------------------------------

    def accepted_ideas(self, challenge_id: int) -> list[tuple[str, str]]:
        """A challenge's outcome for everyone to read: each accepted idea's title and the owner's note."""
        with self._errors():
            rows = self._db().execute(
                """SELECT i.title, coalesce((SELECT e.note FROM idea_events e
                                             WHERE e.idea_id = i.id AND e.status = 'accepted'
                                             ORDER BY e.id DESC LIMIT 1), '')
                   FROM ideas i WHERE i.challenge_id = ? AND i.status = 'accepted' ORDER BY i.updated, i.id""",
                [challenge_id],
            )
            return [(r[0], r[1]) for r in rows]

    def idea_counts(self, challenge_id: int | None = None) -> list[IdeaCount]:
        """Ideas per challenge, status and team (no idea text, no author): what the charts draw."""
        sql = """SELECT i.challenge_id, ch.title, i.status, i.team, count(*)
                 FROM ideas i JOIN challenges ch ON ch.id = i.challenge_id"""
        params: list[Any] = []
        if challenge_id is not None:
            sql += " WHERE i.challenge_id = ?"
            params.append(challenge_id)
        with self._errors():
            rows = self._db().execute(sql + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4", params).fetchall()
        return [IdeaCount(challenge_id=r[0], challenge_title=r[1], status=r[2], team=r[3], ideas=r[4]) for r in rows]

    def priority_counts(self) -> list[PriorityCount]:
        """Per strategic priority: how many challenges it has and how many ideas they drew."""
        with self._errors():
            rows = self._db().execute(
                """SELECT ch.priority, count(DISTINCT ch.id), count(i.id)
                   FROM challenges ch LEFT JOIN ideas i ON i.challenge_id = ch.id
                   GROUP BY ch.priority ORDER BY count(i.id) DESC, ch.priority"""
            )
            return [PriorityCount(priority=r[0], challenges=r[1], ideas=r[2]) for r in rows]

    def export_ideas(self) -> Iterator[IdeaExportRow]:
        """Every idea for HR tools, oldest first: the submitter only where the idea was not anonymous."""
        with self._errors():
            cursor = self._db().execute(
                f"""SELECT i.id, i.challenge_id, ch.title, ch.priority, i.title, i.team, i.submitter, i.anonymous,
                           i.status, i.reason, i.created, i.updated, i.text, {_GRADE_COLUMNS}
                    FROM ideas i JOIN challenges ch ON ch.id = i.challenge_id ORDER BY i.id"""
            )
            for r in cursor:
                grades = _grades(r[13:])
                yield IdeaExportRow(
                    idea_id=r[0], challenge_id=r[1], challenge_title=r[2], priority=r[3], title=r[4], team=r[5],
                    submitter=r[6], anonymous=bool(r[7]), status=r[8], reason=r[9], created=r[10], updated=r[11],
                    text=r[12], score=grades.score, line_of_sight=grades.line_of_sight, gaps=grades.gaps,
                    **{e.value: grades.grades[e] for e in ELEMENTS},
                )  # fmt: skip


def _event(db: Database, idea_id: int, at: str, author: str, status: str, note: str) -> None:
    db.execute(
        "INSERT INTO idea_events (idea_id, time, author, status, note) VALUES (?, ?, ?, ?, ?)",
        [idea_id, at, author, status, note],
    )


def _events(db: Database, idea_ids: list[int]) -> dict[int, list[IdeaEvent]]:
    if not idea_ids:
        return {}
    out: dict[int, list[IdeaEvent]] = {}
    rows = db.execute(
        f"SELECT {_EVENT.sql} FROM idea_events WHERE idea_id IN ({', '.join('?' * len(idea_ids))}) ORDER BY id",
        idea_ids,
    )
    for row in rows:
        event = _EVENT.read(row)
        out.setdefault(event.idea_id, []).append(event)
    return out


def _first_problem(e: ValidationError) -> str:
    """One line for the first thing wrong with a challenge's fields."""
    err = e.errors()[0]
    where = ".".join(str(x) for x in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "missing":
        return f"the challenge needs {'an' if where[:1] in 'aeiou' else 'a'} {where}; fill it in"
    if err["type"].startswith("date"):
        return f"{where}: {msg}; write the date as YYYY-MM-DD"
    if err["type"] == "literal_error":
        return f"{where}: {msg}"
    return msg if not where else (msg if err["type"] == "value_error" else f"{where}: {msg}")


__all__ = ["ChallengesMixin", "check_priority", "is_reviewer"]
