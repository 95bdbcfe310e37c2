"""scheduled applications index

An index of applications by owner and stored dates that holds every column Today's group
counts read (archived, deleted_at, imported_at and the id the snoozes join on): the counts
come from the index alone instead of a visit to each of the owner's scheduled rows (at
10,000 applications an owner, 6.0 -> 4.4 ms on SQLite).

Revision ID: e7f3a4b5c6d8
Revises: d6e2f3a4b5c7
Create Date: 2026-12-03 12:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e7f3a4b5c6d8"
down_revision: str | None = "d6e2f3a4b5c7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_applications_owner_scheduled",
        "applications",
        [
            "owner_id",
            "next_due_on",
            "window_closes_on",
            "archived",
            "deleted_at",
            "imported_at",
            "id",
        ],
    )
    bind = op.get_bind()
    stats = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(stats).first():
        op.execute("ANALYZE applications")  # statistics that know the new index


def downgrade() -> None:
    op.drop_index("ix_applications_owner_scheduled", table_name="applications")
