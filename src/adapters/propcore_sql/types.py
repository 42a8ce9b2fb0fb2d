"""Column types that keep money, areas and instants exact on every database."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import BigInteger, DateTime, Numeric, types
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal with a fixed number of places.

    PostgreSQL stores it as NUMERIC; SQLite, which has no exact decimal type,
    as an integer count of the smallest unit (fen for money, 0.01 m² for
    areas), so values round-trip exactly and still sum and sort in SQL.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, places: int) -> None:
        super().__init__()
        self.places = places

    def __repr__(self) -> str:
        return f"ExactDecimal({self.places})"

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(20, self.places, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"expected a Decimal, got {type(value).__name__}")
        if dialect.name == "sqlite":
            return int(value.scaleb(self.places).to_integral_exact())
        return value

    def process_result_value(self, value, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(value).scaleb(-self.places)
        return Decimal(value).quantize(Decimal(1).scaleb(-self.places))


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware instants, stored in UTC on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# How many ids read back as text (SQLite) are kept, shared by every query:
# the ids a bill run reads in several tables (a unit's in its occupancies
# and meters, a meter's in each of its readings) are parsed once.
IDS_KEPT = 65_536

_parsed_id = lru_cache(maxsize=IDS_KEPT)(uuid.UUID)


class Uuid(types.Uuid[uuid.UUID]):
    """SQLAlchemy's UUID column. Where the database stores UUIDs as text,
    ids read back are parsed once while they are among the last
    :data:`IDS_KEPT` parsed (the same value is then the same immutable
    object); stored as before."""

    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object):
        process = super().result_processor(dialect, coltype)
        if process is None or not self.as_uuid:
            return process
        return lambda value: None if value is None else _parsed_id(value)
