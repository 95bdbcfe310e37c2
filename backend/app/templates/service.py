"""Templates: the built-in library plus each user's own, and filling them in for an application.

Every template has a string id: a built-in's stable key, or a user template's database id
as a decimal string. Built-ins are read-only; another user's template does not exist.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from jinja2.exceptions import SecurityError
from sqlmodel import Session, col, func, select

from app.applications.models import Application, Contact
from app.auth.models import Owner, User
from app.db import CursorSelect, apply_changes, lock_key
from app.errors import Conflict, Forbidden, NotFound, Unprocessable, field_error
from app.inputs import MAX_ID
from app.templates import rendering
from app.templates.builtins import BUILTINS, BUILTINS_BY_KEY, BuiltinTemplate
from app.templates.models import (
    Template,
    TemplateCreate,
    TemplatePublic,
    TemplateUpdate,
)
from app.templates.variables import Applicant, Target, build_values, sample_values

MAX_TEMPLATES = 200  # per user
COPY_SUFFIX = " (copy)"
AnyTemplate = Template | BuiltinTemplate
log = logging.getLogger("touchbase")
R = TypeVar("R", bound="Reachable")
# A filled-in message: RenderResult's fields, in its order (the route's response_model).
Rendered = dict[str, Any]


# --- errors ---------------------------------------------------------------------------------


def _problem(field: str, message: str, line: int | None, kind: str) -> dict[str, object]:
    return {"loc": ["body", field], "field": field, "message": message, "type": kind, "line": line}


def invalid_template(exc: rendering.TemplateInvalid) -> Unprocessable:
    """A 422 naming every problem of a refused template, each with its field and line."""
    errors = [_problem(p.field, p.message, p.line, "template_error") for p in exc.problems]
    shown = "; ".join(
        f"{p.field}{f' line {p.line}' if p.line else ''}: {p.message}" for p in exc.problems[:3]
    )
    more = f" (and {len(exc.problems) - 3} more)" if len(exc.problems) > 3 else ""
    return Unprocessable(
        f"The template cannot be used: {shown}{more}.",
        slug="invalid-template",
        title="Invalid template",
        extra={"errors": errors},
    )


def _fits_channel(channel: str, subject: str | None, *, subject_required: bool) -> None:
    """422 unless the subject fits the channel: an email has one, a phone script none."""
    if channel == "phone" and subject is not None:
        message = "phone scripts have no subject; leave it out"
        raise Unprocessable(
            "A phone template cannot have a subject.",
            slug="invalid-template",
            title="Invalid template",
            extra={"errors": [_problem("subject", message, None, "value_error")]},
        )
    if channel == "email" and subject_required and not subject:
        raise Unprocessable(
            "An email template needs a subject.",
            slug="invalid-template",
            title="Invalid template",
            extra={"errors": [_problem("subject", "an email needs a subject", None, "missing")]},
        )


def _check(channel: str, subject: str | None, body: str, *, subject_required: bool) -> None:
    """422 unless the fields fit the channel and every source passes the sandbox's check."""
    _fits_channel(channel, subject, subject_required=subject_required)
    sources = {"subject": subject or "", "body": body}
    try:
        rendering.check(sources)
    except rendering.TemplateInvalid as exc:
        raise invalid_template(exc) from None


# --- reading ----------------------------------------------------------------------------------


def public(template: AnyTemplate) -> TemplatePublic:
    """The API's view of a built-in or a user template."""
    if isinstance(template, BuiltinTemplate):
        return TemplatePublic(
            id=template.key,
            builtin=True,
            editable=False,
            kind=template.kind,  # type: ignore[arg-type]  # str column, Literal in the API
            channel=template.channel,  # type: ignore[arg-type]  # str column, Literal in the API
            name=template.name,
            subject=template.subject,
            body=template.body,
            created_at=None,
            updated_at=None,
        )
    return TemplatePublic(
        id=str(template.id),
        builtin=False,
        editable=True,
        kind=template.kind,  # type: ignore[arg-type]  # str column, Literal in the API
        channel=template.channel,  # type: ignore[arg-type]  # str column, Literal in the API
        name=template.name,
        subject=template.subject,
        body=template.body,
        created_at=template.created_at,
        updated_at=template.updated_at,
    )


