"""The ``propcore`` command."""

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

from propcore.errors import InvalidInputError, PropcoreError
from propcore.importing.service import ImportReport
from propcore.property.tree import NodeKind
from propcore_bootstrap import cli_billing, startup
from propcore_bootstrap.container import CoreContainer
from propcore_bootstrap.demo import load_demo
from propcore_bootstrap.demo_accounts import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    create_demo_accounts,
)
from propcore_bootstrap.demo_billing import create_demo_billing
from propcore_bootstrap.demo_community import create_demo_community
from propcore_bootstrap.settings import Settings, SettingsError
from propcore_jobs.due import run_due_or_raise
from propcore_sql import migrate

log = logging.getLogger(__name__)

DEMO_ADMIN = ("admin", DEMO_PASSWORD)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.load().with_overrides(database_url=args.database_url)
        logging.basicConfig(
            level=settings.log_level,
            format="%(asctime)s %(levelname)s %(name)s %(message)s",
        )
        startup.started()
        return args.command(settings, args)
    except (SettingsError, PropcoreError) as error:
        print(f"propcore: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="propcore", description="物业管理系统 propcore"
    )
    parser.add_argument("--database-url", help="overrides PROPCORE_DATABASE_URL")
    commands = parser.add_subparsers(required=True, metavar="command")

    serve = commands.add_parser("serve", help="migrate, then serve the web app")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.set_defaults(command=_serve)

    commands.add_parser("migrate", help="upgrade the database schema").set_defaults(
        command=_migrate
    )

    worker = commands.add_parser(
        "worker", help="run periodic jobs with Procrastinate (PostgreSQL)"
    )
    worker.add_argument("--name", help="the worker's name in Procrastinate's logs")
    worker.add_argument(
        "--init", action="store_true", help="only prepare the database, then exit"
    )
    worker.set_defaults(command=_worker)

    admin = commands.add_parser("createadmin", help="create a company administrator")
    admin.add_argument("--username", default="admin")
    admin.add_argument("--password-stdin", action="store_true")
    admin.add_argument("--reset", action="store_true", help="set a new password")
    admin.set_defaults(command=_createadmin)

    demo = commands.add_parser("demo", help="load the demo company")
    demo.add_argument("--if-empty", action="store_true", help="only into an empty db")
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(command=_demo)

    due = commands.add_parser(
        "due", help="publish scheduled notices, queue due event reminders"
    )
    due.set_defaults(command=_due)

    imports = commands.add_parser(
        "import", help="import units, people or meter readings (CSV/XLSX)"
    )
    imports.add_argument("kind", choices=["units", "people", "readings"])
    imports.add_argument("file", type=Path)
    imports.add_argument("--dry-run", action="store_true")
    imports.set_defaults(command=_import)
    cli_billing.add_commands(commands, _with_core)

    messages = commands.add_parser("messages", help="the message outbox")
    actions = messages.add_subparsers(required=True, metavar="action")
    relay = actions.add_parser("relay", help="deliver due messages once")
    relay.add_argument("--limit", type=int, default=100)
    relay.set_defaults(command=_relay)
    return parser


def _with_core(settings: Settings, args: argparse.Namespace, handler) -> int:
    return handler(_core(settings), args)


def _core(settings: Settings):
    container = CoreContainer(settings=settings)
    migrate.upgrade(container.engine())
    return container.core()


def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    engine = CoreContainer(settings=settings).engine()
    migrate.upgrade(engine)
    if engine.dialect.name == "postgresql" and find_spec("procrastinate"):
        from propcore_jobs import worker

        worker.install_schema(worker.conninfo(settings.database_url))
    print("database is at the current schema")
    return 0


def _worker(settings: Settings, args: argparse.Namespace) -> int:
    container = CoreContainer(settings=settings)
    if container.engine().dialect.name != "postgresql":
        print("propcore: workers need PostgreSQL; SQLite runs jobs in `propcore serve`")
        return 2
    from propcore_jobs import worker  # only the postgres extra brings it

    _migrate(settings, args)
    if args.init:
        return 0
    core = container.core()
    cron = worker.cron_for(settings.jobs_tick_seconds)
    app = worker.make_app(
        worker.conninfo(settings.database_url), cron, lambda: run_due_or_raise(core)
    )
    log.info("worker running the due work on %r", cron)
    worker.run_worker(app, name=args.name)
    return 0


def _createadmin(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
    # With --reset or without, the account gets this password: setting it
    # again is how a forgotten administrator password is recovered.
    core.setup.administrator(args.username, password)
    print(f"administrator {args.username!r} can sign in")
    return 0


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)
    if args.if_empty and core.property.nodes(NodeKind.ESTATE):
        print("the database has data already; demo not loaded")
    else:
        summary = load_demo(core, seed=args.seed)
        create_demo_accounts(core)
        create_demo_community(core)
        print(f"demo bills issued: {create_demo_billing(core, seed=args.seed)}")
        print(f"demo loaded: {summary}")
    core.setup.administrator(*DEMO_ADMIN)
    print("sign in as {} / {}".format(*DEMO_ADMIN))
    print(f"every demo account has the password {DEMO_PASSWORD}:")
    for login, role in DEMO_LOGINS:
        print(f"  {login:<8} {role}")
    return 0


def _due(settings: Settings, _args: argparse.Namespace) -> int:
    """What is due now; safe to run as often as liked (e.g. every minute from
    cron): a notice is published once and a reminder queued once."""
    core = _core(settings)
    now = core.clock.now()
    published = core.notices.publish_due(now)
    reminders = core.events.remind_due(now)
    print(f"published {len(published)} notices, queued {reminders} reminders")
    return 0


def _import(settings: Settings, args: argparse.Namespace) -> int:
    from propcore_files import read_sheet

    core = _core(settings)
    try:
        sheet = read_sheet(args.file)
    except InvalidInputError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 1
    if args.kind == "units":
        report = core.imports.import_units(sheet, actor="import", dry_run=args.dry_run)
    elif args.kind == "readings":
        report = core.imports.import_readings(sheet, dry_run=args.dry_run)
    else:
        report = core.imports.import_people(sheet, dry_run=args.dry_run)
    _print_report(args.file, report)
    return 1 if report.problems else 0


def _print_report(path: Path, report: ImportReport) -> None:
    for problem in report.problems:
        print(f"{path}:{problem.line}: {problem.field}: {problem.render()}")
    created = ", ".join(f"{n} {kind}" for kind, n in sorted(report.created.items()))
    if report.committed:
        print(f"imported {report.rows} rows: {created or 'nothing new'}")
    elif report.problems:
        print(
            f"{len(report.problems)} problems in {report.rows} rows; nothing imported"
        )
    else:
        print(f"dry run: {report.rows} rows are fine ({created}); nothing imported")


def _relay(settings: Settings, args: argparse.Namespace) -> int:
    report = _core(settings).messages.relay(limit=args.limit)
    print(
        f"sent {report.sent}, held for quiet hours {report.held}, "
        f"to retry {report.retried}, failed {report.failed}, "
        f"cancelled as obsolete {report.cancelled}"
    )
    return 0


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn  # only the web extra brings it

    migrate.upgrade(CoreContainer(settings=settings).engine())
    os.environ["PROPCORE_DATABASE_URL"] = settings.database_url
    settings.signing_key()
    host, port = args.host or settings.host, args.port or settings.port
    log.info("serving on http://%s:%s", host, port)
    uvicorn.run(
        "propcore_bootstrap.asgi:create",
        factory=True,
        host=host,
        port=port,
        workers=args.workers or settings.workers,
    )
    return 0
