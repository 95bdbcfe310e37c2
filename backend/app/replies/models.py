"""The API's words for reading an employer's reply and recording it on an application."""

from datetime import date
from typing import Literal

from pydantic import Field
from sqlmodel import SQLModel

from app.applications.models import EventPublic
from app.inputs import Day, InputModel
from app.reading.replies import MAX_TEXT, ReplyFinding, ReplyKind
from app.vocabulary import EventKind, Status

MAX_REPLY_TEXT = MAX_TEXT  # characters of a pasted reply (app.reading.replies.MAX_TEXT)
MAX_WINDOW_DAYS = 365  # a response window set by hand, in days
Feedback = Literal["offered", "refused"]


class ReplyText(InputModel):
    """A pasted reply; received_on (default: today) dates the window it states."""

    text: str = Field(min_length=1, max_length=MAX_REPLY_TEXT)
    received_on: Day | None = None


class ReplyEvidence(SQLModel):
    """One finding and the sentence it came from: text[start:end] == sentence."""

    finding: ReplyFinding
    sentence: str
    start: int
    end: int
    confidence: float = Field(description="0..1; at least 0.8 applies without asking")


class ReplyNews(SQLModel):
    """The news the reply carries; null where it says nothing."""

    position_still_open: bool | None
    applicant_count: int | None
    interviews_being_scheduled: bool
    still_under_consideration: bool


class ReplyAnalysisPublic(SQLModel):
    """What a reply means, with evidence for every finding and what recording it would do."""

    kind: ReplyKind
    news: ReplyNews
    response_within_days: int | None
    response_business_days: bool
    response_expected_on: date | None = Field(description="received_on plus the stated window")
    future_openings_invited: bool
    feedback_offered: Feedback | None
    evidence: list[ReplyEvidence]
    unsure: list[ReplyFinding] = Field(
        description="Findings below the confidence that applies without asking: confirm them"
    )
    quoted_from: int | None = Field(
        description="Where quoted earlier messages begin in the text (they are not read)"
    )
    event_kind: EventKind = Field(description="The timeline event recording the reply adds")
    status: Status | None = Field(description="The status recording it sets, if it sets one")


class ReplyRecord(ReplyText):
    """Record a reply: the analysis, changed by any field sent here (your edits win)."""

    dry_run: bool = Field(
        default=False, description="Preview what would be recorded; write nothing"
    )
    kind: ReplyKind | None = None
    position_still_open: bool | None = None
    applicant_count: int | None = Field(default=None, ge=0, le=1_000_000)
    interviews_being_scheduled: bool | None = None
    still_under_consideration: bool | None = None
    response_within_days: int | None = Field(default=None, ge=1, le=MAX_WINDOW_DAYS)
    response_business_days: bool | None = None
    future_openings_invited: bool | None = None
    feedback_offered: Feedback | None = None
    summary: str | None = Field(default=None, max_length=2000)


class ReplyOutcome(SQLModel):
    """What recording the reply does (or, on a dry run, would do)."""

    kind: ReplyKind
    event_kind: EventKind
    occurred_on: date
    summary: str | None
    news: ReplyNews
    status: Status | None = Field(description="The status the application gets, if it changes")
    response_expected_on: date | None = Field(description="The new expectation, if one is stated")
    answered_asks: list[EventKind] = Field(
        description="Post-rejection asks the reply already answered; the plan skips them"
    )


class ReplyRecorded(SQLModel):
    """The analysis, what was recorded, and the event (null on a dry run)."""

    dry_run: bool
    analysis: ReplyAnalysisPublic
    outcome: ReplyOutcome
    event: EventPublic | None