def list_all(
    session: Session, user: User, kind: str | None, channel: str | None
) -> list[AnyTemplate]:
    """The built-ins (library order), then the caller's own (oldest first), filtered."""
    builtins = [
        b
        for b in BUILTINS
        if (kind is None or b.kind == kind) and (channel is None or b.channel == channel)
    ]
    query = select(Template).where(Template.owner_id == user.id)
    if kind is not None:
        query = query.where(Template.kind == kind)
    if channel is not None:
        query = query.where(Template.channel == channel)
    own = session.exec(query.order_by(col(Template.id))).all()
    return [*builtins, *own]


def _db_id(template_id: str) -> int | None:
    """The database id a template id names, if it is one (canonical decimal, in range)."""
    if not template_id.isascii() or not template_id.isdigit():
        return None
    number = int(template_id)
    return number if str(number) == template_id and 1 <= number <= MAX_ID else None


def get(session: Session, user: User | Owner, template_id: str) -> AnyTemplate:
    """A built-in or the caller's own template, or 404 (another user's is a 404 too)."""
    builtin = BUILTINS_BY_KEY.get(template_id)
    if builtin is not None:
        return builtin
    number = _db_id(template_id)
    if number is not None:
        template = session.get(Template, number)
        if template is not None and template.owner_id == user.id:
            return template
    raise NotFound(f'There is no template "{template_id}".', slug="template-not-found")


def _unknown_template(template_id: object) -> Unprocessable:
    return field_error(
        "template_id",
        "no such template",
        f'You have no template "{template_id}".',
        "unknown-template",
    )


def check_template_choice(session: Session, user: User, template_id: int | None) -> None:
    """422 naming template_id unless it is None or one of the caller's saved templates."""
    if template_id is None:
        return
    template = session.get(Template, template_id)
    if template is None or template.owner_id != user.id:
        raise _unknown_template(template_id)


def get_own(session: Session, user: User, template_id: str) -> Template:
    """The caller's own template; 403 for a built-in, 404 for anything else."""
    template = get(session, user, template_id)
    if isinstance(template, BuiltinTemplate):
        raise Forbidden(
            "Built-in templates are read-only: copy it to change it.",
            slug="builtin-template-read-only",
            title="Built-in template",
        )
    return template


# --- writing ----------------------------------------------------------------------------------


def _make_room(session: Session, user: User) -> None:
    """409 when the caller already has MAX_TEMPLATES templates (serialized per user)."""
    lock_key(session, f"templates:{user.id}")
    count = session.exec(
        select(func.count()).select_from(Template).where(Template.owner_id == user.id)
    ).one()
    if count >= MAX_TEMPLATES:
        raise Conflict(
            f"You have {MAX_TEMPLATES} templates, the most you can keep; delete one first.",
            slug="template-limit-reached",
        )


def create(session: Session, user: User, data: TemplateCreate) -> Template:
    """Save a new template after checking it."""
    _check(data.channel, data.subject, data.body, subject_required=True)
    _make_room(session, user)
    # Ignored on the next line: SQLModel types table ids int | None
    template = Template(owner_id=user.id, **data.model_dump())  # type: ignore[arg-type]
    session.add(template)
    session.commit()
    return template


def update(session: Session, template: Template, data: TemplateUpdate) -> Template:
    """Change the fields sent, checking the template as it would be saved."""
    changes = data.model_dump(exclude_unset=True)
    merged = {
        name: changes.get(name, getattr(template, name)) for name in ("channel", "subject", "body")
    }
    sent = set(changes) & {"channel", "subject"}
    if len(sent) == 1:
        try:
            _fits_channel(merged["channel"], merged["subject"], subject_required=True)
        except Unprocessable as e:
            # Fine on its own, it clashes with what the template holds: a conflict, not a typo.
            raise Conflict(e.detail, slug="template-conflict", extra=e.extra) from None
    _check(merged["channel"], merged["subject"], merged["body"], subject_required=True)
    apply_changes(template, changes)
    session.add(template)
    session.commit()
    return template


