"""Assign a corpus's new passages to "dev" or "heldout", at random with the corpus's fixed seed.

Run once when passages are added, from backend/: `python -m tests.reading.split postings`
(tests/data/postings/passages.jsonl) or `python -m tests.reading.split replies`
(tests/data/replies/replies.jsonl). Passages that already have a split keep it, so the
held-out set never moves. New passages are grouped by their labels (`Corpus.signature`),
each group is shuffled with the corpus's seed and HELDOUT_SHARE of it is held out, so every
label has examples in both splits. The result depends only on the seed and the passages.

The two corpora differ in how a group's cut is rounded. Postings round to the nearest
passage. Replies, since their second pass, round up or down at random (same seed), so that
small groups, added a few replies at a time, still send about HELDOUT_SHARE of their replies
to the held-out split instead of rounding every single reply down to dev.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
HELDOUT_SHARE = 0.4
Passage = dict[str, object]


@dataclass(frozen=True)
class Corpus:
    path: Path
    seed: int
    signature: Callable[[Passage], tuple[object, ...]]  # the labels a passage is stratified by
    random_rounding: bool


CORPORA = {
    "postings": Corpus(
        DATA / "postings" / "passages.jsonl",
        seed=20261201,
        signature=lambda p: (
            bool(p["no_phone_calls"]),
            bool(p["no_contact"]),
            bool(p["only_shortlisted"]),
            p["response_within_days"] is not None,
        ),
        random_rounding=False,
    ),
    "replies": Corpus(
        DATA / "replies" / "replies.jsonl",
        seed=20261202,
        signature=lambda r: (
            r["kind"],
            bool(r["future_openings_invited"]),
            r["feedback_offered"] is not None,
            r["response_within_days"] is not None,
        ),
        random_rounding=True,
    ),
}


def assign(corpus: Corpus, passages: list[Passage]) -> None:
    """Give every passage without a split one, in place."""
    groups: dict[tuple[object, ...], list[Passage]] = {}
    for passage in passages:
        if not passage.get("split"):
            groups.setdefault(corpus.signature(passage), []).append(passage)
    rng = random.Random(corpus.seed)
    for key in sorted(groups, key=repr):
        group = sorted(groups[key], key=lambda p: str(p["id"]))
        rng.shuffle(group)
        share = len(group) * HELDOUT_SHARE
        if corpus.random_rounding:
            cut = int(share) + (1 if rng.random() < share - int(share) else 0)
        else:
            cut = round(share)
        for index, passage in enumerate(group):
            passage["split"] = "heldout" if index < cut else "dev"


def main(name: str) -> None:
    corpus = CORPORA[name]
    lines = corpus.path.read_text("utf-8").splitlines()
    passages = [json.loads(line) for line in lines if line]
    assign(corpus, passages)
    corpus.path.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages), encoding="utf-8"
    )
    counts = {s: sum(p["split"] == s for p in passages) for s in ("dev", "heldout")}
    print(f"{corpus.path}: {len(passages)} passages, {counts}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in CORPORA:
        sys.exit(f"usage: python -m tests.reading.split {'|'.join(CORPORA)}")
    main(sys.argv[1])
