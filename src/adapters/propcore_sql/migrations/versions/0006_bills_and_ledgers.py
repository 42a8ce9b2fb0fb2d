"""bills and ledgers

Bills with their self-explaining lines (one per unit, payer and period),
residents' ledger entries and settlements, receipt books and receipts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 18:53:50.802949
"""

import sqlalchemy as sa
from alembic import op

import propcore_sql.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("resident_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.Column("at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("balance_change", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.Column("bill_id", sa.Uuid(), nullable=True),
        sa.Column("due_change", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.Column("prepaid_change", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("refers_to", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("payment", sa.JSON(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["people.id"],
            name=op.f("fk_ledger_entries_resident_id_people"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("id", name=op.f("uq_ledger_entries_id")),
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_ledger_entries_idempotency_key")
        ),
    )
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_entries_bill_id"), ["bill_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ledger_entries_resident_id"), ["resident_id"], unique=False
        )

    op.create_table(
        "receipt_books",
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("last_used", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["estate_id"],
            ["org_nodes.id"],
            name=op.f("fk_receipt_books_estate_id_org_nodes"),
        ),
        sa.PrimaryKeyConstraint("estate_id", name=op.f("pk_receipt_books")),
    )
    op.create_table(
        "receipts",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column(
            "issued_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["estate_id"],
            ["org_nodes.id"],
            name=op.f("fk_receipts_estate_id_org_nodes"),
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_receipts")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_receipts_payment_id")),
    )
    op.create_table(
        "ledger_settlements",
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("bill_id", sa.Uuid(), nullable=False),
        sa.Column("amount", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_ledger_settlements_entry_id_ledger_entries"),
        ),
        sa.PrimaryKeyConstraint(
            "entry_id", "bill_id", name=op.f("pk_ledger_settlements")
        ),
    )
    with op.batch_alter_table("ledger_settlements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ledger_settlements_bill_id", ["bill_id"], unique=False
        )

    op.create_table(
        "bills",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("payer_id", sa.Uuid(), nullable=False),
        sa.Column("payer_role", sa.String(length=20), nullable=False),
        sa.Column("period_first", sa.Date(), nullable=False),
        sa.Column("period_last", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("total", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.Column(
            "issued_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["estate_id"], ["org_nodes.id"], name=op.f("fk_bills_estate_id_org_nodes")
        ),
        sa.ForeignKeyConstraint(
            ["payer_id"], ["people.id"], name=op.f("fk_bills_payer_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_bills_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bills")),
        sa.UniqueConstraint(
            "unit_id",
            "payer_id",
            "period_first",
            name=op.f("uq_bills_unit_id_payer_id_period_first"),
        ),
    )
    with op.batch_alter_table("bills", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bills_estate_id_period_first",
            ["estate_id", "period_first"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_bills_payer_id"), ["payer_id"], unique=False
        )

    op.create_table(
        "bill_lines",
        sa.Column("bill_id", sa.Uuid(), nullable=False),
        sa.Column("line_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("item_code", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("formula", sa.Text(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("unrounded", sa.String(length=60), nullable=False),
        sa.Column("amount", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.Column("rounding", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("corrects_bill_id", sa.Uuid(), nullable=True),
        sa.Column("corrects_line_no", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_bill_lines_bill_id_bills")
        ),
        sa.PrimaryKeyConstraint("bill_id", "line_no", name=op.f("pk_bill_lines")),
    )


def downgrade() -> None:
    op.drop_table("bill_lines")
    with op.batch_alter_table("bills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bills_payer_id"))
        batch_op.drop_index("ix_bills_estate_id_period_first")

    op.drop_table("bills")
    with op.batch_alter_table("ledger_settlements", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_settlements_bill_id")

    op.drop_table("ledger_settlements")
    op.drop_table("receipts")
    op.drop_table("receipt_books")
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_entries_resident_id"))
        batch_op.drop_index(batch_op.f("ix_ledger_entries_bill_id"))

    op.drop_table("ledger_entries")
