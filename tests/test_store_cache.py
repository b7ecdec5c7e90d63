"""The LLM reply cache the coaching helper reads before paying for a model call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.store import CachedReply, open_store


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        yield store


def test_a_key_never_put_is_a_miss(store):
    assert store.llm_cache_get("sha256:nothing") is None


def test_a_put_reply_comes_back_with_its_tokens_cost_and_time(store):
    store.llm_cache_put("k1", "ollama_chat/llama3", '{"questions": []}', 120, 45, 0.0031)

    hit = store.llm_cache_get("k1")

    assert isinstance(hit, CachedReply)
    assert (hit.key, hit.model, hit.reply) == ("k1", "ollama_chat/llama3", '{"questions": []}')
    assert (hit.prompt_tokens, hit.completion_tokens, hit.cost) == (120, 45, pytest.approx(0.0031))
    assert abs(hit.created - datetime.now(UTC)) < timedelta(minutes=1)


def test_unknown_usage_and_cost_are_kept_as_unknown(store):
    store.llm_cache_put("k2", "openai/local", "{}", None, None, None)
    hit = store.llm_cache_get("k2")
    assert hit is not None and (hit.prompt_tokens, hit.completion_tokens, hit.cost) == (None, None, None)


def test_putting_the_same_key_again_replaces_the_reply(store):
    store.llm_cache_put("k", "m", "first", 1, 1, 0.1)
    store.llm_cache_put("k", "m", "second", 2, 2, 0.2)
    assert store.llm_cache_get("k").reply == "second"
    assert store.llm_cache_stats() == (1, pytest.approx(0.2))


def test_the_cache_survives_reopening_the_database(tmp_path):
    open_store(tmp_path / "coach.db").llm_cache_put("k", "m", "kept", None, None, None)
    assert open_store(tmp_path / "coach.db").llm_cache_get("k").reply == "kept"
