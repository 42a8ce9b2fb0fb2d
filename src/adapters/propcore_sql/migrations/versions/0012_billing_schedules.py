"""billing schedules

An estate's own bill-run day (出账日), from the 1st to the 28th; estates
without a row are billed on the deployment's day.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 10:12:40.118305
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "billing_schedules",
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("run_day", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "run_day BETWEEN 1 AND 28", name="ck_billing_schedules_run_day"
        ),
        sa.ForeignKeyConstraint(
            ["estate_id"],
            ["org_nodes.id"],
            name=op.f("fk_billing_schedules_estate_id_org_nodes"),
        ),
        sa.PrimaryKeyConstraint("estate_id", name=op.f("pk_billing_schedules")),
    )


def downgrade() -> None:
    op.drop_table("billing_schedules")
