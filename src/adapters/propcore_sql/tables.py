"""The schema, as SQLAlchemy Core tables. Alembic migrations create it.

Usernames are unique regardless of case: ``accounts.username`` keeps what was
typed, ``accounts.username_key`` its casefolded form under a plain unique
constraint. The repository fills and queries the key, so this works the same on
SQLite and PostgreSQL without functional indexes or collations.
"""

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from propcore_sql.types import ExactDecimal, UtcDateTime, Uuid

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

MONEY = ExactDecimal(2)
AREA = ExactDecimal(2)

org_nodes = Table(
    "org_nodes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(100), nullable=False),
    Column("parent_id", Uuid, ForeignKey("org_nodes.id"), nullable=True, index=True),
    Column("address", String(200), nullable=False, default=""),
)

buildings = Table(
    "buildings",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("address", String(200), nullable=False, default=""),
    UniqueConstraint("estate_id", "name"),
)

units = Table(
    "units",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("building_id", Uuid, ForeignKey("buildings.id"), nullable=False),
    Column("label", String(40), nullable=False),
    Column("entrance", String(20), nullable=False, default=""),
    Column("floor", Integer, nullable=False),
    Column("room", String(20), nullable=False),
    Column("gross_area", AREA, nullable=False),
    Column("usable_area", AREA, nullable=True),
    Column("layout", String(20), nullable=True),
    Column("usage", String(20), nullable=False),
    Column("fee_coefficient", ExactDecimal(4), nullable=False),
    Column("attributes", JSON, nullable=False),
    Column("status", String(40), nullable=False),
    UniqueConstraint("building_id", "label"),
    Index(None, "status"),
)

unit_status_changes = Table(
    "unit_status_changes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("unit_id", Uuid, ForeignKey("units.id"), nullable=False, index=True),
    Column("from_status", String(40), nullable=True),
    Column("to_status", String(40), nullable=False),
    Column("changed_at", UtcDateTime, nullable=False),
    Column("changed_by", String(100), nullable=False),
    Column("reason", Text, nullable=False, default=""),
)

people = Table(
    "people",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(100), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("phone", String(20), nullable=False, default="", index=True),
    Column("email", String(200), nullable=False, default=""),
    Column("id_number", String(40), nullable=False, default=""),
    Column("birth_date", Date, nullable=True),
    Column("interest_tags", JSON, nullable=False),
    Column("events_consent", Boolean, nullable=False, default=False),
    Column("notes", Text, nullable=False, default=""),
)

