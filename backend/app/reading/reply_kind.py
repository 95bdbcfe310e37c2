"""The reply's kind from two readers: the cue rules and a model learned from the dev replies.

The rules (`app.reading.replies`, cue table `app.reading.reply_cues`) name a kind when a
decisive cue fires ("we have decided to move forward with other candidates"); when none
does, their answer is a default: `acknowledgment` when the text thanks you for applying or
says something about your application, `other` when it says nothing they know. The kind
model (`models/reply_kind.json`, a softmax over `learned.features` of the newest part,
trained by tests/reading/train_replies.py on the dev split only) reads every reply.

How they combine (chosen by cross-validation on dev, `make eval-replies EVAL_ARGS=--cv`):

- a kind the rules found a cue for stands (an acknowledgment too: "we have received your
  application"): the model does not overrule it, it only lowers the confidence when it
  disagrees, so the user is asked;
- a default of the rules (`other`, or an acknowledgment on thanks alone) is no finding, so
  the model decides between all kinds there (even unsure: keeping the default below a
  probability of 0.3 won two of the 241 dev replies but lost three of the 42 that the rules
  had never seen, cross-validated).

Confidence: the model's probability for the kind, raised when the rules found the same kind
and capped below `CONFIDENT` when the two disagree. "The same kind" means the model's best
kind, at even odds or better (`AGREE_P`): a cue kind the model ranks first at 0.4 is asked,
not asserted. On the held-out replies this kept the kind asserted (>= CONFIDENT) on 94 of
the 134 it had been asserted on, and the asserted ones went from 125/134 right to 92/94; the
kinds themselves are unchanged (README, "Reading employers' replies").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.reading import learned

MODEL = "reply_kind"
DEFAULT_SURE = 0.5  # an acknowledgment this unsure is the rules' default ("thanks for applying")
AGREE_FLOOR = 0.85  # both readers name the kind: at least this sure
DISAGREE_CAP = 0.7  # they name different kinds: ask (below CONFIDENT)
AGREE_P = 0.5  # the model agrees only when it gives the rules' kind at least even odds


@dataclass(frozen=True, slots=True)
class KindChoice:
    kind: str
    confidence: float
    by_rules: bool  # the rules' kind (their evidence applies), not only the model's


def model() -> learned.LinearModel:
    """The committed kind model."""
    return learned.load(MODEL)


def is_default(rule_kind: str, rule_sure: float, cue_acknowledgments: bool = True) -> bool:
    """The rules answered without a cue of their own: `other`, or a bare acknowledgment.

    With `cue_acknowledgments` off, an acknowledgment the rules found a cue for ("we have
    received your application") counts as a default too (compared in the cross-validation).
    """
    if rule_kind == "other":
        return True
    return rule_kind == "acknowledgment" and (rule_sure <= DEFAULT_SURE or not cue_acknowledgments)


def choose(
    rule_kind: str,
    rule_sure: float,
    probabilities: Mapping[str, float],
    cue_acknowledgments: bool = True,
) -> KindChoice:
    """The kind, from the rules' answer and sureness and the model's probabilities."""
    guess = max(probabilities, key=lambda k: (probabilities[k], k))
    if not is_default(rule_kind, rule_sure, cue_acknowledgments):
        agree = guess == rule_kind and probabilities[guess] >= AGREE_P
        sure = max(rule_sure, AGREE_FLOOR) if agree else min(rule_sure, DISAGREE_CAP)
        return KindChoice(rule_kind, sure, True)
    p = probabilities[guess]
    if guess == rule_kind:
        return KindChoice(guess, max(p, min(rule_sure, AGREE_FLOOR)), True)
    return KindChoice(guess, min(p, DISAGREE_CAP), False)
