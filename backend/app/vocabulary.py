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
EVENT_CHANNELS: tuple[str, ...] = get_args(EventChannel)
CHANNELS: tuple[str, ...] = get_args(MessageChannel)
TEMPLATE_KINDS: tuple[str, ...] = get_args(TemplateKind)
STATES: tuple[str, ...] = get_args(PlanState)

# What the web UI calls each word (served by GET /api/v1/vocabulary, so the UI types none).
STATUS_LABELS = {
    "saved": "Saved",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}
EVENT_KIND_LABELS = {
    "applied": "Applied",
    "follow_up": "Followed up",
    "response": "They responded",
    "interview": "Interview",
    "rejection": "Rejection",
    "offer": "Offer",
    "withdrawn": "Withdrew",
    "note": "Note",
    "feedback_request": "Asked for feedback",
    "informational_interview_request": "Asked for an informational interview",
    "future_openings_request": "Asked about future openings",
}
EVENT_CHANNEL_LABELS = {
    "email": "Email",
    "phone": "Phone",
    "in_person": "In person",
    "other": "Other",
}
TEMPLATE_KIND_LABELS = {
    "follow_up": "Follow-up",
    "feedback_request": "Feedback request",
    "informational_interview": "Informational interview",
    "future_openings": "Future openings",
    "find_decision_maker": "Find the decision maker",
    "interview_thank_you": "Interview thank-you",
}
STATE_LABELS = {
    "not_applied": "Not applied yet",
    "waiting": "Waiting",
    "due": "Follow-up due",
    "too_late": "Too late to follow up",
    "done": "Followed up",
    "responded": "They answered",
    "blocked": "No contact allowed",
    "post_rejection": "After the rejection",
    "closed": "Closed",
}
# The post-rejection asks (followups.policy.ASKS pairs each with its template kind), by event kind.
ASK_LABELS = {
    "feedback_request": "Ask for feedback",
    "informational_interview_request": "Ask for an informational interview",
    "future_openings_request": "Ask about future openings",
}
# What an employer's answer can move an application to, by the timeline event that sets the
# status (applications.service.STATUS_OF_EVENT): offered in one click after a response.
ANSWER_MOVE_LABELS = {
    "interview": "Move to Interviewing",
    "rejection": "Mark as Rejected",
    "offer": "Mark as Offer",
}
