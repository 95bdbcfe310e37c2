"""live applications index

An index of applications by owner, deleted_at, status and archived: the applications
list's total is counted from it alone, so a page costs about the same at 100 or 10,000
applications an owner (it visited every one of the owner's rows for their deleted_at).

Revision ID: c5d1e2f3a4b6
Revises: 54b1fa1d0d4a
Create Date: 2026-12-03 07:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c5d1e2f3a4b6"
down_revision: str | None = "54b1fa1d0d4a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_applications_owner_live",
        "applications",
        ["owner_id", "deleted_at", "status", "archived"],
    )
    bind = op.get_bind()
    stats = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(stats).first():
        # SQLite statistics without this index would have it chosen for every list page.
        op.execute("ANALYZE applications")


def downgrade() -> None:
    op.drop_index("ix_applications_owner_live", table_name="applications")
