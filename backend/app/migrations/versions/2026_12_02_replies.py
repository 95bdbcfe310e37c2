"""replies

An event can record an employer's reply (replies package): the pasted text, the
post-rejection asks the reply already answered, and the "still under consideration" news
(docs/domain.md, "Reading the employer's reply").

Revision ID: 3c1d2e7a9b40
Revises: 6fe94a811943
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c1d2e7a9b40"
down_revision: str | None = "6fe94a811943"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("still_under_consideration", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("reply_text", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("answered_asks", sa.String(length=100), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("answered_asks")
        batch.drop_column("reply_text")
        batch.drop_column("still_under_consideration")
