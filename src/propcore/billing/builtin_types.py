"""The fee types propcore ships, registered through ``register_fee_types``
exactly like a plugin's: by area, fixed, metered (阶梯), rent, one-off."""

from collections.abc import Hashable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from propcore.billing.fee_types import (
    ChargeContext,
    Consumption,
    MissingConsumptionError,
    Register,
    SharedPart,
    as_decimal,
    check_option_names,
    fraction_text,
)
from propcore.billing.fees import AreaBasis, Escalation, FeeItem, Tier
from propcore.billing.lines import BillLine, yuan
from propcore.billing.periods import Period, month_fraction
from propcore.billing.rates import NoRateError, RateSegment
from propcore.decimals import parse_decimal
from propcore.errors import InvalidInputError
from propcore.hooks import hookimpl
from propcore.measures import Area
from propcore.money import Money
from propcore.residents.occupancy import Lease

PRORATED = "按天折算"


def rate_terms(
    context: ChargeContext, per: str
) -> tuple[str, Fraction, dict[str, str]]:
    """``¥rate/per × months`` for each rate segment, their sum as a Fraction
    of yuan, and the inputs (rate, version and days of each segment)."""
    if not context.segments:
        raise NoRateError(context.period.first)
    text, total, inputs = _rate_terms(context.segments, per)
    return text, total, dict(inputs)


@lru_cache(maxsize=4096)
def _rate_terms(
    segments: tuple[RateSegment, ...], per: str
) -> tuple[str, Fraction, dict[str, str]]:
    """Kept once computed: every unit of a run has the same segments."""
    terms, total, inputs = [], Fraction(0), {}
    for segment in segments:
        rate, months = segment.version.rate, segment.months
        months_text = "" if months == 1 else f" × {fraction_text(months)} 月"
        terms.append(f"{price(rate)}{per}{months_text}")
        total += Fraction(rate.amount) * months
        inputs[f"rate {segment.version.name}"] = f"{price(rate)}{per}"
        inputs[f"days {segment.version.name}"] = str(segment.days)
    text = terms[0] if len(terms) == 1 else "(" + " + ".join(terms) + ")"
    return text, total, inputs


def price(rate: Money) -> str:
    """A rate as written on a bill: ``¥2.80`` for a stored ``2.8000``, with
    the places beyond the fen kept only when they are not zero."""
    amount = rate.amount.normalize()
    if amount.as_tuple().exponent > -2:  # type: ignore[operator]
        amount = amount.quantize(Decimal("0.01"))
    return yuan(Money(amount, rate.currency))


def _description(context: ChargeContext) -> str:
    if len(context.segments) < 2:
        return context.item.name
    changes = ", ".join(s.period.first.isoformat() for s in context.segments[1:])
    return f"{context.item.name} ({PRORATED}: rate changed {changes})"


def _line(
    context: ChargeContext,
    terms: str,
    inputs: dict[str, str],
    total: Fraction,
    *,
    by_rate_segments: bool = False,
) -> BillLine:
    """Rounded once by the item's rule; only a line priced segment by
    segment says it was prorated at a rate change."""
    description = _description(context) if by_rate_segments else context.item.name
    return BillLine.compute(
        context.item.code,
        description,
        terms=terms,
        inputs={"period": str(context.period), **inputs},
        unrounded=Money(as_decimal(total)),
        rule=context.item.rounding,
    )


def charged_area(context: ChargeContext) -> Area:
    if context.item.area_basis is AreaBasis.GROSS:
        return context.unit.gross_area
    if context.unit.usable_area is None:
        raise InvalidInputError.single("usable_area", "is required for this fee item")
    return context.unit.usable_area


class ByArea:
    """Area (gross or usable, per item) × rate per m² per month × the unit's
    fee coefficient × months, each month prorated by days."""

    def depends_on(self, context: ChargeContext) -> Hashable:
        # as text: equal Decimals may be written differently on the line
        return str(charged_area(context)), str(context.unit.fee_coefficient)

    def lines(self, context: ChargeContext) -> list[BillLine]:
        area, coefficient = charged_area(context), context.unit.fee_coefficient
        rates, total, inputs = rate_terms(context, "/m²/月")
        terms = f"{area} m² × {rates}"
        if coefficient != 1:
            terms += f" × {coefficient}"
        inputs |= {"area": f"{area} m²", "fee coefficient": str(coefficient)}
        amount = Fraction(area.square_metres) * Fraction(coefficient) * total
        return [_line(context, terms, inputs, amount, by_rate_segments=True)]


class Fixed:
    """A fixed amount per unit (or parking space) per month × months."""

    def depends_on(self, context: ChargeContext) -> Hashable:
        return ()

    def lines(self, context: ChargeContext) -> list[BillLine]:
        terms, total, inputs = rate_terms(context, "/月")
        return [_line(context, terms, inputs, total, by_rate_segments=True)]


