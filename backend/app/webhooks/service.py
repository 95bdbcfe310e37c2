"""Webhook subscriptions and their deliveries; the events of a transaction become deliveries.

Services below this package announce changes with app.events.emit; the session hooks here
drain those events after every flush and at commit, and add one delivery per enabled
subscription that wants the event, in the same transaction. A rolled-back write leaves none.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, func, select

from app import events
from app.auth.models import User
from app.db import CursorSelect, PerTransaction, apply_changes, lock_key, utcnow
from app.errors import Conflict, NotFound, field_error
from app.pagination import decode_cursor, encode_cursor, invalid_cursor
from app.webhooks import addresses, signing
from app.webhooks.delivery import fail_pending
from app.webhooks.models import (
    MAX_SUBSCRIPTIONS,
    PING,
    WebhookCreate,
    WebhookDelivery,
    WebhookSubscription,
    WebhookUpdate,
)

# --- subscriptions -----------------------------------------------------------------------------


def list_subscriptions(session: Session, user: User) -> list[WebhookSubscription]:
    """The caller's webhooks, oldest first."""
    query = select(WebhookSubscription).where(WebhookSubscription.owner_id == user.id)
    return list(session.exec(query.order_by(col(WebhookSubscription.id))))


def get(session: Session, user: User, subscription_id: int) -> WebhookSubscription:
    """The caller's webhook, or 404 (another user's id is a 404 too)."""
    row = session.get(WebhookSubscription, subscription_id)
    if row is None or row.owner_id != user.id:
        raise NotFound(f"There is no webhook {subscription_id}.", slug="webhook-not-found")
    return row


def _check_url(url: str, allow_private: bool) -> None:
    try:
        addresses.check_saved(url, allow_private=allow_private)
    except addresses.Refused as e:
        raise field_error("url", "address refused", str(e), "webhook-url-refused") from None


def create(
    session: Session, user: User, data: WebhookCreate, *, allow_private: bool
) -> WebhookSubscription:
    """Add a webhook (at most MAX_SUBSCRIPTIONS) with a fresh signing secret."""
    _check_url(data.url, allow_private)
    owner_id: int = user.id  # type: ignore[assignment]
    lock_key(session, f"webhooks:{owner_id}")  # so two requests cannot both take the last place
    count = session.exec(
        select(func.count())
        .select_from(WebhookSubscription)
        .where(WebhookSubscription.owner_id == owner_id)
    ).one()
    if count >= MAX_SUBSCRIPTIONS:
        raise Conflict(
            f"You can keep at most {MAX_SUBSCRIPTIONS} webhooks.", slug="too-many-webhooks"
        )
    row = WebhookSubscription(
        owner_id=owner_id,
        url=data.url,
        description=data.description,
        event_types=" ".join(dict.fromkeys(data.event_types)),
        enabled=data.enabled if data.enabled is not None else True,
        secret=signing.new_secret(),
    )
    session.add(row)
    session.commit()
    return row


def update(
    session: Session, row: WebhookSubscription, data: WebhookUpdate, *, allow_private: bool
) -> WebhookSubscription:
    """Change the fields sent; turning a webhook on again clears why it was switched off."""
    fields = data.model_dump(exclude_unset=True)
    if "url" in fields:
        _check_url(fields["url"], allow_private)
    if "event_types" in fields:
        fields["event_types"] = " ".join(dict.fromkeys(fields["event_types"]))
    if fields.get("enabled") is True and not row.enabled:
        fields |= {"disabled_reason": None, "failing_since": None}
    if fields.get("enabled") is False and row.enabled:
        fail_pending(session, row.id, "the webhook was turned off")  # type: ignore[arg-type]
    apply_changes(row, fields)
    session.add(row)
    session.commit()
    return row


def rotate_secret(session: Session, row: WebhookSubscription) -> WebhookSubscription:
    """A new signing secret; the old one signs nothing from now on."""
    apply_changes(row, {"secret": signing.new_secret()})
    session.add(row)
    session.commit()
    return row


def delete(session: Session, row: WebhookSubscription) -> None:
    """Delete a webhook with its delivery log."""
    session.execute(
        sa.delete(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == row.id)
    )
    session.delete(row)
    session.commit()


# --- deliveries --------------------------------------------------------------------------------


