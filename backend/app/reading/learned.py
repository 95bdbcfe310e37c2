"""Linear text classifiers learned from the labelled corpora, applied in pure Python.

A model is trained offline from the dev split (`make train-readers`,
tests/reading/training.py, scikit-learn) and committed as JSON under `app/reading/models/`:
its labels, intercepts and one weight per feature and label. Reading a text needs no
scikit-learn: `features` turns the text into the same sparse vector the trainer saw, and the
model scores it with a dot product and a sigmoid (two labels) or a softmax (more).

Every score is explainable: `LinearModel.reasons` names the words that pushed it most.
Deterministic and offline; the cost is linear in the text's length.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import repeat
from operator import mul
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "models"

_TOKEN = re.compile(r"[a-z#]+(?:'[a-z]+)?")
_DIGITS = re.compile(r"\d+")
_CHAR_NGRAMS = (3, 4, 5)


def features(text: str) -> dict[str, float]:
    """The text's sparse feature vector: words, word pairs and letter n-grams inside words.

    Letters are lower-cased and every number becomes `#`, so "within 10 days" and "within 3
    days" share their features. Each feature counts once (presence, not frequency) and the
    vector has unit length, so a long text does not outweigh a short one.
    """
    tokens = _tokens(text)
    found: set[str] = set()
    for index, token in enumerate(tokens):
        found.update(_word_features(token))
        if index:
            found.add(f"b:{tokens[index - 1]} {token}")
    if not found:
        return {}
    value = 1.0 / math.sqrt(len(found))
    return dict.fromkeys(found, value)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_DIGITS.sub("#", text.lower()))


@lru_cache(maxsize=8192)
def _word_features(token: str) -> tuple[str, ...]:
    """A word's own features: the word and its letter n-grams (cached: words repeat)."""
    padded = f"<{token}>"
    grams = [
        "c:" + padded[start : start + size]
        for size in _CHAR_NGRAMS
        for start in range(len(padded) - size + 1)
    ]
    return ("w:" + token, *grams)


@lru_cache(maxsize=256)
def _parts(text: str) -> tuple[tuple[str, ...], frozenset[str], float]:
    """The text's distinct words, its word pairs' features, and the value of every feature."""
    tokens = _tokens(text)
    words = tuple(dict.fromkeys(tokens))
    pairs = frozenset(map("b:{} {}".format, tokens, tokens[1:]))
    count = len(pairs) + len(set().union(*map(_word_features, words)))
    return words, pairs, (1.0 / math.sqrt(count) if count else 0.0)