class OneOff:
    """The rate valid on the period's first day × ``options["quantity"]`` (1)."""

    def depends_on(self, context: ChargeContext) -> Hashable:
        return ()

    def read_options(self, raw: Mapping[str, str]) -> dict[str, str]:
        """``quantity``: a number above 0 with at most four places."""
        check_option_names(raw, ("quantity",))
        if "quantity" not in raw:
            return {}
        text = raw["quantity"].strip()
        try:
            if parse_decimal(text, "options", places=4) > 0:
                return {"quantity": text}
        except InvalidInputError:
            pass
        raise InvalidInputError.single(
            "options", "%(option)s must be a number above 0", option="quantity"
        )

    def lines(self, context: ChargeContext) -> list[BillLine]:
        version = context.item.rates.rate_on(context.period.first)
        quantity = Decimal(context.item.options.get("quantity", "1"))
        terms = f"{yuan(version.rate)} × {quantity}"
        inputs = {f"rate {version.name}": yuan(version.rate), "quantity": str(quantity)}
        total = Fraction(version.rate.amount) * Fraction(quantity)
        return [_line(context, terms, inputs, total)]


def tier_portions(
    tiers: tuple[Tier, ...], before: Decimal, used: Decimal
) -> list[tuple[Decimal, Money]]:
    """How much of ``used`` falls in each tier, counting cumulative
    consumption from ``before`` (what the tier cycle had already used)."""
    portions, low = [], Decimal(0)
    for tier in tiers:
        high = before + used if tier.up_to is None else tier.up_to
        quantity = min(before + used, high) - max(before, low)
        if quantity > 0:
            portions.append((quantity, tier.price))
        low = high
    return portions


def priced(item: FeeItem, period: Period, used: Consumption) -> tuple[str, Fraction]:
    """The terms and the unrounded price of ``used``: by the item's tiers
    (阶梯价格) on the consumption to date within the tier cycle, else at the
    rate valid on the period's last day. Prices are written as on a bill
    (:func:`price`): ``¥4.10``, not the stored ``4.1000``."""
    tiers = item.tiers or (Tier(None, item.rates.rate_on(period.last).rate),)
    portions = tier_portions(tiers, used.before, used.used)
    terms = " + ".join(f"{q} {used.unit} × {price(p)}/{used.unit}" for q, p in portions)
    total = sum((Fraction(q) * Fraction(p.amount) for q, p in portions), Fraction())
    return terms or f"0 {used.unit}", total


class Metered:
    """Consumption × price (see :func:`priced`); a shared (公摊) item's
    line is the unit's part of the common charge, split beforehand."""

    def depends_on(self, context: ChargeContext) -> Hashable | None:
        used = context.consumption
        if not isinstance(used, Consumption):
            return None
        return str(used.used), str(used.before), used.unit, used.readings

    def lines(self, context: ChargeContext) -> list[BillLine]:
        used = context.consumption
        if used is None:
            raise MissingConsumptionError(context.item.code)
        if isinstance(used, SharedPart):
            return [_shared_line(context, used)]
        terms, total = priced(context.item, context.period, used)
        return [_line(context, terms, _readings(used), total)]


def _shared_line(context: ChargeContext, part: SharedPart) -> BillLine:
    """The amount is the unit's largest-remainder part, not its exact share
    rounded on its own, so that the parts add up to the common charge."""
    item = context.item
    return BillLine(
        item.code, f"公摊 {item.name}", f"{part.terms} = {yuan(part.amount)}",
        {"period": str(context.period), **part.inputs}, part.exact, part.amount,
        f"{item.rounding.name} largest remainder",
    )  # fmt: skip


def _readings(used: Consumption) -> dict[str, str]:
    return {
        "used": f"{used.used} {used.unit}",
        "used before in tier cycle": f"{used.before} {used.unit}",
        "readings": used.readings,
    }


def rent_on(lease: Lease, escalation: Escalation | None, day: date) -> Money:
    """The monthly rent on ``day``: the lease's rent, raised once for every
    ``every_months`` whole months since the lease began."""
    if escalation is None:
        return lease.rent
    elapsed = relativedelta(day, lease.start)
    steps = (elapsed.years * 12 + elapsed.months) // escalation.every_months
    if escalation.percent is not None:
        return lease.rent * (1 + escalation.percent / 100) ** steps
    return lease.rent + escalation.amount * steps  # type: ignore[operator]


class Rent:
    """The lease's monthly rent, escalated, × the months of the lease in the
    period, each month prorated by days; nothing without a lease."""

    def lines(self, context: ChargeContext) -> list[BillLine]:
        lease = context.lease
        leased = lease and context.period.intersection(_lease_period(lease))
        if lease is None or leased is None:
            return []
        months: dict[Money, Fraction] = {}
        for piece in leased.months():
            rent = rent_on(lease, context.item.escalation, piece.first)
            months[rent] = months.get(rent, Fraction()) + month_fraction(piece)
        terms = " + ".join(
            f"{price(rent)}/月 × {fraction_text(m)} 月" for rent, m in months.items()
        )
        total = sum((Fraction(r.amount) * m for r, m in months.items()), Fraction())
        inputs = {"lease": f"{lease.start}..{lease.end}", "rent": yuan(lease.rent)}
        return [_line(context, terms, inputs, total)]


def _lease_period(lease: Lease) -> Period:
    return Period(lease.start, lease.end)


BUILTIN_TYPES = {
    "by_area": ByArea(),
    "fixed": Fixed(),
    "metered": Metered(),
    "rent": Rent(),
    "one_off": OneOff(),
}


@hookimpl
def register_fee_types(register: Register) -> None:
    for code, fee_type in BUILTIN_TYPES.items():
        register(code, fee_type)
