"""billing configuration

Fee items, their rate versions, meters and meter readings: what bill runs
read. Nested fee settings (tiers, discounts, the late-fee rule, escalation,
plugin options) are JSON columns.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 18:19:05.715362
"""

import sqlalchemy as sa
from alembic import op

import propcore_sql.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fee_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("fee_type", sa.String(length=100), nullable=False),
        sa.Column("cycle", sa.String(length=20), nullable=False),
        sa.Column("payment_mode", sa.String(length=20), nullable=False),
        sa.Column("due_day", sa.Integer(), nullable=False),
        sa.Column("due_months_after", sa.Integer(), nullable=False),
        sa.Column("rounding", sa.String(length=40), nullable=False),
        sa.Column("area_basis", sa.String(length=20), nullable=False),
        sa.Column("tier_cycle", sa.String(length=20), nullable=False),
        sa.Column("applies_to", sa.JSON(), nullable=False),
        sa.Column("tiers", sa.JSON(), nullable=False),
        sa.Column("late_fee", sa.JSON(), nullable=True),
        sa.Column("discounts", sa.JSON(), nullable=False),
        sa.Column("escalation", sa.JSON(), nullable=True),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["estate_id"],
            ["org_nodes.id"],
            name=op.f("fk_fee_items_estate_id_org_nodes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_items")),
        sa.UniqueConstraint(
            "estate_id", "name", name=op.f("uq_fee_items_estate_id_name")
        ),
    )
    op.create_table(
        "rate_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fee_item_id", sa.Uuid(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("rate", propcore_sql.types.ExactDecimal(4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["fee_item_id"],
            ["fee_items.id"],
            name=op.f("fk_rate_versions_fee_item_id_fee_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_versions")),
        sa.UniqueConstraint(
            "fee_item_id",
            "valid_from",
            name=op.f("uq_rate_versions_fee_item_id_valid_from"),
        ),
    )
    op.create_table(
        "meters",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("common_area", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("rollover_at", propcore_sql.types.ExactDecimal(4), nullable=True),
        sa.ForeignKeyConstraint(
            ["estate_id"], ["org_nodes.id"], name=op.f("fk_meters_estate_id_org_nodes")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_meters_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meters")),
    )
    with op.batch_alter_table("meters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meters_estate_id"), ["estate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meters_unit_id"), ["unit_id"], unique=False
        )

    op.create_table(
        "meter_readings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("meter_id", sa.Uuid(), nullable=False),
        sa.Column("read_on", sa.Date(), nullable=False),
        sa.Column("value", propcore_sql.types.ExactDecimal(4), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("start_value", propcore_sql.types.ExactDecimal(4), nullable=True),
        sa.ForeignKeyConstraint(
            ["meter_id"], ["meters.id"], name=op.f("fk_meter_readings_meter_id_meters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_readings")),
        sa.UniqueConstraint(
            "meter_id", "read_on", name=op.f("uq_meter_readings_meter_id_read_on")
        ),
    )


def downgrade() -> None:
    op.drop_table("meter_readings")
    with op.batch_alter_table("meters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meters_unit_id"))
        batch_op.drop_index(batch_op.f("ix_meters_estate_id"))

    op.drop_table("meters")
    op.drop_table("rate_versions")
    op.drop_table("fee_items")
