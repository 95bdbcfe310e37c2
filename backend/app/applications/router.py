"""Applications, their contacts and their timelines."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status

from app.applications import moves, service
from app.applications.deps import ApplicationDep, ContactDep, EventDep
from app.applications.models import (
    ApplicationCreate,
    ApplicationPage,
    ApplicationPublic,
    ApplicationUpdate,
    BulkRequest,
    BulkResult,
    ContactCreate,
    ContactPublic,
    ContactUpdate,
    EventCreate,
    EventPublic,
    PostingAnswer,
    PostingFinding,
    RestoredApplications,
    RestoreRequest,
    SortKey,
    Status,
    StatusMove,
)
from app.auth.deps import CallerDep, CredentialsDep, CurrentUser
from app.auth.service import today_for
from app.db import RowId, SessionDep, in_thread
from app.idempotency import IdempotencyKeyHeader
from app.inputs import TRUE_OR_FALSE, WHOLE_NUMBER
from app.web.query import QueryParameters
from app.web.responses import json_response

router = APIRouter(tags=["applications"])
IfMatch = Annotated[
    str | None,
    Header(max_length=200, description="The ETag you read; a stale one gets 412"),
]


def _list_parameters(
    status: Status | None = None,
    archived: Annotated[bool | None, TRUE_OR_FALSE] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^[^\x00]*$",
            description="Text in the company, position, notes, location or a contact's name",
        ),
    ] = None,
    sort: SortKey = "-updated_at",
    limit: Annotated[int, Query(ge=1, le=100), WHOLE_NUMBER] = 50,
    cursor: Annotated[str | None, Query(max_length=500, pattern=r"^[A-Za-z0-9_-]*$")] = None,
) -> None:
    """The applications list's query parameters, as FastAPI would take them (web.query)."""


LIST_PARAMETERS = QueryParameters(_list_parameters)


@router.get(
    "/applications",
    response_model=ApplicationPage,
    operation_id="listApplications",
    openapi_extra=LIST_PARAMETERS.openapi,
)
async def list_applications(request: Request, caller: CredentialsDep) -> Response:
    """The caller's applications, filtered and sorted, one keyset page at a time.

    total counts every application the filters and search match (all pages). Sorting by
    next_due_on (the plan's next follow-up) puts those with nothing scheduled last.
    """
    query = LIST_PARAMETERS(request)  # in one step, as the due list's
    rows, next_cursor, total = await caller.read(
        # the caller's check too: one trip, no ORM session
        lambda conn, me: service.list_page(conn, me["id"], **query),
    )
    # The rows are ApplicationSummary's columns as read: serialised once, not validated again.
    return json_response({"items": rows, "next_cursor": next_cursor, "total": total})


