"""stored plans

The due list's stored plans (followups.stored). Existing applications get theirs on their next
write or from `touchbase refresh-plans`; until then the due list computes them.

Revision ID: 1e595ea73281
Revises: 0b6a43a67b99
Create Date: 2026-11-25 20:26:42.778301
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1e595ea73281"
down_revision: str | None = "0b6a43a67b99"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stored_plans",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("plan", sa.Text(), nullable=False),
        sa.Column("others", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_stored_plans_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_stored_plans")),
    )


def downgrade() -> None:
    op.drop_table("stored_plans")
