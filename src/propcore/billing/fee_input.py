"""Reading a fee item (收费项目) from form or import input.

Every problem is collected before anything is raised, so a form shows all
its mistakes at once, each naming its field.
"""

import re
from collections.abc import Mapping
from typing import Any

from propcore.billing.fee_types import FeeTypeRegistry
from propcore.billing.fees import (
    AppliesTo,
    AreaBasis,
    Cycle,
    Discounts,
    DueRule,
    Escalation,
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
from propcore.inputs import (
    Reader,
    parse_choice,
    parse_date,
    parse_flag,
    parse_ids,
    parse_int,
    parse_tags,
)
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


def read_fee_item(
    raw: Mapping[str, Any], fee_types: FeeTypeRegistry | None = None
) -> FeeItem:
    """A fee item with one rate version, from fields named as below. With
    ``fee_types``, the fee type must be registered and its options are read
    by the type itself (see ``FeeTypeRegistry.read_options``)."""
    read = Reader(raw)
    names = {f: read.text(f, max_length=100) for f in ("code", "name", "fee_type")}
    rates = _read_rates(read)
    cycle = read.value("cycle", parse_choice(Cycle), default=Cycle.MONTHLY)
    settings = {
        "applies_to": _read_applies_to(read),
        "cycle": cycle,
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
        "tier_cycle": _read_tier_cycle(read, cycle),
        "escalation": _read_escalation(read),
        "options": _read_options(read, names["fee_type"], fee_types),
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


def _read_options(
    read: Reader, fee_type: str, fee_types: FeeTypeRegistry | None
) -> dict[str, str]:
    """``options`` (name=value pairs, or a mapping), which the fee type
    reads; ``meter``: the kind of meter a metered item charges (water…),
    which the bill run reads whatever the fee type; for 公摊,
    ``shared_areas`` (common areas, comma separated) and ``shared_by``
    (``area`` or ``equal``, see ``shared_usage.py``)."""
    options = read.value("options", parse_options, default={}) or {}
    meter = read.value("meter", parse_choice(MeterKind), default=None)
    areas = read.text(SHARED_AREAS, required=False, max_length=400)
    basis = read.value(SHARED_BY, parse_choice(SplitBasis), default=None)
    if fee_types is not None and fee_type:
        checked = read.check(lambda: fee_types.read_options(fee_type, options))
        options = options if checked is None else checked
    chosen = {"meter": meter, SHARED_AREAS: areas, SHARED_BY: basis}
    return options | {key: str(value) for key, value in chosen.items() if value}


OPTIONS_SHAPE = "must read like name=value, name=value"


def parse_options(value: object, field: str) -> dict[str, str]:
    """A fee type's options: a mapping, or ``name=value`` pairs separated
    by commas or new lines."""
    if isinstance(value, Mapping):
        return {str(k).strip(): str(v).strip() for k, v in value.items()}
    options = {}
    for part in re.split(r"[,，\n]", str(value)):
        name, equals, setting = part.partition("=")
        if not part.strip():
            continue
        if not equals or not name.strip():
            raise InvalidInputError.single(field, OPTIONS_SHAPE)
        options[name.strip()] = setting.strip()
    return options


NO_TARGETS = "must name at least one usage, building or unit"


def _read_applies_to(read: Reader) -> AppliesTo:
    """``usages``, ``building_ids`` and ``unit_ids`` (lists or comma-separated
    text), and the ``leases_only`` flag. An item must name at least one of
    the three: one naming none would charge nobody, so it is refused on
    ``applies_to`` (parking spaces are the usage ``parking``)."""
    known = len(read.problems)
    ids = {
        f: read.value(f, parse_ids, default=frozenset())
        for f in ("building_ids", "unit_ids")
    }
    usages = read.value("usages", parse_usages, default=frozenset())
    applies = AppliesTo(
        usages=usages,  # type: ignore[arg-type]
        leases_only=bool(read.value("leases_only", parse_flag, default=False)),
        **ids,  # type: ignore[arg-type]
    )
    if len(read.problems) == known and not applies.names_any():
        read.problems.append(FieldProblem("applies_to", NO_TARGETS))
    return applies


TIER_CYCLES = (Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY)
_MONTHS = {Cycle.MONTHLY: 1, Cycle.ONE_OFF: 1, Cycle.QUARTERLY: 3, Cycle.YEARLY: 12}


def parse_tier_cycle(value: object, field: str) -> Cycle:
    cycle = parse_choice(Cycle)(value, field)
    if cycle not in TIER_CYCLES:
        raise InvalidInputError.single(
            field,
            "must be one of %(choices)s",
            choices=", ".join(c.value for c in TIER_CYCLES),
        )
    return cycle


def _read_tier_cycle(read: Reader, cycle: Cycle | None) -> Cycle | None:
    """The cycle 阶梯 consumption adds up over (yearly by default), never
    shorter than the billing cycle."""
    tier_cycle = read.value("tier_cycle", parse_tier_cycle, default=Cycle.YEARLY)
    if tier_cycle and cycle and _MONTHS[tier_cycle] < _MONTHS[cycle]:
        read.problems.append(
            FieldProblem("tier_cycle", "must not be shorter than the billing cycle")
        )
    return tier_cycle


def _read_escalation(read: Reader) -> Escalation | None:
    """Rent escalation: ``escalation_every`` months, by ``escalation_percent``
    or by ``escalation_amount`` (yuan); none when all three are blank."""
    known = len(read.problems)
    every = read.value("escalation_every", parse_int, default=None)
    percent = read.value("escalation_percent", non_negative(SHARE_PLACES), default=None)
    amount = read.value("escalation_amount", Money.parse, default=None)
    if len(read.problems) > known or (every, percent, amount) == (None,) * 3:
        return None
    if every is None:
        read.problems.append(FieldProblem("escalation_every", "is required"))
        return None
    months: int = every  # narrowed above; the rule below runs later
    return read.check(lambda: Escalation(months, percent, amount))


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
