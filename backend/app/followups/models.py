"""Follow-up policies, the private calendar feed, and the plan as the API shows it."""

from datetime import date, datetime
from typing import Annotated, Literal, get_args

import holidays
import sqlalchemy as sa
from pydantic import (
    AfterValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from sqlmodel import Field, SQLModel

from app.applications.models import ApplicationSummary, PostingFinding, WindowCountsFrom
from app.db import timestamp_field
from app.followups.policy import Facts
from app.inputs import MAX_ID, Day, IdItem, InputModel, not_null
from app.reading.posting_fields import MAX_BLOCK, MAX_BLOCKS, MAX_INPUT
from app.reading.postings import EvidenceFinding
from app.vocabulary import EventKind, PlanState, Status, TemplateKind
from app.vocabulary import MessageChannel as FollowUpChannel

# The states the due list can show: the others have no dates, so nothing falls due.
DueState = Literal["due", "waiting", "too_late", "post_rejection"]
MAX_POLICIES = 20  # per user
MAX_SIMULATED_EVENTS = 200


HOLIDAY_COUNTRIES = sorted(holidays.list_supported_countries())
_HOLIDAY_COUNTRY_SET = frozenset(HOLIDAY_COUNTRIES)


def _known_country(value: str) -> str:
    if value not in _HOLIDAY_COUNTRY_SET:
        raise ValueError(f"'{value}' is not a country code the holiday calendar knows")
    return value


HolidayCountry = Annotated[
    str,
    AfterValidator(_known_country),
    WithJsonSchema(
        {
            "type": "string",
            "enum": HOLIDAY_COUNTRIES,
            "description": "An ISO 3166 country code the holiday calendar knows, in capitals",
        }
    ),
]


class PolicyFields(InputModel):
    """A policy's settings; all optional (for updates)."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    wait_days: int | None = Field(default=None, ge=1, le=90)
    window_days: int | None = Field(default=None, ge=1, le=90)
    max_follow_ups: int | None = Field(default=None, ge=0, le=5)
    response_grace_days: int | None = Field(default=None, ge=0, le=30)
    business_days: bool | None = None
    holiday_country: HolidayCountry | None = None
    avoid_weekends: bool | None = None
    channels: list[FollowUpChannel] | None = Field(
        default=None,
        min_length=1,
        max_length=2,
        schema_extra={"json_schema_extra": {"uniqueItems": True}},
    )
    is_default: bool | None = None

    @field_validator("channels")
    @classmethod
    def _distinct(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("each channel may appear once")
        return value


class PolicyCreate(PolicyFields):
    """A new policy: a name; every other setting takes the default policy's default."""

    name: str = Field(min_length=1, max_length=100)


class PolicyUpdate(PolicyFields):
    _required_stay_set = not_null(
        "name",
        "wait_days",
        "window_days",
        "max_follow_ups",
        "response_grace_days",
        "business_days",
        "avoid_weekends",
        "channels",
        "is_default",
    )


class Policy(SQLModel, table=True):
    """A user's follow-up rules; exactly one per user is the default."""

    __tablename__ = "policies"
    __table_args__ = (
        sa.Index(
            "uq_policies_one_default_per_owner",
            "owner_id",
            unique=True,
            sqlite_where=sa.text("is_default"),
            postgresql_where=sa.text("is_default"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    wait_days: int = 7
    window_days: int = 14
    max_follow_ups: int = 1
    response_grace_days: int = 2
    business_days: bool = False
    holiday_country: str | None = Field(default=None, max_length=3)
    avoid_weekends: bool = True
    channels: str = Field(default="email phone", max_length=20)  # in order of preference
    is_default: bool = False
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class PolicyPublic(SQLModel):
    id: int
    name: str
    wait_days: int
    window_days: int
    max_follow_ups: int
    response_grace_days: int
    business_days: bool
    holiday_country: str | None
    avoid_weekends: bool
    channels: list[FollowUpChannel]
    is_default: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, policy: Policy) -> "PolicyPublic":
        return cls.model_validate({**policy.model_dump(), "channels": policy.channels.split()})


class CalendarFeed(SQLModel, table=True):
    """The secret in a user's private calendar URL (a capability, so it is kept to show again)."""

    __tablename__ = "calendar_feeds"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", unique=True)
    secret: str = Field(max_length=64, unique=True)
    created_at: datetime = timestamp_field()


class StoredPlan(SQLModel, table=True):
    """Every plan a day can give one application, for the due list (followups.stored).

    Written with the application's dates by followups.plans on every write; none where nothing
    is scheduled.
    """

    __tablename__ = "stored_plans"

    application_id: int = Field(primary_key=True, foreign_key="applications.id", ondelete="CASCADE")
    version: str = Field(max_length=16, description="stored.VERSION of the code that wrote it")
    state: str = Field(max_length=20, description="the state of `plan`")
    plan: str = Field(sa_type=sa.Text, description="PlanPublic JSON on the due date")
    others: str | None = Field(
        default=None, sa_type=sa.Text, description="JSON: what the other states change"
    )


# --- the plan -------------------------------------------------------------------------------


class ReasonPublic(SQLModel):
    """One rule that shaped the plan, in words."""

    rule: str
    message: str


class TemplateRefPublic(SQLModel):
    """Which template fits the next message."""

    kind: TemplateKind
    channel: FollowUpChannel


class NextStepPublic(SQLModel):
    """Something to do next; template_kind names the template that helps, if any."""

    action: str
    label: str
    template_kind: TemplateKind | None
    due_on: date | None


class PolicyRef(SQLModel):
    """The policy a plan came from."""

    id: int
    name: str


class PlanPublic(SQLModel):
    """What the policy says for one application on one day, and why."""

    state: PlanState
    due_on: date | None
    window_closes_on: date | None
    follow_ups_sent: int
    follow_ups_allowed: int
    channels_allowed: list[FollowUpChannel]
    recommended_channel: FollowUpChannel | None
    recommended_template: TemplateRefPublic | None
    next_steps: list[NextStepPublic]
    contact_gap: bool
    reasons: list[ReasonPublic]
    policy: PolicyRef | None = Field(
        default=None, description="The saved policy used; null for an inline simulation"
    )


# --- simulation -----------------------------------------------------------------------------


class SimulatedApplication(InputModel):
    """An application's facts, as the engine reads them."""

    applied_on: Day | None = None
    status: Status = "applied"
    archived: bool = False
    no_phone_calls: bool = False
    no_contact: bool = False
    only_shortlisted: bool = False
    response_expected_on: Day | None = None
    closes_on: Day | None = None
    response_window_days: int | None = Field(default=None, ge=0, le=366)
    response_window_business: bool = False
    window_counts_from: WindowCountsFrom | None = None
    user_set: list[PostingFinding] = Field(
        default_factory=list,
        max_length=len(get_args(PostingFinding)),
        description="The constraints you set by hand (the others came from the posting)",
    )
    has_contact_email: bool = False
    has_contact_phone: bool = False
    has_contact_name: bool = False
    company: str | None = Field(default=None, min_length=1, max_length=200)

    def as_facts(self) -> Facts:
        """The engine's facts of this made-up application."""
        return Facts(**{**self.model_dump(), "user_set": frozenset(self.user_set)})


class SimulatedEvent(InputModel):
    kind: EventKind
    occurred_on: Day


class SimulateRequest(InputModel):
    """A policy (saved: policy_id; inline: policy; neither: your default), facts, events, a day."""

    policy_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    policy: PolicyFields | None = None
    application: SimulatedApplication
    events: list[SimulatedEvent] = Field(default_factory=list, max_length=MAX_SIMULATED_EVENTS)
    on: Day

    schema_rules = {
        "if": {"required": ["policy_id"], "properties": {"policy_id": {"type": "integer"}}},
        "then": {"properties": {"policy": {"type": "null"}}},
    }

    @model_validator(mode="after")
    def _one_policy(self) -> "SimulateRequest":
        if self.policy_id is not None and self.policy is not None:
            raise ValueError("send policy_id or policy, not both")
        return self


# --- recording a follow-up ------------------------------------------------------------------


class FollowUpCreate(InputModel):
    """A follow-up you sent; override_reason records it even when the policy says not yet."""

    channel: FollowUpChannel
    sent_on: Day | None = Field(
        default=None,
        description="Defaults to today; a day after your today (in your time zone) is a 422",
    )
    template_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    subject: str | None = Field(default=None, max_length=1000)
    body: str | None = Field(default=None, max_length=20_000)
    note: str | None = Field(default=None, max_length=2000)
    override_reason: str | None = Field(default=None, max_length=500)


# --- the due list ---------------------------------------------------------------------------


class DueItem(SQLModel):
    application: ApplicationSummary
    plan: PlanPublic


class DuePage(SQLModel):
    """One page of the due list, soonest due first; pass next_cursor back as `cursor`."""

    items: list[DueItem]
    next_cursor: str | None


# --- Today: the due list as an inbox (followups.today) ---------------------------------------

TodayGroupKey = Literal["due_now", "closing_soon", "waiting", "past_window", "imported_past_window"]
TODAY_GROUPS: tuple[TodayGroupKey, ...] = (
    "due_now",
    "closing_soon",
    "waiting",
    "past_window",
    "imported_past_window",  # imported ones past their window: an import does not flood Today
)
CLOSING_SOON_DAYS = 3  # a window closing within this many days (today counted) is closing soon
TODAY_PAGE_DEFAULT = 25  # items per group on one Today page
TODAY_PAGE_MAX = 100
MAX_SNOOZE_DAYS = 365  # a snooze ends at most this many days after your today
ARCHIVE_AT_ONCE = 500  # applications one archive-past-window or unarchive call changes


class Snooze(SQLModel, table=True):
    """An application left off Today until a day; its plan is unchanged (docs/domain.md)."""

    __tablename__ = "snoozes"

    application_id: int = Field(primary_key=True, foreign_key="applications.id", ondelete="CASCADE")
    until: date = Field(description="The first day the application is back on Today")
    created_at: datetime = timestamp_field()


class SnoozeCreate(InputModel):
    """Leave the application off Today until this day (after your today, within a year)."""

    until: Day


class SnoozePublic(SQLModel):
    application_id: int
    until: date


class TodayCounts(SQLModel):
    """How many applications each Today group holds, and when the next one falls due."""

    due_now: int
    closing_soon: int
    waiting: int
    past_window: int
    imported_past_window: int = Field(
        description="Imported applications already past their window when imported or since"
    )
    snoozed: int
    next_due_on: date | None = Field(description="The earliest due date of a waiting item")
    next_snooze_ends_on: date | None = Field(description="The earliest day a snooze ends")


class TodayGroup(SQLModel):
    """One Today group: its count, a page of its items and the cursor to the next page."""

    key: TodayGroupKey
    count: int
    items: list[DueItem]
    next_cursor: str | None


class TodayPage(SQLModel):
    """Today in one answer: the counts and a page of every group (or of the one asked for)."""

    on: date
    closing_soon_days: int
    counts: TodayCounts
    groups: list[TodayGroup]


class ArchiveIds(InputModel):
    """Applications to take out of the archive (undoing archive-past-window)."""

    application_ids: list[IdItem] = Field(min_length=1, max_length=ARCHIVE_AT_ONCE)


class UnarchiveResult(SQLModel):
    """The applications a bulk call changed."""

    application_ids: list[int]


class ArchiveResult(UnarchiveResult):
    """The applications archived (pass them to unarchive to undo), and how many are left."""

    remaining: int = Field(description="Past-window applications left for another call")


# --- posting analysis -----------------------------------------------------------------------


class PostingAnalyzeRequest(InputModel):
    """A posting's text; reference_date anchors "within 2 weeks" (usually the applied date)."""

    text: str = Field(max_length=50_000)
    reference_date: Day | None = None


class EvidencePublic(SQLModel):
    """One finding and the sentence it came from: text[start:end] == sentence."""

    finding: EvidenceFinding
    sentence: str
    start: int
    end: int
    confidence: float = Field(
        ge=0, le=1, description="How sure the reader is; under `confident` it asks you first"
    )


class PostingAnalysisPublic(SQLModel):
    """What a posting says about contacting the employer (each flag: found at any confidence)."""

    no_phone_calls: bool
    no_contact: bool
    only_shortlisted: bool
    response_within_days: int | None
    response_business_days: bool
    response_expected_on: date | None
    closes_on: date | None = Field(description="The posting's closing date, where it states one")
    window_counts_from: WindowCountsFrom | None = Field(
        description="What the response window counts from (null: no window)"
    )
    language: str = Field(description='The text\'s language: ISO 639-1, or "und" (undetermined)')
    language_message: str | None = Field(
        description="Why nothing may have been found (the text is not English); else null"
    )
    confident: float = Field(
        description="The confidence at which a finding applies to an application unasked"
    )
    evidence: list[EvidencePublic]


# --- reading a posting's fields (quick add) -------------------------------------------------


class PostingReadRequest(InputModel):
    """A pasted posting (text or HTML) and what a bookmarklet found on its page."""

    text: str = Field(
        default="", max_length=MAX_INPUT, description="The posting's text or HTML, as pasted"
    )
    json_ld: list[Annotated[str, Field(max_length=MAX_BLOCK)]] = Field(
        default_factory=list,
        max_length=MAX_BLOCKS,
        description="The page's application/ld+json blocks (a JobPosting is read from them)",
    )
    page_title: str | None = Field(default=None, max_length=300)
    reference_date: Day | None = Field(
        default=None, description='Anchors a year-less closing date ("closes 3 March")'
    )


class ReadFieldPublic(SQLModel):
    """One value read from the posting: from its JSON-LD (sure) or its text (a guess)."""

    value: str
    source: Literal["json_ld", "text"]
    confidence: float = Field(ge=0, le=1)


class ReadDayPublic(SQLModel):
    """One date read from the posting."""

    value: date
    source: Literal["json_ld", "text"]
    confidence: float = Field(ge=0, le=1)


class PostingFieldsPublic(SQLModel):
    """The fields read from a posting (null: not stated), and its plain text."""

    text: str = Field(description="The posting's plain text (HTML stripped), to analyze and keep")
    title: ReadFieldPublic | None
    company: ReadFieldPublic | None
    location: ReadFieldPublic | None
    posted_on: ReadDayPublic | None
    closes_on: ReadDayPublic | None = Field(description="JobPosting validThrough, or the text's")
    has_json_ld: bool = Field(description="A schema.org JobPosting was found and read")
