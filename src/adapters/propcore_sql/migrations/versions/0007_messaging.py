"""messaging

The in-app inbox, message preferences, and the channels each outbox message
has reached.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 18:53:28.427302
"""

import sqlalchemy as sa
from alembic import op

import propcore_sql.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "created_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "read_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_items")),
        sa.UniqueConstraint("key", name=op.f("uq_inbox_items_key")),
    )
    with op.batch_alter_table("inbox_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_inbox_items_account_id_read_at", ["account_id", "read_at"], unique=False
        )

    op.create_table(
        "message_preferences",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("quiet_start", sa.String(length=5), nullable=True),
        sa.Column("quiet_end", sa.String(length=5), nullable=True),
        sa.Column("opted_out", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_message_preferences")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "channels_done",
                sa.String(length=200),
                server_default="",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("channels_done")

    op.drop_table("message_preferences")
    with op.batch_alter_table("inbox_items", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_items_account_id_read_at")

    op.drop_table("inbox_items")
