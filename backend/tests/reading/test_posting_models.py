"""The posting reader's sentence models: current with the corpus, and combined with the rules.

The combination is tested through the public `analyze`, on sentences of the dev split.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from app.reading import learned, posting_models
from app.reading.postings import CONFIDENT, analyze, sentence_spans
from tests.reading import train_postings
from tests.reading.training import Spec, examples_sha256, fit

SHORTLISTED = posting_models.BY_FINDING["only_shortlisted"]
PHONE = posting_models.BY_FINDING["no_phone_calls"]


def _committed(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((learned.MODELS / f"{name}.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("spec", train_postings.specs(), ids=lambda s: s.name)
def test_the_committed_models_were_trained_on_todays_dev_examples(spec: object) -> None:
    """Retraining is deterministic (tests/reading/training.py), so equal examples and
    parameters give the committed file; a full refit costs about 15 s a model, so the
    examples' fingerprint stands for it. If this fails, run `make train-readers`."""
    assert isinstance(spec, Spec)
    trained_on = _committed(spec.name)["trained_on"]
    assert isinstance(trained_on, dict)
    assert trained_on["examples_sha256"] == examples_sha256(spec.texts, spec.labels)
    assert (trained_on["c"], trained_on["balanced"]) == (spec.c, spec.balanced)
    assert trained_on.get("min_weight", 0.0) == spec.min_weight
    assert trained_on["examples"] == len(spec.texts)


def test_a_refit_on_a_few_dev_passages_is_deterministic() -> None:
    passages = train_postings.dev_passages()[:120]
    spec = train_postings.spec("no_phone_calls", passages, train_postings.C["no_phone_calls"])
    assert fit(spec)[0] == fit(spec)[0]


def test_every_opinion_loads_its_model() -> None:
    for opinion in posting_models.OPINIONS:
        model = learned.load(opinion.model)
        assert model.labels == ("no", "yes")
        assert 0.0 <= opinion.veto < opinion.agree <= 1.0


def test_training_sentences_are_the_readers_sentences_with_the_evidence_marked() -> None:
    passage = next(p for p in train_postings.dev_passages() if p["id"] == "p0004")
    labelled = train_postings.sentences(passage, "only_shortlisted")
    text = passage["text"]
    assert [s for s, _ in labelled] == [text[a:b] for a, b in sentence_spans(text)]
    assert [label for _, label in labelled] == ["yes", None]
    negative = next(p for p in train_postings.dev_passages() if not p["only_shortlisted"])
    assert {label for _, label in train_postings.sentences(negative, "only_shortlisted")} == {"no"}


# dev p0004, p0862 and p0589 (the sentence alone)
AGREED = (
    "Due to the high volume of applications we typically receive, we regret that we are not"
    " able to personally respond to all applications."
)
DOUBTED = "If you are successful we will contact you, normally within two working days."
MISSED = (
    "Please be aware that we do receive a large number of applications for these roles and will"
    " only be able to respond to candidates which match my client’s criteria."
)


def test_rule_and_model_agreeing_is_confident() -> None:
    result = analyze(AGREED)
    assert result.only_shortlisted and result.is_confident("only_shortlisted")
    (evidence,) = (e for e in result.evidence if e.finding == "only_shortlisted")
    assert (evidence.sentence, evidence.start, evidence.end) == (AGREED, 0, len(AGREED))


def test_a_rule_finding_the_model_doubts_is_asked_about() -> None:
    assert posting_models.probability(SHORTLISTED, DOUBTED) < SHORTLISTED.agree
    alone = analyze(DOUBTED, opinions=())
    assert alone.only_shortlisted and alone.is_confident("only_shortlisted")
    result = analyze(DOUBTED)
    assert result.only_shortlisted and not result.is_confident("only_shortlisted")
    assert result.confidence("only_shortlisted") == posting_models.UNSURE < CONFIDENT
    (evidence,) = (e for e in result.evidence if e.finding == "only_shortlisted")
    assert evidence.sentence == DOUBTED
    # the window in the same sentence is not the models' business
    assert (result.response_within_days, result.response_business_days) == (2, True)


def test_a_rule_finding_the_model_rules_out_is_dropped_with_its_evidence() -> None:
    strict = dataclasses.replace(SHORTLISTED, veto=1.0)
    result = analyze(AGREED, opinions=(strict,))
    assert not result.only_shortlisted
    assert not any(e.finding == "only_shortlisted" for e in result.evidence)


def test_no_contact_stands_or_falls_with_the_phone_model() -> None:
    text = "No phone calls or emails, please."  # dev p0630
    assert analyze(text, opinions=()).no_contact
    kept = analyze(text)
    assert kept.no_phone_calls and kept.no_contact
    dropped = analyze(text, opinions=(dataclasses.replace(PHONE, veto=1.0),))
    assert not dropped.no_phone_calls and not dropped.no_contact


def test_a_model_alone_finds_what_no_rule_did_and_asks() -> None:
    assert not analyze(MISSED, opinions=()).only_shortlisted
    assert not analyze(MISSED).only_shortlisted  # the committed reader adds none (add=None)
    eager = dataclasses.replace(SHORTLISTED, add=0.9)
    assert posting_models.probability(SHORTLISTED, MISSED) >= 0.9
    result = analyze(MISSED, opinions=(eager,))
    assert result.only_shortlisted
    assert result.confidence("only_shortlisted") == posting_models.UNSURE
    (evidence,) = result.evidence
    assert evidence.sentence == MISSED


def test_a_sentence_naming_no_contact_is_not_scored() -> None:
    assert posting_models.probability(SHORTLISTED, "The salary is competitive.") == 0.0


def test_a_long_sentence_is_scored_around_the_phrase() -> None:
    filler = "word " * 400
    text = filler + "No phone calls please " + filler
    window = posting_models.scored_text(text, (0, len(text)), len(filler))
    assert len(window) <= 2 * posting_models.REACH and "No phone calls" in window
    assert analyze(text).no_phone_calls