def delete(session: Session, template: Template) -> None:
    """Delete one of the caller's templates."""
    session.delete(template)
    session.commit()


def copy(session: Session, user: User, source: AnyTemplate) -> Template:
    """A new template of the caller's with the source's text, named "… (copy)"."""
    _make_room(session, user)
    name = source.name[: 100 - len(COPY_SUFFIX)] + COPY_SUFFIX
    template = Template(
        owner_id=user.id,  # type: ignore[arg-type]  # SQLModel types table ids int | None
        kind=source.kind,
        channel=source.channel,
        name=name,
        subject=source.subject,
        body=source.body,
    )
    session.add(template)
    session.commit()
    return template


# --- rendering --------------------------------------------------------------------------------


class Reachable(Protocol):
    """A contact as addressing sees it."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def role(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ContactFacts:
    """The columns of a contact that a message needs."""

    name: str
    title: str | None
    email: str | None
    phone: str | None
    role: str


@dataclass(frozen=True, slots=True)
class Facts:
    """What a message needs to know about one application: its columns and its contacts."""

    company: str
    position: str
    applied_on: date | None
    posting_url: str | None
    contacts: tuple[ContactFacts, ...]


# Built once: the statement is the same for every request, only the ids change.
_FACTS = CursorSelect(
    sa.select(
        *(
            col(c)
            for c in (
                Application.company,
                Application.position,
                Application.applied_on,
                Application.posting_url,
                Contact.name,
                Contact.title,
                Contact.email,
                Contact.phone,
                Contact.role,
            )
        )
    )
    .select_from(Application)
    .outerjoin(Contact, col(Contact.application_id) == Application.id)
    .where(
        col(Application.id) == sa.bindparam("application_id"),
        col(Application.owner_id) == sa.bindparam("owner_id"),
        col(Application.deleted_at).is_(None),
    )
    .order_by(col(Contact.id))
)


def facts(conn: sa.Connection, user: User | Owner, application_id: int) -> Facts:
    """The caller's application with its contacts in one query (no ORM objects), or 404."""
    params = {"application_id": application_id, "owner_id": user.id}
    rows: Sequence[Any] = _FACTS.rows(conn, params)  # the DBAPI cursor: no result objects
    if not rows:
        raise NotFound(f"There is no application {application_id}.", slug="application-not-found")
    company, position, applied_on, posting_url = rows[0][:4]
    contacts = tuple(ContactFacts(*row[4:]) for row in rows if row[4] is not None)
    return Facts(company, position, applied_on, posting_url, contacts)


def addressee(contacts: Sequence[R], channel: str) -> tuple[R | None, str | None]:
    """Whom the message goes to, and their email or phone for the channel.

    The hiring manager where they can be reached on the channel; else the first contact who
    can; else the hiring manager (or first contact) by name only, with no address.
    """
    managers = [c for c in contacts if c.role == "hiring_manager"]
    ordered = [*managers, *(c for c in contacts if c.role != "hiring_manager")]
    for contact in ordered:
        address = contact.email if channel == "email" else contact.phone
        if address:
            return contact, address
    return (ordered[0] if ordered else None), None


def _applicant(user: User | Owner) -> Applicant:
    return Applicant(name=user.name, email=user.email, phone=user.phone, signature=user.signature)


def _render_field(source: str, values: dict[str, str], field: str) -> str:
    """Render one field; every failure is a 422 problem naming the field."""
    try:
        return rendering.render(source, values, field)
    except rendering.TemplateInvalid as exc:
        raise invalid_template(exc) from None
    except rendering.RenderTooLarge as exc:
        raise Unprocessable(
            f"The rendered {field} is longer than {exc.limit:,} characters.",
            slug="render-too-large",
            title="Rendered text too large",
            extra={"field": field, "limit": exc.limit},
        ) from None
    except (TypeError, ValueError, ArithmeticError, RecursionError, SecurityError) as exc:
        # Passed the check but failed to render: a gap in the check. Refuse it like any other
        # hostile template, and log it so the check can be closed.
        log.warning("template %s passed the check but failed to render: %r", field, exc)
        message = "the template could not be filled in; simplify its expressions"
        raise Unprocessable(
            f"The {field} could not be filled in.",
            slug="invalid-template",
            title="Invalid template",
            extra={"errors": [_problem(field, message, None, "template_error")]},
        ) from None


