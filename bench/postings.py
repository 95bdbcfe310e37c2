"""How fast the posting reader reads: median milliseconds per call, not a test.

    make bench-postings                # or: cd backend && .venv/bin/python ../bench/postings.py

Texts: a typical posting (about 4,000 characters, the labelled corpus's passages joined as
a posting's "how to apply" part would be), read again and again; 50 different typical
postings read once each (the reader's caches of sentences see each text once, as a new
posting is read); the corpus joined up to MAX_TEXT (50,000 characters), and the slowest
of a few adversarial 50,000-character texts (one trigger phrase repeated). The target
(issue 11): under 5 ms for a typical posting; time linear in the text.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
sys.path.insert(0, str(BACKEND))

from app.reading.postings import MAX_TEXT, analyze  # noqa: E402

CORPUS = BACKEND / "tests" / "data" / "postings" / "passages.jsonl"
REFERENCE = date(2026, 2, 2)
ADVERSARIAL = [
    "please do not call or ",
    "only we will be in touch within ten ",
    "No phone calls, please. ",
    "apply by 3 March 2026 ",
    "we will contact you if you are a fit ",
]


def _passages() -> list[str]:
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def _joined(passages: list[str], size: int) -> str:
    text, i = "", 0
    while len(text) < size:
        text += passages[i % len(passages)] + "\n"
        i += 1
    return text[:size]


def _fill(unit: str) -> str:
    return (unit * (MAX_TEXT // len(unit) + 1))[:MAX_TEXT]


def median_ms(text: str, repeat: int) -> float:
    """The median wall time of `analyze(text)` over `repeat` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        analyze(text, REFERENCE)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def once_ms(texts: list[str]) -> float:
    """The median wall time of one `analyze` call per text, in milliseconds."""
    times = []
    for text in texts:
        start = time.perf_counter()
        analyze(text, REFERENCE)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=50, help="calls per text (default 50)")
    args = parser.parse_args(argv)
    passages = _passages()
    # a typical posting: 4,000 characters of the corpus, from a point past the short ones
    typical = _joined(passages[200:] + passages[:200], 4_000)
    step = len(passages) // 50
    fresh = [_joined(passages[k:] + passages[:k], 4_000) for k in range(0, 50 * step, step)]
    rows = [
        ("typical posting", len(typical), median_ms(typical, args.repeat)),
        ("50 typical postings, each read once", 4_000, once_ms(fresh)),
        ("corpus joined to MAX_TEXT", MAX_TEXT, median_ms(_joined(passages, MAX_TEXT), 9)),
    ]
    worst = max(ADVERSARIAL, key=lambda unit: median_ms(_fill(unit), 3))
    rows.append((f"adversarial: {worst.strip()!r} repeated", MAX_TEXT, median_ms(_fill(worst), 5)))
    print("| text | characters | median ms |")
    print("| --- | --- | --- |")
    for name, size, ms in rows:
        print(f"| {name} | {size:,} | {ms:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
