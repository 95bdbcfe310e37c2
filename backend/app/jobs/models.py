"""One row per job: what to run, when, how often it was tried and who holds it now."""

from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, timestamp_field, utcnow

JobStatus = Literal["pending", "running", "done", "failed"]
MAX_KIND_LENGTH = 100
MAX_KEY_LENGTH = 200
MAX_ERROR_LENGTH = 2000


class Job(SQLModel, table=True):
    """A unit of work. pending → running (leased to one worker until lease_until) → done, or
    back to pending with a later run_at after a failure, or failed after max_attempts."""

    __tablename__ = "jobs"
    __table_args__ = (sa.Index("ix_jobs_status_run_at", "status", "run_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=MAX_KIND_LENGTH)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    # A job with a key is enqueued once: a second enqueue with the same key does nothing.
    key: str | None = Field(default=None, max_length=MAX_KEY_LENGTH, unique=True)
    status: str = Field(default="pending", max_length=16)
    run_at: datetime = Field(
        default_factory=utcnow, sa_column=sa.Column(UTCDateTime(), nullable=False)
    )
    attempts: int = 0
    max_attempts: int = 5
    lease_until: datetime | None = Field(
        default=None, sa_column=sa.Column(UTCDateTime(), nullable=True)
    )
    locked_by: str | None = Field(default=None, max_length=200)
    last_error: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = timestamp_field()
    finished_at: datetime | None = Field(
        default=None, sa_column=sa.Column(UTCDateTime(), nullable=True)
    )
