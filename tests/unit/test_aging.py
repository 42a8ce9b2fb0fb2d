"""Aging (账龄): open amounts by days past due, per building and estate, exact."""

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.aging import AgingBucket, PlacedItem, aging_report, bucket_for
from propcore.billing.payments import OpenItem
from propcore.money import Money
from tests.strategies import placed_items

AS_OF = date(2026, 12, 31)
EAST, WEST = UUID(int=1), UUID(int=2)
B1, B2, B3 = UUID(int=11), UUID(int=12), UUID(int=21)


def _placed(days_past_due: int, due: str, settled: str, estate, building):
    item = OpenItem(
        UUID(int=1000 + days_past_due),
        AS_OF - timedelta(days=days_past_due),
        Money(Decimal(due)),
        Money(Decimal(settled)),
    )
    return PlacedItem(item, estate, building)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-1, AgingBucket.NOT_DUE),
        (0, AgingBucket.DAYS_0_30),
        (30, AgingBucket.DAYS_0_30),
        (31, AgingBucket.DAYS_31_90),
        (90, AgingBucket.DAYS_31_90),
        (91, AgingBucket.DAYS_91_180),
        (180, AgingBucket.DAYS_91_180),
        (181, AgingBucket.OVER_180),
    ],
)
def test_an_item_falls_in_the_bucket_of_its_days_past_due(days, bucket):
    assert bucket_for(AS_OF - timedelta(days=days), AS_OF) is bucket


def test_open_amounts_are_summed_per_building_and_estate():
    items = [
        _placed(10, "100.00", "40.00", EAST, B1),
        _placed(45, "80.00", "0.00", EAST, B1),
        _placed(200, "33.33", "0.00", EAST, B2),
        _placed(-5, "50.00", "0.00", WEST, B3),
        _placed(20, "70.00", "70.00", WEST, B3),
    ]

    report = aging_report(items, AS_OF)

    first = report.buildings[0]
    assert (first.estate_id, first.building_id) == (EAST, B1)
    assert first.amounts[AgingBucket.DAYS_0_30] == Money(Decimal("60.00"))
    assert first.amounts[AgingBucket.DAYS_31_90] == Money(Decimal("80.00"))
    east, west = report.estates()
    assert east.total == Money(Decimal("173.33"))
    assert west.amounts[AgingBucket.NOT_DUE] == Money(Decimal("50.00"))
    assert report.total == Money(Decimal("223.33"))


def test_settled_items_are_left_out():
    report = aging_report([_placed(20, "70.00", "70.00", WEST, B3)], AS_OF)

    assert report.buildings == ()
    assert report.total == Money.zero()


@given(items=placed_items(), as_of=st.dates(date(2024, 1, 1), date(2028, 12, 31)))
def test_buckets_sum_to_the_total_open_amount(items, as_of):
    report = aging_report(items, as_of)

    open_total = sum((p.item.open_amount for p in items), Money.zero())
    assert report.total == open_total
    assert (
        sum((report.bucket_total(b) for b in AgingBucket), Money.zero()) == open_total
    )
    assert sum((e.total for e in report.estates()), Money.zero()) == open_total