class Vocabulary:
    """A two-label model's weights by word, to score texts quickly and the same.

    Every feature of a vector has the same value (`features`), so a text's margin is the
    intercept plus that value times the sum of the weights of its distinct features: each
    word's weighed features are looked up once (cached), and a text adds up its words' and
    its word pairs'. Most features have no weight in a pruned model and cost nothing.
    """

    def __init__(self, model: LinearModel) -> None:
        if len(model.intercepts) != 1:
            raise ValueError(f"model {model.name!r}: a vocabulary scores two labels only")
        self.model = model
        self._weights = model._flat
        self._known = frozenset(self._weights)
        self._word = lru_cache(maxsize=8192)(self._word_weights)

    def _word_weights(self, token: str) -> dict[str, float]:
        weights = self._weights
        return {f: weights[f] for f in _word_features(token) if f in weights}

    def probability(self, text: str) -> float:
        """`model.probability(text)`: the probability of the model's second label."""
        words, pairs, value = _parts(text)
        weights: dict[str, float] = {}
        for word in map(self._word, words):
            weights.update(word)  # a feature two words share counts once
        pair_weights = map(self._weights.__getitem__, self._known.intersection(pairs))
        return _sigmoid(
            self.model.intercepts[0] + value * (sum(weights.values()) + sum(pair_weights))
        )


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A logistic-regression model over `features`.

    With two labels, `weights[f]` holds one weight (for `labels[1]`) and the score is a
    sigmoid; with more, one weight per label and the scores are a softmax.
    """

    name: str
    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    # with two labels, each feature's one weight (built once, for a quick dot product)
    _flat: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flat = {f: row[0] for f, row in self.weights.items()} if len(self.intercepts) == 1 else {}
        object.__setattr__(self, "_flat", flat)

    def _margins(self, vector: Mapping[str, float]) -> list[float]:
        if len(self.intercepts) == 1:  # two labels, one weight per feature: the fast path
            weighted = map(mul, map(self._flat.get, vector.keys(), repeat(0.0)), vector.values())
            return [self.intercepts[0] + sum(weighted)]
        margins = list(self.intercepts)
        for feature, value in vector.items():
            row = self.weights.get(feature)
            if row is not None:
                for index, weight in enumerate(row):
                    margins[index] += weight * value
        return margins

    def probabilities(self, text: str) -> dict[str, float]:
        """Each label's probability for `text` (they sum to 1)."""
        return self.scores(features(text))

    def scores(self, vector: Mapping[str, float]) -> dict[str, float]:
        """Each label's probability for a vector `features` made (to score it more than once)."""
        margins = self._margins(vector)
        if len(self.labels) == 2:
            positive = _sigmoid(margins[0])
            return {self.labels[0]: 1.0 - positive, self.labels[1]: positive}
        top = max(margins)
        exps = [math.exp(m - top) for m in margins]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def probability(self, text: str, label: str | None = None) -> float:
        """The probability of `label` (by default the positive one of two labels)."""
        return self.probabilities(text)[label or self.labels[-1]]

    def reasons(self, text: str, label: str | None = None, limit: int = 5) -> list[str]:
        """The words of `text` that pushed its score toward `label` most, strongest first."""
        label = label or self.labels[-1]
        index = 0 if len(self.labels) == 2 else self.labels.index(label)
        sign = -1.0 if len(self.labels) == 2 and label == self.labels[0] else 1.0
        pushes = []
        for feature, value in features(text).items():
            row = self.weights.get(feature)
            if row is not None and sign * row[index] > 0:
                pushes.append((sign * row[index] * value, feature))
        pushes.sort(reverse=True)
        return [feature.split(":", 1)[1] for _, feature in pushes[:limit]]


def _sigmoid(margin: float) -> float:
    if margin >= 0:
        return 1.0 / (1.0 + math.exp(-margin))
    e = math.exp(margin)
    return e / (1.0 + e)


def from_json(data: Mapping[str, object]) -> LinearModel:
    """A model from its JSON form (what tests/reading/training.py writes)."""
    labels = tuple(str(label) for label in _items(data["labels"]))
    intercepts = tuple(_number(v) for v in _items(data["intercepts"]))
    raw = data["weights"]
    if not isinstance(raw, Mapping):
        raise ValueError("a model's weights are an object of feature to weights")
    weights = {str(f): tuple(_number(w) for w in _items(row)) for f, row in raw.items()}
    width = 1 if len(labels) == 2 else len(labels)
    if len(intercepts) != width or any(len(row) != width for row in weights.values()):
        raise ValueError(f"model {data.get('name')!r}: every row needs {width} weights")
    return LinearModel(str(data["name"]), labels, intercepts, weights)


def _number(value: object) -> float:
    if not isinstance(value, int | float):
        raise ValueError(f"expected a number in the model file, got {value!r}")
    return float(value)


def _items(value: object) -> Iterable[object]:
    if not isinstance(value, list):
        raise ValueError("expected a list in the model file")
    return value


@cache
def load(name: str) -> LinearModel:
    """The committed model `app/reading/models/<name>.json` (read once per process)."""
    path = MODELS / f"{name}.json"
    data = json.loads(path.read_text("utf-8"))
    return from_json(data)
