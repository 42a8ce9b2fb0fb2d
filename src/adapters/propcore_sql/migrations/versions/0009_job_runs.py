"""job runs

One row per periodic job and slot: its key is how one runner claims a slot.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03 18:53:33.684743
"""

import sqlalchemy as sa
from alembic import op

import propcore_sql.types

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_runs",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "slot", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "started_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "finished_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", "slot", name=op.f("pk_job_runs")),
    )
    with op.batch_alter_table("job_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_job_runs_started_at"), ["started_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("job_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_runs_started_at"))

    op.drop_table("job_runs")
