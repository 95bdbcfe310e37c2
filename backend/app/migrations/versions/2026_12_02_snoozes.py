"""snoozes

Today's snoozes (followups.models.Snooze): an application left off Today until a day. The
plan and the due list are unchanged by a snooze (docs/domain.md, "Today").

Revision ID: 6fe94a811943
Revises: 6403f04dcae4
Create Date: 2026-12-02 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6fe94a811943"
down_revision: str | None = "6403f04dcae4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "snoozes",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_snoozes_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_snoozes")),
    )


def downgrade() -> None:
    op.drop_table("snoozes")
