"""GET /vocabulary: the product's words and their labels, so the web UI retypes none."""

from collections.abc import Mapping

from fastapi import APIRouter
from pydantic import BaseModel

from app.applications.service import STATUS_OF_EVENT
from app.followups.policy import ASKS
from app.vocabulary import (
    ANSWER_MOVE_LABELS,
    ASK_LABELS,
    CHANNELS,
    EVENT_CHANNEL_LABELS,
    EVENT_CHANNELS,
    EVENT_KIND_LABELS,
    EVENT_KINDS,
    STATE_LABELS,
    STATES,
    STATUS_LABELS,
    STATUSES,
    TEMPLATE_KIND_LABELS,
    TEMPLATE_KINDS,
)

router = APIRouter(tags=["vocabulary"])


class Word(BaseModel):
    """One word: the value the API takes and returns, and what the UI shows for it."""

    value: str
    label: str


class Ask(BaseModel):
    """A post-rejection ask: the template that writes it and the event that records it."""

    template_kind: str
    event_kind: str
    label: str


class AnswerMove(BaseModel):
    """A status an employer's answer can set: the event that records it sets the status."""

    event_kind: str
    status: str
    label: str


class VocabularyPublic(BaseModel):
    """Each list in the order the product presents it."""

    statuses: list[Word]
    event_kinds: list[Word]
    event_channels: list[Word]
    channels: list[Word]  # the ways to follow up: a template's and a policy's channels
    template_kinds: list[Word]
    plan_states: list[Word]
    asks: list[Ask]  # in the order the plan offers them
    answer_moves: list[AnswerMove]  # offered after a response is recorded


def _words(values: tuple[str, ...], labels: Mapping[str, str]) -> list[Word]:
    return [Word(value=value, label=labels[value]) for value in values]


VOCABULARY = VocabularyPublic(
    statuses=_words(STATUSES, STATUS_LABELS),
    event_kinds=_words(EVENT_KINDS, EVENT_KIND_LABELS),
    event_channels=_words(EVENT_CHANNELS, EVENT_CHANNEL_LABELS),
    channels=_words(CHANNELS, EVENT_CHANNEL_LABELS),
    template_kinds=_words(TEMPLATE_KINDS, TEMPLATE_KIND_LABELS),
    plan_states=_words(STATES, STATE_LABELS),
    asks=[
        Ask(template_kind=template_kind, event_kind=event_kind, label=ASK_LABELS[event_kind])
        for event_kind, template_kind in ASKS.items()
    ],
    answer_moves=[
        AnswerMove(event_kind=kind, status=STATUS_OF_EVENT[kind], label=label)
        for kind, label in ANSWER_MOVE_LABELS.items()
    ],
)


@router.get("/vocabulary", response_model=VocabularyPublic, operation_id="getVocabulary")
def get_vocabulary() -> VocabularyPublic:
    """Statuses, event kinds, channels, template kinds, plan states, asks, answer moves: labelled.

    Public: the words are the same for everyone, and the sign-in screen may need them.
    """
    return VOCABULARY
