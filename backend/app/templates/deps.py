"""Lookup dependencies: a built-in or the caller's own template, or an error."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path
from sqlmodel import Session

from app.auth.deps import CallerDep, CurrentUser
from app.auth.models import User
from app.db import RowId, SessionDep
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

    user: User
    session: Session
    facts: service.Facts


def get_render_target(application_id: RowId, caller: CallerDep) -> RenderTarget:
    """The caller (as CurrentUser checks them) and their application with its contacts.

    One dependency instead of CurrentUser plus a lookup: each sync dependency is a trip to
    the thread pool, a tenth of a render (the template editor's hot path).
    """
    user = caller.user()
    return RenderTarget(user, caller.session, service.facts(caller.session, user, application_id))


# Resolved before the body is read, so another user's application is a 404 whatever is sent.
RenderTargetDep = Annotated[RenderTarget, Depends(get_render_target)]
