"""default policy for every account

Accounts made before registration created the default policy get theirs here, with the
defaults of docs/domain.md (the policies table's model defaults on 2026-12-01), so no read
ever has to create one. Downgrading keeps them: they are ordinary policies by then.

Revision ID: a3091b5b48d1
Revises: 1e595ea73281
Create Date: 2026-12-01 23:20:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "a3091b5b48d1"
down_revision: str | None = "1e595ea73281"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

users = sa.table("users", sa.column("id", sa.Integer()))
policies = sa.table(
    "policies",
    sa.column("owner_id", sa.Integer()),
    sa.column("name", sa.String()),
    sa.column("wait_days", sa.Integer()),
    sa.column("window_days", sa.Integer()),
    sa.column("max_follow_ups", sa.Integer()),
    sa.column("response_grace_days", sa.Integer()),
    sa.column("business_days", sa.Boolean()),
    sa.column("holiday_country", sa.String()),
    sa.column("avoid_weekends", sa.Boolean()),
    sa.column("channels", sa.String()),
    sa.column("is_default", sa.Boolean()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
DEFAULTS = {
    "name": "Default",
    "wait_days": 7,
    "window_days": 14,
    "max_follow_ups": 1,
    "response_grace_days": 2,
    "business_days": False,
    "holiday_country": None,
    "avoid_weekends": True,
    "channels": "email phone",
    "is_default": True,
}


def upgrade() -> None:
    bind = op.get_bind()
    has_default = sa.select(policies.c.owner_id).where(policies.c.is_default == sa.true())
    owners = bind.execute(sa.select(users.c.id).where(users.c.id.not_in(has_default))).scalars()
    now = datetime.now(UTC)
    rows = [{**DEFAULTS, "owner_id": o, "created_at": now, "updated_at": now} for o in owners]
    if rows:
        bind.execute(policies.insert(), rows)


def downgrade() -> None:
    pass  # the policies stay: nothing tells a backfilled one from one made at registration
