"""board: soft delete and the next-due sort

applications.deleted_at (a bulk delete hides the row until restored or purged after
PURGE_AFTER_DAYS), and the (owner_id, next_due_on, id) index the list sorts by next due with.

Revision ID: b0a4d5e1c7f2
Revises: 3b8e2f1d9c4a
Create Date: 2026-12-02 14:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b0a4d5e1c7f2"
down_revision: str | None = "3b8e2f1d9c4a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_applications_deleted", ["deleted_at"])
        batch.create_index("ix_applications_owner_due_sort", ["owner_id", "next_due_on", "id"])


def downgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.drop_index("ix_applications_owner_due_sort")
        batch.drop_index("ix_applications_deleted")
        batch.drop_column("deleted_at")
