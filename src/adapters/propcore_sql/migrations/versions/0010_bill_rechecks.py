"""bill rechecks

Bills to compute again at their unit's next run, after a rate or a reading
they used changed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 19:25:02.224937
"""

import sqlalchemy as sa
from alembic import op

import propcore_sql.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bill_rechecks",
        sa.Column("bill_id", sa.Uuid(), nullable=False),
        sa.Column(
            "marked_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_bill_rechecks_bill_id_bills")
        ),
        sa.PrimaryKeyConstraint("bill_id", name=op.f("pk_bill_rechecks")),
    )


def downgrade() -> None:
    op.drop_table("bill_rechecks")
