"""Procrastinate on PostgreSQL: a periodic task that runs the due work.

Every worker's periodic deferrer tries to queue the task at each cron tick;
Procrastinate lets one of them per tick, and one worker fetches it. The task
calls DueWork, whose (job, slot) claims are the second guard.
"""

import logging
from collections.abc import Callable

import procrastinate
import psycopg
from procrastinate.schema import SchemaManager
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

TASK = "propcore.due_work"
# any fixed number, shared by every process that installs the schema
_SCHEMA_LOCK = 0x70726F70
RETRY = procrastinate.RetryStrategy(max_attempts=2, wait=30)


def cron_for(seconds: int) -> str:
    """A cron line for a tick of ``seconds``: a sixth (seconds) field below a
    minute, whole minutes otherwise (rounded down, at least one)."""
    if seconds < 60:
        return f"* * * * * */{max(seconds, 1)}"
    return f"*/{seconds // 60} * * * *"


def conninfo(database_url: str) -> str:
    """The libpq form of a SQLAlchemy URL, keeping its query (``options``)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def make_app(conninfo: str, cron: str, tick: Callable[[], object]) -> procrastinate.App:
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))

    def due_work(timestamp: int) -> None:
        log.debug("due work for tick %s", timestamp)
        tick()

    task = app.task(name=TASK, retry=RETRY, queueing_lock=TASK)(due_work)
    app.periodic(cron=cron, periodic_id="due")(task)
    return app


def install_schema(conninfo: str) -> bool:
    """Create Procrastinate's tables unless present; return whether it did.

    An advisory lock lets several workers start at once: one installs, the
    others then find the tables.
    """
    with psycopg.connect(conninfo) as connection:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        present = connection.execute(
            "SELECT to_regclass('procrastinate_jobs')"
        ).fetchone()[0]
        if present is None:
            connection.execute(SchemaManager.get_schema())
            log.info("installed the Procrastinate schema")
    return present is None


def run_worker(app: procrastinate.App, name: str | None = None) -> None:
    """Work until SIGINT or SIGTERM, then finish the task in progress."""
    app.run_worker(name=name, concurrency=1)