@router.post(
    "/applications",
    status_code=status.HTTP_201_CREATED,
    response_model=ApplicationPublic,
    operation_id="createApplication",
)
async def create_application(
    data: ApplicationCreate,
    caller: CredentialsDep,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Response:
    """Add an application; with an applied date its applied event is recorded too."""
    stored, replayed = await caller.write(  # the caller's check too: one trip, one transaction
        lambda session, me: service.create_once(session, me["id"], data, idempotency_key)
    )
    headers = {**stored.headers, **({"Idempotent-Replayed": "true"} if replayed else {})}
    return json_response(stored.body, status_code=stored.status_code, headers=headers)


@router.post("/applications/bulk", response_model=BulkResult, operation_id="bulkApplications")
def bulk_applications(data: BulkRequest, user: CurrentUser, session: SessionDep) -> BulkResult:
    """Change the status of, archive, unarchive or delete up to 200 (MAX_BULK_IDS) of your
    applications at once: all of them, or none (404 naming ids that are not yours).

    A status change records the event each move implies, as moveApplicationStatus does (409,
    and nothing changed, when one's timeline keeps another status). A delete hides them from
    every list at once; restoreApplications brings them back within 30 days
    (PURGE_AFTER_DAYS), after which `touchbase purge-deleted` removes them for good.
    """
    ids, restore_until = moves.bulk(session, user, data, today_for(user))
    return BulkResult(action=data.action, ids=ids, restore_until=restore_until)


@router.post(
    "/applications/restore",
    response_model=RestoredApplications,
    operation_id="restoreApplications",
)
def restore_applications(
    data: RestoreRequest, user: CurrentUser, session: SessionDep
) -> RestoredApplications:
    """Undo a bulk delete: bring back up to 200 of your deleted applications, all or none
    (404 naming any that are not yours, not deleted, or purged)."""
    return RestoredApplications(ids=moves.restore(session, user, data.ids))


@router.get(
    "/applications/{application_id}",
    response_model=ApplicationPublic,
    operation_id="getApplication",
)
async def get_application(
    application_id: RowId, caller: CallerDep, session: SessionDep
) -> Response:
    """One application; the ETag header names its version for If-Match."""
    tag, public = await in_thread(  # the caller's check too: one trip
        session, lambda: service.read_one(session, caller.owner().id, application_id)
    )
    # ApplicationPublic's fields as stored: serialised once, not validated again.
    response = json_response(public)
    response.headers["ETag"] = tag
    return response


@router.patch(
    "/applications/{application_id}",
    response_model=ApplicationPublic,
    operation_id="updateApplication",
)
def update_application(
    data: ApplicationUpdate,
    app: ApplicationDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ApplicationPublic:
    """Change the fields sent; with If-Match, only if nobody changed it since."""
    app = service.update(session, app, data, if_match)
    response.headers["ETag"] = service.etag(app)
    return service.public(app)


@router.post(
    "/applications/{application_id}/status",
    response_model=ApplicationPublic,
    operation_id="moveApplicationStatus",
)
def move_application_status(
    data: StatusMove,
    app: ApplicationDep,
    user: CurrentUser,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ApplicationPublic:
    """Change the status as the board does: by recording the event the change implies.

    interviewing, offer, rejected and withdrawn record an interview, offer, rejection or
    withdrawn event on `on` (default: your today); applied records the applied event when
    there is none. The status and the plan follow the timeline in the same transaction.
    409 when the timeline keeps another status (a later event, or moving back from one an
    event set: delete that event instead); with If-Match, 412 when it changed since.
    """
    app = moves.move_status(session, app, data.status, data.on or today_for(user), if_match)
    response.headers["ETag"] = service.etag(app)
    return service.public(app)


@router.post(
    "/applications/{application_id}/posting-questions/{finding}",
    response_model=ApplicationPublic,
    operation_id="answerPostingQuestion",
)
def answer_posting_question(
    finding: PostingFinding,
    data: PostingAnswer,
    app: ApplicationDep,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ApplicationPublic:
    """Apply or dismiss a posting finding; your answer is your own choice, so it sticks.

    Unsure findings (posting_questions) apply only once you apply them here; any finding
    can be answered, so a sure one can be dismissed too. 409 when applying a finding the
    posting text does not state.
    """
    app = service.answer_question(session, app, finding, data, if_match)
    response.headers["ETag"] = service.etag(app)
    return service.public(app)


@router.delete(
    "/applications/{application_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="deleteApplication",
)
def delete_application(app: ApplicationDep, session: SessionDep, if_match: IfMatch = None) -> None:
    """Delete an application with its contacts and timeline."""
    service.delete(session, app, if_match)


@router.get(
    "/applications/{application_id}/contacts",
    response_model=list[ContactPublic],
    operation_id="listContacts",
)
async def list_contacts(app: ApplicationDep, session: SessionDep) -> list[ContactPublic]:
    """The people at the employer for this application."""
    found = await in_thread(session, lambda: service.list_contacts(session, app))
    return [ContactPublic.model_validate(c) for c in found]


@router.post(
    "/applications/{application_id}/contacts",
    status_code=status.HTTP_201_CREATED,
    response_model=ContactPublic,
    operation_id="createContact",
)
def create_contact(data: ContactCreate, app: ApplicationDep, session: SessionDep) -> ContactPublic:
    """Add a contact: hiring manager, recruiter, referral or other."""
    return ContactPublic.model_validate(service.create_contact(session, app, data))


@router.patch(
    "/applications/{application_id}/contacts/{contact_id}",
    response_model=ContactPublic,
    operation_id="updateContact",
)
def update_contact(
    data: ContactUpdate, app: ApplicationDep, contact: ContactDep, session: SessionDep
) -> ContactPublic:
    """Change a contact's fields."""
    return ContactPublic.model_validate(service.update_contact(session, app, contact, data))


@router.delete(
    "/applications/{application_id}/contacts/{contact_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="deleteContact",
)
def delete_contact(app: ApplicationDep, contact: ContactDep, session: SessionDep) -> None:
    """Remove a contact."""
    service.delete_contact(session, app, contact)


@router.get(
    "/applications/{application_id}/events",
    response_model=list[EventPublic],
    operation_id="listEvents",
)
async def list_events(app: ApplicationDep, session: SessionDep) -> list[EventPublic]:
    """The application's timeline, oldest first."""
    found = await in_thread(session, lambda: service.list_events(session, app))
    return [EventPublic.of(e) for e in found]


@router.post(
    "/applications/{application_id}/events",
    status_code=status.HTTP_201_CREATED,
    response_model=EventPublic,
    operation_id="createEvent",
)
def create_event(
    data: EventCreate, app: ApplicationDep, user: CurrentUser, session: SessionDep
) -> EventPublic:
    """Record an event; interviews, rejections, offers and withdrawals set the status."""
    return EventPublic.of(service.create_event(session, app, data, today_for(user)))


@router.delete(
    "/applications/{application_id}/events/{event_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="deleteEvent",
)
def delete_event(event: EventDep, app: ApplicationDep, session: SessionDep) -> None:
    """Remove an event from the timeline; the status follows what remains."""
    service.delete_event(session, app, event)
