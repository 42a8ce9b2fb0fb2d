"""meter retirement

A meter's last day in service (拆除/停用); null while it is in service.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10 09:20:11.402117
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meters") as batch:
        batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meters") as batch:
        batch.drop_column("retired_on")
