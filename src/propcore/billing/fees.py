"""Fee items (收费项目): what is charged, to whom, how often, and when due."""

import calendar
import enum
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

import attrs

from propcore.billing.lines import Payer
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.billing.rounding import FEN_HALF_UP, RoundingRule
from propcore.errors import InvalidInputError
from propcore.ids import Id, new_id
from propcore.money import Money
from propcore.property.units import Unit, Usage
from propcore.residents.occupancy import Lease


class Cycle(enum.StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    ONE_OFF = "one_off"

    def period_of(self, day: date) -> Period:
        """The billing period of this cycle that contains ``day``."""
        if self is Cycle.MONTHLY or self is Cycle.ONE_OFF:
            return Period.month(day.year, day.month)
        if self is Cycle.QUARTERLY:
            return Period.quarter(day.year, (day.month - 1) // 3 + 1)
        return Period.year(day.year)


class PaymentMode(enum.StrEnum):
    IN_ADVANCE = "in_advance"
    IN_ARREARS = "in_arrears"


class AreaBasis(enum.StrEnum):
    GROSS = "gross"
    USABLE = "usable"


def _fraction(field: str):
    def check(_instance: object, _attribute: object, value: Decimal | None) -> None:
        if value is not None and not Decimal(0) <= value <= Decimal(1):
            raise InvalidInputError.single(field, "must be between 0 and 1")

    return check


@attrs.frozen
class DueRule:
    """Due on ``day`` of the cycle's first month, ``months_after`` months
    later (a day past the month's end means its last day)."""

    day: int = 15
    months_after: int = 0

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.day <= 31:
            raise InvalidInputError.single("due_day", "must be between 1 and 31")
        if self.months_after < 0:
            raise InvalidInputError.single("due_months_after", "must not be negative")

    def due_date(self, period: Period) -> date:
        return _due_date(self.day, self.months_after, period.first)


@lru_cache(maxsize=1024)
def _due_date(day: int, months_after: int, first: date) -> date:
    """Kept once worked out: a run asks it for every line."""
    index = first.month - 1 + months_after
    year, month = first.year + index // 12, index % 12 + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@attrs.frozen
class LateFeeRule:
    """滞纳金: ``daily_rate`` of the unpaid amount for each day late beyond
    ``grace_days`` after the due date (the grace days are not charged),
    at most ``cap`` times the unpaid amount when a cap is set."""

    daily_rate: Decimal = attrs.field(validator=_fraction("late_fee_daily_rate"))
    grace_days: int = 0
    cap: Decimal | None = attrs.field(default=None, validator=_fraction("late_fee_cap"))

    def __attrs_post_init__(self) -> None:
        if self.grace_days < 0:
            raise InvalidInputError.single(
                "late_fee_grace_days", "must not be negative"
            )

    def charged_days(self, due: date, on: date) -> int:
        return max(0, (on - due).days - self.grace_days)

    def late_fee(self, unpaid: Money, due: date, on: date) -> Money:
        """Unrounded; the item's rounding rule rounds the late-fee line."""
        fee = unpaid * self.daily_rate * self.charged_days(due, on)
        if self.cap is not None:
            fee = min(fee, unpaid * self.cap)
        return fee


@attrs.frozen
class Discounts:
    """``vacant``: the share of the fee a vacant unit pays (0.5 = half);
    ``year_ahead``: the share paid when a whole year is paid in advance."""

    vacant: Decimal | None = attrs.field(
        default=None, validator=_fraction("vacant_discount")
    )
    year_ahead: Decimal | None = attrs.field(
        default=None, validator=_fraction("year_ahead_discount")
    )


@attrs.frozen
class AppliesTo:
    """Which units an item charges: any listed usage, building or unit;
    ``leases_only`` narrows to units let under a lease (e.g. rent)."""

    usages: frozenset[Usage] = frozenset()
    building_ids: frozenset[Id] = frozenset()
    unit_ids: frozenset[Id] = frozenset()
    leases_only: bool = False

    def names_any(self) -> bool:
        """Whether any usage, building or unit is chosen: without one the
        item covers no unit."""
        return bool(self.usages or self.building_ids or self.unit_ids)

    def covers(self, unit: Unit, lease: Lease | None) -> bool:
        if self.leases_only and lease is None:
            return False
        return (
            unit.usage in self.usages
            or unit.building_id in self.building_ids
            or unit.id in self.unit_ids
        )

    @classmethod
    def parking_spaces(cls) -> "AppliesTo":
        return cls(usages=frozenset({Usage.PARKING}))


@attrs.frozen
class Tier:
    """A 阶梯 price: ``price`` per unit consumed up to ``up_to`` (cumulative
    within the tier cycle); the last tier has no ``up_to``."""

    up_to: Decimal | None
    price: Money


@attrs.frozen
class Escalation:
    """Rent rises every ``every_months`` months of the lease, by ``percent``
    of the current rent (compounding) or by a fixed ``amount``."""

    every_months: int
    percent: Decimal | None = None
    amount: Money | None = None

    def __attrs_post_init__(self) -> None:
        if self.every_months < 1:
            raise InvalidInputError.single("escalation_every", "must be at least 1")
        if (self.percent is None) == (self.amount is None):
            raise InvalidInputError.single(
                "escalation", "needs either a percentage or an amount"
            )


NO_RATES = RateSchedule(())


@attrs.frozen
class FeeItem:
    """A 收费项目 such as 物业费, 水费 or 停车费, charged by its fee type.

    ``rates`` is the item's price per its unit of measure (per m² per month,
    per unit per month, per m³…); ``options`` carries settings a plugin's fee
    type reads (each fee type documents its own). A stored item belongs to
    the estate ``estate_id``.
    """

    code: str
    name: str
    fee_type: str
    applies_to: AppliesTo
    rates: RateSchedule = NO_RATES
    cycle: Cycle = Cycle.MONTHLY
    payment_mode: PaymentMode = PaymentMode.IN_ADVANCE
    due_rule: DueRule = DueRule()
    rounding: RoundingRule = FEN_HALF_UP
    late_fee: LateFeeRule | None = None
    discounts: Discounts = Discounts()
    area_basis: AreaBasis = AreaBasis.GROSS
    tiers: tuple[Tier, ...] = ()
    tier_cycle: Cycle = Cycle.YEARLY
    escalation: Escalation | None = None
    options: Mapping[str, str] = attrs.field(factory=dict)
    estate_id: Id | None = attrs.field(default=None, kw_only=True)
    id: Id = attrs.field(factory=new_id, kw_only=True)

    def __attrs_post_init__(self) -> None:
        for field in ("code", "name", "fee_type"):
            if not getattr(self, field).strip():
                raise InvalidInputError.single(field, "is required")
        _check_tiers(self.tiers)

    def payer(self, lease: Lease | None) -> Payer:
        """The owner pays unless the lease names this item as the tenant's."""
        if lease is not None and self.code in lease.tenant_pays:
            return Payer.TENANT
        return Payer.OWNER

    def due_date(self, period: Period) -> date:
        return self.due_rule.due_date(period)

    def tier_window(self, period: Period) -> Period | None:
        """The days of the tier cycle before ``period`` (None when the period
        opens the cycle): ``Consumption.before`` is what was used in them."""
        cycle = self.tier_cycle.period_of(period.first)
        if period.first == cycle.first:
            return None
        return Period(cycle.first, period.first - timedelta(days=1))

    def billed_period(self, run_day: date) -> Period:
        """The period a bill run on ``run_day`` charges: the current cycle in
        advance, or the one before it in arrears."""
        current = self.cycle.period_of(run_day)
        if self.payment_mode is PaymentMode.IN_ADVANCE:
            return current
        return self.cycle.period_of(current.first - timedelta(days=1))


def _check_tiers(tiers: tuple[Tier, ...]) -> None:
    if not tiers:
        return
    bounds = [Decimal(0), *(t.up_to for t in tiers[:-1])]
    rising = None not in bounds and all(
        low < high
        for low, high in pairwise(bounds)  # type: ignore[operator]
    )
    if not rising or tiers[-1].up_to is not None:
        raise InvalidInputError.single("tiers", "must rise and end with an open tier")
