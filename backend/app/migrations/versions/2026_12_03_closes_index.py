"""applications by window end

An index of applications by owner and window_closes_on: Today's groups that list by the
window's end (due now, closing soon, past the window) read their page of 25 off it instead
of sorting all of the owner's scheduled applications (at 1,000 applications an owner, the
whole Today page went from 10 to 4 ms on SQLite).

Revision ID: d6e2f3a4b5c7
Revises: c5d1e2f3a4b6
Create Date: 2026-12-03 08:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d6e2f3a4b5c7"
down_revision: str | None = "c5d1e2f3a4b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_applications_owner_closes", "applications", ["owner_id", "window_closes_on", "id"]
    )
    bind = op.get_bind()
    stats = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(stats).first():
        op.execute("ANALYZE applications")  # statistics that know the new index


def downgrade() -> None:
    op.drop_index("ix_applications_owner_closes", table_name="applications")
