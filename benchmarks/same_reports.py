"""Check that a speed change changed no output: record every report, then compare.

    python -m benchmarks.same_reports record /tmp/before.json   # on the old code
    python -m benchmarks.same_reports compare /tmp/before.json  # on the new code

Covers every document of the dev corpus (read at run time, never copied into
the repo), the bundled examples and a few long texts built from them (the
corpus pasted twice, a 900 KB paste as the UI benchmark makes it). For each it
keeps a digest of the report's JSON and of the trace behind it (every hit in
order, every piece of evidence, the rules that fired): the order of hits
decides which match is shown as evidence, so it must not move either. The
record holds only digests, no text, so it may live anywhere.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from benchmarks.bench_engine import CORPUS, ROOT
from benchmarks.bench_ui import LONG_PASTE, role_text


def texts() -> dict[str, str]:
    """The texts to compare, by name."""
    out: dict[str, str] = {}
    if CORPUS.exists():
        for line in CORPUS.read_text().splitlines():
            if line.strip():
                doc = json.loads(line)
                out[f"corpus:{doc['id']}"] = doc["text"]
    for path in sorted((ROOT / "examples").iterdir()):
        if path.is_file():
            out[f"example:{path.name}"] = path.read_text()
    corpus = "\n\n".join(v for k, v in out.items() if k.startswith("corpus:"))
    if corpus:
        out["corpus pasted twice"] = corpus[:200_000] + "\n\n" + corpus[:200_000]
    paste = role_text(1000)
    while len(paste.encode()) < LONG_PASTE:
        paste += "\n\n" + role_text(1000)
    out["long paste"] = paste.encode()[:LONG_PASTE].decode(errors="ignore")
    return out


def digests() -> dict[str, str]:
    """A digest of each text's report and trace."""
    from coach.engine import assess
    from coach.engine.compile import compiled
    from coach.engine.trace import run

    tables = compiled()
    out = {}
    for name, text in texts().items():
        t = run(text, tables)
        trace = {
            "hits": [(h.owner, h.start, h.end, h.unit.position) for h in t.hits],
            "found": [(f.rule, f.unit.position, f.start, f.end, f.strength, f.modifiers) for f in t.found],
            "fired": sorted(t.fired),
        }
        blob = json.dumps([assess(text), trace], sort_keys=True, default=str)
        out[name] = hashlib.sha256(blob.encode()).hexdigest()
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("record", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    now = digests()
    if argv[0] == "record":
        path.write_text(json.dumps(now, indent=1))
        print(f"recorded {len(now)} reports in {path}")
        return 0
    before = json.loads(path.read_text())
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for name in changed:
        print(f"changed: {name}")
    print(f"{len(now) - len(changed)} of {len(now)} reports unchanged")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
