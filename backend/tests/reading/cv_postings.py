"""Cross-validation on the dev split: how the posting reader's rules and sentence models combine.

`make eval-postings EVAL_ARGS=--cv` runs it. The held-out split is never read. The dev
passages are cut into `FOLDS` folds (stratified by the finding, fixed seed); each fold's
sentences are scored by a model trained on the other folds (tests/reading/train_postings.py
builds the examples), so every dev sentence gets a probability from a model that did not
see it. The rules' findings come from `analyze(text, opinions=())`. Every combination of
the thresholds in app/reading/posting_models.py is then scored per passage, as the reader
decides (`posting_models.judge`).

How the choices are made, per finding:
- `C`: the one whose model alone reaches the highest F1 over any threshold.
- `veto`: the threshold that drops the most more of the rules' false positives than of
  their true positives; none (0.0) when no threshold drops more false ones than true ones.
- `add`: the lowest threshold at which the model alone is right on at least `ADD_PRECISION`
  of the passages it finds (at least 5 of them); none when no threshold does.
- `agree`: 0.5, where the balanced model says no. Not tuned: the rules make too few errors
  on dev (they were written against it) to tell a better value apart.

The rules' own dev figures are optimistic for the same reason, so the combination's dev
figures are too; they show what each choice costs on dev, not what held-out will give.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.reading import learned, posting_models
from app.reading.postings import CONFIDENT, analyze, sentence_spans
from tests.reading.train_postings import MIN_WEIGHT, C, dev_passages, spec
from tests.reading.training import fit

FOLDS = 5
SEED = 20261203
C_GRID = (2.0, 8.0, 32.0)
THRESHOLDS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95)
ADD_PRECISION = 0.95
AGREE = 0.5

Span = tuple[int, int]


@dataclass
class Passage:
    """One dev passage as the cross-validation sees it."""

    id: str
    labels: dict[str, bool]
    rules: dict[str, dict[Span, float]]  # finding -> sentence span -> the rule's confidence
    eligible: set[Span]  # sentences the model alone may find it in (not quoted, ...)
    probabilities: dict[Span, float]  # sentence span -> out-of-fold probability


def folds(passages: Sequence[dict[str, Any]], finding: str) -> dict[str, int]:
    """Each passage's fold, stratified by `finding` (fixed seed)."""
    shuffle = random.Random(SEED).shuffle
    fold: dict[str, int] = {}
    for value in (True, False):
        ids = [p["id"] for p in passages if bool(p[finding]) == value]
        shuffle(ids)
        fold |= {pid: index % FOLDS for index, pid in enumerate(ids)}
    return fold


def out_of_fold(
    passages: Sequence[dict[str, Any]],
    opinion: posting_models.Opinion,
    c: float,
    prune: Sequence[float] = (0.0,),
) -> dict[float, dict[str, dict[Span, float]]]:
    """Every sentence's probability from the model trained on the other folds, for each
    `min_weight` in `prune` (the fold's model without its weights below it: one fit each)."""
    fold = folds(passages, opinion.finding)
    found: dict[float, dict[str, dict[Span, float]]] = {w: {} for w in prune}
    for k in range(FOLDS):
        train = [p for p in passages if fold[p["id"]] != k]
        data, _, _ = fit(spec(opinion.finding, train, c, "cv"))
        for min_weight in prune:
            model = learned.from_json(pruned(data, min_weight))
            for passage in passages:
                if fold[passage["id"]] == k:
                    text = passage["text"]
                    found[min_weight][passage["id"]] = {
                        (a, b): posting_models.probability(
                            opinion, posting_models.scored_text(text, (a, b)), model
                        )
                        for a, b in sentence_spans(text)
                    }
    return found


