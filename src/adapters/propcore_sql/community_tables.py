"""The tables of notices, incidents and community events.

They share :data:`propcore_sql.tables.metadata`. An event's ``taken`` seats
are a counter that sign-ups raise with a conditional UPDATE; the check
constraint ``ck_events_seats`` keeps it within the capacity whatever runs.
"""

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from propcore_sql.tables import metadata
from propcore_sql.types import UtcDateTime, Uuid

notices = Table(
    "notices",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False, index=True),
    Column("title", String(120), nullable=False),
    Column("body", Text, nullable=False),
    Column("audience", JSON, nullable=False),
    Column("channels", JSON, nullable=False),
    Column("urgency", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("publish_at", UtcDateTime, nullable=True),
    Column("expires_at", UtcDateTime, nullable=True),
    Column("published_at", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", Uuid, nullable=True),
    Index("ix_notices_status_publish_at", "status", "publish_at"),
)

# Who a notice reached when it was published; read_at is the read receipt.
notice_recipients = Table(
    "notice_recipients",
    metadata,
    Column("notice_id", Uuid, ForeignKey("notices.id"), nullable=False),
    Column("account_id", Uuid, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("read_at", UtcDateTime, nullable=True),
    PrimaryKeyConstraint("notice_id", "account_id"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False, index=True),
    Column("building_id", Uuid, ForeignKey("buildings.id"), nullable=True),
    Column("kind", String(20), nullable=False),
    Column("severity", String(20), nullable=False),
    Column("place", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("photos", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("reported_at", UtcDateTime, nullable=False),
    Column("reported_by", Uuid, nullable=True),
    Column("assignee_id", Uuid, nullable=True),
    Column("notice_id", Uuid, nullable=True),
)

incident_entries = Table(
    "incident_entries",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("incident_id", Uuid, ForeignKey("incidents.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("by", Uuid, nullable=True),
    Column("text", Text, nullable=False),
    Column("subject", Uuid, nullable=True),
)

events = Table(
    "events",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False, index=True),
    Column("title", String(120), nullable=False),
    Column("description", Text, nullable=False),
    Column("place", String(200), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False, index=True),
    Column("capacity", Integer, nullable=False),
    Column("taken", Integer, nullable=False),
    Column("youngest", Integer, nullable=True),
    Column("oldest", Integer, nullable=True),
    Column("tags", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", Uuid, nullable=True),
    CheckConstraint("taken >= 0 AND taken <= capacity", name="ck_events_seats"),
)

event_signups = Table(
    "event_signups",
    metadata,
    Column("event_id", Uuid, ForeignKey("events.id"), nullable=False),
    Column("account_id", Uuid, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("person_id", Uuid, ForeignKey("people.id"), nullable=False),
    Column("signed_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("event_id", "account_id"),
)
