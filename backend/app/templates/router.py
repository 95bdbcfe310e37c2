"""Message templates: the built-in library, the caller's own, and filling them in."""

from fastapi import APIRouter, Response, status
from fastapi.concurrency import run_in_threadpool

from app.auth.deps import CurrentUser
from app.auth.service import today_for, today_in
from app.db import READ_ONLY, SessionDep
from app.templates import service
from app.templates.builtins import BUILTINS_BY_KEY
from app.templates.deps import OwnTemplateDep, RenderTargetDep, TemplateDep
from app.templates.models import (
    PreviewRequest,
    RenderRequest,
    RenderResult,
    TemplateChannel,
    TemplateCreate,
    TemplateKind,
    TemplatePublic,
    TemplateUpdate,
    VariablePublic,
)
from app.templates.variables import VARIABLES
from app.web.responses import json_response

router = APIRouter(tags=["templates"])
_VARIABLES = [
    VariablePublic(name=v.name, description=v.description, example=v.example) for v in VARIABLES
]


def _created(response: Response, template: TemplatePublic) -> TemplatePublic:
    response.headers["Location"] = f"/api/v1/templates/{template.id}"
    return template


@router.get("/templates", response_model=list[TemplatePublic], operation_id="listTemplates")
def list_templates(
    user: CurrentUser,
    session: SessionDep,
    kind: TemplateKind | None = None,
    channel: TemplateChannel | None = None,
) -> list[TemplatePublic]:
    """The built-in templates (read-only) followed by the caller's own, optionally filtered."""
    return [service.public(t) for t in service.list_all(session, user, kind, channel)]


@router.post(
    "/templates",
    status_code=status.HTTP_201_CREATED,
    response_model=TemplatePublic,
    operation_id="createTemplate",
)
def create_template(
    data: TemplateCreate, user: CurrentUser, session: SessionDep, response: Response
) -> TemplatePublic:
    """Save a template; a syntax error, unknown variable or refused construct is a 422 naming
    the field and line."""
    return _created(response, service.public(service.create(session, user, data)))


@router.get(
    "/templates/variables",
    response_model=list[VariablePublic],
    operation_id="listTemplateVariables",
)
def list_template_variables(user: CurrentUser) -> list[VariablePublic]:
    """Every variable a template may use as `{{ name }}`, with a description and an example."""
    return _VARIABLES


@router.post(
    "/templates/preview",
    response_model=RenderResult,
    operation_id="previewTemplate",
    dependencies=[READ_ONLY],
)
def preview_template(data: PreviewRequest, user: CurrentUser, session: SessionDep) -> Response:
    """Fill in unsaved template text: with an application's values when `application_id` is
    given, else with sample values (the editor's live preview)."""
    return json_response(
        service.preview(
            session,
            user,
            data.application_id,
            data.channel,
            data.subject,
            data.body,
            today_for(user),
        )
    )


@router.get("/templates/{template_id}", response_model=TemplatePublic, operation_id="getTemplate")
def get_template(template: TemplateDep) -> TemplatePublic:
    """One template: a built-in (by its key) or one of the caller's own."""
    return service.public(template)


@router.patch(
    "/templates/{template_id}", response_model=TemplatePublic, operation_id="updateTemplate"
)
def update_template(
    data: TemplateUpdate, template: OwnTemplateDep, session: SessionDep
) -> TemplatePublic:
    """Change the fields sent of one of the caller's templates; built-ins are read-only (403)."""
    return service.public(service.update(session, template, data))


@router.delete(
    "/templates/{template_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="deleteTemplate",
)
def delete_template(template: OwnTemplateDep, session: SessionDep) -> None:
    """Delete one of the caller's templates; built-ins cannot be deleted (403)."""
    service.delete(session, template)


@router.post(
    "/templates/{template_id}/copy",
    status_code=status.HTTP_201_CREATED,
    response_model=TemplatePublic,
    operation_id="copyTemplate",
)
def copy_template(
    template: TemplateDep, user: CurrentUser, session: SessionDep, response: Response
) -> TemplatePublic:
    """Copy a built-in or one of the caller's templates into a new template of the caller's,
    named "… (copy)", to change freely."""
    return _created(response, service.public(service.copy(session, user, template)))


@router.post(
    "/applications/{application_id}/render",
    response_model=RenderResult,
    operation_id="renderTemplate",
    dependencies=[READ_ONLY],
)
async def render_template(target: RenderTargetDep, data: RenderRequest) -> Response:
    """Fill a template in for the application: the subject and body as plain text, whom to
    send it to, a mailto: link, and the variables that fell back to a stand-in."""
    user, today = target.user, today_in(target.user.timezone)

    def render() -> service.Rendered:
        # A saved template's text by one Core statement on a pooled connection, no session.
        with target.engine.connect() as conn:
            return service.render_for(conn, user, target.facts, data.template_id, today)

    # A built-in is filled in from what the dependency read: CPU only (within the templates'
    # size bounds), so here, with no second trip to the thread pool; a saved one is read.
    builtin = BUILTINS_BY_KEY.get(data.template_id)
    if builtin is not None:
        result = service.render_with(builtin, user, target.facts, today)
    else:
        result = await run_in_threadpool(render)
    # RenderResult's fields, built once and written by orjson (no model to validate and dump).
    return json_response(result)