occupancies = Table(
    "occupancies",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("unit_id", Uuid, ForeignKey("units.id"), nullable=False, index=True),
    Column("person_id", Uuid, ForeignKey("people.id"), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=True),
    Column("share", ExactDecimal(2), nullable=True),
    Column("head_id", Uuid, ForeignKey("occupancies.id"), nullable=True),
    Column("lease_start", Date, nullable=True),
    Column("lease_end", Date, nullable=True),
    Column("rent", MONEY, nullable=True),
    Column("deposit", MONEY, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("tenant_pays", JSON, nullable=True),
    Column("grants", JSON, nullable=False, server_default="[]"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("display_name", String(100), nullable=False),
    Column("username", String(100), nullable=True),
    Column("username_key", String(100), nullable=True, unique=True),
    Column("phone", String(20), nullable=True, unique=True),
    Column("email", String(200), nullable=False, default=""),
    Column("person_id", Uuid, ForeignKey("people.id"), nullable=True, index=True),
    Column("password_hash", String(300), nullable=True),
    Column("totp_secret", String(100), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("language", String(20), nullable=False),
)

# node_id is an org node or a building, so it has no foreign key
assignments = Table(
    "assignments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("account_id", Uuid, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("role", String(30), nullable=False),
    Column("node_id", Uuid, nullable=False),
    UniqueConstraint("account_id", "role", "node_id"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("account_id", Uuid, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Column("address", String(100), nullable=False, default=""),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("account_id", Uuid, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_used_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
)

# short numeric codes may repeat, so the digest is indexed, not unique
one_time_codes = Table(
    "one_time_codes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("account_id", Uuid, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("purpose", String(20), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
    Index(None, "purpose", "digest"),
)

throttle_failures = Table(
    "throttle_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, index=True),
    Column("at", UtcDateTime, nullable=False),
)

# actor_id has no foreign key: the log outlives the accounts it mentions
audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("at", UtcDateTime, nullable=False, index=True),
    Column("subject", String(200), nullable=False),
    Column("actor_id", Uuid, nullable=True),
    Column("address", String(100), nullable=False, default=""),
    Column("details", JSON, nullable=False),
)

# Rates have four places; nested settings (tiers, discounts, the late-fee rule,
# escalation, plugin options) are JSON with Decimals written as strings.
RATE = ExactDecimal(4)
READING = ExactDecimal(4)

fee_items = Table(
    "fee_items",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False),
    Column("code", String(100), nullable=False),
    Column("name", String(100), nullable=False),
    Column("fee_type", String(100), nullable=False),
    Column("cycle", String(20), nullable=False),
    Column("payment_mode", String(20), nullable=False),
    Column("due_day", Integer, nullable=False),
    Column("due_months_after", Integer, nullable=False),
    Column("rounding", String(40), nullable=False),
    Column("area_basis", String(20), nullable=False),
    Column("tier_cycle", String(20), nullable=False),
    Column("applies_to", JSON, nullable=False),
    Column("tiers", JSON, nullable=False),
    Column("late_fee", JSON, nullable=True),
    Column("discounts", JSON, nullable=False),
    Column("escalation", JSON, nullable=True),
    Column("options", JSON, nullable=False),
    UniqueConstraint("estate_id", "name"),
)

rate_versions = Table(
    "rate_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fee_item_id", Uuid, ForeignKey("fee_items.id"), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("rate", RATE, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("label", String(200), nullable=False, default=""),
    UniqueConstraint("fee_item_id", "valid_from"),
)

meters = Table(
    "meters",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False, index=True),
    Column("unit_id", Uuid, ForeignKey("units.id"), nullable=True, index=True),
    Column("common_area", String(100), nullable=True),
    Column("kind", String(20), nullable=False),
    Column("places", Integer, nullable=False),
    Column("rollover_at", READING, nullable=True),
    Column("retired_on", Date, nullable=True),
)

meter_readings = Table(
    "meter_readings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("meter_id", Uuid, ForeignKey("meters.id"), nullable=False),
    Column("read_on", Date, nullable=False),
    Column("value", READING, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("start_value", READING, nullable=True),
    UniqueConstraint("meter_id", "read_on"),
)

# The transactional outbox: a row is written with the change that caused it;
# the relay delivers pending rows and records every try.
outbox_messages = Table(
    "outbox_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("account_id", Uuid, nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("template", String(100), nullable=False),
    Column("params", JSON, nullable=False),
    Column("phone", String(40), nullable=True),
    Column("email", String(200), nullable=True),
    Column("language", String(20), nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("queued_at", UtcDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime, nullable=True),
    Column("last_error", Text, nullable=False),
    Column("channels_done", String(200), nullable=False, server_default=""),
    Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
)

# Bills are written once; a bill's lines keep their explanation. One bill per
# unit, payer and period: two runs at once are decided by that constraint.
bills = Table(
    "bills",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False),
    Column("unit_id", Uuid, ForeignKey("units.id"), nullable=False),
    Column("payer_id", Uuid, ForeignKey("people.id"), nullable=False, index=True),
    Column("payer_role", String(20), nullable=False),
    Column("period_first", Date, nullable=False),
    Column("period_last", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("total", MONEY, nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    UniqueConstraint("unit_id", "payer_id", "period_first"),
    Index("ix_bills_estate_id_period_first", "estate_id", "period_first"),
)

# ``unrounded`` is exact and may have many places: it is kept as text.
bill_lines = Table(
    "bill_lines",
    metadata,
    Column("bill_id", Uuid, ForeignKey("bills.id"), primary_key=True),
    Column("line_no", Integer, primary_key=True, autoincrement=False),
    Column("item_code", String(100), nullable=False),
    Column("description", String(300), nullable=False),
    Column("formula", Text, nullable=False),
    Column("inputs", JSON, nullable=False),
    Column("unrounded", String(60), nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("rounding", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("corrects_bill_id", Uuid, nullable=True),
    Column("corrects_line_no", Integer, nullable=True),
)

# The ledger: each entry's changes; settlements in their own table so that a
# bill's settled amount is a sum in SQL.
ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Uuid, nullable=False, unique=True),
    Column("resident_id", Uuid, ForeignKey("people.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("balance_change", MONEY, nullable=False),
    Column("bill_id", Uuid, nullable=True, index=True),
    Column("due_change", MONEY, nullable=False),
    Column("prepaid_change", MONEY, nullable=False),
    Column("due_on", Date, nullable=True),
    Column("refers_to", Uuid, nullable=True),
    Column("reason", String(300), nullable=False),
    Column("payment", JSON, nullable=True),
    Column("idempotency_key", String(200), nullable=True, unique=True),
)

ledger_settlements = Table(
    "ledger_settlements",
    metadata,
    Column("entry_id", Uuid, ForeignKey("ledger_entries.id"), primary_key=True),
    Column("bill_id", Uuid, primary_key=True),
    Column("amount", MONEY, nullable=False),
    Index("ix_ledger_settlements_bill_id", "bill_id"),
)

receipt_books = Table(
    "receipt_books",
    metadata,
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), primary_key=True),
    Column("last_used", Integer, nullable=False),
)

receipts = Table(
    "receipts",
    metadata,
    Column("number", String(40), primary_key=True),
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), nullable=False),
    Column("payment_id", Uuid, nullable=False, unique=True),
    Column("issued_at", UtcDateTime, nullable=False),
)

# The in-app inbox (站内信): one item per delivered message and account.
inbox_items = Table(
    "inbox_items",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("account_id", Uuid, nullable=False),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime, nullable=True),
    Index("ix_inbox_items_account_id_read_at", "account_id", "read_at"),
)

# What each account chose: channels per kind, quiet hours, opted-out kinds.
message_preferences = Table(
    "message_preferences",
    metadata,
    Column("account_id", Uuid, primary_key=True),
    Column("channels", JSON, nullable=False),
    Column("quiet_start", String(5), nullable=True),
    Column("quiet_end", String(5), nullable=True),
    Column("opted_out", JSON, nullable=False),
)

# one row per (job, slot): the primary key is what lets one runner claim a slot
job_runs = Table(
    "job_runs",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("slot", UtcDateTime, primary_key=True),
    Column("started_at", UtcDateTime, nullable=False, index=True),
    Column("outcome", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("finished_at", UtcDateTime, nullable=True),
    Column("note", Text, nullable=False),
)

# Bills to compute again at their unit's next run: a rate or a reading they
# used has changed since they were issued.
bill_rechecks = Table(
    "bill_rechecks",
    metadata,
    Column("bill_id", Uuid, ForeignKey("bills.id"), primary_key=True),
    Column("marked_at", UtcDateTime, nullable=False),
)

# An estate's own bill-run day (出账日); estates without a row take the
# deployment's setting.
billing_schedules = Table(
    "billing_schedules",
    metadata,
    Column("estate_id", Uuid, ForeignKey("org_nodes.id"), primary_key=True),
    Column("run_day", Integer, nullable=False),
    CheckConstraint("run_day BETWEEN 1 AND 28", name="ck_billing_schedules_run_day"),
)
