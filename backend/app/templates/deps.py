"""Lookup dependencies: a built-in or the caller's own template, or an error."""

from dataclasses import dataclass
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Path, Request
from sqlalchemy.engine import Engine

from app.auth.deps import CredentialsDep, CurrentUser
from app.auth.models import Owner
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
    """The caller, the application to render for, and the engine a saved template is read by."""

    user: Owner
    facts: service.Facts
    engine: Engine


async def get_render_target(
    application_id: RowId, caller: CredentialsDep, request: Request
) -> RenderTarget:
    """The caller (as CurrentUser checks them) and their application with its contacts.

    One dependency instead of CurrentUser plus a lookup, and one trip to the thread pool for
    both (each trip is a hand-over of the GIL, a tenth of a render, the template editor's
    hot path) on one pooled connection, no ORM session: a render of a built-in template
    reads nothing more.
    """

    def read(conn: sa.Connection, profile: dict[str, Any]) -> tuple[Owner, service.Facts]:
        user = Owner.of(profile)
        return user, service.facts(conn, user, application_id)

    user, facts = await caller.read(read)
    return RenderTarget(user, facts, request.app.state.read_engine)


# Resolved before the body is read, so another user's application is a 404 whatever is sent.
RenderTargetDep = Annotated[RenderTarget, Depends(get_render_target)]
