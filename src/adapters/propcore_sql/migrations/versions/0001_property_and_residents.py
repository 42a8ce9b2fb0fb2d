"""property and residents

Revision ID: 0001
Revises:
Create Date: 2026-12-03 16:25:38.522762
"""

import sqlalchemy as sa
from alembic import op

import propcore_sql.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "admin_accounts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_accounts")),
        sa.UniqueConstraint("username", name=op.f("uq_admin_accounts_username")),
    )
    op.create_table(
        "org_nodes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["org_nodes.id"],
            name=op.f("fk_org_nodes_parent_id_org_nodes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_nodes")),
    )
    with op.batch_alter_table("org_nodes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_org_nodes_parent_id"), ["parent_id"], unique=False
        )

    op.create_table(
        "people",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=40), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("interest_tags", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_phone"), ["phone"], unique=False)

    op.create_table(
        "buildings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["estate_id"],
            ["org_nodes.id"],
            name=op.f("fk_buildings_estate_id_org_nodes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buildings")),
        sa.UniqueConstraint(
            "estate_id", "name", name=op.f("uq_buildings_estate_id_name")
        ),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("entrance", sa.String(length=20), nullable=False),
        sa.Column("floor", sa.Integer(), nullable=False),
        sa.Column("room", sa.String(length=20), nullable=False),
        sa.Column("gross_area", propcore_sql.types.ExactDecimal(2), nullable=False),
        sa.Column("usable_area", propcore_sql.types.ExactDecimal(2), nullable=True),
        sa.Column("layout", sa.String(length=20), nullable=True),
        sa.Column("usage", sa.String(length=20), nullable=False),
        sa.Column(
            "fee_coefficient", propcore_sql.types.ExactDecimal(4), nullable=False
        ),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_units_building_id_buildings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint(
            "building_id", "label", name=op.f("uq_units_building_id_label")
        ),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_units_status"), ["status"], unique=False)

    op.create_table(
        "occupancies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("share", propcore_sql.types.ExactDecimal(2), nullable=True),
        sa.Column("head_id", sa.Uuid(), nullable=True),
        sa.Column("lease_start", sa.Date(), nullable=True),
        sa.Column("lease_end", sa.Date(), nullable=True),
        sa.Column("rent", propcore_sql.types.ExactDecimal(2), nullable=True),
        sa.Column("deposit", propcore_sql.types.ExactDecimal(2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("tenant_pays", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["head_id"],
            ["occupancies.id"],
            name=op.f("fk_occupancies_head_id_occupancies"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_occupancies_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_occupancies_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_occupancies")),
    )
    with op.batch_alter_table("occupancies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_occupancies_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_occupancies_unit_id"), ["unit_id"], unique=False
        )

    op.create_table(
        "unit_status_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("from_status", sa.String(length=40), nullable=True),
        sa.Column("to_status", sa.String(length=40), nullable=False),
        sa.Column(
            "changed_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_unit_status_changes_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_status_changes")),
    )
    with op.batch_alter_table("unit_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_status_changes_unit_id"), ["unit_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("unit_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_status_changes_unit_id"))

    op.drop_table("unit_status_changes")
    with op.batch_alter_table("occupancies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_occupancies_unit_id"))
        batch_op.drop_index(batch_op.f("ix_occupancies_person_id"))

    op.drop_table("occupancies")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_units_status"))

    op.drop_table("units")
    op.drop_table("buildings")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_phone"))
        batch_op.drop_index(batch_op.f("ix_people_name"))

    op.drop_table("people")
    with op.batch_alter_table("org_nodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_nodes_parent_id"))

    op.drop_table("org_nodes")
    op.drop_table("admin_accounts")
