"""Reading a reply, and recording it on an application in one transaction."""

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from app import idempotency
from app.applications import postings
from app.applications import service as applications
from app.applications.models import Application, Event, EventPublic
from app.auth.models import User
from app.reading import replies as reader
from app.reading.postings import add_business_days
from app.replies.models import (
    ReplyAnalysisPublic,
    ReplyEvidence,
    ReplyNews,
    ReplyOutcome,
    ReplyRecord,
    ReplyRecorded,
)

# The timeline event each kind of reply becomes (docs/domain.md, "Reading the employer's
# reply"): an acknowledgment changes nothing (a note); interviews, rejections and offers set
# the status through their events; the rest are responses.
EVENT_OF_KIND = {
    "acknowledgment": "note",
    "rejection": "rejection",
    "interview_invitation": "interview",
    "assessment": "response",
    "offer": "offer",
    "request_info": "response",
    "position_closed": "response",
    "other": "response",
}
STATUS_OF_KIND = {
    "rejection": "rejected",
    "interview_invitation": "interviewing",
    "assessment": "interviewing",  # like an invitation: something to do, not to chase
    "offer": "offer",
}
# Kinds after which no answer is awaited: a stated window sets no expectation.
_FINAL = ("rejection", "offer", "position_closed")
_OVERRIDES = (
    "kind",
    "position_still_open",
    "applicant_count",
    "interviews_being_scheduled",
    "still_under_consideration",
    "response_within_days",
    "response_business_days",
    "future_openings_invited",
    "feedback_offered",
)


_NULLABLE = ("position_still_open", "applicant_count", "response_within_days", "feedback_offered")


def _expected(received_on: date, days: int | None, business: bool) -> date | None:
    if days is None:
        return None
    try:
        return add_business_days(received_on, days) if business else received_on + timedelta(days)
    except OverflowError:
        return None


def analyze(text: str, received_on: date) -> ReplyAnalysisPublic:
    """The analysis of a reply as the API shows it."""
    result = reader.analyze(text, received_on)
    evidence = [
        ReplyEvidence(
            finding=e.finding,  # type: ignore[arg-type]  # one of ReplyFinding
            sentence=e.sentence,
            start=e.start,
            end=e.end,
            confidence=e.confidence,
        )
        for e in result.evidence
    ]
    return ReplyAnalysisPublic(
        kind=result.kind,  # type: ignore[arg-type]  # one of ReplyKind
        news=ReplyNews(
            position_still_open=result.position_still_open,
            applicant_count=result.applicant_count,
            interviews_being_scheduled=result.interviews_being_scheduled,
            still_under_consideration=result.still_under_consideration,
        ),
        response_within_days=result.response_within_days,
        response_business_days=result.response_business_days,
        response_expected_on=result.response_expected_on,
        future_openings_invited=result.future_openings_invited,
        feedback_offered=result.feedback_offered,  # type: ignore[arg-type]
        evidence=evidence,
        unsure=sorted({e.finding for e in evidence if e.confidence < reader.CONFIDENT}),
        quoted_from=result.newest_end if result.newest_end < len(text) else None,
        event_kind=EVENT_OF_KIND[result.kind],  # type: ignore[arg-type]
        status=STATUS_OF_KIND.get(result.kind),  # type: ignore[arg-type]
    )


