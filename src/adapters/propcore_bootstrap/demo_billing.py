"""Demo billing: fee items for every demo estate, a water meter with two
months of readings on each home, and this month's bills issued, with a few
payments, so the billing pages and 我的账单 have something to show.

Made through the core, after the demo accounts: bill messages reach the demo
residents' inboxes.
"""

import random
from datetime import date, timedelta

from propcore.application import Propcore
from propcore.billing.periods import Period
from propcore.ids import Id
from propcore.property.tree import NodeKind
from propcore.property.units import Usage

ITEMS = (
    {"code": "pf", "name": "物业费", "fee_type": "by_area", "rate": "2.80",
     "usages": "residential,shop,office", "late_fee_daily_rate": "0.0005"},
    {"code": "water", "name": "水费", "fee_type": "metered", "meter": "water",
     "usages": "residential", "payment_mode": "in_arrears",
     "tiers": "180:3.00, 260:4.50, :6.00"},
    {"code": "parking", "name": "车位管理费", "fee_type": "fixed", "rate": "150",
     "usages": "parking"},
)  # fmt: skip


def create_demo_billing(core: Propcore, *, seed: int = 2026) -> int:
    """Set billing up for every demo estate and bill this month; returns the
    number of bills issued."""
    rng = random.Random(seed)
    today = core.clock.today()
    since = date(today.year - 1, 1, 1).isoformat()
    month = Period.month(today.year, today.month)
    issued = 0
    for estate in core.property.nodes(NodeKind.ESTATE):
        for raw in ITEMS:
            core.fees.create_fee_item(estate.id, {**raw, "rate_from": since})
        _meters(core, estate.id, month, rng)
        issued += core.billing.run(estate.id, month, actor="demo").bills
        _payments(core, estate.id, month, rng)
    return issued


def _meters(core: Propcore, estate_id: Id, month: Period, rng) -> None:
    last = month.first - timedelta(days=1)
    before = last.replace(day=1) - timedelta(days=1)
    for building in core.property.buildings(estate_id):
        for unit in core.property.units(building.id):
            if unit.usage is not Usage.RESIDENTIAL:
                continue
            raw = {"kind": "water", "unit_id": unit.id, "places": "0"}
            meter = core.fees.register_meter(estate_id, raw)
            start = rng.randint(100, 900)
            for day, value in ((before, start), (last, start + rng.randint(3, 25))):
                reading = {"read_on": day.isoformat(), "value": str(value)}
                core.fees.record_reading(meter.id, reading)


def _payments(core: Propcore, estate_id: Id, month: Period, rng) -> None:
    """About half of the bills paid in full, in cash or by WeChat Pay."""
    bills = core.collecting.balances(estate_id, month)
    for n, balance in enumerate(bills):
        if rng.random() < 0.5:
            continue
        raw = {
            "amount": str(balance.open_amount.amount),
            "method": "wechat_pay",
            "reference": f"4200001{n:09d}",
            "idempotency_key": f"demo-{balance.bill_id}",
        }
        core.collecting.record_payment(estate_id, balance.payer_id, raw, actor="demo")
