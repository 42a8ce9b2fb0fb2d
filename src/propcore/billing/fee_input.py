"""Reading a fee item (收费项目) from form or import input.

Every problem is collected before anything is raised, so a form shows all
its mistakes at once, each naming its field.
"""

from collections.abc import Mapping
from typing import Any

from propcore.billing.fees import (
    AppliesTo,
    AreaBasis,
    Cycle,
    Discounts,
    DueRule,
    FeeItem,
    LateFeeRule,
    PaymentMode,
    Tier,
)
from propcore.billing.meters import MeterKind
from propcore.billing.rates import RateSchedule, RateVersion
from propcore.billing.rounding import FEN_HALF_UP, parse_rounding
from propcore.billing.shared_usage import SHARED_AREAS, SHARED_BY, SplitBasis
from propcore.decimals import non_negative
from propcore.errors import FieldProblem, InvalidInputError
from propcore.inputs import Reader, parse_choice, parse_date, parse_int, parse_tags
from propcore.money import Money
from propcore.property.units import Usage

RATE_PLACES = 4
SHARE_PLACES = 4
DAILY_RATE_PLACES = 6


TIERS_SHAPE = "must read like 180:3.00, 260:4.50, :5.00"


def parse_tiers(value: object, field: str) -> tuple[Tier, ...]:
    """阶梯 prices as ``bound:price`` pairs, the last without a bound:
    ``180:3.00, 260:4.50, :5.00``."""
    tiers = []
    for part in str(value).replace("，", ",").split(","):
        bound, colon, price = part.strip().partition(":")
        if not colon:
            raise InvalidInputError.single(field, TIERS_SHAPE)
        up_to = non_negative(4)(bound, field) if bound.strip() else None
        tiers.append(Tier(up_to, Money(non_negative(RATE_PLACES)(price, field))))
    return tuple(tiers)


def parse_usages(value: object, field: str) -> frozenset[Usage]:
    parse = parse_choice(Usage)
    return frozenset(parse(tag, field) for tag in parse_tags(value, field))


def read_fee_item(raw: Mapping[str, Any]) -> FeeItem:
    """A fee item with one rate version, from fields named as below."""
    read = Reader(raw)
    names = {f: read.text(f, max_length=100) for f in ("code", "name", "fee_type")}
    rates = _read_rates(read)
    usages = read.value("usages", parse_usages, default=frozenset())
    settings = {
        "applies_to": AppliesTo(usages),  # type: ignore[arg-type]
        "cycle": read.value("cycle", parse_choice(Cycle), default=Cycle.MONTHLY),
        "payment_mode": read.value(
            "payment_mode", parse_choice(PaymentMode), default=PaymentMode.IN_ADVANCE
        ),
        "rounding": read.value("rounding", parse_rounding, default=FEN_HALF_UP),
        "area_basis": read.value(
            "area_basis", parse_choice(AreaBasis), default=AreaBasis.GROSS
        ),
        "due_rule": _read_due_rule(read),
        "late_fee": _read_late_fee(read),
        "discounts": _read_discounts(read),
        "tiers": read.value("tiers", parse_tiers, default=()),
        "options": _read_options(read),
    }
    read.done()
    item = read.check(lambda: FeeItem(**names, rates=rates, **settings))
    read.done()
    return item  # type: ignore[return-value]


def read_rate_version(raw: Mapping[str, Any]) -> RateVersion:
    """One more rate version: ``rate`` (per unit, four places at most) valid
    from ``rate_from``, with an optional ``rate_label``."""
    read = Reader(raw)
    rate = read.value("rate", non_negative(RATE_PLACES))
    since = read.value("rate_from", parse_date)
    label = read.text("rate_label", required=False)
    read.done()
    return RateVersion(since, Money(rate), label)  # type: ignore[arg-type]


def _read_rates(read: Reader) -> RateSchedule:
    """Rent reads its rate from the lease, so ``rate`` may be left blank."""
    rate = read.value("rate", non_negative(RATE_PLACES), default=None)
    since = read.value("rate_from", parse_date, default=None)
    label = read.text("rate_label", required=False)
    if rate is not None and since is None:
        read.problems.append(FieldProblem("rate_from", "is required"))
    if rate is None or since is None:
        return RateSchedule(())
    return RateSchedule((RateVersion(since, Money(rate), label),))


def _read_options(read: Reader) -> dict[str, str]:
    """``meter``: the kind of meter a metered item charges (water…); for 公摊,
    ``shared_areas`` (common areas, comma separated) and ``shared_by``
    (``area`` or ``equal``, see ``shared_usage.py``)."""
    meter = read.value("meter", parse_choice(MeterKind), default=None)
    areas = read.text(SHARED_AREAS, required=False, max_length=400)
    basis = read.value(SHARED_BY, parse_choice(SplitBasis), default=None)
    chosen = {"meter": meter, SHARED_AREAS: areas, SHARED_BY: basis}
    return {key: str(value) for key, value in chosen.items() if value}


def _read_due_rule(read: Reader) -> DueRule | None:
    day = read.value("due_day", parse_int, default=15)
    later = read.value("due_months_after", parse_int, default=0)
    return read.check(lambda: DueRule(day, later))  # type: ignore[arg-type]


def _read_late_fee(read: Reader) -> LateFeeRule | None:
    rate = read.value(
        "late_fee_daily_rate", non_negative(DAILY_RATE_PLACES), default=None
    )
    grace = read.value("late_fee_grace_days", parse_int, default=0)
    cap = read.value("late_fee_cap", non_negative(SHARE_PLACES), default=None)
    if rate is None:
        return None
    return read.check(lambda: LateFeeRule(rate, grace, cap))  # type: ignore[arg-type]


def _read_discounts(read: Reader) -> Discounts | None:
    share = non_negative(SHARE_PLACES)
    vacant = read.value("vacant_discount", share, default=None)
    ahead = read.value("year_ahead_discount", share, default=None)
    return read.check(lambda: Discounts(vacant, ahead))