def outcome(analysis: ReplyAnalysisPublic, data: ReplyRecord, received_on: date) -> ReplyOutcome:
    """What recording the reply does: the analysis, with the fields the caller sent winning."""
    values: dict[str, Any] = {
        "kind": analysis.kind,
        **analysis.news.model_dump(),
        "response_within_days": analysis.response_within_days,
        "response_business_days": analysis.response_business_days,
        "future_openings_invited": analysis.future_openings_invited,
        "feedback_offered": analysis.feedback_offered,
    }
    for name in _OVERRIDES:
        sent = getattr(data, name)
        # null keeps the analysis where null means nothing (kind, yes/no); elsewhere "not said"
        if name in data.model_fields_set and (sent is not None or name in _NULLABLE):
            values[name] = sent
    kind = values["kind"]
    if kind == "position_closed" and "position_still_open" not in data.model_fields_set:
        values["position_still_open"] = False
    asks = []
    if kind == "rejection":
        if values["feedback_offered"] is not None:
            asks.append("feedback_request")
        if values["future_openings_invited"]:
            asks.append("future_openings_request")
    summary = data.summary
    if summary is None:
        said = next((e.sentence for e in analysis.evidence if e.finding == "kind"), None)
        summary = said[:2000] if said and kind == analysis.kind else None
    return ReplyOutcome(
        kind=kind,
        event_kind=EVENT_OF_KIND[kind],  # type: ignore[arg-type]
        occurred_on=received_on,
        summary=summary,
        news=ReplyNews(
            position_still_open=values["position_still_open"],
            applicant_count=values["applicant_count"],
            interviews_being_scheduled=bool(values["interviews_being_scheduled"]),
            still_under_consideration=bool(values["still_under_consideration"]),
        ),
        status=STATUS_OF_KIND.get(kind),  # type: ignore[arg-type]
        response_expected_on=None
        if kind in _FINAL
        else _expected(
            received_on, values["response_within_days"], bool(values["response_business_days"])
        ),
        answered_asks=asks,  # type: ignore[arg-type]
    )


def _record(session: Session, app: Application, text: str, result: ReplyOutcome) -> Event:
    """Add the event, the status and the expectation (flushed, not committed)."""
    news = result.news
    event = Event(
        application_id=app.id,  # type: ignore[arg-type]
        kind=result.event_kind,
        occurred_on=result.occurred_on,
        channel="email",
        summary=result.summary,
        position_still_open=news.position_still_open,
        applicant_count=news.applicant_count,
        interviews_being_scheduled=news.interviews_being_scheduled or None,
        still_under_consideration=news.still_under_consideration or None,
        reply_text=text,
        answered_asks=" ".join(result.answered_asks),
    )
    applications.add_event(session, app, event)
    app = applications.lock(session, app)  # the row add_event locked, as it is now
    changed = False
    if result.status == "interviewing" and app.status in ("saved", "applied"):
        app.status, changed = "interviewing", True  # an assessment: no status event sets it
    if result.response_expected_on is not None:
        app.response_expected_on = result.response_expected_on
        postings.note_explicit(app, {"response_expected_on"})  # the posting no longer decides
        changed = True
    if changed:
        applications.touch(app)
        session.add(app)
    return event


def record_once(
    session: Session,
    user: User,
    app: Application,
    data: ReplyRecord,
    today: date,
    key: str | None,
) -> tuple[idempotency.Stored, bool]:
    """Read a reply and record it (or, on a dry run, only say what it would record).

    Returns the response to send and whether it replays an earlier one with the same
    Idempotency-Key; the key is kept in the same transaction as the event.
    """
    path = f"/applications/{app.id}/replies"
    request_hash = idempotency.fingerprint(
        "POST", path, data.model_dump(mode="json", exclude_unset=True)
    )
    if key is not None and not data.dry_run:
        stored = idempotency.claim(session, user.id, key, request_hash)  # type: ignore[arg-type]
        if stored is not None:
            session.rollback()
            return stored, True
    received_on = data.received_on or today
    analysis = analyze(data.text, received_on)
    result = outcome(analysis, data, received_on)
    if data.dry_run:
        body = ReplyRecorded(dry_run=True, analysis=analysis, outcome=result, event=None)
        session.rollback()
        return idempotency.Stored(200, body.model_dump(mode="json"), {}), False
    event = _record(session, app, data.text, result)
    body = ReplyRecorded(
        dry_run=False, analysis=analysis, outcome=result, event=EventPublic.of(event)
    )
    response = idempotency.Stored(201, body.model_dump(mode="json"), {})
    if key is not None:
        idempotency.remember(session, user.id, key, request_hash, response)  # type: ignore[arg-type]
    session.commit()
    return response, False
