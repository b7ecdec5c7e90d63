"""Engine speed, start-up and worst cases, against proselint in the same run.

Targets (issues: grade a role description; grades that hold):
- a median-length description checked in <= 2 ms median in-process (the
  engine, `coach.engine.assess`; `coach.check` adds validating the Report);
- `coach check one.md` as a whole process no slower than `proselint check one.md`;
- every input, hostile ones included (1 MB, 200 KB with no punctuation, a
  megabyte of unclosed `<!--`), in < 2 s;
- agreement with the labelled dev corpus (when it is next to the repo),
  leave one organisation out, beside kappa and the majority baseline.

Texts: the descriptions of the dev corpus nearest its median length when
the corpus is available (read at run time, never copied into the repo),
otherwise the bundled examples repeated to about 530 words.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("COACH_DEV_CORPUS", ROOT.parent / "shared" / "corpus" / "dev.jsonl"))
BIN = Path(sys.executable).parent


def _texts(n: int) -> tuple[list[str], str]:
    if CORPUS.exists():
        docs = [json.loads(line)["text"] for line in CORPUS.read_text().splitlines() if line.strip()]
        docs.sort(key=lambda t: len(t.split()))
        mid = len(docs) // 2
        chosen = docs[max(0, mid - n // 2) : mid + (n + 1) // 2]
        return chosen, f"the {len(chosen)} dev-corpus descriptions nearest the median length"
    examples = [p.read_text() for p in sorted((ROOT / "examples").iterdir()) if p.is_file()]
    text = ""
    while len(text.split()) < 530:
        text += "\n\n".join(examples) + "\n\n"
    return [" ".join(text.split(" ")[:3600])], "the bundled examples repeated to ~530 words"


def _median_ms(fn, text: str, repeat: int, rounds: int = 3) -> float:
    """The median time of `fn(text)`, the best of `rounds` rounds.

    The best round keeps other load on a shared machine out of the figure
    (as timeit does); coach and proselint are measured the same way.
    """
    fn(text)  # warm up (compiles regexes on first use)
    medians = []
    for _ in range(rounds):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn(text)
            times.append(time.perf_counter() - start)
        medians.append(statistics.median(times))
    return min(medians) * 1000


def _proselint():
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("bench.md", text).lint()


def _process_seconds(cmd: list[str], repeat: int) -> tuple[float, int]:
    # As an installed copy runs: with its bytecode written (pip compiles a wheel's modules; an
    # editable checkout under PYTHONDONTWRITEBYTECODE would recompile coach on every run).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, env=env)  # warm the disk cache, bytecode and coach's rule cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), rss_kb


def run(quick: bool = False) -> str:
    import coach
    from coach.engine import assess

    texts, what = _texts(3 if quick else 11)
    words = statistics.median(len(t.split()) for t in texts)
    repeat = 30 if quick else 200
    coach_ms = statistics.median(_median_ms(assess, t, repeat) for t in texts)
    report_ms = statistics.median(_median_ms(coach.check, t, repeat) for t in texts)
    lint = _proselint()
    lines = [
        "## Engine: speed and worst cases",
        "",
        f"Texts: {what} (median {words:.0f} words). Baseline: proselint "
        "(all its checks) on the same texts, in the same run.",
        "",
        "| measure | coach | proselint | target |",
        "|---|---|---|---|",
    ]
    if lint is not None:
        prose_ms = statistics.median(_median_ms(lint, t, max(5, repeat // 20)) for t in texts)
        ratio = prose_ms / coach_ms
        lines.append(
            f"| in-process check (the engine), median | {coach_ms:.2f} ms | {prose_ms:.1f} ms | <= 2 ms: "
            f"{'met' if coach_ms <= 2 else 'not met'} ({ratio:.0f}x faster than proselint) |"
        )
    else:
        lines.append(
            f"| in-process check (the engine), median | {coach_ms:.2f} ms | (proselint not installed) | <= 2 ms |"
        )
    lines.append(f"| of which, with the validated `Report` (`coach.check`) | {report_ms:.2f} ms | | |")

    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.md"
        one.write_text(texts[len(texts) // 2])
        n = 5 if quick else 15
        coach_s, _ = _process_seconds([str(BIN / "coach"), "check", str(one), "--fail-on", "never"], n)
        if (BIN / "proselint").exists():
            prose_s, _ = _process_seconds([str(BIN / "proselint"), "check", str(one)], n)
            verdict = "met" if coach_s <= prose_s else "not met"
            lines.append(
                f"| whole process `check one.md`, median | {coach_s:.3f} s | {prose_s:.3f} s | no slower: {verdict} |"
            )
        imports_s, _ = _process_seconds(
            [sys.executable, "-c", "import click, pydantic; from pydantic import BaseModel"], n
        )
        bare_s, _ = _process_seconds([sys.executable, "-c", "pass"], n)
        lines.append(f"| of which: importing click + pydantic alone | {imports_s:.3f} s | | |")
        lines.append(f"| of which: starting Python with no imports | {bare_s:.3f} s | | |")

        # The start-up the CPython-internals cache buys (coach.engine.regexes): the same check with it off.
        from coach.engine import regexes

        unpacked = _process_seconds(
            [sys.executable, "-c", "import coach.engine.regexes as r; r._USABLE = False; import coach.cli, sys; "
             f"sys.argv = ['coach', 'check', {str(one)!r}, '--fail-on', 'never']; coach.cli.main()"],
            n,
        )[0] if regexes._USABLE else None  # fmt: skip

    notes = []
    if lint is not None:
        notes.append(
            f"In-process, the engine checks a median description {ratio:.0f}x faster than proselint. Its time is "
            "pure-Python work around the Aho-Corasick pass (which is in C): splitting sentences with "
            "offsets, the few regexes a text needs, negation windows, and scoring each candidate sentence "
            "with the fitted weights; validating the pydantic Report adds the rest of `coach.check`."
        )
    if (BIN / "proselint").exists():
        notes.append(
            f"As a whole process, `coach check` in text format imports neither pydantic nor rich: the "
            f"engine's plain JSON-shaped report is rendered directly, and the rule tables, weights and "
            f"Aho-Corasick automaton come from the cache with their regexes already compiled. Importing "
            f"click and pydantic alone would take {imports_s * 1000:.0f} ms against {prose_s * 1000:.0f} ms "
            f"for proselint's whole run."
        )
    if unpacked is not None:
        notes.append(
            f"Without the compiled regexes in the cache (re's opcodes, `coach.engine.regexes`, the one place "
            f"that leans on CPython internals for speed) the same whole-process check takes "
            f"{unpacked * 1000:.0f} ms against {coach_s * 1000:.0f} ms with them: the start-up target needs them."
        )

    big = ("\n\n".join(texts) * (1_000_000 // max(1, len("\n\n".join(texts))) + 1))[:1_000_000]
    flat = ("you decide the budget and report monthly to the board with a team of five engineers " * 3000)[:200_000]
    for label, text in (
        ("1 MB description", big),
        ("200 KB, no punctuation or line breaks", flat),
        ("1 MB of unclosed `<!--`", "<!--" * 250_000),
        ("1 MB of `<a`", "<a" * 500_000),
    ):
        start = time.perf_counter()
        coach.check(text)
        elapsed = time.perf_counter() - start
        lines.append(f"| worst case: {label} | {elapsed:.2f} s | | < 2 s: {'met' if elapsed < 2 else 'not met'} |")

    for note in notes:
        lines += ["", note]

    if CORPUS.exists():
        from coach.evaluation.corpus import read_corpus
        from coach.evaluation.evaluate import evaluate

        docs = read_corpus(CORPUS)
        grouped = evaluate(docs, cv="source")
        fitted = evaluate(docs)
        lines += [
            "",
            f"Agreement with the labelled dev corpus ({grouped.documents} documents from "
            f"{grouped.organisations} organisations, `coach eval --cv source`): for each organisation the "
            "weights and thresholds are fitted on all the others and it is graded with them. These are the "
            "figures to quote; in-sample figures (weights fitted on every document) are beside them. Targets: "
            "exact >= 0.85 and flag F1 >= 0.85 for every element, line of sight >= 0.85; evidence recall "
            ">= 0.70 and precision >= 0.60. Two careful readers agreed 0.86-0.96; a naive keyword check "
            "scores 0.47-0.65.",
            "",
            "| element | exact (in-sample) | kappa | majority baseline | flag P | flag R | flag F1 | evidence P | evidence R |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, s in grouped.elements.items():
            f = fitted.elements[name]
            lines.append(
                f"| {name} | {s.accuracy:.3f} ({f.accuracy:.3f}) | {s.kappa:.3f} | {s.majority:.3f} | "
                f"{s.flag.precision:.3f} | {s.flag.recall:.3f} | {s.flag.f1:.3f} | "
                f"{s.evidence.precision:.3f} | {s.evidence.recall:.3f} |"
            )
        los, los_fit = grouped.line_of_sight, fitted.line_of_sight
        lines.append(
            f"| line of sight | {los.accuracy:.3f} ({los_fit.accuracy:.3f}) | {los.kappa:.3f} | {los.majority:.3f} "
            "| | | | | |"
        )
        short = [
            name
            for name, s in grouped.elements.items()
            if min(s.accuracy, s.flag.f1) < 0.85 or s.evidence.recall < 0.70 or s.evidence.precision < 0.60
        ] + (["line of sight"] if los.accuracy < 0.85 else [])
        beats = [name for name, s in grouped.elements.items() if s.accuracy > s.majority]
        lines += [
            "",
            f"Agreement targets: {'not met for ' + ', '.join(short) if short else 'met'}. "
            f"Better than always answering the commonest grade on {len(beats)} of {len(grouped.elements)} elements.",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
