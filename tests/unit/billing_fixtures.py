"""Fee items, units and leases the billing tests share."""

from datetime import date
from decimal import Decimal

from propcore.billing.fees import AppliesTo, FeeItem
from propcore.billing.rates import RateSchedule, RateVersion
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.units import Unit, Usage
from propcore.residents.occupancy import Lease

PRICE_2025 = RateVersion(date(2025, 1, 1), Money(Decimal("2.80")), "2025 价格公示")
PRICE_2026 = RateVersion(date(2026, 3, 11), Money(Decimal("3.00")), "2026 价格公示")


def unit(area: str = "120.50", **changes) -> Unit:
    values = {"building_id": new_id(), "label": "2-1201", "floor": 12}
    values |= {"room": "1201", "gross_area": Area(Decimal(area)), "status": "owned"}
    return Unit(**(values | changes))


def item(fee_type: str = "by_area", **changes) -> FeeItem:
    values = {
        "code": "property_fee",
        "name": "物业费",
        "fee_type": fee_type,
        "applies_to": AppliesTo(usages=frozenset({Usage.RESIDENTIAL})),
        "rates": RateSchedule((PRICE_2025,)),
    }
    return FeeItem(**(values | changes))


def lease(rent: str = "3500.00", tenant_pays: tuple[str, ...] = ()) -> Lease:
    return Lease(
        date(2026, 1, 1),
        date(2027, 12, 31),
        Money(Decimal(rent)),
        Money(Decimal("7000.00")),
        tenant_pays,
    )
