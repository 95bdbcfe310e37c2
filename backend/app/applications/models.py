"""Applications, their contacts and their timeline events."""

from datetime import date, datetime
from typing import Annotated, Literal

import sqlalchemy as sa
from pydantic import EmailStr, StringConstraints, model_validator
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, timestamp_field
from app.inputs import MAX_ID, Day, IdItem, InputModel, not_null
from app.vocabulary import EventChannel as Channel
from app.vocabulary import EventKind
from app.vocabulary import Status as Status  # re-exported for the router

# What a posting can say, as the application's fields and answers name it.
PostingFinding = Literal[
    "no_phone_calls", "no_contact", "only_shortlisted", "response_window", "closes_on"
]
WindowCountsFrom = Literal["application", "closing_date"]
ContactRole = Literal["hiring_manager", "recruiter", "referral", "other"]
SortKey = Literal[
    "applied_on",
    "-applied_on",
    "updated_at",
    "-updated_at",
    "company",
    "-company",
    "next_due_on",
    "-next_due_on",
]
BulkAction = Literal["status", "archive", "unarchive", "delete"]

MAX_POSTING_TEXT = 50_000
MAX_CONTACTS = 50  # per application
MAX_EVENTS = 500  # per application
MAX_BULK_IDS = 200  # applications per bulk request (and per restore)
PURGE_AFTER_DAYS = 30  # a deleted application can be restored until then, then it is purged
UrlText = Annotated[str, StringConstraints(max_length=2000, pattern=r"^https?://\S+$")]
PhoneText = Annotated[str, StringConstraints(max_length=40, pattern=r"^[0-9+()./ x-]{3,40}$")]


# --- applications ---------------------------------------------------------------------------


class ApplicationFields(SQLModel):
    """What a user may set on an application (all optional, for updates)."""

    company: str | None = Field(default=None, min_length=1, max_length=200)
    position: str | None = Field(default=None, min_length=1, max_length=200)
    posting_url: UrlText | None = None
    posting_text: str | None = Field(default=None, max_length=MAX_POSTING_TEXT)
    location: str | None = Field(default=None, max_length=200)
    source: str | None = Field(default=None, max_length=100)
    applied_on: Day | None = None
    status: Status | None = None
    archived: bool | None = None
    notes: str | None = Field(default=None, max_length=10_000)
    no_phone_calls: bool | None = None
    no_contact: bool | None = None
    only_shortlisted: bool | None = None
    response_expected_on: Day | None = None
    closes_on: Day | None = Field(
        default=None, description="The posting's closing date; read from the posting when unset"
    )
    policy_id: int | None = Field(
        default=None,
        ge=1,
        le=MAX_ID,
        description="One of your follow-up policies; null means your default",
    )


class ApplicationCreate(ApplicationFields, InputModel):
    """A new application: company and position are required."""

    company: str = Field(min_length=1, max_length=200)
    position: str = Field(min_length=1, max_length=200)


class ApplicationUpdate(ApplicationFields, InputModel):
    """A partial update: only the fields sent change."""

    _required_stay_set = not_null(
        "company",
        "position",
        "status",
        "archived",
        "no_phone_calls",
        "no_contact",
        "only_shortlisted",
    )


