"""A column equal to one of many values, as each database takes it best."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, any_, literal
from sqlalchemy.dialects.postgresql import ARRAY


def among(db: Connection, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column`` is one of ``values``. PostgreSQL gets them as one array
    parameter (``= ANY(…)``), so the statement's text does not grow with the
    list and the driver does not parse a parameter per value; SQLite an
    ``IN`` list. A bill run asks for a batch's thousands of ids this way."""
    listed = list(values)
    if db.dialect.name == "postgresql":
        return column == any_(literal(listed, ARRAY(column.type)))
    return column.in_(listed)
