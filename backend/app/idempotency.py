"""Idempotency-Key for POSTs: the same key and body replay the first response, for 24 hours."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Header
from sqlmodel import Field, Session, SQLModel, col, select

from app.db import lock_key, timestamp_field, utcnow
from app.errors import Unprocessable
from app.web import responses

TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255
# The optional Idempotency-Key request header of the creates, as a route parameter's type.
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        min_length=1,
        max_length=MAX_KEY_LENGTH,
        description="Send the same key to retry safely: the first response is replayed",
    ),
]


class IdempotencyKey(SQLModel, table=True):
    """The first response to a keyed request, kept per user for 24 hours."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("user_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    key: str = Field(max_length=MAX_KEY_LENGTH)
    request_hash: str = Field(max_length=64)
    status_code: int
    response_body: str = Field(sa_type=sa.Text)
    headers: str = Field(sa_type=sa.Text)  # JSON object of the headers to replay
    created_at: datetime = timestamp_field(index=True)


@dataclass(frozen=True, slots=True)
class Stored:
    status_code: int
    body: Any
    headers: dict[str, str]


def fingerprint(method: str, path: str, body: Any) -> str:
    """A hash of what the request asked for; a different body under one key is an error."""
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def claim(session: Session, user_id: int, key: str, request_hash: str) -> Stored | None:
    """Lock the key for this transaction; return the stored response if it was used before."""
    lock_key(session, f"idempotency:{user_id}:{key}")
    row = session.exec(
        select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
    ).first()
    if row is not None and row.created_at <= utcnow() - TTL:
        session.delete(row)
        session.flush()
        row = None
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise Unprocessable(
            "This Idempotency-Key was already used with a different request body.",
            slug="idempotency-key-reused",
        )
    return Stored(row.status_code, json.loads(row.response_body), json.loads(row.headers))


def remember(
    session: Session,
    user_id: int,
    key: str,
    request_hash: str,
    stored: Stored,
) -> None:
    """Keep the response in the same transaction as the write it answers (the caller commits)."""
    session.add(
        IdempotencyKey(
            user_id=user_id,
            key=key,
            request_hash=request_hash,
            status_code=stored.status_code,
            response_body=responses.dumps(stored.body).decode(),  # as the answer is written
            headers=json.dumps(stored.headers),
        )
    )
    session.execute(
        sa.delete(IdempotencyKey).where(col(IdempotencyKey.created_at) < utcnow() - TTL)
    )
