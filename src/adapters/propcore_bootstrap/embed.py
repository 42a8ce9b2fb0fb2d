"""Opening propcore from another program, without the web server."""

from propcore.application import Propcore
from propcore_bootstrap.container import CoreContainer
from propcore_bootstrap.settings import Settings
from propcore_sql import migrate


def open_core(database_url: str | None = None, *, upgrade: bool = True) -> Propcore:
    """The core on a database (``PROPCORE_DATABASE_URL`` or ./propcore.db by
    default), migrated to the current schema unless ``upgrade`` is false."""
    settings = Settings.load().with_overrides(database_url=database_url)
    container = CoreContainer(settings=settings)
    if upgrade:
        migrate.upgrade(container.engine())
    return container.core()
