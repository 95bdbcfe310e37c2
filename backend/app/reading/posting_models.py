"""A second opinion on the posting reader's rules: sentence models learned from the dev split.

The rules of `app.reading.postings` read the dev split almost perfectly and the held-out one
much less well: they were written against dev. Each model here (`app/reading/models/
posting_<finding>.json`, trained by `make train-readers` from the dev passages' evidence
sentences, tests/reading/train_postings.py) scores one sentence: how likely it is to carry
the finding. The reader combines the two opinions per sentence:

- the rule found it and the model agrees (probability >= `agree`): confident, as before;
- the rule found it and the model doubts it (`veto` <= probability < `agree`): still found,
  but unsure (`UNSURE`), so the user is asked;
- the rule found it and the model all but rules it out (< `veto`): dropped;
- the rule did not find it and the model is sure (>= `add`): found, unsure (the rule and
  the model disagree, so the user is asked), unless the rules' reading of the sentence says
  it is not the employer's own request (quoted, aimed at agencies, advice about employers).

The thresholds are chosen by 5-fold cross-validation on the dev split only
(`make eval-postings EVAL_ARGS=--cv`, tests/reading/cv_postings.py): on dev no veto gained
(so `veto` is 0.0 and no rule finding is dropped), and only the no-phone model was ever
precise enough alone to add findings. Out of fold on the 741 English dev passages (session 9), the
model alone reached its best F1 at C=32 for only shortlisted (0.80; C=2 and 8: 0.79) and at
C=2 for no phone calls (0.632 at p >= 0.7; C=32: 0.629, C=8: 0.60), which added at 0.95
(6/6 right alone; at 0.9, 8/9). Session 11, on the 811 English dev passages after the eighth corpus
pass: the no-phone model alone at p >= 0.95 is right on 13 of 14 passages (C=2; 14/16 at
C=8 and at C=32), under the 0.95 precision an addition needs, and the rules find all 39 dev
positives, so it no longer adds (`add` None, as the cross-validation chose); best F1 alone
0.67 / 0.68 / 0.69 at C=2 / 8 / 32, and 0.80 / 0.82 / 0.81 for only shortlisted: too close
to change C (with no veto and no additions, C moves only which findings are unsure).
Only sentences that
name a way of being contacted are scored (each `Opinion.gate`), each at most `REACH` characters
around the rule's phrase, so the cost stays linear in the text.

The models keep only their weights of at least tests/reading/train_postings.py's
`MIN_WEIGHT` (0.2 for no phone calls, 0.02 for only shortlisted; the no-phone file is 26 KB
at C=2): the largest values at which the cross-validation (`python -m
tests.reading.cv_postings --prune W ...`) chose the same thresholds and the combination
found the same as with every weight (re-checked for no phone calls at C=2: same thresholds,
same dev P/R, 9 unsure instead of 10), and the dev figures did not move. A sentence is
scored by word (`learned.Vocabulary`: each word's weighed features cached), to the same
probability as from its whole vector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.reading import learned

UNSURE = 0.6  # the confidence of a finding the rule and the model disagree on (< CONFIDENT)
REACH = 400  # characters each side of a phrase scored in a sentence longer than 2 * REACH


@dataclass(frozen=True, slots=True)
class Opinion:
    """How one finding's model is used: its file and its cross-validated thresholds."""

    finding: str
    model: str  # app/reading/models/<model>.json
    veto: float  # below this, a rule's finding is dropped
    agree: float  # at or above this, a rule's finding stays confident
    add: float | None  # at or above this, the model finds what no rule did (None: never)
    gate: re.Pattern[str]  # a sentence must match this (lower-cased) to be scored


OPINIONS = (
    Opinion(
        "only_shortlisted",
        "posting_only_shortlisted",
        veto=0.0,
        agree=0.5,
        add=None,
        gate=re.compile(
            r"contact|touch|hear|respon|repl|notif|short[- ]?list|select|successful|invit"
            r"|call|e-?mail|get back|reach|interview|consider|assume|write"
        ),
    ),
    Opinion(
        "no_phone_calls",
        "posting_no_phone_calls",
        veto=0.0,
        agree=0.5,
        add=None,
        # whole words: "ring" is not in "hiring", "during", "offering"
        gate=re.compile(
            r"\b(?:call|phon|telephon|ring(?:s|ing)?\b|contact|enquir|inquir|reach|touch)"
        ),
    ),
)
BY_FINDING = {opinion.finding: opinion for opinion in OPINIONS}


def scored_text(text: str, bounds: tuple[int, int], pos: int | None = None) -> str:
    """The part of sentence `bounds` a model scores: all of it, or `REACH` around `pos`."""
    start, end = bounds
    if end - start > 2 * REACH:
        centre = start if pos is None else pos
        start, end = max(start, centre - REACH), min(end, centre + REACH)
    return text[start:end].strip()


def probability(opinion: Opinion, sentence: str, model: learned.LinearModel | None = None) -> float:
    """How likely `sentence` carries `opinion.finding` (0.0 when it names no contact).

    `model` defaults to the committed one (cross-validation passes a fold's model).
    """
    if not opinion.gate.search(sentence.lower()):
        return 0.0
    if model is not None:
        return model.scores(learned.features(sentence))[model.labels[-1]]
    return _vocabulary(opinion.model).probability(sentence)


@cache
def _vocabulary(name: str) -> learned.Vocabulary:
    """The committed model `name`, by word (scores as the model does, faster)."""
    return learned.Vocabulary(learned.load(name))


def judge(opinion: Opinion, p: float, rule_confidence: float | None) -> float | None:
    """The confidence of the finding in one sentence, or None when it is not found.

    `p` is the model's probability for the sentence, `rule_confidence` the rule's (None when
    no rule found it there).
    """
    if rule_confidence is not None:
        if p < opinion.veto:
            return None
        return rule_confidence if p >= opinion.agree else min(rule_confidence, UNSURE)
    if opinion.add is not None and p >= opinion.add and p > 0.0:  # 0.0: not scored at all
        return UNSURE
    return None