def envelope(event_type: str, at: datetime, data: dict[str, Any]) -> dict[str, Any]:
    """The body of every delivery: the event's type, its time and the resource."""
    return {"type": event_type, "timestamp": at.isoformat().replace("+00:00", "Z"), "data": data}


def _delivery(sub: Any, event_id: str, event_type: str, payload: dict[str, Any]) -> WebhookDelivery:
    now = utcnow()
    return WebhookDelivery(
        subscription_id=sub.id,
        event_id=event_id,
        event_type=event_type,
        payload=payload,
        next_attempt_at=now,
        created_at=now,
    )


def ping(session: Session, row: WebhookSubscription) -> WebhookDelivery:
    """Queue a ping event to this webhook (sent even while it is off)."""
    data = {"webhook_id": row.id, "message": "Touchbase says hello."}
    delivery = _delivery(row, signing.new_event_id(), PING, envelope(PING, utcnow(), data))
    session.add(delivery)
    session.commit()
    return delivery


def get_delivery(session: Session, row: WebhookSubscription, delivery_id: int) -> WebhookDelivery:
    """One delivery of the caller's webhook, or 404."""
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.subscription_id != row.id:
        raise NotFound(
            f"Webhook {row.id} has no delivery {delivery_id}.", slug="delivery-not-found"
        )
    return delivery


def redeliver(session: Session, row: WebhookSubscription, old: WebhookDelivery) -> WebhookDelivery:
    """Queue the same event again (the same webhook-id and body), as a new log entry."""
    delivery = _delivery(row, old.event_id, old.event_type, old.payload)
    session.add(delivery)
    session.commit()
    return delivery


def list_deliveries(
    session: Session, row: WebhookSubscription, *, limit: int, cursor: str | None
) -> tuple[list[WebhookDelivery], str | None]:
    """One page of the webhook's delivery log, newest first."""
    query = select(WebhookDelivery).where(WebhookDelivery.subscription_id == row.id)
    if cursor:
        (last_id,) = decode_cursor(cursor, 1)
        if not isinstance(last_id, int) or isinstance(last_id, bool):
            raise invalid_cursor()
        query = query.where(col(WebhookDelivery.id) < last_id)
    rows = list(session.exec(query.order_by(col(WebhookDelivery.id).desc()).limit(limit + 1)))
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, encode_cursor([rows[-1].id])
    return rows, None


# --- events become deliveries, in the transaction that caused them -----------------------------


# Each owner's enabled subscriptions (their id and event types), read once per transaction
# (a write drains at each flush).
_WANTED: PerTransaction[dict[int, list[Any]]] = PerTransaction("webhooks.wanted", dict)


# Every write that announces something reads its owner's subscriptions: built once, a select
# of the two columns a delivery needs on the DBAPI cursor (an ORM load cost a create a tenth
# of its time).
_ENABLED = CursorSelect(
    sa.select(col(WebhookSubscription.id), col(WebhookSubscription.event_types)).where(
        col(WebhookSubscription.owner_id) == sa.bindparam("owner_id"),
        col(WebhookSubscription.enabled).is_(True),
    )
)


def queue_events(session: Session, pending: list[events.Pending]) -> int:
    """One delivery per enabled subscription wanting each event; how many were added."""
    added = 0
    wanted = _WANTED.get(session)
    for item in pending:
        if item.owner_id not in wanted:
            wanted[item.owner_id] = _ENABLED.rows(session.connection(), {"owner_id": item.owner_id})
        subs = [s for s in wanted[item.owner_id] if item.type in s.event_types.split()]
        if not subs:
            continue
        payload = envelope(item.type, item.occurred_at, item.resource())
        event_id = signing.new_event_id()
        for sub in subs:
            session.add(_delivery(sub, event_id, item.type, payload))
            added += 1
    return added


def _drain(session: OrmSession) -> None:
    pending = events.drain(session)
    if pending:
        queue_events(session, pending)  # type: ignore[arg-type]


@event.listens_for(OrmSession, "after_flush_postexec")
def _queue_on_flush(session: OrmSession, _context: Any) -> None:
    # After the flush, so new rows have their ids; the deliveries go in with the next flush
    # (commit flushes until nothing is left). Events emitted while this flush stored plans
    # (plan.changed) come out here or at the next one.
    _drain(session)


@event.listens_for(OrmSession, "before_commit")
def _queue_on_commit(session: OrmSession) -> None:
    _drain(session)
