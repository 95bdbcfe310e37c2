"""Notification settings, the test email, and the unsubscribe link (no login)."""

import html
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response, status

from app.auth.deps import CurrentUser
from app.auth.models import User
from app.db import SessionDep
from app.errors import NotFound
from app.notifications import service, tokens
from app.notifications.models import (
    NotificationSettingsPublic,
    NotificationSettingsUpdate,
    TestEmailQueued,
)

router = APIRouter(tags=["notifications"])
Token = Annotated[
    str,
    Path(
        max_length=tokens.MAX_TOKEN_LENGTH,
        pattern=r"^[0-9A-Za-z._-]+$",
        description="The token of an unsubscribe link",
    ),
]


@router.get(
    "/me/notifications",
    response_model=NotificationSettingsPublic,
    operation_id="getNotificationSettings",
)
def get_settings(
    request: Request, user: CurrentUser, session: SessionDep
) -> NotificationSettingsPublic:
    """Your morning-digest settings, and whether the server sends mail at all (mail_enabled)."""
    row = service.get(session, user)
    return NotificationSettingsPublic(**service.public(row, user, request.app.state.settings))


@router.patch(
    "/me/notifications",
    response_model=NotificationSettingsPublic,
    operation_id="updateNotificationSettings",
)
def update_settings(
    data: NotificationSettingsUpdate, request: Request, user: CurrentUser, session: SessionDep
) -> NotificationSettingsPublic:
    """Change the digest: on or off, the local hour (0-23), weekdays only."""
    row = service.update(session, user, data.model_dump(exclude_unset=True))
    return NotificationSettingsPublic(**service.public(row, user, request.app.state.settings))


@router.post(
    "/me/test-email",
    response_model=TestEmailQueued,
    status_code=status.HTTP_202_ACCEPTED,
    operation_id="sendTestEmail",
)
def send_test_email(request: Request, user: CurrentUser, session: SessionDep) -> TestEmailQueued:
    """Send a test email to your address (the worker sends it within seconds). 409 when the
    server has no mail settings; 429 within 60 seconds of the last one."""
    service.send_test_email(session, user, request.app.state.settings)
    return TestEmailQueued(to=user.email)


def _user_of(request: Request, session: SessionDep, token: str) -> User:
    user_id = tokens.verify(request.app.state.settings, token)
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise NotFound("This unsubscribe link is not valid.", slug="unsubscribe-link-invalid")
    return user


_HTML: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A small HTML page for the person who followed the link",
        "content": {"text/html": {"schema": {"type": "string"}}},
    }
}
_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Touchbase: unsubscribe</title></head><body><main><h1>Touchbase</h1>{body}</main></body>
</html>"""


@router.get(
    "/unsubscribe/{token}",
    response_class=Response,
    responses=_HTML,
    operation_id="showUnsubscribe",
)
def show_unsubscribe(token: Token, request: Request, session: SessionDep) -> Response:
    """The page an email's unsubscribe link opens: one button turns the digest off (a GET
    changes nothing, so a mail scanner following links cannot unsubscribe anyone)."""
    user = _user_of(request, session, token)
    body = (
        f"<p>Stop the morning digest for {html.escape(user.email)}?</p>"
        '<form method="post"><button type="submit">Unsubscribe</button></form>'
    )
    return Response(_PAGE.format(body=body), media_type="text/html; charset=utf-8")


@router.post(
    "/unsubscribe/{token}", response_class=Response, responses=_HTML, operation_id="unsubscribe"
)
def unsubscribe(token: Token, request: Request, session: SessionDep) -> Response:
    """Turn the digest off, no login needed (RFC 8058 one-click: List-Unsubscribe-Post)."""
    user = _user_of(request, session, token)
    service.update(session, user, {"digest_enabled": False})
    body = (
        f"<p>Done: no more morning digests for {html.escape(user.email)}. "
        "Turn it on again in Settings, Notifications.</p>"
    )
    return Response(_PAGE.format(body=body), media_type="text/html; charset=utf-8")
