"""User templates (the built-ins live in builtins.py, not in the database) and the API models."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import timestamp_field
from app.inputs import MAX_ID, InputModel, not_null
from app.templates.rendering import MAX_SOURCE
from app.vocabulary import MessageChannel
from app.vocabulary import TemplateKind as TemplateKind  # re-exported for the router

TemplateChannel = MessageChannel  # a template is written for one of the ways to follow up


class Template(SQLModel, table=True):
    """A user's own message template."""

    __tablename__ = "templates"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=40)
    channel: str = Field(max_length=10)
    name: str = Field(max_length=100)
    subject: str | None = Field(default=None, sa_type=sa.Text)
    body: str = Field(sa_type=sa.Text)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


# --- API models ----------------------------------------------------------------------------
#
# Ids are strings for every template: a built-in's is its stable key ("builtin-follow-up-email"),
# a user template's is its database id written as a decimal string ("123").

TEMPLATE_ID_DESCRIPTION = (
    'A built-in\'s key ("builtin-follow-up-email") or a user template\'s id as a string ("123")'
)


SOURCE_DESCRIPTION = (
    "Template text: {{ variable }} placeholders and {% if %} blocks (GET /templates/variables);"
    " text that does not parse is a 422 naming the field and line"
)


class TemplateFields(SQLModel):
    """What a user may set on a template (all optional, for updates)."""

    kind: TemplateKind | None = None
    channel: TemplateChannel | None = None
    name: str | None = Field(default=None, min_length=1, max_length=100)
    subject: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_SOURCE,
        description="Email templates only: phone scripts have no subject",
    )
    body: str | None = Field(
        default=None, min_length=1, max_length=MAX_SOURCE, description=SOURCE_DESCRIPTION
    )


# An email template has a subject, a phone script none (templates.service checks it too).
SUBJECT_RULES = {
    "allOf": [
        {
            "if": {"required": ["channel"], "properties": {"channel": {"const": "email"}}},
            "then": {"required": ["subject"], "properties": {"subject": {"type": "string"}}},
        },
        {
            "if": {"required": ["channel"], "properties": {"channel": {"const": "phone"}}},
            "then": {"properties": {"subject": {"type": "null"}}},
        },
    ]
}


class TemplateCreate(TemplateFields, InputModel):
    """A new template: an email template needs a subject, a phone script must not have one."""

    schema_rules = SUBJECT_RULES

    kind: TemplateKind
    channel: TemplateChannel
    name: str = Field(min_length=1, max_length=100)
    body: str = Field(min_length=1, max_length=MAX_SOURCE, description=SOURCE_DESCRIPTION)


class TemplateUpdate(TemplateFields, InputModel):
    """A partial update: only the fields sent change; send `subject: null` to drop it.

    Sending channel or subject alone so that they no longer fit the template (a subject on a
    phone script, none on an email) is a 409 conflict; send both to switch channels.
    """

    schema_rules = SUBJECT_RULES

    _required_stay_set = not_null("kind", "channel", "name", "body")


class TemplatePublic(SQLModel):
    """A template as the API shows it; built-ins are read-only and have no timestamps."""

    id: str = Field(description=TEMPLATE_ID_DESCRIPTION)
    builtin: bool
    editable: bool
    kind: TemplateKind
    channel: TemplateChannel
    name: str
    subject: str | None
    body: str
    created_at: datetime | None
    updated_at: datetime | None


class VariablePublic(SQLModel):
    """A placeholder a template may use as `{{ name }}`."""

    name: str
    description: str
    example: str


class RenderRequest(InputModel):
    """Which template to fill in for the application."""

    template_id: str = Field(min_length=1, max_length=100, description=TEMPLATE_ID_DESCRIPTION)


class PreviewRequest(InputModel):
    """Unsaved template text to fill in: with an application's values, or with sample values."""

    schema_rules = {"allOf": SUBJECT_RULES["allOf"][1:]}  # a phone script has no subject

    channel: TemplateChannel
    subject: str | None = Field(
        default=None, max_length=MAX_SOURCE, description="Email only; leave out for phone"
    )
    body: str = Field(max_length=MAX_SOURCE, description=SOURCE_DESCRIPTION)
    application_id: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="Fill in from this application"
    )


class FallbackPublic(SQLModel):
    """A variable that had no value, and what stood in for it."""

    variable: str
    used: str


class RenderResult(SQLModel):
    """A filled-in message, plain text: show it as text, never as HTML."""

    channel: TemplateChannel
    subject: str | None = Field(description="None for phone scripts")
    body: str
    to: str | None = Field(description="The contact's email (email) or phone (phone), if known")
    mailto: str | None = Field(
        description="A mailto: link with subject and body; None for phone, or past 2,000 characters"
    )
    fallbacks: list[FallbackPublic]
