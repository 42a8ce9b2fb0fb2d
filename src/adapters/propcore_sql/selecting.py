"""A column equal to one of many values, as each database takes it best."""

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, any_, func, literal, select
from sqlalchemy.dialects.postgresql import ARRAY


def among(db: Connection, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column`` is one of ``values``, given as one parameter whatever
    their number, so the statement's text does not grow with the list and
    neither SQLAlchemy nor the driver handles a parameter per value: an
    array on PostgreSQL (``= ANY(…)``), on SQLite a JSON array of the
    values as the column stores them, read by ``json_each`` (SQLite still
    looks each one up in the column's index). A bill run asks for a batch's
    thousands of ids this way."""
    listed = list(values)
    if db.dialect.name == "postgresql":
        return column == any_(literal(listed, ARRAY(column.type)))
    if db.dialect.name != "sqlite":
        return column.in_(listed)
    store = column.type.dialect_impl(db.dialect).bind_processor(db.dialect)
    stored = [store(v) for v in listed] if store is not None else listed
    given = func.json_each(json.dumps(stored)).table_valued("value")
    return column.in_(select(given.c.value))
