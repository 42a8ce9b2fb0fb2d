"""Fee setup through the application, on SQLite and PostgreSQL."""

from decimal import Decimal

import pytest

from propcore.billing.meters import ReadingBelowPreviousError
from propcore.errors import ConflictError, NotFoundError
from propcore.ids import new_id
from propcore.property.tree import NodeKind, OrgNode


@pytest.fixture
def estate(sql_core) -> OrgNode:
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园")
    with sql_core.fees.uow() as work:
        work.orgs.add(estate)
        work.commit()
    return estate


def test_a_fee_item_and_a_later_rate_are_stored(sql_core, estate):
    raw = {"code": "pf", "name": "物业费", "fee_type": "by_area", "rate": "2.8",
           "usages": "residential"}  # fmt: skip
    item = sql_core.fees.create_fee_item(estate.id, raw | {"rate_from": "2025-01-01"})

    schedule = sql_core.fees.add_rate(item.id, {"rate": "3", "rate_from": "2026-03-11"})

    assert [str(v.rate.amount) for v in schedule.versions] == ["2.8000", "3.0000"]
    with pytest.raises(ConflictError) as raised:
        sql_core.fees.add_rate(item.id, {"rate": "4", "rate_from": "2026-03-11"})
    assert raised.value.problem.field == "valid_from"


def test_a_rate_for_an_unknown_fee_item_is_not_found(sql_core):
    with pytest.raises(NotFoundError):
        sql_core.fees.add_rate(new_id(), {"rate": "3", "rate_from": "2026-03-11"})


def test_a_reading_below_the_previous_one_writes_nothing(sql_core, estate):
    raw = {"kind": "heat", "common_area": "换热站", "places": "3"}
    meter = sql_core.fees.register_meter(estate.id, raw)
    sql_core.fees.record_reading(meter.id, {"value": "5", "read_on": "2026-10-31"})

    with pytest.raises(ReadingBelowPreviousError):
        sql_core.fees.record_reading(meter.id, {"value": "4", "read_on": "2026-11-30"})

    with sql_core.fees.uow() as work:
        history = work.readings.history(meter.id)
    assert [(r.value, str(r.value)) for r in history] == [(Decimal(5), "5.000")]
