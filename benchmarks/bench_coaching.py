"""Coaching questions with an LLM: time from request to validated questions.

Issue 3 asks that drafting questions for all six meta skills take about one
model latency, not six, and that a repeated request (a cache hit) come back
in under 20 ms. Both are measured against coach's fake OpenAI-compatible
server on 127.0.0.1 with an artificial 1 s latency per request, through
litellm's real HTTP client, from `plan(...)` to validated questions.

Baselines measured in the same run: six sequential requests, one per meta
skill (what a naive per-skill design pays), and the offline bank-only plan
(what every request costs before any model is involved). litellm's import
(once per process) is timed apart and kept out of the request timings.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The fake server is test support, kept out of the installed package: it lives in tests/.
TESTS = Path(__file__).resolve().parent.parent / "tests"

LATENCY = 1.0
ROLE = (
    "Support Lead\n\nYou own first-line support for our payments platform. You will lead a team of six "
    "agents and have access to the support dashboards. Success in six months means 90% of tickets "
    "answered within a day; you review progress with the head of support every month.\n\n"
    "Contact: Jane Doe, jane.doe@example.com, +44 20 7946 0958."
)


def _timed(fn, repeats: int) -> tuple[float, float, object]:
    """Median and worst wall time in seconds over `repeats` runs, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


@contextmanager
def _full_collections() -> Iterator[list[float]]:
    """The duration of every full (generation 2) garbage collection while the block runs."""
    durations: list[float] = []
    started = [0.0]

    def watch(phase: str, info: dict) -> None:
        if info["generation"] == 2:
            if phase == "start":
                started[0] = time.perf_counter()
            else:
                durations.append(time.perf_counter() - started[0])

    gc.callbacks.append(watch)
    try:
        yield durations
    finally:
        gc.callbacks.remove(watch)


def run(quick: bool) -> str:
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from fake_llm_server import FakeLLMServer, Reply
    from pydantic import SecretStr

    from coach.coaching import META_SKILLS, load_bank, plan
    from coach.engine import check
    from coach.llm import LLMConfig, build_request, complete, load_litellm
    from coach.store import open_store

    drafts = 2 if quick else 5
    hits = 20 if quick else 100
    report = check(ROLE)
    bank = load_bank()
    # The fake model answers with real bank questions: three per skill, all valid, each
    # labelled as a general question (no gap), as the drafting schema asks.
    reply = json.dumps(
        {
            "questions": [
                {"meta_skill": q.meta_skill.value, "text": q.text, "gap": None}
                for s in META_SKILLS
                for q in bank.select(s, "manager")[:3]
            ]
        }
    )

    started = time.perf_counter()
    load_litellm()
    import_s = time.perf_counter() - started

    bank_s, bank_worst, _ = _timed(lambda: plan(report, "manager", 3), hits)

    with FakeLLMServer(default=Reply(content=reply), latency=LATENCY) as server, tempfile.TemporaryDirectory() as tmp:
        config = LLMConfig(model="openai/fake-coach", api_base=server.url, api_key=SecretStr("sk-bench"), timeout=30)
        messages = build_request(report, ROLE, "manager", 3).messages

        # Baseline: one request per meta skill, one after another.
        seq_s, _, _ = _timed(lambda: [complete(messages, config) for _ in META_SKILLS], 1)

        # Target 1: all six skills in one request, validated (a fresh cache each time: no hits).
        def fresh() -> object:
            with open_store(Path(tempfile.mkdtemp(dir=tmp)) / "coach.db") as store:
                return plan(report, "manager", 3, config, text=ROLE, store=store)

        calls_before = server.calls
        draft_s, draft_worst, drafted = _timed(fresh, drafts)
        calls_per_draft = (server.calls - calls_before) / drafts
        assert all(q.source == "llm:openai/fake-coach" for q in drafted.questions), drafted.notes

        # Target 2: the same request again is a cache hit (no HTTP call).
        with open_store(Path(tmp) / "warm.db") as store:
            plan(report, "manager", 3, config, text=ROLE, store=store)
            calls_before = server.calls
            with _full_collections() as full:
                hit_s, hit_worst, cached = _timed(
                    lambda: plan(report, "manager", 3, config, text=ROLE, store=store), hits
                )
            hit_calls = server.calls - calls_before
        assert all(q.source.startswith("llm:") for q in cached.questions)

    ratio = draft_s / LATENCY

    def verdict(ok: bool) -> str:
        return "✅ met" if ok else "❌ missed"

    rows = [
        (
            "Six skills, one request → validated questions",
            f"{draft_s:.2f} s",
            f"worst {draft_worst:.2f} s over {drafts}; {calls_per_draft:.0f} request each; {ratio:.2f}× the model latency",
            verdict(draft_worst < 1.5 * LATENCY),
        ),
        (
            "Six sequential requests, one per skill (baseline)",
            f"{seq_s:.2f} s",
            f"{seq_s / LATENCY:.1f}× the model latency",
            "—",
        ),
        (
            "Cache hit → validated questions",
            f"{hit_s * 1000:.1f} ms",
            f"worst {hit_worst * 1000:.1f} ms over {hits}; {hit_calls} HTTP calls",
            verdict(hit_worst < 0.020 and hit_calls == 0),
        ),
        (
            "Bank-only plan, no model (baseline)",
            f"{bank_s * 1000:.2f} ms",
            f"worst {bank_worst * 1000:.2f} ms over {hits}",
            "—",
        ),
        (
            "Importing litellm (once per process, not in the timings above)",
            f"{import_s:.2f} s",
            "offline cost map; only when the LLM step runs",
            "—",
        ),
    ]
    lines = [
        "## Coaching questions with an LLM",
        "",
        "From `plan(report, llm=...)` to validated questions, through litellm's real HTTP client to the",
        f"fake OpenAI-compatible server (`tests/fake_llm_server.py`) on 127.0.0.1 with {LATENCY:.0f} s of artificial",
        "latency per request. Targets (issue 3): all six meta skills in about one model latency, not six;",
        "a cache hit in under 20 ms. Redaction, prompt rendering, strict validation and the SQLite cache",
        "are all inside the timings.",
        "",
        "| measurement | median | detail | target |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        f"One request drafts all six skills, so drafting costs {ratio:.2f}× the model's latency against "
        f"{seq_s / LATENCY:.1f}× for one request per skill; what coach adds on top of the model is "
        f"{max(draft_s - LATENCY, 0) * 1000:.0f} ms (median). A cache hit re-renders the redacted prompt to "
        "compute its key, reads SQLite and validates the stored reply again.",
        "",
        "Found by this benchmark: early cache hits had a worst case of 243 ms against a 2 ms median — a",
        "full garbage collection walking the ~375,000 objects litellm leaves alive. A `gc.freeze()` after",
        "importing litellm hid it, but froze the collector for the whole process, so it is gone. Without",
        f"it the hits above ran {len(full)} full collection(s) "
        f"({', '.join(f'{t * 1000:.0f} ms' for t in full) or 'none'}): CPython runs one only when the",
        "objects that survived since the last exceed a quarter of the long-lived ones, and a cache hit",
        "leaves almost nothing alive. Compiling the prompt template once (not per render) and caching",
        "the reply schema took the median from 15 ms to about 2–3 ms.",
    ]
    return "\n".join(lines)
