"""Lookup-or-404 dependencies: a route that takes one of these cannot skip the ownership check."""

from typing import Annotated

from fastapi import Depends

from app.applications import service
from app.applications.models import Application, Contact, Event
from app.auth.deps import CallerDep
from app.db import RowId, SessionDep, in_thread


async def get_application(
    application_id: RowId, caller: CallerDep, session: SessionDep
) -> Application:
    """The caller's application, or 404: the caller's check and the lookup in one trip to
    the thread pool (a CurrentUser of the same route then needs none)."""
    return await in_thread(session, lambda: service.get(session, caller.user(), application_id))


ApplicationDep = Annotated[Application, Depends(get_application)]


def get_contact(contact_id: RowId, app: ApplicationDep, session: SessionDep) -> Contact:
    return service.get_contact(session, app, contact_id)


def get_event(event_id: RowId, app: ApplicationDep, session: SessionDep) -> Event:
    return service.get_event(session, app, event_id)


ContactDep = Annotated[Contact, Depends(get_contact)]
EventDep = Annotated[Event, Depends(get_event)]
