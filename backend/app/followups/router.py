"""Policies, plans, recorded follow-ups, the due list and posting analysis."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy import Connection

from app.applications.deps import ApplicationDep
from app.applications.models import EventPublic
from app.applications.postings import CONFIDENT
from app.auth.deps import CredentialsDep, CurrentUser
from app.auth.service import today_for, today_in
from app.db import READ_ONLY, SessionDep, in_thread
from app.followups import due, plans, service
from app.followups.deps import PolicyDep
from app.followups.models import (
    DuePage,
    DueState,
    EvidencePublic,
    FollowUpCreate,
    PlanPublic,
    PolicyCreate,
    PolicyPublic,
    PolicyUpdate,
    PostingAnalysisPublic,
    PostingAnalyzeRequest,
    SimulateRequest,
)
from app.inputs import WHOLE_NUMBER, Day
from app.reading.postings import analyze
from app.templates import service as templates
from app.web.query import QueryParameters
from app.web.responses import json_response

router = APIRouter()
OnDay = Annotated[Day | None, Query(description="The day to plan for; default: your today")]


# --- policies --------------------------------------------------------------------------------


@router.get(
    "/policies", response_model=list[PolicyPublic], tags=["policies"], operation_id="listPolicies"
)
def list_policies(user: CurrentUser, session: SessionDep) -> list[PolicyPublic]:
    """Your follow-up policies, the default first."""
    return [PolicyPublic.of(p) for p in service.list_policies(session, user)]


@router.post(
    "/policies",
    status_code=status.HTTP_201_CREATED,
    response_model=PolicyPublic,
    tags=["policies"],
    operation_id="createPolicy",
)
def create_policy(
    data: PolicyCreate, user: CurrentUser, session: SessionDep, response: Response
) -> PolicyPublic:
    """Add a policy (at most 20); unset settings take the usual defaults (wait 7 days...).

    With is_default true it becomes your default, and the applications that name no policy
    follow it from now on.
    """
    row = service.create_policy(session, user, data)
    response.headers["Location"] = f"/api/v1/policies/{row.id}"
    return PolicyPublic.of(row)


@router.post(
    "/policies/simulate",
    response_model=PlanPublic,
    tags=["policies"],
    operation_id="simulatePolicy",
    dependencies=[READ_ONLY],
)
def simulate_policy(data: SimulateRequest, user: CurrentUser, session: SessionDep) -> PlanPublic:
    """Preview a plan: a saved or inline policy, an application's facts, its events, a day.

    Nothing is stored. Without policy_id or policy, your default policy is used.
    """
    return service.simulate(session, user, data)


@router.get(
    "/policies/{policy_id}",
    response_model=PolicyPublic,
    tags=["policies"],
    operation_id="getPolicy",
)
def get_policy(row: PolicyDep) -> PolicyPublic:
    """One of your policies."""
    return PolicyPublic.of(row)


@router.patch(
    "/policies/{policy_id}",
    response_model=PolicyPublic,
    tags=["policies"],
    operation_id="updatePolicy",
)
def update_policy(data: PolicyUpdate, row: PolicyDep, session: SessionDep) -> PolicyPublic:
    """Change a policy; the dates of every application it governs follow at once.

    Making a policy the default takes the role from the old one; unsetting is_default on the
    default is a 409 (there is always one default).
    """
    return PolicyPublic.of(service.update_policy(session, row, data))


@router.delete(
    "/policies/{policy_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["policies"],
    operation_id="deletePolicy",
)
def delete_policy(row: PolicyDep, session: SessionDep) -> None:
    """Delete a policy; its applications go back to the default. The default itself is a 409."""
    service.delete_policy(session, row)


# --- plans and follow-ups --------------------------------------------------------------------


@router.get(
    "/applications/{application_id}/plan",
    response_model=PlanPublic,
    tags=["follow-ups"],
    operation_id="getPlan",
)
async def get_plan(
    app: ApplicationDep, user: CurrentUser, session: SessionDep, on: OnDay = None
) -> PlanPublic:
    """Should you follow up, when, how and why: the application's plan on a day."""
    return await in_thread(session, lambda: plans.plan_of(session, app, on or today_for(user)))


