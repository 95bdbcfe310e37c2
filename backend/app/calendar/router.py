"""The private calendar feed's routes: its URL, rotating it, and the feed itself."""

from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Path, Request, Response
from sqlmodel import col

from app.auth.deps import CurrentUser, SettingsDep
from app.auth.models import User
from app.auth.service import today_in
from app.calendar.service import (
    CalendarFeedPublic,
    build_calendar,
    get,
    public,
    rotate,
)
from app.config import Settings
from app.db import SessionDep
from app.errors import NotFound
from app.followups.models import CalendarFeed

router = APIRouter(tags=["calendar"])


def _base_url(settings: Settings, request: Request) -> str:
    """The configured public address, else the one this request came to."""
    return settings.public_url or str(request.base_url)


@router.get("/calendar", response_model=CalendarFeedPublic, operation_id="getCalendarFeed")
def get_calendar_feed(
    user: CurrentUser, session: SessionDep, settings: SettingsDep, request: Request
) -> CalendarFeedPublic:
    """Your private calendar feed URL. Anyone with it can read the feed: rotate it to revoke."""
    return public(get(session, user), _base_url(settings, request))


@router.post(
    "/calendar/rotate", response_model=CalendarFeedPublic, operation_id="rotateCalendarFeed"
)
def rotate_calendar_feed(
    user: CurrentUser, session: SessionDep, settings: SettingsDep, request: Request
) -> CalendarFeedPublic:
    """Replace the feed's secret: the old URL answers 404 from now on."""
    return public(rotate(session, user), _base_url(settings, request))


@router.get(
    "/calendar/{secret}.ics",
    response_class=Response,
    operation_id="downloadCalendarFeed",
    responses={
        200: {
            "content": {"text/calendar": {"schema": {"type": "string"}}},
            "description": "An RFC 5545 calendar",
        }
    },
)
def download_calendar_feed(
    secret: Annotated[str, Path(max_length=64, description="The secret from your feed URL")],
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
) -> Response:
    """The feed as iCalendar: an all-day event on each follow-up and open post-rejection ask.

    No other authentication: the secret in the URL is the key. Event UIDs are stable per
    application and step, so calendars update events instead of duplicating them. A feed
    covers at most 1,000 applications (those with the latest due dates).
    """
    found = session.execute(
        sa.select(col(User.id), col(User.timezone))
        .join(CalendarFeed, col(CalendarFeed.user_id) == User.id)
        .where(col(CalendarFeed.secret) == secret)
    ).first()
    if found is None:
        raise NotFound("There is no calendar feed at this address.", slug="calendar-not-found")
    today = today_in(found.timezone)
    body = build_calendar(session, found.id, today, _base_url(settings, request))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300"},
    )
