"""Engine speed, start-up and worst cases, against proselint in the same run.

Targets (issue: grade a role description):
- a median-length description checked in <= 1 ms median in-process, and
  >= 20x faster than proselint on the same texts;
- `coach check one.md` as a whole process no slower than `proselint check one.md`;
- a 1 MB input, or 200 KB with no punctuation or line breaks, in < 2 s;
- agreement with the labelled dev corpus (when it is next to the repo).

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


def _median_ms(fn, text: str, repeat: int) -> float:
    fn(text)  # warm up (compiles regexes on first use)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


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
    subprocess.run(cmd, capture_output=True)  # warm the disk cache and coach's rule cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), rss_kb


def run(quick: bool = False) -> str:
    import coach

    texts, what = _texts(3 if quick else 11)
    words = statistics.median(len(t.split()) for t in texts)
    repeat = 30 if quick else 200
    coach_ms = statistics.median(_median_ms(coach.check, t, repeat) for t in texts)
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
            f"| in-process check, median | {coach_ms:.2f} ms | {prose_ms:.1f} ms | <= 1 ms and >= 20x faster: "
            f"{'met' if coach_ms <= 1 else 'not met'} / {ratio:.0f}x {'met' if ratio >= 20 else 'not met'} |"
        )
    else:
        lines.append(f"| in-process check, median | {coach_ms:.2f} ms | (proselint not installed) | <= 1 ms |")

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

    notes = []
    if lint is not None:
        notes.append(
            f"In-process, coach checks a median description {ratio:.0f}x faster than proselint. Its time is "
            "pure-Python work around the Aho-Corasick pass (which is in C): splitting sentences with "
            "offsets, turning anchor hits into the few regexes a text needs, negation windows and "
            "validating the Report (`python -m cProfile` shows the anchor bookkeeping, the regexes and "
            "sentence splitting as the largest parts, each a few tenths of a millisecond)."
        )
    if (BIN / "proselint").exists():
        notes.append(
            f"As a whole process, `coach check` in text format imports neither pydantic nor rich: the "
            f"engine's plain JSON-shaped report is rendered directly, and the rule tables come from the "
            f"cache with their regexes already compiled. Importing click and pydantic alone would take "
            f"{imports_s * 1000:.0f} ms against {prose_s * 1000:.0f} ms for proselint's whole run."
        )

    big = ("\n\n".join(texts) * (1_000_000 // max(1, len("\n\n".join(texts))) + 1))[:1_000_000]
    flat = ("you decide the budget and report monthly to the board with a team of five engineers " * 3000)[:200_000]
    for label, text in (("1 MB description", big), ("200 KB, no punctuation or line breaks", flat)):
        start = time.perf_counter()
        coach.check(text)
        elapsed = time.perf_counter() - start
        lines.append(f"| worst case: {label} | {elapsed:.2f} s | | < 2 s: {'met' if elapsed < 2 else 'not met'} |")

    for note in notes:
        lines += ["", note]

    if CORPUS.exists():
        from coach.evaluate import evaluate, read_corpus

        ev = evaluate(read_corpus(CORPUS))
        lines += [
            "",
            f"Agreement with the labelled dev corpus ({ev.documents} documents, `coach eval`); "
            "targets: exact >= 0.80 and flag F1 >= 0.80 for every element. Human readers agree "
            "0.86-0.91 exact, flag F1 0.71-0.95; a naive keyword check scores 0.47-0.74 and 0.29-0.56.",
            "",
            "| element | exact | kappa | flag precision | flag recall | flag F1 |",
            "|---|---|---|---|---|---|",
        ]
        for name, s in ev.elements.items():
            lines.append(
                f"| {name} | {s.accuracy:.3f} | {s.kappa:.3f} | {s.flag.precision:.3f} | {s.flag.recall:.3f} | {s.flag.f1:.3f} |"
            )
        lines.append(f"| line of sight | {ev.line_of_sight['accuracy']:.3f} | | | | |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
