"""The private journal: an employee's reflections, readable only by their owner.

Privacy is structural, not a convention:

- A `Journal` is bound to one owner when it is made; every query it runs
  has `owner = ?` with that owner, so one person's journal cannot list
  another's entries.
- It is the only code that uses the unguarded connection
  (`StoreCore._private_db`). Every HR-side query (queue, search, counts,
  export, history) runs on a connection whose SQLite authorizer denies the
  `reflections` table, so no HR function — including ones written later —
  can return a reflection. `tests/test_store_privacy.py` proves both.
"""

from __future__ import annotations

from sqlite_utils import Database

from coach.errors import InputError, NotFoundError
from coach.store.core import StoreCore
from coach.store.db import now, translated, write
from coach.store.models import Reflection
from coach.store.rows import Columns

_REFLECTION = Columns(
    Reflection, "id", "owner", "meta_skill", "question", "provenance", "gap", "answer", "rating", "created", "role"
)


class Journal:
    """One person's reflections. Made by `Store.journal(owner)`; sees nothing of anyone else's."""

    def __init__(self, db: Database, owner: str, label: str) -> None:
        if not owner or not owner.strip():
            raise InputError("a journal needs its owner's name or login")
        self.owner = owner.strip()
        self._db = db
        self._label = label

    def add(
        self,
        meta_skill: str,
        question: str,
        answer: str,
        *,
        provenance: str = "own",
        rating: int | None = None,
        gap: str | None = None,
        role: str | None = None,
    ) -> Reflection:
        """Write down an answer to a coaching question, with where the question came from.

        `provenance` is a Question's source ('bank' or 'llm:<model>') or 'own';
        `rating` is the owner's 1–5 self-rating on the meta skill (None: not
        rated, never a default); `gap` the contract gap the question spoke to
        (e.g. 'discretion:missing'); `role` the title of the role it was about.
        """
        from coach.coaching.skills import META_SKILLS  # one spelling of the six skills; loaded only here

        if meta_skill not in META_SKILLS:
            raise InputError(f"unknown meta skill {meta_skill!r}; use one of {', '.join(META_SKILLS)}")
        if not question.strip() or not answer.strip():
            raise InputError("a reflection needs both the question and your answer")
        role = (role or "").strip() or None
        if rating is not None and not 1 <= rating <= 5:
            raise InputError(f"the self-rating is from 1 to 5, not {rating}")
        with translated(self._label), write(self._db) as db:
            (row,) = db.execute(
                f"""INSERT INTO reflections (owner, meta_skill, question, provenance, gap, answer, rating, created, role)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_REFLECTION.sql}""",
                [self.owner, meta_skill, question.strip(), provenance, gap, answer.strip(), rating, now(), role],
            ).fetchall()
        return _REFLECTION.read(row)

    def entries(self, meta_skill: str | None = None) -> list[Reflection]:
        """This owner's reflections, newest first, optionally for one meta skill."""
        sql = f"SELECT {_REFLECTION.sql} FROM reflections WHERE owner = ?"
        params: list[object] = [self.owner]
        if meta_skill is not None:
            sql += " AND meta_skill = ?"
            params.append(meta_skill)
        with translated(self._label):
            rows = self._db.execute(sql + " ORDER BY created DESC, id DESC", params).fetchall()
        return [_REFLECTION.read(row) for row in rows]

    def delete(self, reflection_id: int) -> None:
        """Delete one of this owner's reflections for good (it is theirs to remove)."""
        with translated(self._label), write(self._db) as db:
            cur = db.execute("DELETE FROM reflections WHERE id = ? AND owner = ?", [reflection_id, self.owner])
        if cur.rowcount == 0:
            raise NotFoundError(f"there is no reflection {reflection_id} in {self.owner}'s journal")

    def delete_all(self) -> int:
        """Delete every reflection of this owner, and only theirs; returns how many went.

        A person's journal is theirs to take away (`coach.formats.journal_export`)
        and theirs to erase; nobody else's entries are touched.
        """
        with translated(self._label), write(self._db) as db:
            cur = db.execute("DELETE FROM reflections WHERE owner = ?", [self.owner])
        return cur.rowcount


class JournalMixin(StoreCore):
    def journal(self, owner: str) -> Journal:
        """The owner-scoped journal: the only way to read or write reflections."""
        return Journal(self._private_db(), owner, self.label)

    def add_reflection(
        self,
        owner: str,
        meta_skill: str,
        question: str,
        answer: str,
        *,
        provenance: str = "own",
        rating: int | None = None,
        gap: str | None = None,
        role: str | None = None,
    ) -> Reflection:
        """Shorthand for `journal(owner).add(...)`."""
        return self.journal(owner).add(
            meta_skill, question, answer, provenance=provenance, rating=rating, gap=gap, role=role
        )

    def reflections_for(self, owner: str) -> list[Reflection]:
        """Shorthand for `journal(owner).entries()`: the owner's reflections, newest first."""
        return self.journal(owner).entries()
