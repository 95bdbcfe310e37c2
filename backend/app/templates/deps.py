"""Lookup dependencies: a built-in or the caller's own template, or an error."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path
from sqlmodel import Session

from app.auth.deps import CallerDep, CurrentUser
from app.auth.models import Owner
from app.db import RowId, SessionDep, in_thread
from app.templates import service
from app.templates.models import TEMPLATE_ID_DESCRIPTION, Template

TemplateId = Annotated[str, Path(max_length=100, description=TEMPLATE_ID_DESCRIPTION)]


def get_template(
    template_id: TemplateId, user: CurrentUser, session: SessionDep
) -> service.AnyTemplate:
    """A built-in or the caller's own template, or 404."""
    return service.get(session, user, template_id)


def get_own_template(template_id: TemplateId, user: CurrentUser, session: SessionDep) -> Template:
    """The caller's own template: 403 for a built-in, 404 for another user's or none."""
    return service.get_own(session, user, template_id)


TemplateDep = Annotated[service.AnyTemplate, Depends(get_template)]
OwnTemplateDep = Annotated[Template, Depends(get_own_template)]


@dataclass(frozen=True)
class RenderTarget:
    """The caller, their session, and the application to render for."""

    user: Owner
    session: Session
    facts: service.Facts


async def get_render_target(application_id: RowId, caller: CallerDep) -> RenderTarget:
    """The caller (as CurrentUser checks them) and their application with its contacts.

    One dependency instead of CurrentUser plus a lookup, and one trip to the thread pool for
    both (each trip is a hand-over of the GIL, a tenth of a render, the template editor's
    hot path); the read ends in it, so a render that reads nothing more makes no other trip.
    """

    def read() -> RenderTarget:
        user = caller.owner()
        return RenderTarget(
            user, caller.session, service.facts(caller.session, user, application_id)
        )

    return await in_thread(caller.session, read)


# Resolved before the body is read, so another user's application is a 404 whatever is sent.
RenderTargetDep = Annotated[RenderTarget, Depends(get_render_target)]
