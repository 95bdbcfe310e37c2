"""Assign replies without a split to "dev" or "heldout", at random with a fixed seed.

Run once when replies are added: `python tests/data/replies/split.py` (from backend/).
Replies that already have a split keep it, so the held-out set never moves. New replies are
grouped by kind and by the news they carry, each group is shuffled with SEED and cut at
HELDOUT_SHARE. The cut's fraction is rounded up or down at random (with the same seed), so
that small groups, added a few replies at a time, still send about HELDOUT_SHARE of their
replies to the held-out split instead of rounding every single reply down to dev.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "replies.jsonl"
SEED = 20261202
HELDOUT_SHARE = 0.4


def signature(reply: dict[str, object]) -> tuple[object, ...]:
    """The labels a reply is stratified by."""
    return (
        reply["kind"],
        bool(reply["future_openings_invited"]),
        reply["feedback_offered"] is not None,
        reply["response_within_days"] is not None,
    )


def assign(replies: list[dict[str, object]], seed: int = SEED) -> None:
    """Give every reply without a split one, in place."""
    groups: dict[tuple[object, ...], list[dict[str, object]]] = {}
    for reply in replies:
        if not reply.get("split"):
            groups.setdefault(signature(reply), []).append(reply)
    rng = random.Random(seed)
    for key in sorted(groups, key=repr):
        group = sorted(groups[key], key=lambda r: str(r["id"]))
        rng.shuffle(group)
        share = len(group) * HELDOUT_SHARE
        cut = int(share) + (1 if rng.random() < share - int(share) else 0)
        for index, reply in enumerate(group):
            reply["split"] = "heldout" if index < cut else "dev"


def main(path: Path = CORPUS) -> int:
    replies = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    assign(replies)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in replies), encoding="utf-8"
    )
    counts = {s: sum(r["split"] == s for r in replies) for s in ("dev", "heldout")}
    print(f"{path}: {len(replies)} replies, {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
