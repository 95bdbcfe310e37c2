"""Train the readers' linear models from the dev split and write them to app/reading/models/.

`make train-readers` runs this (from backend/: `python -m tests.reading.training`). Only dev
passages train; the held-out split is never read here, so `make eval-postings` and `make
eval-replies` still measure on text the models have not seen. The result depends only on the
corpus and the parameters below (liblinear and lbfgs are deterministic), so a re-run on the
same corpus rewrites the same files.

Each domain lists its models in one function returning `Spec`s: tests/reading/train_postings.py
and tests/reading/train_replies.py.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from app.reading import learned

DIGITS = 6  # significant digits kept per weight: the file stays small, scores move < 1e-5


@dataclass(frozen=True)
class Spec:
    """One model to train: its name, examples (text and label) and regularisation."""

    name: str
    texts: Sequence[str]
    labels: Sequence[str]
    c: float = 1.0  # inverse regularisation strength
    balanced: bool = False  # weigh the labels inversely to their counts
    min_weight: float = 0.0  # drop features whose largest absolute weight is below (smaller file)
    notes: dict[str, Any] = field(default_factory=dict)  # how the examples were chosen


def fit(spec: Spec) -> tuple[dict[str, Any], LogisticRegression, DictVectorizer]:
    """The model's JSON form, with the fitted estimator and vectorizer (for checks)."""
    if len(set(spec.labels)) < 2:
        raise ValueError(f"{spec.name}: needs at least two labels")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([learned.features(text) for text in spec.texts])
    estimator = LogisticRegression(
        C=spec.c,
        class_weight="balanced" if spec.balanced else None,
        solver="lbfgs",
        max_iter=5000,
        tol=1e-8,
    )
    # one BLAS thread: as fast on a small problem (threads fought over two cores took 7x as long
    # under pytest -n 2), and the sums come in one order on every machine
    with threadpool_limits(limits=1):
        estimator.fit(matrix, list(spec.labels))
    names = vectorizer.get_feature_names_out()
    weights: dict[str, list[float]] = {}
    for column, feature in enumerate(names):
        row = [_round(float(w)) for w in estimator.coef_[:, column]]
        if any(row) and max(abs(w) for w in row) >= spec.min_weight:
            weights[str(feature)] = row
    data = {
        "name": spec.name,
        "labels": [str(label) for label in estimator.classes_],
        "intercepts": [_round(float(b)) for b in estimator.intercept_],
        "weights": dict(sorted(weights.items())),
        "trained_on": {
            "examples": len(spec.texts),
            "by_label": {
                str(k): int(sum(1 for y in spec.labels if y == k)) for k in estimator.classes_
            },
            "c": spec.c,
            "balanced": spec.balanced,
            **({"min_weight": spec.min_weight} if spec.min_weight else {}),
            "examples_sha256": examples_sha256(spec.texts, spec.labels),
            **spec.notes,
        },
    }
    return data, estimator, vectorizer


def examples_sha256(texts: Sequence[str], labels: Sequence[str]) -> str:
    """A fingerprint of the examples, kept with the model: a test that rebuilds a Spec from
    today's dev split tells a model trained on other data without refitting it."""
    hashed = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        hashed.update(f"{label}\t{text}\n".encode())
    return hashed.hexdigest()


def _round(value: float) -> float:
    return float(f"{value:.{DIGITS}g}")


def save(data: dict[str, Any], models: Path = learned.MODELS) -> Path:
    models.mkdir(parents=True, exist_ok=True)
    path = models / f"{data['name']}.json"
    # one feature a line: a retrained model's diff shows which weights moved
    head = {k: v for k, v in data.items() if k != "weights"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "weights": {']
    rows = [
        f"{json.dumps(f, ensure_ascii=False)}: {json.dumps(w)}" for f, w in data["weights"].items()
    ]
    lines.append(",\n".join(rows))
    lines.append("}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def all_specs() -> list[Spec]:
    """Every model the readers use."""
    builders: list[Callable[[], list[Spec]]] = []
    # imported here: both import Spec from this module
    from tests.reading import train_postings, train_replies

    builders += [train_postings.specs, train_replies.specs]
    return [spec for build in builders for spec in build()]


def main() -> int:
    for spec in all_specs():
        data, _, _ = fit(spec)
        path = save(data)
        size = path.stat().st_size
        features = len(data["weights"])
        print(f"{path.name}: {len(spec.texts)} examples, {features} features, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