@router.post(
    "/applications/{application_id}/follow-ups",
    status_code=status.HTTP_201_CREATED,
    response_model=EventPublic,
    tags=["follow-ups"],
    operation_id="recordFollowUp",
)
def record_follow_up(
    data: FollowUpCreate, app: ApplicationDep, user: CurrentUser, session: SessionDep
) -> EventPublic:
    """Record a follow-up you sent, if the policy allows it.

    Refusals are problem+json with their own type and an `overridable` member: too-early,
    too-late, plan-closed, contact-forbidden and follow-up-limit-reached (409) are lifted by a
    non-empty override_reason, which the event keeps; channel-not-allowed (422) and
    not-applied (409) are not.
    """
    templates.check_template_choice(session, user, data.template_id)
    return EventPublic.of(service.record_follow_up(session, app, data, today_for(user)))


def _due_parameters(
    on: OnDay = None,
    until: Annotated[
        Day | None,
        Query(description="Everything falling due by this day whose window is open on `on`"),
    ] = None,
    state: Annotated[
        DueState | None,
        Query(description="Only plans in this state (waiting: due after `on`, up to `until`)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100), WHOLE_NUMBER] = 50,
    cursor: Annotated[str | None, Query(max_length=500, pattern=r"^[A-Za-z0-9_-]*$")] = None,
) -> None:
    """The due list's query parameters, as FastAPI would take them (web.query)."""


DUE_PARAMETERS = QueryParameters(_due_parameters)


@router.get(
    "/follow-ups",
    response_model=DuePage,
    tags=["follow-ups"],
    operation_id="listDueFollowUps",
    openapi_extra=DUE_PARAMETERS.openapi,
)
async def list_due_follow_ups(request: Request, caller: CredentialsDep) -> Response:
    """Your applications with their plans, soonest due first, one keyset page at a time.

    By default what is due on `on` (today): due date on or before it, window still open.
    With `until`: everything falling due by that day whose window has not closed before
    `on`. With `state`, only plans in that state (a page may then hold fewer items).
    """

    query = DUE_PARAMETERS(request)  # in one step: FastAPI's took 80 µs of a 1.1 ms page

    def read(conn: Connection, me: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        return due.page(
            conn,
            me["id"],
            on=query["on"] or today_in(me["timezone"]),
            until=query["until"],
            state=query["state"],
            limit=query["limit"],
            cursor=query["cursor"],
        )

    # The caller's check too, on one connection without an ORM session: one trip.
    rows, next_cursor = await caller.read(read)
    # Built as JSON by the service: validating 50 plans again would double the page's cost.
    return json_response({"items": rows, "next_cursor": next_cursor})


# --- postings --------------------------------------------------------------------------------


@router.post(
    "/postings/analyze",
    response_model=PostingAnalysisPublic,
    tags=["postings"],
    operation_id="analyzePosting",
    dependencies=[READ_ONLY],
)
def analyze_posting(data: PostingAnalyzeRequest, user: CurrentUser) -> PostingAnalysisPublic:
    """What a posting says about contact: no calls, no contact, response time; with evidence.

    Nothing is stored. A response time counts from reference_date (usually when you applied),
    or from the closing date where the posting says so (window_counts_from). Each evidence
    has a confidence: under `confident`, an application asks you before applying it. A text
    that is not English says so (language, language_message) instead of finding nothing.
    """
    found = analyze(data.text, data.reference_date)
    return PostingAnalysisPublic(
        no_phone_calls=found.no_phone_calls,
        no_contact=found.no_contact,
        only_shortlisted=found.only_shortlisted,
        response_within_days=found.response_within_days,
        response_business_days=found.response_business_days,
        response_expected_on=found.response_expected_on,
        closes_on=found.closes_on,
        window_counts_from=found.window_counts_from,  # type: ignore[arg-type]
        language=found.language,
        language_message=found.language_message,
        confident=CONFIDENT,
        evidence=[EvidencePublic.model_validate(e, from_attributes=True) for e in found.evidence],
    )
