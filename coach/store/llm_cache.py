"""The LLM reply cache: a validated reply is paid for once.

litellm's own cache (`litellm.cache`) cannot be used: on a plain `pip install
litellm` its first cache hit raises ModuleNotFoundError, because the hit path
imports proxy modules that need fastapi, which only the `[proxy]` extra
installs (seen with litellm 1.110). So the coaching helper keeps validated
replies in SQLite, keyed by a hash of model + messages + schema that the
caller computes. A later `put` for the same key replaces the reply (a
re-drafted answer wins).
"""

from __future__ import annotations

from coach.store.core import StoreCore
from coach.store.db import now, write
from coach.store.models import CachedReply
from coach.store.rows import Columns

_REPLY = Columns(CachedReply, "key", "model", "reply", "prompt_tokens", "completion_tokens", "cost", "created")


class CacheMixin(StoreCore):
    def llm_cache_get(self, key: str) -> CachedReply | None:
        """The cached reply for `key`, or None when the model has not been asked yet."""
        with self._errors():
            row = self._db().execute(f"SELECT {_REPLY.sql} FROM llm_cache WHERE key = ?", [key]).fetchone()
        return None if row is None else _REPLY.read(row)

    def llm_cache_put(
        self,
        key: str,
        model: str,
        reply: str,
        prompt_tokens: int | None,
        completion_tokens: int | None,
        cost: float | None,
    ) -> None:
        """Remember a validated reply and what it cost; replaces an older reply for `key`."""
        with self._errors(), write(self._db()) as db:
            db.execute(
                f"""INSERT INTO llm_cache ({_REPLY.sql}) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET model = excluded.model, reply = excluded.reply,
                        prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
                        cost = excluded.cost, created = excluded.created""",
                [key, model, reply, prompt_tokens, completion_tokens, cost, now()],
            )

    def llm_cache_stats(self) -> tuple[int, float]:
        """How many replies are cached and their total recorded cost (unknown costs count as 0)."""
        with self._errors():
            count, cost = self._db().execute("SELECT count(*), coalesce(sum(cost), 0) FROM llm_cache").fetchone()
        return int(count), float(cost)
