"""The reply's kind from the cue rules and the learned model, read through `analyze`."""

import json
import time

import pytest

from app.reading import learned, reply_kind
from app.reading.replies import CONFIDENT, KINDS, MAX_TEXT, analyze
from tests.reading.eval_replies import load_corpus
from tests.reading.train_replies import (
    KIND_BALANCED,
    KIND_C,
    KIND_MIN_WEIGHT,
    dev_replies,
    kind_spec,
)
from tests.reading.training import examples_sha256


@pytest.fixture(scope="module")
def corpus() -> dict[str, dict[str, object]]:
    return {str(r["id"]): r for r in load_corpus()}


def test_the_committed_kind_model_is_trained_on_the_current_dev_split() -> None:
    """Retraining would rewrite the same file: same examples (by hash), same settings.

    (Refitting itself takes ~10 s on a quiet machine; the fit is deterministic, so the hash of
    its inputs stands for it. After a change to the dev replies: `make train-readers`.)
    """
    committed = json.loads((learned.MODELS / f"{reply_kind.MODEL}.json").read_text("utf-8"))
    spec = kind_spec(dev_replies())
    trained_on = committed["trained_on"]
    assert trained_on["examples_sha256"] == examples_sha256(spec.texts, spec.labels), (
        "make train-readers"
    )
    assert trained_on["examples"] == len(spec.texts)
    assert (trained_on["c"], trained_on["balanced"]) == (KIND_C, KIND_BALANCED)
    assert trained_on["min_weight"] == KIND_MIN_WEIGHT
    assert all(max(map(abs, row)) >= KIND_MIN_WEIGHT for row in committed["weights"].values())
    assert trained_on["split"] == "dev"
    assert sorted(committed["labels"]) == sorted(KINDS)


def test_a_kind_rejection_the_cues_miss_is_read_by_the_model(
    corpus: dict[str, dict[str, object]],
) -> None:
    reply = corpus["r0207"]  # a writers' magazine: "not a great fit for what we are trying"
    result = analyze(str(reply["text"]))
    assert result.kind == "rejection" == reply["kind"]
    (evidence,) = [e for e in result.evidence if e.finding == "kind"]
    assert str(reply["text"])[evidence.start : evidence.end] == evidence.sentence
    assert not result.is_confident("kind")  # the rules only saw thanks: the user is asked


def test_an_invitation_to_a_recorded_video_is_an_assessment(
    corpus: dict[str, dict[str, object]],
) -> None:
    reply = corpus["r0355"]  # "Congrats your have been invited to complete an online video"
    result = analyze(str(reply["text"]))
    assert result.kind == "assessment"
    (evidence,) = [e for e in result.evidence if e.finding == "kind"]
    assert evidence.sentence.startswith("Congrats your have been invited to complete")


def test_when_rules_and_model_agree_the_kind_is_confident(
    corpus: dict[str, dict[str, object]],
) -> None:
    reply = corpus["r0001"]  # "has moved to the next step ... your application was not selected"
    result = analyze(str(reply["text"]))
    assert result.kind == "rejection"
    assert result.confidence("kind") >= max(CONFIDENT, reply_kind.AGREE_FLOOR)


def test_a_cue_the_model_disagrees_with_stands_but_asks() -> None:
    probabilities = dict.fromkeys(KINDS, 0.0) | {"acknowledgment": 0.9, "rejection": 0.1}
    choice = reply_kind.choose("rejection", 0.95, probabilities)
    assert (choice.kind, choice.by_rules) == ("rejection", True)
    assert choice.confidence <= reply_kind.DISAGREE_CAP < CONFIDENT


def test_a_cue_the_model_ranks_first_below_even_odds_stands_but_asks() -> None:
    probabilities = dict.fromkeys(KINDS, 0.0) | {
        "offer": 0.4,
        "interview_invitation": 0.35,
        "acknowledgment": 0.25,
    }
    choice = reply_kind.choose("offer", 0.95, probabilities)
    assert (choice.kind, choice.by_rules) == ("offer", True)
    assert choice.confidence < CONFIDENT
    sure = reply_kind.choose("offer", 0.95, probabilities | {"offer": 0.5, "acknowledgment": 0.15})
    assert sure.confidence >= CONFIDENT  # at even odds the two readers agree


def test_when_the_kind_is_asked_its_news_is_asked_too() -> None:
    text = (
        "Unfortunately we have decided to move forward with other candidates. "
        "We will keep your resume on file for future openings."
    )
    sure = analyze(text)
    assert sure.is_confident("kind") and sure.is_confident("future_openings_invited")
    # a model with no opinion (every kind equally likely) never agrees with the cue
    unsure = analyze(text, kind_model=learned.LinearModel("flat", KINDS, (0.0,) * len(KINDS), {}))
    assert (unsure.kind, unsure.future_openings_invited) == ("rejection", True)
    assert not unsure.is_confident("kind")
    assert not unsure.is_confident("future_openings_invited")


def test_a_default_of_the_rules_is_left_to_the_model() -> None:
    probabilities = dict.fromkeys(KINDS, 0.0) | {"offer": 0.8, "other": 0.2}
    for kind, sure in (("other", 0.0), ("acknowledgment", 0.5)):
        choice = reply_kind.choose(kind, sure, probabilities)
        assert (choice.kind, choice.by_rules) == ("offer", False)
        assert choice.confidence < CONFIDENT
    # an acknowledgment the rules found a cue for stands
    assert reply_kind.choose("acknowledgment", 0.85, probabilities).kind == "acknowledgment"


def test_the_model_alone_reads_a_short_rejection_and_says_why() -> None:
    model = reply_kind.model()
    text = "unfortunately we have decided to move forward with other candidates."
    probabilities = model.probabilities(text)
    assert max(probabilities, key=probabilities.__getitem__) == "rejection"
    reasons = model.reasons(text, "rejection", 20)
    assert reasons
    assert set(reasons) <= {name.split(":", 1)[1] for name in learned.features(text)}


def test_a_long_reply_the_model_decides_is_read_fast(
    corpus: dict[str, dict[str, object]],
) -> None:
    """50,000 characters where the model names the kind and scores every sentence for evidence
    (about 0.12 s on one quiet core; the bound leaves room for a loaded machine)."""
    text = ((str(corpus["r0355"]["text"]) + "\n") * 400)[:MAX_TEXT]
    analyze("warm up: the model is loaded once")
    started = time.perf_counter()
    result = analyze(text)
    assert time.perf_counter() - started < 2.0
    assert result.kind == "assessment"
