"""The replies reader's models: which dev examples train them (see tests/reading/training.py).

`reply_kind` (app/reading/reply_kind.py): a softmax over the kinds, one example per dev reply,
its newest part read as the cues read it (`replies.reading_text`), labelled with its kind.
Its regularisation, the class weights and the pruning of small weights were chosen by 5-fold
cross-validation on dev (`make eval-replies EVAL_ARGS=--cv`, tests/reading/cv_replies.py).
"""

from __future__ import annotations

from typing import Any

from app.reading.replies import reading_text
from app.reading.reply_kind import MODEL
from tests.reading.eval_replies import CORPUS, load_corpus
from tests.reading.training import Spec

KIND_C = 10.0
KIND_BALANCED = True
KIND_MIN_WEIGHT = 0.1  # features weighing less for every kind are dropped: 2.6x smaller, CV same


def dev_replies() -> list[dict[str, Any]]:
    """The dev split of the replies corpus, in file order."""
    return [r for r in load_corpus(CORPUS) if r["split"] == "dev"]


def kind_spec(
    rows: list[dict[str, Any]],
    c: float = KIND_C,
    balanced: bool = KIND_BALANCED,
    min_weight: float = KIND_MIN_WEIGHT,
) -> Spec:
    """The kind model's examples: each reply's newest part and its kind."""
    texts = [reading_text(str(r["text"]))[1] for r in rows]
    labels = [str(r["kind"]) for r in rows]
    return Spec(
        MODEL,
        texts,
        labels,
        c=c,
        balanced=balanced,
        min_weight=min_weight,
        notes={"split": "dev"},
    )


def specs() -> list[Spec]:
    """The models app/reading/replies.py loads, built from the dev split only."""
    return [kind_spec(dev_replies())]
