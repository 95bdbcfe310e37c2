"""The JSON models score exactly as the scikit-learn estimators they were exported from."""

from __future__ import annotations

import json
import math

import pytest

from app.reading import learned
from tests.reading.eval_postings import CORPUS as POSTINGS
from tests.reading.eval_replies import CORPUS as REPLIES
from tests.reading.training import Spec, fit, save


def _dev(path: object) -> list[dict[str, object]]:
    lines = POSTINGS.read_text("utf-8") if path is POSTINGS else REPLIES.read_text("utf-8")
    rows = [json.loads(line) for line in lines.splitlines() if line]
    # the first 200 dev rows: enough to learn from, quick to fit
    return [row for row in rows if row["split"] == "dev"][:200]


def _binary() -> Spec:
    rows = _dev(POSTINGS)
    return Spec(
        "test_only_shortlisted",
        [str(r["text"]) for r in rows],
        ["yes" if r["only_shortlisted"] else "no" for r in rows],
        c=20.0,
        balanced=True,
    )


def _multiclass() -> Spec:
    rows = _dev(REPLIES)
    return Spec("test_kind", [str(r["text"]) for r in rows], [str(r["kind"]) for r in rows], c=4.0)


@pytest.mark.parametrize("build", [_binary, _multiclass], ids=["binary", "multiclass"])
def test_the_exported_model_scores_as_the_estimator(build: object, tmp_path: object) -> None:
    spec = build()  # type: ignore[operator]
    data, estimator, vectorizer = fit(spec)
    model = learned.from_json(json.loads(save(data, tmp_path).read_text("utf-8")))  # type: ignore[arg-type]
    expected = estimator.predict_proba(
        vectorizer.transform([learned.features(t) for t in spec.texts])
    )
    worst = 0.0
    for text, row in zip(spec.texts, expected, strict=True):
        got = model.probabilities(text)
        for label, probability in zip(estimator.classes_, row, strict=True):
            worst = max(worst, abs(got[str(label)] - float(probability)))
    assert worst < 1e-4
    # and it learned something: most training examples get their own label
    right = sum(
        max(model.probabilities(t).items(), key=lambda kv: kv[1])[0] == y
        for t, y in zip(spec.texts, spec.labels, strict=True)
    )
    assert right / len(spec.texts) > 0.9


@pytest.fixture(scope="module")
def binary_fit() -> tuple[Spec, dict[str, object]]:
    spec = _binary()
    return spec, fit(spec)[0]


def test_reasons_are_words_of_the_text_that_pushed_toward_the_label(
    binary_fit: tuple[Spec, dict[str, object]],
) -> None:
    spec, data = binary_fit
    model = learned.from_json(data)
    text = next(t for t, y in zip(spec.texts, spec.labels, strict=True) if y == "yes")
    reasons = model.reasons(text, "yes")
    assert reasons
    lowered = text.lower()
    for reason in reasons:
        assert all(part.strip("<>") in lowered for part in reason.split(" ")), reason
    vector = learned.features(text)
    for reason in reasons:
        key = next(k for k in vector if k.split(":", 1)[1] == reason)
        assert model.weights[key][0] > 0


def test_a_vocabulary_scores_as_the_model(binary_fit: tuple[Spec, dict[str, object]]) -> None:
    spec, data = binary_fit
    weights = data["weights"]
    assert isinstance(weights, dict)
    for kept in (weights, {f: row for f, row in weights.items() if abs(row[0]) >= 0.3}):
        model = learned.from_json({**data, "weights": kept})
        vocabulary = learned.Vocabulary(model)
        for text in [*spec.texts, "", "!!!", "Call call CALL 10 10 calls"]:
            expected = model.probability(text, "yes")
            assert math.isclose(vocabulary.probability(text), expected, rel_tol=1e-12)


def test_a_vocabulary_takes_a_model_of_two_labels_only() -> None:
    three = {"name": "x", "labels": ["a", "b", "c"], "intercepts": [0, 0, 0], "weights": {}}
    with pytest.raises(ValueError, match="two labels"):
        learned.Vocabulary(learned.from_json(three))


def test_features_have_unit_length_and_numbers_are_one_token() -> None:
    vector = learned.features("We reply within 10 working days.")
    assert math.isclose(sum(v * v for v in vector.values()), 1.0)
    assert "b:within #" in vector and learned.features("within 3 days").keys() >= {"b:within #"}
    assert learned.features("") == {} and learned.features("!!!") == {}


def test_a_malformed_model_file_is_refused() -> None:
    with pytest.raises(ValueError, match="weights"):
        learned.from_json(
            {
                "name": "x",
                "labels": ["a", "b", "c"],
                "intercepts": [0, 0, 0],
                "weights": {"w:x": [1.0]},
            }
        )
    with pytest.raises(ValueError, match="number"):
        learned.from_json(
            {"name": "x", "labels": ["no", "yes"], "intercepts": ["1"], "weights": {}}
        )
