"""The ``propcore`` command, run as a real process on real databases."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from propcore.application import Propcore
from propcore.ids import new_id
from propcore.messaging import Message
from propcore.property.tree import NodeKind
from propcore_sql.engine import make_engine
from propcore_sql.tables import (
    accounts,
    assignments,
    buildings,
    inbox_items,
    org_nodes,
    units,
)
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.fakes import FixedClock, PlainHasher
from tests.recording import RecordingNotifier

PROPCORE = [sys.executable, "-m", "propcore_bootstrap"]


def _run(
    url: str, cwd: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess:
    env = dict(os.environ, PROPCORE_DATABASE_URL=url, PROPCORE_LOG_LEVEL="WARNING")
    return subprocess.run(
        [*PROPCORE, *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _count(url: str, table) -> int:
    engine = make_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return count


@pytest.fixture
def empty_sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'new.db'}"


def test_migrate_creates_the_schema_and_is_safe_to_repeat(empty_sqlite, tmp_path):
    first = _run(empty_sqlite, tmp_path, "migrate")
    second = _run(empty_sqlite, tmp_path, "migrate")

    assert first.returncode == second.returncode == 0, first.stderr
    assert _count(empty_sqlite, units) == 0


@pytest.mark.postgres
def test_migrate_upgrades_postgresql(postgres_url, tmp_path):
    result = _run(postgres_url, tmp_path, "migrate")

    assert result.returncode == 0, result.stderr
    assert "current schema" in result.stdout


def test_createadmin_stores_an_argon2_hash(empty_sqlite, tmp_path):
    result = _run(
        empty_sqlite,
        tmp_path,
        "createadmin",
        "--username",
        "boss",
        "--password-stdin",
        stdin="a-long-password\n",
    )

    assert result.returncode == 0, result.stderr
    engine = make_engine(empty_sqlite)
    with engine.connect() as connection:
        row = connection.execute(select(accounts)).one()
        role = connection.execute(select(assignments.c.role)).scalar_one()
    engine.dispose()
    assert row.username == "boss"
    assert row.password_hash.startswith("$argon2id$")
    assert role == "company_admin"


def test_createadmin_refuses_a_short_password_and_stores_nothing(
    empty_sqlite, tmp_path
):
    result = _run(
        empty_sqlite, tmp_path, "createadmin", "--password-stdin", stdin="short\n"
    )

    assert result.returncode == 2
    assert "password" in result.stderr
    assert _count(empty_sqlite, accounts) == 0


def _estate_with_units_file(url: str, cwd: Path, rows: list[str]) -> Path:
    engine = make_engine(url)
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    company = core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(company.id)}
    )
    engine.dispose()
    path = cwd / "units.csv"
    path.write_text(
        "\n".join(["小区,楼栋,单元,楼层,房号,建筑面积,户型,状态", *rows]) + "\n",
        encoding="utf-8",
    )
    return path


def test_a_malformed_import_reports_lines_and_leaves_the_database_unchanged(
    sqlite_url, tmp_path
):
    path = _estate_with_units_file(
        sqlite_url,
        tmp_path,
        [
            "翠湖花园,1号楼,1,1,101,89.50,2室1厅1卫,自住",
            "翠湖花园,1号楼,1,一,102,89.505,,自住",
            "翠湖花园,1号楼,1,1,103,90.00,,空置",
            "无名小区,1号楼,1,1,104,90.00,,空置",
        ],
    )
    before = (_count(sqlite_url, units), _count(sqlite_url, buildings))

    result = _run(sqlite_url, tmp_path, "import", "units", str(path))

    assert result.returncode == 1
    assert f"{path}:3: floor:" in result.stdout
    assert f"{path}:3: gross_area:" in result.stdout
    assert f"{path}:5: estate:" in result.stdout
    assert ":2:" not in result.stdout
    assert ":4:" not in result.stdout
    assert (_count(sqlite_url, units), _count(sqlite_url, buildings)) == before


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_good_import_writes_everything_unless_it_is_a_dry_run(
    sqlite_url, tmp_path, dry_run
):
    path = _estate_with_units_file(
        sqlite_url,
        tmp_path,
        [
            "翠湖花园,1号楼,1,1,101,89.50,2室1厅1卫,自住",
            "翠湖花园,2号楼,1,1,101,120.00,3室2厅2卫,出租",
        ],
    )

    result = _run(
        sqlite_url,
        tmp_path,
        "import",
        "units",
        str(path),
        *(["--dry-run"] if dry_run else []),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert _count(sqlite_url, units) == (0 if dry_run else 2)
    assert _count(sqlite_url, org_nodes) == 2


def test_billing_run_previews_then_bills_a_month_once(sqlite_url, tmp_path) -> None:
    from tests.billing.world import seed

    engine = make_engine(sqlite_url)
    world = seed(SqlUnitOfWorkFactory(engine))
    engine.dispose()
    args = ("billing", "run", "--estate", "翠湖花园", "--period", "2026-12")

    preview = _run(sqlite_url, tmp_path, *args, "--dry-run")
    done = _run(sqlite_url, tmp_path, *args)
    again = _run(sqlite_url, tmp_path, *args)
    wrong = _run(sqlite_url, tmp_path, "billing", "run", "--estate",
                 str(world.estate.id), "--period", "2026-13")  # fmt: skip

    assert "would issue 4 bills" in preview.stdout, preview.stderr
    assert "issued 4 bills" in done.stdout
    assert "3 billed before, issued 0 bills" in again.stdout
    assert (wrong.returncode, "period" in wrong.stderr) == (2, True)


def test_billing_day_sets_shows_and_forgets_an_estates_run_day(sqlite_url, tmp_path):
    from tests.billing.world import seed

    engine = make_engine(sqlite_url)
    seed(SqlUnitOfWorkFactory(engine))
    engine.dispose()
    day = ("billing", "day", "--estate", "翠湖花园")

    before = _run(sqlite_url, tmp_path, *day)
    own = _run(sqlite_url, tmp_path, *day, "--day", "15")
    shown = _run(sqlite_url, tmp_path, *day)
    wrong = _run(sqlite_url, tmp_path, *day, "--day", "31")
    default = _run(sqlite_url, tmp_path, *day, "--default")

    assert (
        before.stdout == "bill run on day 1 of each month (the setting bill_run_day)\n"
    )
    assert own.stdout == shown.stdout == "bill run on day 15 of each month (its own)\n"
    assert (wrong.returncode, "run_day" in wrong.stderr) == (2, True)
    assert default.stdout == before.stdout


def test_messages_relay_delivers_due_messages_into_the_inbox_once(sqlite_url, tmp_path):
    uow = SqlUnitOfWorkFactory(make_engine(sqlite_url))
    params = {"amount": "¥10", "receipt": "R-1"}
    message = Message(new_id(), "payment_received", params, key="pay:1")
    with uow() as work:
        work.outbox.add(message, datetime(2026, 1, 1, tzinfo=UTC))
        work.commit()

    first = _run(sqlite_url, tmp_path, "messages", "relay")
    second = _run(sqlite_url, tmp_path, "messages", "relay", "--limit", "5")

    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("sent 1,")
    assert second.stdout.startswith("sent 0,")
    assert _count(sqlite_url, inbox_items) == 1


def test_worker_refuses_sqlite_whose_jobs_run_in_serve(empty_sqlite, tmp_path):
    result = _run(empty_sqlite, tmp_path, "worker")

    assert result.returncode == 2
    assert "PostgreSQL" in result.stdout


def test_due_publishes_scheduled_notices_once(sqlite_url, tmp_path):
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(make_engine(sqlite_url)),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    company = core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": company.id}
    )
    due = core.clock.now().isoformat()  # the fixed clock's now is long past
    notice = core.notices.create(
        estate.id, {"title": "停水", "body": "明天停水", "publish_at": due}
    )

    first = _run(sqlite_url, tmp_path, "due")
    second = _run(sqlite_url, tmp_path, "due")

    assert first.returncode == 0, first.stderr
    assert "published 1 notices" in first.stdout
    assert "published 0 notices" in second.stdout
    assert core.notices.get(notice.id).published_at is not None
