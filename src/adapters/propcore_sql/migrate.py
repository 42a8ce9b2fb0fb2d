"""Schema migrations, shipped inside the package and run through Alembic."""

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text


def _config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("propcore_sql") / "migrations"))
    config.attributes["connection"] = connection
    return config


# any fixed number, the same in every process that migrates
_MIGRATION_LOCK = 0x6D696772


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; safe to run again, and on
    PostgreSQL from several processes at once (one migrates, the others wait
    and then find nothing to do)."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            lock = text("SELECT pg_advisory_xact_lock(:key)")
            connection.execute(lock, {"key": _MIGRATION_LOCK})
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def revision(engine: Engine, message: str) -> None:
    """Write a new migration from the difference between tables.py and ``engine``."""
    with engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True)


def is_current(engine: Engine) -> bool:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head
