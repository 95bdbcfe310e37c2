"""Sending deliveries: claim one with a lease, POST it signed, record the answer, retry later.

At least once: a delivery stays pending until a receiver answers 2xx or its attempts run
out; a worker that dies mid-send leaves its lease to expire, and another sends it again
(the same webhook-id, so receivers can drop the repeat). Two workers never send it at the
same moment: the claim is one UPDATE that only one of them can win.

In order per subscription where possible: a delivery is not sent before every older one of
its subscription has had its first attempt; one waiting to be retried holds up none.

Redirects are not followed (a 3xx is a failed attempt), each attempt has TIMEOUT_SECONDS,
and the address is checked after DNS resolution (addresses.resolve).
"""

import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from urllib.parse import urlsplit, urlunsplit

import httpx
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db import writer
from app.webhooks import addresses, signing
from app.webhooks.models import (
    MAX_ERROR_LENGTH,
    MAX_RESPONSE_CHARS,
    WebhookDelivery,
    WebhookSubscription,
)

TIMEOUT_SECONDS = 10.0  # connect, send and each read of one attempt
LEASE_SECONDS = 60  # longer than an attempt can take; then another worker may take it
# The wait after each failed attempt: 8 attempts over 27 h 35 min, then the delivery fails.
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
SWITCH_OFF_AFTER = timedelta(days=3)  # of failing without one success: the webhook goes off
BATCH = 50  # deliveries one round looks at
USER_AGENT = "Touchbase-Webhooks/1.0"


@dataclass(frozen=True)
class Attempt:
    """What one attempt got: an answer (status code, first KB) or an error, and its time."""

    status_code: int | None
    body: str | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _ready(now: datetime) -> sa.ColumnElement[bool]:
    """Pending, due, not leased, and no older delivery of its subscription still unsent."""
    older = sa.inspect(WebhookDelivery).local_table.alias("older")
    unsent_before = (
        sa.select(older.c.id)
        .where(
            older.c.subscription_id == col(WebhookDelivery.subscription_id),
            older.c.id < col(WebhookDelivery.id),
            older.c.status == "pending",
            older.c.attempt == 0,
        )
        .exists()
    )
    return sa.and_(
        col(WebhookDelivery.status) == "pending",
        col(WebhookDelivery.next_attempt_at) <= now,
        sa.or_(
            col(WebhookDelivery.leased_until).is_(None), col(WebhookDelivery.leased_until) < now
        ),
        ~unsent_before,
    )


def ready_ids(engine: Engine, now: datetime, limit: int = BATCH) -> list[int]:
    """Deliveries that may be sent now, oldest first."""
    query = (
        sa.select(col(WebhookDelivery.id))
        .where(_ready(now))
        .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
        .limit(limit)
    )
    with Session(engine) as session:
        return list(session.execute(query).scalars())


