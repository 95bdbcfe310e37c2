"""closing dates and response windows

Applications gain the posting's closing date (closes_on, editable) and the response window
the posting states, as applied: its length, whether in business days, and what it counts
from ("within 4 weeks of the closing date" counts from closes_on). Existing rows start
empty: their next posting edit reads them.

Revision ID: 6403f04dcae4
Revises: 5c0d7e2f9a41
Create Date: 2026-12-02 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6403f04dcae4"
down_revision: str | None = "5c0d7e2f9a41"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("closes_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("response_window_days", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column(
                "response_window_business", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(sa.Column("window_counts_from", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("window_counts_from")
        batch.drop_column("response_window_business")
        batch.drop_column("response_window_days")
        batch.drop_column("closes_on")
