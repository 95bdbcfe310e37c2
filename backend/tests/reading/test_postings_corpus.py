"""The labelled corpus of real posting passages is well formed, and its scorer counts right.

The corpus and its labelling rules are described in tests/data/postings/README.md; the
figures come from `make eval-postings` (tests/reading/eval_postings.py).
"""

import re
from collections import Counter
from typing import Any

import pytest

from app.reading.postings import PostingAnalysis, analyze
from tests.reading.eval_postings import (
    FINDINGS,
    SPLITS,
    WINDOW_FROM,
    evaluate,
    load_corpus,
)

MIN_PASSAGES = 400
MIN_HELDOUT = 150
FIELDS = {
    "id",
    "text",
    "source",
    "no_phone_calls",
    "no_contact",
    "only_shortlisted",
    "response_within_days",
    "response_business_days",
    "window_counts_from",
    "evidence",
    "note",
    "split",
}
OPTIONAL_FIELDS = {"language"}  # ISO 639-1 code of a passage that is not English; "en" if absent
LANGUAGE = re.compile(r"^[a-z]{2}$")
EVIDENCE_KEYS = {*FINDINGS, "response_window"}
MAX_PASSAGE = 600  # a sentence or a short paragraph
SOURCE = re.compile(r"^(?:https?://\S+|github:[\w.-]+/[\w.-]+ \S.*)$")


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return load_corpus()


def positive(passage: dict[str, Any]) -> bool:
    return any(passage[name] for name in FINDINGS) or passage["response_within_days"] is not None


def test_size_and_make_up(corpus: list[dict[str, Any]]) -> None:
    splits = Counter(p["split"] for p in corpus)
    assert len(corpus) >= MIN_PASSAGES
    assert set(splits) == set(SPLITS)
    assert splits["heldout"] >= MIN_HELDOUT
    negatives = sum(not positive(p) for p in corpus)
    assert negatives * 2 >= len(corpus), "at least half the passages must be negatives"


def test_ids_are_unique_and_texts_distinct(corpus: list[dict[str, Any]]) -> None:
    ids = [p["id"] for p in corpus]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"p\d{4}", i) for i in ids)
    normalized = [re.sub(r"\W+", " ", p["text"].lower()).strip() for p in corpus]
    assert len(set(normalized)) == len(normalized), "the same passage must not appear twice"


def test_every_passage_is_complete(corpus: list[dict[str, Any]]) -> None:
    for p in corpus:
        assert FIELDS <= set(p) <= FIELDS | OPTIONAL_FIELDS, p["id"]
        assert p["text"].strip() and len(p["text"]) <= MAX_PASSAGE, p["id"]
        assert SOURCE.match(p["source"]), p["id"]
        assert p["split"] in SPLITS, p["id"]
        assert p["note"] is None or (isinstance(p["note"], str) and p["note"]), p["id"]


def test_labels_are_valid_and_consistent(corpus: list[dict[str, Any]]) -> None:
    for p in corpus:
        for name in (*FINDINGS, "response_business_days"):
            assert isinstance(p[name], bool), (p["id"], name)
        days = p["response_within_days"]
        if days is None:
            assert p["response_business_days"] is False, p["id"]
            assert p["window_counts_from"] is None, p["id"]
        else:
            assert isinstance(days, int) and not isinstance(days, bool) and days > 0, p["id"]
            assert p["window_counts_from"] in WINDOW_FROM, p["id"]
        # a posting that forbids all contact forbids calls too (the analyzer's rule)
        assert not p["no_contact"] or p["no_phone_calls"], p["id"]


def test_passages_not_in_english_carry_no_labels(corpus: list[dict[str, Any]]) -> None:
    """Only English is read: a passage in another language is labelled with nothing."""
    other = [p for p in corpus if p.get("language", "en") != "en"]
    assert other, "the corpus must hold passages that are not English"
    for p in corpus:
        assert LANGUAGE.match(p.get("language", "en")), p["id"]
    for p in other:
        assert not positive(p) and p["evidence"] == {}, p["id"]
        assert p["response_business_days"] is False and p["window_counts_from"] is None, p["id"]


def test_evidence_is_in_the_text_for_each_positive_label(corpus: list[dict[str, Any]]) -> None:
    for p in corpus:
        evidence = p["evidence"]
        assert set(evidence) <= EVIDENCE_KEYS, p["id"]
        expected = {name for name in FINDINGS if p[name]}
        if p["response_within_days"] is not None:
            expected.add("response_window")
        assert set(evidence) == expected, p["id"]
        for sentence in evidence.values():
            assert sentence and sentence in p["text"], p["id"]


def test_every_finding_has_positives_in_both_splits(corpus: list[dict[str, Any]]) -> None:
    for split in SPLITS:
        part = [p for p in corpus if p["split"] == split]
        for name in FINDINGS:
            assert any(p[name] for p in part), (split, name)
        stated = [p for p in part if p["response_within_days"] is not None]
        assert stated, (split, "response window")
        assert any(p["response_business_days"] for p in stated), (split, "business days")
        assert any(p["window_counts_from"] == "closing_date" for p in stated), split


def oracle(corpus: list[dict[str, Any]]) -> Any:
    """An analyzer that answers each passage's labels: the scorer must give it full marks."""
    by_text = {p["text"]: p for p in corpus}

    def read(text: str) -> PostingAnalysis:
        p = by_text[text]
        return PostingAnalysis(
            no_phone_calls=p["no_phone_calls"],
            no_contact=p["no_contact"],
            only_shortlisted=p["only_shortlisted"],
            response_within_days=p["response_within_days"],
            response_business_days=p["response_business_days"],
            response_expected_on=None,
            evidence=(),
            window_counts_from=p["window_counts_from"],
            language=p.get("language", "en"),
            language_message=None if p.get("language", "en") == "en" else "not English",
        )

    return read


def test_the_scorer_gives_a_perfect_reader_full_marks(corpus: list[dict[str, Any]]) -> None:
    for split in SPLITS:
        report = evaluate(corpus, split, oracle(corpus))
        assert report.errors == []
        assert report.passages == sum(p["split"] == split for p in corpus)
        for score in report.findings.values():
            assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
        assert report.window_exact == 1.0 and report.no_window_invented == 1.0


def test_the_scorer_counts_every_error_of_the_real_analyzer(
    corpus: list[dict[str, Any]],
) -> None:
    for split in SPLITS:
        part = [p for p in corpus if p["split"] == split]
        report = evaluate(corpus, split, analyze)
        for name, score in report.findings.items():
            assert score.tp + score.fn == sum(p[name] for p in part)
            wrong = sum(1 for e in report.errors if e.score == name)
            assert wrong == score.fp + score.fn
        stated = sum(p["response_within_days"] is not None for p in part)
        assert report.windows_stated == stated
        assert report.windows_absent == len(part) - stated
        window_errors = sum(1 for e in report.errors if e.score in ("window", "invented window"))
        assert window_errors == (report.windows_stated - report.windows_exact) + (
            report.windows_absent - report.windows_not_invented
        )