class Application(SQLModel, table=True):
    __tablename__ = "applications"
    __table_args__ = (
        sa.Index("ix_applications_owner_updated", "owner_id", "updated_at", "id"),
        sa.Index("ix_applications_owner_applied", "owner_id", "applied_on", "id"),
        sa.Index("ix_applications_owner_company", "owner_id", "company", "id"),
        sa.Index(
            "ix_applications_owner_next_due", "owner_id", "next_due_on", "window_closes_on", "id"
        ),
        sa.Index("ix_applications_owner_due_sort", "owner_id", "next_due_on", "id"),
        sa.Index("ix_applications_deleted", "deleted_at"),
        # Today's groups ordered by the window's end (due now, closing soon, past it).
        sa.Index("ix_applications_owner_closes", "owner_id", "window_closes_on", "id"),
        # The list's total, counted from this index alone (no visit to each row).
        sa.Index("ix_applications_owner_live", "owner_id", "deleted_at", "status", "archived"),
        # Today's group counts, read from this index alone (no visit to each scheduled row).
        sa.Index(
            "ix_applications_owner_scheduled",
            "owner_id",
            "next_due_on",
            "window_closes_on",
            "archived",
            "deleted_at",
            "imported_at",
            "id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    company: str = Field(max_length=200)
    position: str = Field(max_length=200)
    posting_url: str | None = Field(default=None, max_length=2000)
    posting_text: str | None = Field(default=None, sa_type=sa.Text)
    location: str | None = Field(default=None, max_length=200)
    source: str | None = Field(default=None, max_length=100)
    applied_on: date | None = None
    status: str = Field(default="saved", max_length=20)
    archived: bool = False
    notes: str | None = Field(default=None, sa_type=sa.Text)
    no_phone_calls: bool = False
    no_contact: bool = False
    only_shortlisted: bool = False
    response_expected_on: date | None = None
    closes_on: date | None = None
    # The posting's response window ("within 4 weeks of the closing date"), as applied: read
    # from the posting when confident, or confirmed by the user (constraints_set names it).
    response_window_days: int | None = None
    response_window_business: bool = Field(
        default=False, sa_column_kwargs={"server_default": sa.false()}
    )
    window_counts_from: str | None = Field(default=None, max_length=20)
    policy_id: int | None = Field(default=None, foreign_key="policies.id", ondelete="SET NULL")
    # Posting constraints the user set by hand; the posting analysis never overrides these.
    constraints_set: str = Field(
        default="", max_length=200, sa_column_kwargs={"server_default": ""}
    )
    # The plan's dates, kept current by every write, so the due list reads an index.
    next_due_on: date | None = None
    window_closes_on: date | None = None
    # Set when the application came in by an import (data.imports); Today groups by it.
    imported_at: datetime | None = Field(default=None, sa_column=sa.Column(UTCDateTime()))
    # Set by a (bulk) delete: the row is gone from every list and route until restored, and
    # purged PURGE_AFTER_DAYS later (`touchbase purge-deleted`).
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    version: int = Field(default=1)
    # The row as the lists show it (ApplicationSummary's JSON, applications.summaries), kept by
    # every write; served only when summary_version is the code's (else read from the columns).
    summary: str | None = Field(default=None, sa_type=sa.Text)
    summary_version: int | None = None


class ApplicationSummary(SQLModel):
    """An application as a list shows it (without the posting text and notes)."""

    id: int
    company: str
    position: str
    posting_url: str | None
    location: str | None
    source: str | None
    applied_on: date | None
    status: Status
    archived: bool
    no_phone_calls: bool
    no_contact: bool
    only_shortlisted: bool
    response_expected_on: date | None
    closes_on: date | None
    policy_id: int | None
    next_due_on: date | None = Field(
        description="When the plan's next follow-up falls due (null: nothing scheduled)"
    )
    created_at: datetime
    updated_at: datetime
    version: int


class PostingQuestion(SQLModel):
    """A finding the posting reader is unsure of: it applies only once you confirm it.

    Answer it with answerPostingQuestion; `sentence` is posting_text[start:end].
    """

    finding: PostingFinding
    question: str = Field(description='e.g. "This posting may ask for no phone calls: apply?"')
    confidence: float = Field(ge=0, le=1)
    sentence: str
    start: int
    end: int


class ApplicationPublic(ApplicationSummary):
    posting_text: str | None
    notes: str | None
    window_counts_from: WindowCountsFrom | None = Field(
        description="What the applied response window counts from (null: no window applied)"
    )
    response_window_days: int | None
    response_window_business: bool
    user_set: list[PostingFinding] = Field(
        description="The posting findings you decided yourself; the posting never changes these"
    )
    posting_questions: list[PostingQuestion]
    posting_language: str | None = Field(
        description='The posting text\'s language (ISO 639-1, or "und"); null without text'
    )
    posting_language_message: str | None = Field(
        description="Why nothing may have been read from the posting (it is not English)"
    )


class PostingAnswer(InputModel):
    """Your answer to a posting question: apply the finding, or dismiss it (for good)."""

    apply: bool


class ApplicationPage(SQLModel):
    """One page of applications; pass next_cursor back as `cursor` for the next."""

    items: list[ApplicationSummary]
    next_cursor: str | None
    total: int = Field(description="How many applications match the filters and search")


class StatusMove(InputModel):
    """A status change as the board makes it: the event it implies is recorded on `on`.

    interviewing, offer, rejected and withdrawn record an interview, offer, rejection or
    withdrawn event; applied records the applied event (an application not applied yet);
    saved only clears a status no timeline event sets. on defaults to your today.
    """

    status: Status
    on: Day | None = None


BulkIds = Annotated[list[IdItem], Field(min_length=1, max_length=MAX_BULK_IDS)]


class BulkRequest(InputModel):
    """One action on up to MAX_BULK_IDS of your applications, all or none of them."""

    ids: BulkIds
    action: BulkAction
    status: Status | None = Field(default=None, description="With action status: the new one")
    on: Day | None = Field(default=None, description="With action status: the events' date")

    schema_rules = {
        "if": {"properties": {"action": {"const": "status"}}},
        "then": {"required": ["status"], "properties": {"status": {"type": "string"}}},
    }

    @model_validator(mode="after")
    def _status_with_status(self) -> "BulkRequest":
        if self.action == "status" and self.status is None:
            raise ValueError("action status needs a status")
        return self


class BulkResult(SQLModel):
    """What a bulk action changed (restore the deleted with restoreApplications)."""

    action: BulkAction
    ids: list[int]
    restore_until: datetime | None = Field(
        description="With action delete: until when restoreApplications brings them back"
    )


class RestoredApplications(SQLModel):
    """The applications restoreApplications brought back."""

    ids: list[int]


class RestoreRequest(InputModel):
    """Deleted applications to bring back (within PURGE_AFTER_DAYS of their deletion)."""

    ids: BulkIds


# --- contacts -------------------------------------------------------------------------------


class ContactFields(SQLModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    email: EmailStr | None = Field(default=None, max_length=254)
    phone: PhoneText | None = None
    role: ContactRole | None = None
    notes: str | None = Field(default=None, max_length=2000)


class ContactCreate(ContactFields, InputModel):
    name: str = Field(min_length=1, max_length=200)
    role: ContactRole = "hiring_manager"


class ContactUpdate(ContactFields, InputModel):
    _required_stay_set = not_null("name", "role")


class Contact(SQLModel, table=True):
    __tablename__ = "contacts"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="applications.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    title: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    role: str = Field(default="hiring_manager", max_length=20)
    notes: str | None = Field(default=None, max_length=2000)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class ContactPublic(SQLModel):
    id: int
    application_id: int
    name: str
    title: str | None
    email: str | None
    phone: str | None
    role: ContactRole
    notes: str | None
    created_at: datetime
    updated_at: datetime


# --- timeline -------------------------------------------------------------------------------


class ResponseNews(InputModel):
    """What an employer's response said, where it said it."""

    position_still_open: bool | None = None
    applicant_count: int | None = Field(default=None, ge=0, le=1_000_000)
    interviews_being_scheduled: bool | None = None
    still_a_finalist: bool | None = None
    still_under_consideration: bool | None = None


class EventCreate(InputModel):
    """A dated entry on the timeline; `news` only on a response. occurred_on defaults to today."""

    kind: EventKind
    occurred_on: Day | None = None
    channel: Channel | None = None
    summary: str | None = Field(default=None, max_length=2000)
    news: ResponseNews | None = None

    schema_rules = {
        "if": {"properties": {"kind": {"not": {"const": "response"}}}},
        "then": {"properties": {"news": {"type": "null"}}},
    }

    @model_validator(mode="after")
    def _news_only_on_response(self) -> "EventCreate":
        if self.news is not None and self.kind != "response":
            raise ValueError("news can only be recorded on a response event")
        return self


class Event(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (sa.Index("ix_events_application_occurred", "application_id", "occurred_on"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="applications.id", ondelete="CASCADE")
    kind: str = Field(max_length=40)
    occurred_on: date
    channel: str | None = Field(default=None, max_length=20)
    summary: str | None = Field(default=None, max_length=2000)
    position_still_open: bool | None = None
    applicant_count: int | None = None
    interviews_being_scheduled: bool | None = None
    still_a_finalist: bool | None = None
    still_under_consideration: bool | None = None
    subject: str | None = Field(default=None, max_length=1000)
    body: str | None = Field(default=None, sa_type=sa.Text)
    override_reason: str | None = Field(default=None, max_length=500)
    template_id: int | None = None
    # The employer's reply this event records, as pasted (replies package), and the
    # post-rejection asks it already answered (space-separated event kinds).
    reply_text: str | None = Field(default=None, sa_type=sa.Text)
    answered_asks: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": ""})
    created_at: datetime = timestamp_field()


class EventPublic(SQLModel):
    id: int
    application_id: int
    kind: EventKind
    occurred_on: date
    channel: Channel | None
    summary: str | None
    news: ResponseNews | None
    subject: str | None
    body: str | None
    override_reason: str | None
    template_id: int | None
    reply_text: str | None = Field(description="The employer's reply, when the event records one")
    answered_asks: list[EventKind] = Field(
        description="Post-rejection asks the reply already answered, so the plan skips them"
    )
    created_at: datetime

    @classmethod
    def of(cls, event: Event) -> "EventPublic":
        news = None
        if event.kind == "response":
            news = ResponseNews(
                position_still_open=event.position_still_open,
                applicant_count=event.applicant_count,
                interviews_being_scheduled=event.interviews_being_scheduled,
                still_a_finalist=event.still_a_finalist,
                still_under_consideration=event.still_under_consideration,
            )
        asks = event.answered_asks.split()
        return cls.model_validate({**event.model_dump(), "news": news, "answered_asks": asks})
