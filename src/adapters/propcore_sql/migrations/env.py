"""Alembic environment: runs on the connection handed over by propcore_sql.migrate."""

from alembic import context

from propcore_sql import community_tables  # noqa: F401  (registers its tables)
from propcore_sql.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