def _claim(
    engine: Engine, delivery_id: int, now: datetime
) -> tuple[WebhookDelivery, WebhookSubscription, datetime] | None:
    """Lease the delivery to this caller; None when it is not ready or another has it."""
    lease = now + timedelta(seconds=LEASE_SECONDS)
    with Session(writer(engine), expire_on_commit=False) as session:
        result = session.execute(
            sa.update(WebhookDelivery)
            .where(col(WebhookDelivery.id) == delivery_id, _ready(now))
            .values(leased_until=lease)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            session.rollback()
            return None
        delivery = session.get(WebhookDelivery, delivery_id)
        assert delivery is not None
        subscription = session.get(WebhookSubscription, delivery.subscription_id)
        assert subscription is not None
        session.commit()
    return delivery, subscription, lease


@cache
def _tls_context() -> ssl.SSLContext:
    # httpx's default (certifi's CA store), loaded once per process: building it for each
    # client took about 50 ms, most of an attempt to a fast receiver.
    return httpx.create_ssl_context(trust_env=False)


def post(url: str, body: bytes, headers: dict[str, str], *, allow_private: bool) -> Attempt:
    """POST to the URL's checked address, no redirects, TIMEOUT_SECONDS; what came back."""
    started = time.perf_counter()

    def took() -> int:
        return round((time.perf_counter() - started) * 1000)

    try:
        target = addresses.resolve(url, allow_private=allow_private)
    except addresses.Refused as e:
        return Attempt(None, None, str(e), took())
    parts = urlsplit(url)
    ip = target.address.compressed
    netloc = f"[{ip}]:{target.port}" if target.address.version == 6 else f"{ip}:{target.port}"
    default_port = target.port == (443 if target.scheme == "https" else 80)
    host_header = target.host if default_port else f"{target.host}:{target.port}"
    direct = urlunsplit((target.scheme, netloc, parts.path or "/", parts.query, ""))
    sent = {
        **headers,
        "Host": host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        with (
            httpx.Client(
                timeout=TIMEOUT_SECONDS,
                follow_redirects=False,
                trust_env=False,
                verify=_tls_context(),
            ) as client,
            client.stream("POST", direct, content=body, headers=sent, extensions=extensions) as r,
        ):
            kept = b""
            error = None
            for chunk in r.iter_bytes():
                kept += chunk
                if len(kept) >= MAX_RESPONSE_CHARS * 4:  # enough for 1024 characters
                    break
                # httpx's timeout is per read: a receiver trickling bytes is cut off here, so
                # an attempt stays well inside LEASE_SECONDS.
                if time.perf_counter() - started > TIMEOUT_SECONDS:
                    error = f"the answer was cut off after {TIMEOUT_SECONDS:g} s"
                    break
            text = kept.decode("utf-8", errors="replace")[:MAX_RESPONSE_CHARS]
            if r.is_redirect:
                error = f"redirects are not followed (Location: {r.headers.get('location', '')})"
            return Attempt(r.status_code, text, error and error[:MAX_ERROR_LENGTH], took())
    except httpx.TimeoutException:
        return Attempt(None, None, f"no answer within {TIMEOUT_SECONDS:g} s", took())
    except httpx.HTTPError as e:
        return Attempt(None, None, f"{type(e).__name__}: {e}"[:MAX_ERROR_LENGTH], took())


def _record(
    engine: Engine, delivery_id: int, lease: datetime, attempt: Attempt, now: datetime
) -> str | None:
    """Store the attempt's outcome if the lease is still ours; the delivery's new status."""
    with Session(writer(engine), expire_on_commit=False) as session:
        query = select(WebhookDelivery).where(
            WebhookDelivery.id == delivery_id, WebhookDelivery.leased_until == lease
        )
        delivery = session.exec(query.with_for_update()).first()
        if delivery is None:  # deleted, or our lease ran out and another took it over
            return None
        sub = session.exec(
            select(WebhookSubscription)
            .where(WebhookSubscription.id == delivery.subscription_id)
            .with_for_update()
        ).first()
        delivery.attempt += 1
        delivery.status_code = attempt.status_code
        delivery.response_body = attempt.body
        delivery.error = attempt.error
        delivery.duration_ms = attempt.duration_ms
        delivery.last_attempt_at = now
        delivery.leased_until = None
        if attempt.ok:
            delivery.status, delivery.next_attempt_at = "delivered", None
        elif delivery.attempt >= MAX_ATTEMPTS:
            delivery.status, delivery.next_attempt_at = "failed", None
        else:
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempt - 1]
        session.add(delivery)
        if sub is not None:
            _follow_health(session, sub, attempt, now)
        session.commit()
        return delivery.status


def _follow_health(
    session: Session, sub: WebhookSubscription, attempt: Attempt, now: datetime
) -> None:
    """A success clears failing_since; failing for SWITCH_OFF_AFTER switches the webhook off."""
    if attempt.ok:
        if sub.failing_since is not None:
            sub.failing_since = None
            session.add(sub)
        return
    if sub.failing_since is None:
        sub.failing_since = now
        session.add(sub)
    elif sub.enabled and now - sub.failing_since >= SWITCH_OFF_AFTER:
        what = f"HTTP {attempt.status_code}" if attempt.status_code else attempt.error
        sub.enabled = False
        sub.disabled_reason = (
            f"Switched off on {now:%Y-%m-%d %H:%M} UTC: every delivery failed for "
            f"{SWITCH_OFF_AFTER.days} days (since {sub.failing_since:%Y-%m-%d %H:%M} UTC; "
            f"the last got {what})."
        )[:MAX_ERROR_LENGTH]
        sub.updated_at = now
        session.add(sub)
        session.flush()
        fail_pending(session, sub.id, "the webhook was switched off")  # type: ignore[arg-type]


def fail_pending(session: Session, subscription_id: int, reason: str) -> None:
    """Give up on a subscription's pending deliveries (it was switched off)."""
    session.execute(
        sa.update(WebhookDelivery)
        .where(
            col(WebhookDelivery.subscription_id) == subscription_id,
            col(WebhookDelivery.status) == "pending",
        )
        .values(status="failed", next_attempt_at=None, error=reason)
        .execution_options(synchronize_session=False)
    )


def deliver(
    engine: Engine, delivery_id: int, now: datetime, *, allow_private: bool = False
) -> str | None:
    """Send one delivery if it is ready and nobody else is sending it; its new status, or
    None when it was not this caller's to send."""
    claimed = _claim(engine, delivery_id, now)
    if claimed is None:
        return None
    delivery, sub, lease = claimed
    body = signing.body_of(delivery.payload)
    headers = signing.headers(sub.secret, delivery.event_id, now, body)
    attempt = post(sub.url, body, headers, allow_private=allow_private)
    return _record(engine, delivery_id, lease, attempt, now)


def deliver_due(
    engine: Engine, now: datetime, *, allow_private: bool = False, limit: int = BATCH
) -> int:
    """Send what is ready now, round after round until nothing is (or `limit` per round is
    reached once); how many attempts this caller made."""
    made = 0
    while ids := ready_ids(engine, now, limit):
        sent = sum(deliver(engine, i, now, allow_private=allow_private) is not None for i in ids)
        made += sent
        if sent == 0:
            break
    return made
