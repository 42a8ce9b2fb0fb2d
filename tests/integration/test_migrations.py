"""Migrations on SQLite and PostgreSQL: from 0001 with data, to head, and back."""

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    JSON,
    Engine,
    Uuid,
    column,
    insert,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.engine import make_url

from propcore.access.accounts import Account, AccountKind
from propcore.billing.fees import AppliesTo, FeeItem, LateFeeRule
from propcore.billing.rates import RateSchedule
from propcore.money import Money
from propcore.property.tree import NodeKind
from propcore_sql import migrate
from propcore_sql.engine import make_engine
from propcore_sql.tables import (
    buildings,
    metadata,
    meters,
    occupancies,
    org_nodes,
    units,
)
from propcore_sql.uow import SqlUnitOfWork

NEW_TABLES = {
    "accounts",
    "assignments",
    "sessions",
    "api_tokens",
    "one_time_codes",
    "throttle_failures",
    "audit_events",
}


@pytest.fixture
def empty_sqlite(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def empty_postgres(postgres_schema_url: str) -> Iterator[Engine]:
    """A schema of its own, beside the run's migrated one, dropped afterwards."""
    schema = f"propcore_migration_{uuid.uuid4().hex[:12]}"
    url = make_url(postgres_schema_url).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    engine = make_engine(url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield engine
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue(f"empty_{request.param}")


_PEOPLE_AT_0001 = table(
    "people",
    column("id", Uuid),
    column("name"),
    column("kind"),
    column("interest_tags", JSON),
    *(column(name) for name in ("phone", "email", "id_number", "notes")),
)


def _occupancies_at_0001(engine: Engine) -> tuple[uuid.UUID, uuid.UUID]:
    """An owner and a family member of one unit, written as 0001 knew them."""
    estate, building, unit, person = (uuid.uuid4() for _ in range(4))
    owner, family = uuid.uuid4(), uuid.uuid4()
    occupancy = {"unit_id": unit, "person_id": person, "start": date(2020, 1, 1)}
    with engine.begin() as db:
        db.execute(insert(org_nodes).values(id=estate, kind="estate", name="翠湖"))
        db.execute(insert(buildings).values(id=building, estate_id=estate, name="3"))
        db.execute(
            insert(units).values(
                id=unit,
                building_id=building,
                label="1-101",
                floor=1,
                room="101",
                gross_area=Decimal("90.00"),
                usage="residential",
                fee_coefficient=Decimal("1.0000"),
                attributes={},
                status="vacant",
            )
        )
        db.execute(
            insert(_PEOPLE_AT_0001).values(
                id=person,
                name="张伟",
                kind="individual",
                interest_tags=[],
                **dict.fromkeys(("phone", "email", "id_number", "notes"), ""),
            )
        )
        db.execute(
            insert(occupancies).values(
                id=owner, role="owner", share=Decimal("100.00"), **occupancy
            )
        )
        db.execute(
            insert(occupancies).values(
                id=family, role="family", head_id=owner, **occupancy
            )
        )
    return owner, family


def test_upgrading_from_0001_gives_existing_occupancies_no_grants(empty):
    migrate.upgrade(empty, "0001")
    owner, family = _occupancies_at_0001(empty)

    migrate.upgrade(empty)

    assert migrate.is_current(empty)
    with SqlUnitOfWork(empty) as work:
        assert work.occupancies.get(owner).grants == ()
        assert work.occupancies.get(family).grants == ()
        person = work.occupancies.get(owner).person_id
        assert work.people.get(person).events_consent is False


def test_the_migrated_schema_matches_the_tables(empty):
    migrate.upgrade(empty)

    with empty.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)

    assert differences == []


def test_downgrading_to_0001_drops_what_0002_added_and_keeps_the_rest(empty):
    migrate.upgrade(empty, "0001")
    owner, family = _occupancies_at_0001(empty)
    migrate.upgrade(empty)
    with SqlUnitOfWork(empty) as work:
        work.accounts.add(Account(AccountKind.STAFF, "Wang Fang", username="wf"))
        work.commit()

    migrate.downgrade(empty, "0001")

    schema = inspect(empty)
    assert NEW_TABLES.isdisjoint(schema.get_table_names())
    assert "admin_accounts" in schema.get_table_names()
    assert "grants" not in {c["name"] for c in schema.get_columns("occupancies")}
    with empty.connect() as connection:
        kept = connection.execute(select(occupancies.c.id, occupancies.c.head_id))
        assert set(kept) == {(owner, None), (family, owner)}
    migrate.upgrade(empty)
    assert migrate.is_current(empty)


def test_0003_drops_the_old_administrator_table_and_its_downgrade_restores_it(empty):
    migrate.upgrade(empty, "0002")
    assert "admin_accounts" in inspect(empty).get_table_names()

    migrate.upgrade(empty)
    dropped = "admin_accounts" not in inspect(empty).get_table_names()
    migrate.downgrade(empty, "0002")

    assert dropped
    assert "admin_accounts" in inspect(empty).get_table_names()


BILLING_TABLES = {"fee_items", "rate_versions", "meters", "meter_readings"}


def _fee_item_for(estate_id: uuid.UUID) -> FeeItem:
    return FeeItem(
        "property_fee",
        "物业费",
        "by_area",
        AppliesTo(),
        RateSchedule.flat(Money(Decimal("2.8000"))),
        late_fee=LateFeeRule(Decimal("0.0005"), 30),
        estate_id=estate_id,
    )


def test_0004_adds_the_billing_tables_beside_what_0003_stored(empty):
    migrate.upgrade(empty, "0003")
    owner, _ = _occupancies_at_0001(empty)

    migrate.upgrade(empty)

    assert set(inspect(empty).get_table_names()) >= BILLING_TABLES
    with SqlUnitOfWork(empty) as work:
        estate_id = work.orgs.list(NodeKind.ESTATE)[0].id
        item = _fee_item_for(estate_id)
        work.fee_items.add(item)
        work.commit()
        assert work.fee_items.get(item.id) == item
        assert work.occupancies.get(owner).role.value == "owner"


def test_downgrading_to_0003_drops_the_billing_tables_and_keeps_the_rest(empty):
    migrate.upgrade(empty, "0003")
    owner, family = _occupancies_at_0001(empty)
    migrate.upgrade(empty)
    with SqlUnitOfWork(empty) as work:
        estate_id = work.orgs.list(NodeKind.ESTATE)[0].id
        work.fee_items.add(_fee_item_for(estate_id))
        work.commit()

    migrate.downgrade(empty, "0003")

    assert BILLING_TABLES.isdisjoint(inspect(empty).get_table_names())
    with empty.connect() as connection:
        kept = connection.execute(select(occupancies.c.id))
        assert set(kept) == {(owner,), (family,)}
    migrate.upgrade(empty)
    assert migrate.is_current(empty)


def _meter_columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("meters")}


def test_0013_adds_the_retirement_day_and_its_downgrade_keeps_the_meters(empty):
    migrate.upgrade(empty, "0012")
    _occupancies_at_0001(empty)
    with empty.begin() as connection:
        estate_id = connection.execute(select(org_nodes.c.id)).first()[0]
        meter_id = uuid.uuid4()
        row = {"id": meter_id, "estate_id": estate_id, "common_area": "电梯"}
        connection.execute(
            insert(meters).values(row | {"kind": "electricity", "places": 1})
        )

    migrate.upgrade(empty)
    with SqlUnitOfWork(empty) as work:
        assert work.meters.get(meter_id).retired_on is None
    migrate.downgrade(empty, "0012")

    assert "retired_on" not in _meter_columns(empty)
    with empty.connect() as connection:
        kept = connection.execute(select(meters.c.id, meters.c.common_area))
        assert list(kept) == [(meter_id, "电梯")]
