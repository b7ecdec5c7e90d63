"""The glue between drafting and the SQLite reply cache in `coach.store`.

A validated reply is paid for once: the same request (model, server,
template version, redacted messages, schema) is answered from the store's
`llm_cache` table the next time. The cache is best effort — a broken or
unwritable database costs a note, never the questions — and a cached reply
is validated again on the way out, since the rules may have tightened since
it was stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from coach.coaching.questions import QuestionDraft
from coach.errors import StoreError
from coach.llm.reply import validate_reply

if TYPE_CHECKING:
    from coach.store import Store


class ReplyCache:
    """Validated replies by request key, in `store` (default: the user's database).

    `notes` collects one line the first time the cache fails; after that
    it is left alone for the rest of the request. `enabled=False` neither
    reads nor writes.
    """

    def __init__(self, store: Store | None, notes: list[str], enabled: bool = True) -> None:
        self._store = store
        self._notes = notes
        self._broken = not enabled

    def _open(self) -> Store | None:
        if self._broken:
            return None
        if self._store is None:
            try:
                from coach.store import open_store  # only when a cache is really used: the store is heavy

                self._store = open_store()
            except StoreError as e:
                self._failed(e)
        return self._store

    def _failed(self, e: Exception) -> None:
        if not self._broken:
            self._notes.append(f"The LLM cache is unavailable ({e}); replies are not being saved.")
        self._broken = True

    def get(self, key: str) -> QuestionDraft | None:
        """The cached reply for `key`, validated again; None when absent, stale or unreadable."""
        store = self._open()
        if store is None:
            return None
        try:
            hit = store.llm_cache_get(key)
        except StoreError as e:
            self._failed(e)
            return None
        if hit is None:
            return None
        try:
            return validate_reply(hit.reply)
        except ValidationError:
            return None

    def put(
        self,
        key: str,
        model: str,
        reply: QuestionDraft,
        prompt_tokens: int | None,
        completion_tokens: int | None,
        cost: float | None,
    ) -> None:
        """Remember a validated reply and what it cost."""
        store = self._open()
        if store is None:
            return
        try:
            store.llm_cache_put(key, model, reply.model_dump_json(), prompt_tokens, completion_tokens, cost)
        except StoreError as e:
            self._failed(e)
