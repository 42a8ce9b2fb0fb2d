"""The schema, as SQLAlchemy Core tables. Alembic migrations create it."""

from sqlalchemy import (
    JSON,
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
    Uuid,
)

from propcore_sql.types import ExactDecimal, UtcDateTime

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
)

admin_accounts = Table(
    "admin_accounts",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
)
