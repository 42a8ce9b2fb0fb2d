"""The ``propcore`` command, run as a real process on real databases."""

import os
import re
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
    audit_events,
    buildings,
    inbox_items,
    ledger_entries,
    org_nodes,
    outbox_messages,
    receipts,
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


def _seeded_payer(url: str) -> str:
    """The billing world's 王芳, with no bills yet: her payments are prepaid."""
    from tests.billing.world import seed

    engine = make_engine(url)
    world = seed(SqlUnitOfWorkFactory(engine))
    engine.dispose()
    return str(world.people["王芳"].id)


def _money(url: str, cwd: Path, action: str, payer: str, **fields: str):
    flags = [f"--{name.replace('_', '-')}={value}" for name, value in fields.items()]
    return _run(url, cwd, "billing", action, "--estate", "翠湖花园", "--payer", payer,
                *flags)  # fmt: skip


def _written(url: str) -> tuple[int, ...]:
    return tuple(
        _count(url, table)
        for table in (ledger_entries, receipts, audit_events, outbox_messages)
    )


def _payment_id(result: subprocess.CompletedProcess) -> str:
    found = re.search(r"payment (\S+) of", result.stdout)
    assert found, (result.stdout, result.stderr)
    return found.group(1)


def test_billing_pay_reverse_and_refund_each_record_once_per_key(sqlite_url, tmp_path):
    payer = _seeded_payer(sqlite_url)
    first = dict(amount="200.00", method="cash", idempotency_key="pay-1")
    second = dict(amount="300", method="bank_transfer", reference="BT-77",
                  idempotency_key="pay-2")  # fmt: skip
    undo = dict(reason="paid in by mistake", idempotency_key="rev-1")
    back = dict(amount="150.50", method="cash", reason="moving out",
                idempotency_key="ref-1")  # fmt: skip

    paid = _money(sqlite_url, tmp_path, "pay", payer, **first)
    wrong = _money(sqlite_url, tmp_path, "pay", payer, **second)
    wrong_again = _money(sqlite_url, tmp_path, "pay", payer, **second)
    undo["payment_id"] = _payment_id(wrong)
    reversed_ = _money(sqlite_url, tmp_path, "reverse", payer, **undo)
    reversed_again = _money(sqlite_url, tmp_path, "reverse", payer, **undo)
    refunded = _money(sqlite_url, tmp_path, "refund", payer, **back)
    refunded_again = _money(sqlite_url, tmp_path, "refund", payer, **back)

    assert re.match(r"receipt R-\w+-000001: payment \S+ of ¥200\.00 by cash\n"
                    r"  prepaid ¥200\.00\n$", paid.stdout), paid.stderr  # fmt: skip
    assert "-000002: " in wrong.stdout
    assert "by bank_transfer (reference BT-77)" in wrong.stdout
    assert reversed_.stdout.startswith(
        f"reversed payment {undo['payment_id']}: ¥300.00 (reversal "
    ), reversed_.stderr
    assert refunded.stdout.startswith(
        "refunded ¥150.50 by cash in 1 part:\n"
        f"  ¥150.50 of payment {_payment_id(paid)} "
    )
    assert (wrong_again.stdout, reversed_again.stdout, refunded_again.stdout) == (
        wrong.stdout, reversed_.stdout, refunded.stdout,
    )  # fmt: skip
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(ledger_entries.c.kind, ledger_entries.c.actor)
            .order_by(ledger_entries.c.seq)
        ).all()  # fmt: skip
    engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("payment", "cli"), ("payment", "cli"), ("reversal", "cli"), ("refund", "cli")
    ]  # fmt: skip
    assert _count(sqlite_url, receipts) == 2


UNKNOWN_PAYMENT = "2cf0ce45-5b2e-4e8b-9b56-2b6c2a2b7d11"
KEY = {"idempotency_key": "k-1"}


@pytest.mark.parametrize(
    ("action", "fields", "field"),
    [
        ("pay", {"amount": "12.345", "method": "cash", **KEY}, "amount"),
        ("pay", {"amount": "twelve", "method": "cash", **KEY}, "amount"),
        ("pay", {"amount": "-5", "method": "cash", **KEY}, "amount"),
        ("reverse", {"payment_id": UNKNOWN_PAYMENT, "reason": "x", **KEY},
         "payment_id"),
        ("reverse", {"payment_id": UNKNOWN_PAYMENT, **KEY}, "reason"),
        ("refund", {"amount": "10", "method": "cash", **KEY}, "reason"),
        ("refund", {"amount": "10", "method": "cash", "reason": "x"},
         "idempotency_key"),
    ],
)  # fmt: skip
def test_billing_money_commands_name_the_bad_field_and_record_nothing(
    sqlite_url, tmp_path, action, fields, field
):
    payer = _seeded_payer(sqlite_url)
    before = _written(sqlite_url)

    result = _money(sqlite_url, tmp_path, action, payer, **fields)

    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith(f"propcore: {field}: "), result.stderr
    assert result.stdout == ""
    assert _written(sqlite_url) == before


def test_billing_reverse_finds_the_payer_from_the_payment(sqlite_url, tmp_path):
    payer = _seeded_payer(sqlite_url)
    paid = _money(sqlite_url, tmp_path, "pay", payer, amount="80", method="cash",
                  idempotency_key="pay-1")  # fmt: skip
    reverse = ("billing", "reverse", "--estate", "翠湖花园", "--reason=错收",
               "--idempotency-key=rev-1")  # fmt: skip
    before = _written(sqlite_url)

    unknown = _run(sqlite_url, tmp_path, *reverse, f"--payment-id={UNKNOWN_PAYMENT}")
    missing = _run(sqlite_url, tmp_path, *reverse)
    unchanged = _written(sqlite_url)
    done = _run(sqlite_url, tmp_path, *reverse, f"--payment-id={_payment_id(paid)}")

    assert (unknown.returncode, unknown.stderr) == (
        2, "propcore: payment_id: is not a payment received in this estate\n"
    )  # fmt: skip
    assert (missing.returncode, missing.stderr) == (
        2, "propcore: payment_id: is required\n"
    )  # fmt: skip
    assert unchanged == before
    assert done.stdout.startswith(
        f"reversed payment {_payment_id(paid)}: ¥80.00 (reversal "
    ), done.stderr
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        owners = set(connection.scalars(select(ledger_entries.c.resident_id)))
    engine.dispose()
    assert {str(owner) for owner in owners} == {payer}


def test_billing_pay_names_an_unknown_payer(sqlite_url, tmp_path):
    _seeded_payer(sqlite_url)

    result = _money(sqlite_url, tmp_path, "pay", str(new_id()), amount="10",
                    method="cash", idempotency_key="k-1")  # fmt: skip

    assert (result.returncode, result.stderr) == (
        2, "propcore: payer: does not exist\n"
    )  # fmt: skip
    assert _written(sqlite_url) == (0, 0, 0, 0)


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
