"""calendar feed for every account

Accounts now get their calendar feed when they are made (calendar.service), so showing the
feed's URL is a read that never writes. Accounts made before that get theirs here, each with
a fresh secret. Downgrading keeps them: a feed made here is an ordinary feed by then.

Revision ID: 5c0d7e2f9a41
Revises: a3091b5b48d1
Create Date: 2026-12-02 00:30:00
"""

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "5c0d7e2f9a41"
down_revision: str | None = "a3091b5b48d1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

users = sa.table("users", sa.column("id", sa.Integer()))
feeds = sa.table(
    "calendar_feeds",
    sa.column("user_id", sa.Integer()),
    sa.column("secret", sa.String()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    bind = op.get_bind()
    has_feed = sa.select(feeds.c.user_id)
    owners = bind.execute(sa.select(users.c.id).where(users.c.id.not_in(has_feed))).scalars()
    now = datetime.now(UTC)
    rows = [{"user_id": o, "secret": secrets.token_urlsafe(24), "created_at": now} for o in owners]
    if rows:
        bind.execute(feeds.insert(), rows)


def downgrade() -> None:
    pass  # the feeds stay: nothing tells a backfilled one from one made with its account