def rule_findings(passages: Sequence[dict[str, Any]]) -> dict[str, dict[str, dict[Span, float]]]:
    """What the rules alone find in each passage, per finding and sentence."""
    found: dict[str, dict[str, dict[Span, float]]] = {}
    for passage in passages:
        result = analyze(passage["text"], opinions=())
        by: dict[str, dict[Span, float]] = {}
        for e in result.evidence:
            by.setdefault(e.finding, {})[(e.start, e.end)] = e.confidence
        found[passage["id"]] = by
    return found


def eligible(
    passages: Sequence[dict[str, Any]], opinion: posting_models.Opinion
) -> dict[str, set[Span]]:
    """The sentences where the reader lets `opinion`'s model find what no rule did: those
    `analyze` adds when every scored sentence is accepted (add=0.0)."""
    anything = dataclasses.replace(opinion, veto=0.0, agree=0.0, add=0.0)
    found: dict[str, set[Span]] = {}
    for passage in passages:
        result = analyze(passage["text"], opinions=(anything,))
        found[passage["id"]] = {
            (e.start, e.end)
            for e in result.evidence
            if e.finding == opinion.finding and e.confidence == posting_models.UNSURE
        }
    return found


def decide(opinion: posting_models.Opinion, finding: str, passage: Passage) -> tuple[bool, float]:
    """Whether the reader finds `finding` in the passage, and how confident, as analyze does."""
    best: float | None = None
    rules = passage.rules.get(finding, {})
    for span, p in passage.probabilities.items():
        long = span[1] - span[0] > 2 * posting_models.REACH
        rule = rules.get(span)
        if rule is None and (finding != opinion.finding or long or span not in passage.eligible):
            continue  # a model alone never finds no_contact, nor in a long or quoted sentence
        confidence = posting_models.judge(opinion, p, rule)
        if confidence is not None and (best is None or confidence > best):
            best = confidence
    return best is not None, best or 0.0


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    unsure_right: int = 0
    unsure: int = 0

    def __str__(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return (
            f"P {self.tp}/{self.tp + self.fp} ({p:.2f}) R {self.tp}/{self.tp + self.fn} ({r:.2f})"
        )


def tally(opinion: posting_models.Opinion, finding: str, passages: Sequence[Passage]) -> Tally:
    """Passage-level counts of the combination for `finding`."""
    t = Tally()
    for passage in passages:
        found, confidence = decide(opinion, finding, passage)
        expected = passage.labels[finding]
        t.tp += found and expected
        t.fp += found and not expected
        t.fn += expected and not found
        if found and confidence < CONFIDENT:
            t.unsure += 1
            t.unsure_right += expected
    return t


def model_alone(opinion: posting_models.Opinion, passages: Sequence[Passage], t: float) -> Tally:
    """Passage-level counts when the model alone decides, at threshold `t`."""
    counts = Tally()
    for passage in passages:
        found = max(passage.probabilities.values(), default=0.0) >= t
        expected = passage.labels[opinion.finding]
        counts.tp += found and expected
        counts.fp += found and not expected
        counts.fn += expected and not found
    return counts


def _f1(t: Tally) -> float:
    return 2 * t.tp / (2 * t.tp + t.fp + t.fn) if t.tp else 0.0


def choose(opinion: posting_models.Opinion, passages: Sequence[Passage]) -> posting_models.Opinion:
    """The thresholds the cross-validation picks for `opinion` (see the module's doc)."""
    rules = tally(
        dataclasses.replace(opinion, veto=0.0, agree=0.0, add=None), opinion.finding, passages
    )
    veto, gain = 0.0, 0
    for t in THRESHOLDS:
        vetoed = tally(dataclasses.replace(opinion, veto=t, add=None), opinion.finding, passages)
        if (rules.fp - vetoed.fp) - (rules.tp - vetoed.tp) > gain:
            veto, gain = t, (rules.fp - vetoed.fp) - (rules.tp - vetoed.tp)
    add = None
    for t in sorted(THRESHOLDS, reverse=True):
        alone = model_alone(opinion, passages, t)
        if alone.tp + alone.fp >= 5 and alone.tp >= ADD_PRECISION * (alone.tp + alone.fp):
            add = t
        else:
            break  # the lowest threshold of an unbroken run from the top
    return dataclasses.replace(opinion, veto=veto, agree=AGREE, add=add)


def build(
    raw: Sequence[dict[str, Any]],
    opinion: posting_models.Opinion,
    c: float,
    prune: Sequence[float] = (0.0,),
) -> dict[float, list[Passage]]:
    """The dev passages as the cross-validation sees them, for each `min_weight` in `prune`."""
    by_weight = out_of_fold(raw, opinion, c, prune)
    rules = rule_findings(raw)
    allowed = eligible(raw, opinion)
    return {
        min_weight: [
            Passage(
                p["id"],
                {n: bool(p[n]) for n in ("no_phone_calls", "no_contact", "only_shortlisted")},
                rules[p["id"]],
                allowed[p["id"]],
                probabilities[p["id"]],
            )
            for p in raw
        ]
        for min_weight, probabilities in by_weight.items()
    }


def pruned(data: dict[str, Any], min_weight: float) -> dict[str, Any]:
    """A model's JSON form without the weights `fit` drops below `min_weight`."""
    weights = data["weights"]
    kept = {f: row for f, row in weights.items() if max(abs(w) for w in row) >= min_weight}
    return {**data, "weights": kept}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--c", type=float, action="append", help="C values to try")
    parser.add_argument(
        "--prune",
        type=float,
        action="append",
        help="with the committed C: drop weights below this (repeatable) and compare",
    )
    args = parser.parse_args(argv)
    raw = dev_passages()
    print(f"{FOLDS}-fold cross-validation on {len(raw)} dev passages (English), seed {SEED}\n")
    for opinion in posting_models.OPINIONS:
        finding = opinion.finding
        print(
            f"## {finding} (committed: C={C[finding]}, weights below {MIN_WEIGHT[finding]}"
            f" dropped, veto={opinion.veto}, agree={opinion.agree}, add={opinion.add})\n"
        )
        if args.prune:
            for min_weight, passages in build(raw, opinion, C[finding], args.prune).items():
                print(f"### weights below {min_weight} dropped\n")
                _report(opinion, C[finding], passages)
            continue
        best: tuple[float, float, list[Passage]] | None = None
        for c in args.c or C_GRID:
            passages = build(raw, opinion, c, (MIN_WEIGHT[finding],))[MIN_WEIGHT[finding]]
            top = _curve(opinion, c, passages)
            if best is None or top > best[0]:
                best = (top, c, passages)
        assert best is not None
        _report(opinion, best[1], best[2], curve=False)
    return 0


def _curve(opinion: posting_models.Opinion, c: float, passages: Sequence[Passage]) -> float:
    """Print the model-alone curve; return its best F1."""
    curve = [(t, model_alone(opinion, passages, t)) for t in THRESHOLDS[1:]]
    top = max(_f1(tally_) for _, tally_ in curve)
    print(f"C={c}: model alone, best F1 {top:.2f}")
    for t, counts in curve:
        print(f"  p >= {t}: {counts}")
    return top


def _report(
    opinion: posting_models.Opinion, c: float, passages: Sequence[Passage], curve: bool = True
) -> None:
    """Print the thresholds chosen on `passages` and what the combination scores with them."""
    if curve:
        _curve(opinion, c, passages)
    chosen = choose(opinion, passages)
    print(f"\nchosen: C={c}, veto={chosen.veto}, agree={chosen.agree}, add={chosen.add}")
    rules = dataclasses.replace(opinion, veto=0.0, agree=0.0, add=None)
    finding = opinion.finding
    names = [finding, "no_contact"] if finding == "no_phone_calls" else [finding]
    for name in names:
        print(f"{name}: rules alone {tally(rules, name, passages)}")
        combined = tally(chosen, name, passages)
        print(
            f"{name}: rules + model {combined}, unsure"
            f" {combined.unsure_right}/{combined.unsure} right"
        )
    print()


if __name__ == "__main__":
    sys.exit(main())
