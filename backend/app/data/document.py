"""The Touchbase export document ("format": "touchbase-export", "version": 1), as models.

The same models write an export and check one being imported: every field is bounded as the
tables are, and a document with fields these do not know is refused. No secrets: no password
or token hash, no session, no calendar feed secret.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, EmailStr, Field

from app.applications.models import MAX_CONTACTS, MAX_EVENTS, MAX_POSTING_TEXT, ContactRole
from app.data.models import MAX_IMPORT_ROWS
from app.inputs import Day
from app.vocabulary import EventChannel, EventKind, Status


def _timestamp(value: object) -> object:
    # Pydantic alone would take a number as seconds since 1970; an export writes ISO text.
    if value is not None and not isinstance(value, str | datetime):
        raise ValueError("must be a date-time written as ISO 8601 text")
    return value


Timestamp = Annotated[datetime, BeforeValidator(_timestamp)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AccountPart(_Part):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=254)
    timezone: str = Field(max_length=64)
    phone: str | None = Field(default=None, max_length=40)
    signature: str | None = Field(default=None, max_length=2000)


class PolicyPart(_Part):
    id: int
    name: str = Field(min_length=1, max_length=100)
    wait_days: int = Field(ge=0, le=365)
    window_days: int = Field(ge=0, le=365)
    max_follow_ups: int = Field(ge=0, le=10)
    response_grace_days: int = Field(ge=0, le=365)
    business_days: bool
    holiday_country: str | None = Field(default=None, max_length=3)
    avoid_weekends: bool
    channels: str = Field(max_length=20, pattern=r"^(email|phone)( (email|phone))?$")
    is_default: bool


class TemplatePart(_Part):
    id: int
    kind: str = Field(max_length=40)
    channel: Literal["email", "phone"]
    name: str = Field(min_length=1, max_length=100)
    subject: str | None = Field(default=None, max_length=20_000)
    body: str = Field(max_length=20_000)


class ContactPart(_Part):
    name: str = Field(min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    email: EmailStr | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    role: ContactRole = "hiring_manager"
    notes: str | None = Field(default=None, max_length=2000)


class EventPart(_Part):
    kind: EventKind
    occurred_on: Day
    channel: EventChannel | None = None
    summary: str | None = Field(default=None, max_length=2000)
    position_still_open: bool | None = None
    applicant_count: int | None = Field(default=None, ge=0, le=1_000_000)
    interviews_being_scheduled: bool | None = None
    still_a_finalist: bool | None = None
    subject: str | None = Field(default=None, max_length=1000)
    body: str | None = Field(default=None, max_length=100_000)
    override_reason: str | None = Field(default=None, max_length=500)
    template_id: int | None = None


class ApplicationPart(_Part):
    company: str = Field(min_length=1, max_length=200)
    position: str = Field(min_length=1, max_length=200)
    posting_url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")
    posting_text: str | None = Field(default=None, max_length=MAX_POSTING_TEXT)
    location: str | None = Field(default=None, max_length=200)
    source: str | None = Field(default=None, max_length=100)
    applied_on: Day | None = None
    status: Status = "saved"
    archived: bool = False
    notes: str | None = Field(default=None, max_length=10_000)
    no_phone_calls: bool = False
    no_contact: bool = False
    only_shortlisted: bool = False
    response_expected_on: Day | None = None
    closes_on: Day | None = None
    response_window_days: int | None = Field(default=None, ge=0, le=3650)
    response_window_business: bool = False
    window_counts_from: Literal["application", "closing_date"] | None = None
    policy_id: int | None = None
    constraints_set: str = Field(default="", max_length=200)
    imported_at: Timestamp | None = None
    snoozed_until: Day | None = None
    contacts: list[ContactPart] = Field(default_factory=list, max_length=MAX_CONTACTS)
    events: list[EventPart] = Field(default_factory=list, max_length=MAX_EVENTS)
    # Read-only in an export (the plan follows from the rest); ignored on import.
    plan_state: str | None = None
    next_due_on: date | None = None


class ExportDocument(_Part):
    """The whole account; ids only tie its parts together (an import makes new ones)."""

    format: Literal["touchbase-export"]
    version: Literal[1]
    exported_at: Timestamp | None = None
    account: AccountPart | None = None
    policies: list[PolicyPart] = Field(default_factory=list, max_length=100)
    templates: list[TemplatePart] = Field(default_factory=list, max_length=1000)
    applications: list[ApplicationPart] = Field(default_factory=list, max_length=MAX_IMPORT_ROWS)
