"""K-fold cross-validation on the dev replies: how the kind model and the rules combine.

`make eval-replies EVAL_ARGS=--cv` (add `--cv-c 3,10,30` to compare regularisations and
`--cv-prune 0,0.1,0.2` to compare dropping small weights). The dev split is cut into `FOLDS`
folds stratified by kind (seed `SEED`); for each fold a kind model is trained on the other
folds exactly as tests/reading/train_replies.py trains the committed one, and the fold's
replies are read with it. The held-out split is never read.

Printed: kind accuracy and macro F1 of each way to combine (rules alone, model alone, the
committed `reply_kind.choose`, and the model overruling a decisive rule above a probability),
the model alone on the replies where the rules found no cue (their default), and the full
report of the committed combination (news fields, confident findings).

Caveat, printed with the figures: the cue rules were written reading the dev replies, so the
rules' figures here are in-sample and flatter them; only the model's are out-of-sample. That
is why the rules' defaults (no decisive cue) are left to the model rather than to these
figures (see app/reading/reply_kind.py).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from app.reading import learned, reply_kind
from app.reading.replies import _Sentences, analyze, reading_text, rule_kind
from tests.reading.eval_replies import Report, evaluate, format_report
from tests.reading.scores import Score
from tests.reading.train_replies import KIND_C, KIND_MIN_WEIGHT, kind_spec
from tests.reading.training import Spec, fit

FOLDS = 5
SEED = 20261203

Strategy = Callable[[str, float, Mapping[str, float]], str]


def _argmax(probabilities: Mapping[str, float]) -> str:
    return max(probabilities, key=lambda k: (probabilities[k], k))


def _overrule(threshold: float) -> Strategy:
    def pick(kind: str, sure: float, probabilities: Mapping[str, float]) -> str:
        guess = _argmax(probabilities)
        chosen = reply_kind.choose(kind, sure, probabilities).kind
        return guess if probabilities[guess] >= threshold else chosen

    return pick


def _floor(threshold: float) -> Strategy:
    def pick(kind: str, sure: float, probabilities: Mapping[str, float]) -> str:
        chosen = reply_kind.choose(kind, sure, probabilities)
        if chosen.by_rules or probabilities[chosen.kind] >= threshold:
            return chosen.kind
        return kind  # the model is unsure: the rules' default stands

    return pick


STRATEGIES: dict[str, Strategy] = {
    "rules alone (in-sample)": lambda kind, sure, probabilities: kind,
    "model alone": lambda kind, sure, probabilities: _argmax(probabilities),
    "committed: a rule's cue, else model": lambda k, s, p: reply_kind.choose(k, s, p).kind,
    "acknowledgment cues left to the model too": lambda k, s, p: (
        reply_kind.choose(k, s, p, cue_acknowledgments=False).kind
    ),
    **{f"as committed, model overrules at p >= {t}": _overrule(t) for t in (0.5, 0.7, 0.9)},
    **{f"as committed, model decides a default only at p >= {t}": _floor(t) for t in (0.3, 0.4)},
}


def folds(rows: list[dict[str, Any]], k: int = FOLDS, seed: int = SEED) -> list[list[int]]:
    """Indices of `rows` in `k` folds, each kind dealt round-robin after a seeded shuffle."""
    by_kind: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_kind.setdefault(str(row["kind"]), []).append(index)
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    dealt = 0
    for kind in sorted(by_kind):
        members = by_kind[kind]
        rng.shuffle(members)
        for index in members:
            out[dealt % k].append(index)
            dealt += 1
    return [sorted(fold) for fold in out]


def _kind_scores(rows: list[dict[str, Any]], answers: list[str]) -> tuple[float, float]:
    scores: dict[str, Score] = {}
    right = 0
    for row, got in zip(rows, answers, strict=True):
        want = str(row["kind"])
        if want == got:
            right += 1
            scores.setdefault(want, Score()).tp += 1
        else:
            scores.setdefault(want, Score()).fn += 1
            scores.setdefault(got, Score()).fp += 1
    f1 = sum(s.f1 for s in scores.values()) / len(scores)
    return right / len(rows), f1


def run(
    replies: list[dict[str, Any]],
    grid: list[float] | None = None,
    prune: list[float] | None = None,
    new_from: str | None = None,
) -> str:
    """The cross-validation report, as Markdown."""
    rows = [r for r in replies if r["split"] == "dev"]
    lines = [
        f"## {FOLDS}-fold cross-validation on dev ({len(rows)} replies, seed {SEED})",
        "",
        "The rules were written reading these replies: their rows are in-sample.",
    ]
    for c in grid or [KIND_C]:
        for min_weight in prune or [KIND_MIN_WEIGHT]:
            lines += ["", f"### kind model C = {c}, weights below {min_weight} dropped", ""]
            lines += _one(rows, c, min_weight, new_from)
    for name in NEWS:
        lines += ["", f"### sentence model for {name} (tried, not kept), C = {KIND_C}", ""]
        lines += _news(rows, name)
    return "\n".join(lines)


NEWS = ("still_under_consideration", "future_openings_invited")
THRESHOLDS = (0.5, 0.7, 0.9)


def _sentences(reply: dict[str, Any], finding: str) -> tuple[list[str], list[bool]]:
    """The newest part's sentences (as read) and which hold the label's evidence for `finding`."""
    text = str(reply["text"])
    end, norm = reading_text(text)
    evidence = str(reply["evidence"].get(finding) or "")
    at = text.find(evidence) if evidence else -1
    texts, marks, start = [], [], 0
    for stop in [*_Sentences(text[:end], norm).ends, end]:
        if norm[start:stop].strip():
            texts.append(norm[start:stop])
            marks.append(at >= 0 and start < at + len(evidence) and stop > at)
        start = stop
    return texts, marks


def _news(rows: list[dict[str, Any]], name: str) -> list[str]:
    """A sentence-level model for one news field, out of fold: what it adds to the rules' reading
    (union) and what a veto below each threshold would keep of it."""
    rules = [bool(getattr(analyze(str(r["text"])), name)) for r in rows]
    truth = [bool(r[name]) for r in rows]
    best: list[float] = [0.0] * len(rows)
    for fold in folds(rows):
        held = set(fold)
        texts: list[str] = []
        labels: list[str] = []
        for index, row in enumerate(rows):
            if index not in held:
                sentences, marks = _sentences(row, name)
                texts += sentences
                labels += ["yes" if mark else "no" for mark in marks]
        model = learned.from_json(fit(Spec(name, texts, labels, c=KIND_C, balanced=True))[0])
        for index in fold:
            sentences, _ = _sentences(rows[index], name)
            best[index] = max((model.probability(t) for t in sentences), default=0.0)
    lines = [
        f"rules: {sum(r and t for r, t in zip(rules, truth, strict=True))} right of {sum(rules)}"
        f" reported, {sum(truth)} labelled (in-sample)",
        "",
        "| threshold | model right / reported | rules or model | rules the model keeps (veto) |",
        "| --- | --- | --- | --- |",
    ]
    for threshold in THRESHOLDS:
        model_says = [p >= threshold for p in best]
        union = [m or r for m, r in zip(model_says, rules, strict=True)]
        veto = [m and r for m, r in zip(model_says, rules, strict=True)]
        cells = [
            f"{sum(a and t for a, t in zip(says, truth, strict=True))}/{sum(says)}"
            for says in (model_says, union, veto)
        ]
        lines.append(f"| {threshold} | {' | '.join(cells)} |")
    return lines


def _one(
    rows: list[dict[str, Any]], c: float, min_weight: float, new_from: str | None = None
) -> list[str]:
    readings: dict[str, tuple[str, float, dict[str, float]]] = {}
    analyses = {}
    sizes: list[int] = []
    for fold in folds(rows):
        held = set(fold)
        train = [row for index, row in enumerate(rows) if index not in held]
        data = fit(kind_spec(train, c=c, min_weight=min_weight))[0]
        sizes.append(len(data["weights"]))
        model = learned.from_json(data)
        for index in fold:
            text = str(rows[index]["text"])
            end, norm = reading_text(text)
            kind, sure, _ = rule_kind(norm, _Sentences(text[:end], norm))
            readings[text] = (kind, sure, model.probabilities(norm))
            analyses[text] = partial(analyze, kind_model=model)(text)
    lines = [
        f"features per fold's model: {sum(sizes) // len(sizes)}",
        "",
        "| combination | kind accuracy | macro F1 |",
        "| --- | --- | --- |",
    ]
    # replies added since the rules were last written (ids from `new_from` on): out of sample
    # for the rules too, so the fairest way to compare the combinations
    new = [r for r in rows if new_from and str(r["id"]) >= new_from]
    if new:
        lines[-2:] = [
            f"| combination | kind accuracy | macro F1 | accuracy from {new_from} ({len(new)}) |",
            "| --- | --- | --- | --- |",
        ]
    for name, strategy in STRATEGIES.items():
        answers = [strategy(*readings[str(r["text"])]) for r in rows]
        accuracy, f1 = _kind_scores(rows, answers)
        cells = f"| {name} | {accuracy:.3f} | {f1:.3f} |"
        if new:
            fresh, _ = _kind_scores(new, [strategy(*readings[str(r["text"])]) for r in new])
            cells += f" {fresh:.3f} |"
        lines.append(cells)
    fallback = [r for r in rows if reply_kind.is_default(*readings[str(r["text"])][:2])]
    model_right = sum(_argmax(readings[str(r["text"])][2]) == r["kind"] for r in fallback)
    rules_right = sum(readings[str(r["text"])][0] == r["kind"] for r in fallback)
    lines += [
        "",
        f"where the rules found no cue (their default) ({len(fallback)} replies): model right"
        f" {model_right}, rules right {rules_right} (in-sample)",
        "",
    ]
    report: Report = evaluate(rows, "dev", lambda text: analyses[text])
    report.errors = []
    lines.append(format_report(report).replace("### dev", "### the committed combination"))
    return lines
