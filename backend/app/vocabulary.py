"""The product's words, defined once: the API models use the Literal types, the pure engine
and the template library the tuples (docs/domain.md, "The words, as the product uses them")."""

from typing import Literal, get_args

Status = Literal["saved", "applied", "interviewing", "offer", "rejected", "withdrawn"]
EventKind = Literal[
    "applied",
    "follow_up",
    "response",
    "interview",
    "rejection",
    "offer",
    "withdrawn",
    "note",
    "feedback_request",
    "informational_interview_request",
    "future_openings_request",
]
EventChannel = Literal["email", "phone", "in_person", "other"]
MessageChannel = Literal["email", "phone"]  # the ways to follow up, and template channels
TemplateKind = Literal[
    "follow_up",
    "feedback_request",
    "informational_interview",
    "future_openings",
    "find_decision_maker",
    "interview_thank_you",
]
PlanState = Literal[
    "not_applied",
    "waiting",
    "due",
    "too_late",
    "done",
    "responded",
    "blocked",
    "post_rejection",
    "closed",
]

STATUSES: tuple[str, ...] = get_args(Status)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
CHANNELS: tuple[str, ...] = get_args(MessageChannel)
TEMPLATE_KINDS: tuple[str, ...] = get_args(TemplateKind)
STATES: tuple[str, ...] = get_args(PlanState)
