"""The labelled corpus of real employers' replies is well formed (tests/data/replies/README.md).

The reply reader (issue 12) is measured on it; until the reader lands, this test holds the
corpus to its schema, its sources and its split.
"""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.reading import replies

CORPUS = Path(__file__).resolve().parents[1] / "data" / "replies" / "replies.jsonl"
KINDS = set(replies.KINDS)  # the reader's kinds are the labels' kinds
FIELDS = {
    "id",
    "text",
    "source",
    "kind",
    "position_still_open",
    "applicant_count",
    "interviews_being_scheduled",
    "still_under_consideration",
    "response_within_days",
    "response_business_days",
    "future_openings_invited",
    "feedback_offered",
    "evidence",
    "note",
    "split",
}
FLAGS = ("interviews_being_scheduled", "still_under_consideration", "future_openings_invited")
MAX_REPLY = 50_000  # the reader's bound
MIN_REPLIES = 350  # the corpus may grow, not shrink (README: make-up)
MIN_PER_KIND_AND_SPLIT = 2  # so every kind is measured on the held-out split
EVIDENCE_KEYS = {
    "kind",
    "position_still_open",
    "applicant_count",
    "interviews_being_scheduled",
    "still_under_consideration",
    "response_window",
    "future_openings_invited",
    "feedback_offered",
}
# A URL, or a repository and path, then optionally where in it: "(row 3)", "(Sample 2)".
SOURCE = re.compile(r"^(?:https?://\S+(?: \(.+\))?|github:[\w.-]+/[\w.-]+ \S.*)$")


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line]


def test_every_reply_has_every_field_and_a_source(corpus: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in corpus]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"r\d{4}", i) for i in ids)
    for r in corpus:
        assert set(r) == FIELDS, r["id"]
        assert SOURCE.match(r["source"]), r["id"]
        assert 0 < len(r["text"]) <= MAX_REPLY, r["id"]
        assert r["kind"] in KINDS, r["id"]
        assert r["split"] in {"dev", "heldout"}, r["id"]


def test_labels_have_their_types_and_their_evidence(corpus: list[dict[str, Any]]) -> None:
    for r in corpus:
        evidence = r["evidence"]
        for sentence in evidence.values():
            assert sentence and sentence in r["text"], r["id"]
        assert ("kind" in evidence) == (r["kind"] != "other"), r["id"]
        assert r["position_still_open"] in {True, False, None}, r["id"]
        assert (r["position_still_open"] is not None) == ("position_still_open" in evidence)
        assert r["applicant_count"] is None or r["applicant_count"] > 0, r["id"]
        assert (r["applicant_count"] is not None) == ("applicant_count" in evidence), r["id"]
        for flag in FLAGS:
            assert isinstance(r[flag], bool) and r[flag] == (flag in evidence), (r["id"], flag)
        days = r["response_within_days"]
        assert days is None or days > 0, r["id"]
        assert (days is not None) == ("response_window" in evidence), r["id"]
        assert days is not None or r["response_business_days"] is False, r["id"]
        assert r["feedback_offered"] in {"offered", "refused", None}, r["id"]
        assert (r["feedback_offered"] is not None) == ("feedback_offered" in evidence), r["id"]


def test_no_reply_is_there_twice(corpus: list[dict[str, Any]]) -> None:
    seen = Counter(" ".join(re.findall(r"[a-z']+", r["text"].lower())) for r in corpus)
    assert max(seen.values()) == 1


def test_the_split_covers_each_kind_with_more_than_one_reply(
    corpus: list[dict[str, Any]],
) -> None:
    by_kind: dict[str, set[str]] = {}
    for r in corpus:
        by_kind.setdefault(r["kind"], set()).add(r["split"])
    for kind, splits in by_kind.items():
        if sum(r["kind"] == kind for r in corpus) > 1:
            assert splits == {"dev", "heldout"}, kind
    assert sum(r["split"] == "heldout" for r in corpus) >= len(corpus) // 3


def test_every_kind_has_replies_enough_in_both_splits(corpus: list[dict[str, Any]]) -> None:
    counts = Counter((r["kind"], r["split"]) for r in corpus)
    for kind in KINDS:
        for split in ("dev", "heldout"):
            assert counts[(kind, split)] >= MIN_PER_KIND_AND_SPLIT, (kind, split)


def test_the_corpus_does_not_shrink(corpus: list[dict[str, Any]]) -> None:
    assert len(corpus) >= MIN_REPLIES


def test_texts_and_notes_are_not_blank(corpus: list[dict[str, Any]]) -> None:
    for r in corpus:
        assert r["text"].strip() and r["source"].strip(), r["id"]
        assert r["note"] is None or r["note"].strip(), r["id"]
        assert all(key in EVIDENCE_KEYS for key in r["evidence"]), r["id"]
