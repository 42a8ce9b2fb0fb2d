"""What the job-runner tests share: an expired session to purge, work for
every other periodic job, and a look at what a database holds after."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
from sqlalchemy import select

from propcore.access.accounts import Account, AccountKind
from propcore.access.credentials import Session
from propcore.billing.ledger import Ledger
from propcore.billing.lines import Bill, BillLine, Payer
from propcore.billing.periods import Period
from propcore.billing.rounding import JIAO_TRUNCATE
from propcore.billing.schedule import LAST_DAY
from propcore.ids import Id
from propcore.measures import Area
from propcore.money import Money
from propcore.notices.model import Notice
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit
from propcore.residents.occupancy import Occupancy, Role
from propcore.residents.people import Person
from propcore_sql.community_tables import notices
from propcore_sql.engine import make_engine
from propcore_sql.tables import bills, inbox_items, job_runs, sessions
from propcore_sql.tables import outbox_messages as outbox
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.billing.world import property_fee

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def store_expired_session(database_url: str) -> None:
    engine = make_engine(database_url)
    account = Account(AccountKind.STAFF, "Wang Fang", username="wangfang")
    with SqlUnitOfWorkFactory(engine)() as work:
        work.accounts.add(account)
        work.sessions.add(Session(account.id, "stale", LONG_AGO, LONG_AGO))
        work.commit()
    engine.dispose()


def runs_and_sessions(database_url: str) -> tuple[list[tuple], int]:
    """(name, outcome, note) of every job run, and how many sessions are left."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        runs = connection.execute(
            select(job_runs.c.name, job_runs.c.outcome, job_runs.c.note).order_by(
                job_runs.c.name
            )
        ).all()
        left = len(connection.execute(select(sessions.c.id)).all())
    engine.dispose()
    return [tuple(run) for run in runs], left


PURGED = (
    "purge_expired",
    "succeeded",
    "1 sessions, 0 codes, 0 sign-in failures purged",
)
WAIT = timedelta(seconds=30)


def store_periodic_work(database_url: str, now: datetime) -> Id:
    """An estate billed on today's day of the month, two owners with accounts,
    one of them owing last month's bill due a week ago, and a notice whose
    publication time has passed: work for bill runs, reminders, notices and
    the relay, due at ``now``. Returns the owed bill's id."""
    engine = make_engine(database_url)
    today = now.astimezone(SHANGHAI).date()
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园")
    building = Building(estate.id, "1栋")
    homes = [Unit(building.id, label, 1, label, Area(Decimal(90)), "self_occupied")
             for label in ("101", "102")]  # fmt: skip
    owners = [Person("王芳", phone="13800000001"), Person("李强", phone="13800000002")]
    owed = _owed(homes[0], owners[0], today)
    notice = Notice(estate.id, "停水通知", "明日停水", now - timedelta(hours=1),
                    publish_at=now - timedelta(minutes=1))  # fmt: skip
    with SqlUnitOfWorkFactory(engine)() as work:
        work.orgs.add(estate)
        work.buildings.add(building)
        for unit, owner in zip(homes, owners, strict=True):
            _own(work, unit, owner)
        work.fee_items.add(attrs.evolve(property_fee(), estate_id=estate.id))
        work.run_days.set_day(estate.id, min(today.day, LAST_DAY))
        work.bills.add_new(estate.id, [owed], now)
        ledger = Ledger(owed.payer_id)
        ledger.charge(owed.id, owed.total, owed.due, at=now, actor="seed")
        work.ledgers.append(ledger.entries, owed.payer_id)
        work.notices.add(notice)
        work.commit()
    engine.dispose()
    return owed.id


def _own(work, unit: Unit, owner: Person) -> None:
    work.units.add(unit)
    work.people.add(owner)
    work.occupancies.add(Occupancy(unit.id, owner.id, Role.OWNER, date(2020, 1, 1),
                                   share=Decimal(100)))  # fmt: skip
    work.accounts.add(Account(AccountKind.RESIDENT, owner.name, phone=owner.phone,
                              person_id=owner.id))  # fmt: skip


def _owed(unit: Unit, owner: Person, today: date) -> Bill:
    """Last month's bill, due a week ago: the reminder ladder has reached it."""
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    period = Period.month(first.year, first.month)
    line = BillLine.compute(
        "pf", "物业费", terms="90.00 m² × ¥2.80/m²/月", inputs={},
        unrounded=Money(Decimal("252.00")), rule=JIAO_TRUNCATE,
    )  # fmt: skip
    return Bill(owner.id, Payer.OWNER, unit.id, period, today - timedelta(days=7),
                [line])  # fmt: skip


def periodic_outcome(database_url: str) -> dict:
    """What the periodic work left: bills per (unit, payer, month), reminders,
    published notices, and messages by status and attempts, with the inbox."""
    engine = make_engine(database_url)
    with engine.connect() as db:
        outcome = {
            "bills": db.execute(
                select(bills.c.unit_id, bills.c.payer_id, bills.c.period_first)
            ).all(),
            "reminders": db.execute(
                select(outbox.c.key).where(outbox.c.template == "payment_reminder")
            )
            .scalars()
            .all(),
            "published": db.execute(select(notices.c.status)).scalars().all(),
            "messages": db.execute(
                select(outbox.c.key, outbox.c.status, outbox.c.attempts)
            ).all(),
            "inbox": db.execute(select(inbox_items.c.key)).scalars().all(),
        }
    engine.dispose()
    return outcome
