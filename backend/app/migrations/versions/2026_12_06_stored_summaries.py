"""stored summaries

Each application's row as the lists show it (applications.summaries): the due list and the
applications list serve it as stored. Existing rows get theirs on their next write or from
`touchbase refresh-plans`; until then the lists read their columns.

Revision ID: f8a4b5c6d7e9
Revises: e7f3a4b5c6d8
Create Date: 2026-12-06 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f8a4b5c6d7e9"
down_revision: str | None = "e7f3a4b5c6d8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("summary", sa.Text(), nullable=True))
        batch.add_column(sa.Column("summary_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("summary_version")
        batch.drop_column("summary")