def fill(
    channel: str,
    subject: str | None,
    body: str,
    values: dict[str, str],
    to: str | None,
    fallbacks: list[dict[str, str]],
) -> Rendered:
    """Render subject and body (phone scripts have no subject, and no mailto: link), as
    RenderResult's fields in its order: built once, written by orjson, no model between."""
    rendered_subject = _render_field(subject, values, "subject") if subject else ""
    rendered_body = _render_field(body, values, "body")
    if channel == "phone":
        return {
            "channel": "phone",
            "subject": None,
            "body": rendered_body,
            "to": to,
            "mailto": None,
            "fallbacks": fallbacks,
        }
    return {
        "channel": "email",
        "subject": rendered_subject,
        "body": rendered_body,
        "to": to,
        "mailto": rendering.mailto(to, rendered_subject, rendered_body),
        "fallbacks": fallbacks,
    }


def values_for(
    user: User | Owner, target: Facts, channel: str, today: date
) -> tuple[dict[str, str], str | None, list[dict[str, str]]]:
    """The variables for one application, the address to use, and the fallbacks taken."""
    contact, to = addressee(target.contacts, channel)
    filled = Target(
        company=target.company,
        position=target.position,
        applied_on=target.applied_on,
        posting_url=target.posting_url,
        contact_name=contact.name if contact else None,
        contact_title=contact.title if contact else None,
    )
    values, fallbacks = build_values(_applicant(user), filled, today)
    return values, to, [{"variable": f.variable, "used": f.used} for f in fallbacks]


class TemplateText(Protocol):
    """What filling a template in reads of it: a built-in, a saved Template, or its row."""

    @property
    def channel(self) -> str: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def body(self) -> str: ...


# A saved template's text, the caller's own only: built once, run on the DBAPI cursor.
_SAVED_TEXT = CursorSelect(
    sa.select(col(Template.channel), col(Template.subject), col(Template.body)).where(
        col(Template.id) == sa.bindparam("template_id"),
        col(Template.owner_id) == sa.bindparam("owner_id"),
    )
)


def template_text(conn: sa.Connection, user: User | Owner, template_id: str) -> TemplateText:
    """A built-in, or the caller's saved template read by one Core statement on conn (no ORM
    session); a template_id that is neither is a 422 naming it."""
    builtin = BUILTINS_BY_KEY.get(template_id)
    if builtin is not None:
        return builtin
    number = _db_id(template_id)
    if number is not None:
        rows = _SAVED_TEXT.rows(conn, {"template_id": number, "owner_id": user.id})
        if rows:
            found: TemplateText = rows[0]
            return found
    raise _unknown_template(template_id)


def render_for(
    conn: sa.Connection, user: User | Owner, target: Facts, template_id: str, today: date
) -> Rendered:
    """Fill a built-in or the caller's saved template in for one of their applications; a
    template_id that is neither is a 422 naming it."""
    return render_with(template_text(conn, user, template_id), user, target, today)


def render_with(template: TemplateText, user: User | Owner, target: Facts, today: date) -> Rendered:
    """Fill a template in for one of the caller's applications (CPU only: nothing is read)."""
    values, to, fallbacks = values_for(user, target, template.channel, today)
    return fill(template.channel, template.subject, template.body, values, to, fallbacks)


def preview(
    session: Session,
    user: User,
    application_id: int | None,
    channel: str,
    subject: str | None,
    body: str,
    today: date,
) -> Rendered:
    """Fill in unsaved text: from the application when one is named, else from sample values."""
    _check(channel, subject, body, subject_required=False)
    if application_id is None:
        return fill(channel, subject, body, sample_values(today), None, [])
    try:
        target = facts(session.connection(), user, application_id)
    except NotFound:
        raise field_error(
            "application_id",
            "no such application",
            f"You have no application {application_id}.",
            "unknown-application",
        ) from None
    values, to, fallbacks = values_for(user, target, channel, today)
    return fill(channel, subject, body, values, to, fallbacks)
