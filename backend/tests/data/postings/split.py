"""Assign passages without a split to "dev" or "heldout", at random with a fixed seed.

Run once when passages are added: `python tests/data/postings/split.py` (from backend/).
Passages that already have a split keep it, so the held-out set never moves. New passages
are grouped by their labels (which findings they carry, whether they state a window) and
each group is shuffled with SEED and cut at HELDOUT_SHARE, so every finding has positives
in both splits. The result depends only on the seed and the passages, not on the machine.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "passages.jsonl"
SEED = 20261201
HELDOUT_SHARE = 0.4


def signature(passage: dict[str, object]) -> tuple[bool, ...]:
    """The labels a passage is stratified by."""
    return (
        bool(passage["no_phone_calls"]),
        bool(passage["no_contact"]),
        bool(passage["only_shortlisted"]),
        passage["response_within_days"] is not None,
    )


def assign(passages: list[dict[str, object]], seed: int = SEED) -> None:
    """Give every passage without a split one, in place."""
    groups: dict[tuple[bool, ...], list[dict[str, object]]] = {}
    for passage in passages:
        if not passage.get("split"):
            groups.setdefault(signature(passage), []).append(passage)
    rng = random.Random(seed)
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda p: str(p["id"]))
        rng.shuffle(group)
        cut = round(len(group) * HELDOUT_SHARE)
        for index, passage in enumerate(group):
            passage["split"] = "heldout" if index < cut else "dev"


def main(path: Path = CORPUS) -> int:
    passages = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    assign(passages)
    path.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages), encoding="utf-8"
    )
    counts = {s: sum(p["split"] == s for p in passages) for s in ("dev", "heldout")}
    print(f"{path}: {len(passages)} passages, {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
