"""community

Notices and whom they reached, incidents and their timelines, community
events with their seat counters and sign-ups, and people's consent to the
use of their age and interests for events (existing people: not given).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 18:56:47.960228
"""

import sqlalchemy as sa
from alembic import op

import propcore_sql.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column(
            "starts_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("youngest", sa.Integer(), nullable=True),
        sa.Column("oldest", sa.Integer(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column(
            "created_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.CheckConstraint("taken >= 0 AND taken <= capacity", name="ck_events_seats"),
        sa.ForeignKeyConstraint(
            ["estate_id"], ["org_nodes.id"], name=op.f("fk_events_estate_id_org_nodes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_events_estate_id"), ["estate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_events_starts_at"), ["starts_at"], unique=False
        )

    op.create_table(
        "notices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("urgency", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column(
            "publish_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "expires_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "published_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "created_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["estate_id"], ["org_nodes.id"], name=op.f("fk_notices_estate_id_org_nodes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notices_estate_id"), ["estate_id"], unique=False
        )
        batch_op.create_index(
            "ix_notices_status_publish_at", ["status", "publish_at"], unique=False
        )

    op.create_table(
        "event_signups",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "signed_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_event_signups_account_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_signups_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_event_signups_person_id_people")
        ),
        sa.PrimaryKeyConstraint(
            "event_id", "account_id", name=op.f("pk_event_signups")
        ),
    )
    with op.batch_alter_table("event_signups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_signups_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "incidents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("estate_id", sa.Uuid(), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column(
            "reported_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("reported_by", sa.Uuid(), nullable=True),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("notice_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_incidents_building_id_buildings"),
        ),
        sa.ForeignKeyConstraint(
            ["estate_id"],
            ["org_nodes.id"],
            name=op.f("fk_incidents_estate_id_org_nodes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incidents_estate_id"), ["estate_id"], unique=False
        )

    op.create_table(
        "notice_recipients",
        sa.Column("notice_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column(
            "read_at", propcore_sql.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_notice_recipients_account_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notices.id"],
            name=op.f("fk_notice_recipients_notice_id_notices"),
        ),
        sa.PrimaryKeyConstraint(
            "notice_id", "account_id", name=op.f("pk_notice_recipients")
        ),
    )
    with op.batch_alter_table("notice_recipients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notice_recipients_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "incident_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", propcore_sql.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("by", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("subject", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_entries_incident_id_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_entries")),
    )
    with op.batch_alter_table("incident_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_entries_incident_id"), ["incident_id"], unique=False
        )

    # A plain ALTER TABLE: existing people have not consented.
    op.add_column(
        "people",
        sa.Column("events_consent", sa.Boolean(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ drops columns itself): copying the
    # table, as batch mode would, breaks the foreign keys pointing at it.
    op.drop_column("people", "events_consent")

    with op.batch_alter_table("incident_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_entries_incident_id"))

    op.drop_table("incident_entries")
    with op.batch_alter_table("notice_recipients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_recipients_account_id"))

    op.drop_table("notice_recipients")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_estate_id"))

    op.drop_table("incidents")
    with op.batch_alter_table("event_signups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_signups_account_id"))

    op.drop_table("event_signups")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_status_publish_at")
        batch_op.drop_index(batch_op.f("ix_notices_estate_id"))

    op.drop_table("notices")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_starts_at"))
        batch_op.drop_index(batch_op.f("ix_events_estate_id"))

    op.drop_table("events")
