"""Today: the inbox in one request, its counts for the navigation, snoozes and bulk archiving."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from app.applications.deps import ApplicationDep
from app.auth.deps import CallerDep, CurrentUser
from app.auth.service import today_for
from app.db import SessionDep, in_thread
from app.followups import today
from app.followups.models import (
    TODAY_PAGE_DEFAULT,
    TODAY_PAGE_MAX,
    ArchiveIds,
    ArchiveResult,
    SnoozeCreate,
    SnoozePublic,
    TodayCounts,
    TodayGroupKey,
    TodayPage,
    UnarchiveResult,
)
from app.inputs import WHOLE_NUMBER, Day
from app.web.responses import json_response

router = APIRouter(tags=["follow-ups"])
OnDay = Annotated[Day | None, Query(description="The day to plan for; default: your today")]


@router.get("/follow-ups/today", response_model=TodayPage, operation_id="getToday")
async def get_today(
    caller: CallerDep,
    session: SessionDep,
    on: OnDay = None,
    limit: Annotated[
        int, Query(ge=1, le=TODAY_PAGE_MAX, description="Items per group"), WHOLE_NUMBER
    ] = TODAY_PAGE_DEFAULT,
    group: Annotated[TodayGroupKey | None, Query(description="Only this group")] = None,
    cursor: Annotated[
        str | None,
        Query(max_length=500, pattern=r"^[A-Za-z0-9_-]*$", description="A group's next_cursor"),
    ] = None,
) -> Response:
    """Today in one answer: every group's count and first page, with each item's plan.

    Groups: due_now, closing_soon (the window closes within closing_soon_days), waiting (due
    later; counts.next_due_on is the soonest), past_window and imported_past_window (imported
    applications past their window, apart so an import does not flood Today). Snoozed
    applications are in none until their snooze ends. With a group's next_cursor, the next
    page of that group.
    """

    def read() -> dict[str, Any]:  # the caller's check too: one trip
        user = caller.user()
        day = on or today_for(user)
        return today.page(session, user, on=day, limit=limit, group=group, cursor=cursor)

    body = await in_thread(session, read)
    # Built as JSON by the service: the stored plans go into the response as they are.
    return json_response(body)


@router.get("/follow-ups/today/counts", response_model=TodayCounts, operation_id="getTodayCounts")
async def get_today_counts(caller: CallerDep, session: SessionDep, on: OnDay = None) -> TodayCounts:
    """How many applications each Today group holds, and when the next one falls due."""

    def read() -> dict[str, Any]:  # the caller's check too: one trip
        user = caller.user()
        return today.counts(session, user, on or today_for(user))

    return TodayCounts.model_validate(await in_thread(session, read))


@router.post(
    "/follow-ups/today/archive-past-window",
    response_model=ArchiveResult,
    operation_id="archivePastWindow",
)
def archive_past_window(user: CurrentUser, session: SessionDep) -> ArchiveResult:
    """Archive your applications past their follow-up window (imported ones too; not snoozed
    ones), up to 500.

    Idempotent: a second call finds nothing new to archive. `remaining` counts the ones a
    further call would archive; pass application_ids to unarchive to undo.
    """
    ids, remaining = today.archive_past_window(session, user, today_for(user))
    return ArchiveResult(application_ids=ids, remaining=remaining)


@router.post(
    "/follow-ups/today/unarchive", response_model=UnarchiveResult, operation_id="unarchiveMany"
)
def unarchive(data: ArchiveIds, user: CurrentUser, session: SessionDep) -> UnarchiveResult:
    """Take applications out of the archive (undo): ids that are not yours or not archived are
    left alone, and application_ids names the ones changed."""
    ids = today.unarchive(session, user, data.application_ids)
    return UnarchiveResult(application_ids=ids)


@router.put(
    "/applications/{application_id}/snooze",
    response_model=SnoozePublic,
    operation_id="snoozeApplication",
)
def snooze(
    data: SnoozeCreate, app: ApplicationDep, user: CurrentUser, session: SessionDep
) -> SnoozePublic:
    """Leave the application off Today until a day (after your today, within 365 days).

    Only Today's listing changes: the plan, the due list and the calendar keep their dates.
    """
    row = today.snooze(session, app, data.until, today_for(user))
    return SnoozePublic(application_id=row.application_id, until=row.until)


@router.delete(
    "/applications/{application_id}/snooze",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="unsnoozeApplication",
)
def unsnooze(app: ApplicationDep, session: SessionDep) -> None:
    """Bring the application back to Today now (also when it was not snoozed)."""
    today.unsnooze(session, app)
