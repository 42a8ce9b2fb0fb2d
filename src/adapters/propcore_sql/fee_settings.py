"""A fee item as a ``fee_items`` row and back.

Settings that queries never look inside are JSON; every Decimal in them is
written as a string, so its value and its places come back unchanged.
"""

from decimal import Decimal
from typing import Any
from uuid import UUID

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
from propcore.billing.rates import RateSchedule
from propcore.billing.rounding import RULES
from propcore.money import Money
from propcore.property.units import Usage

Json = dict[str, Any]


def fee_item_row(item: FeeItem) -> Json:
    if RULES.get(item.rounding.name) != item.rounding:
        raise ValueError(f"only named rounding rules are stored: {item.rounding}")
    return {
        "id": item.id,
        "estate_id": item.estate_id,
        "code": item.code,
        "name": item.name,
        "fee_type": item.fee_type,
        "cycle": item.cycle.value,
        "payment_mode": item.payment_mode.value,
        "due_day": item.due_rule.day,
        "due_months_after": item.due_rule.months_after,
        "rounding": item.rounding.name,
        "area_basis": item.area_basis.value,
        "tier_cycle": item.tier_cycle.value,
        "applies_to": _applies_to_json(item.applies_to),
        "tiers": [_tier_json(tier) for tier in item.tiers],
        "late_fee": _late_fee_json(item.late_fee),
        "discounts": _discounts_json(item.discounts),
        "escalation": _escalation_json(item.escalation),
        "options": dict(item.options),
    }


def fee_item(row, rates: RateSchedule) -> FeeItem:
    return FeeItem(
        code=row.code,
        name=row.name,
        fee_type=row.fee_type,
        applies_to=_applies_to(row.applies_to),
        rates=rates,
        cycle=Cycle(row.cycle),
        payment_mode=PaymentMode(row.payment_mode),
        due_rule=DueRule(row.due_day, row.due_months_after),
        rounding=RULES[row.rounding],
        late_fee=_late_fee(row.late_fee),
        discounts=_discounts(row.discounts),
        area_basis=AreaBasis(row.area_basis),
        tiers=tuple(_tier(tier) for tier in row.tiers),
        tier_cycle=Cycle(row.tier_cycle),
        escalation=_escalation(row.escalation),
        options=dict(row.options),
        estate_id=row.estate_id,
        id=row.id,
    )


def _text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _money_json(money: Money | None) -> Json | None:
    if money is None:
        return None
    return {"amount": str(money.amount), "currency": money.currency}


def _money(data: Json | None) -> Money | None:
    if data is None:
        return None
    return Money(Decimal(data["amount"]), data["currency"])


def _applies_to_json(applies: AppliesTo) -> Json:
    return {
        "usages": sorted(usage.value for usage in applies.usages),
        "building_ids": sorted(str(i) for i in applies.building_ids),
        "unit_ids": sorted(str(i) for i in applies.unit_ids),
        "leases_only": applies.leases_only,
    }


def _applies_to(data: Json) -> AppliesTo:
    return AppliesTo(
        usages=frozenset(Usage(u) for u in data["usages"]),
        building_ids=frozenset(UUID(i) for i in data["building_ids"]),
        unit_ids=frozenset(UUID(i) for i in data["unit_ids"]),
        leases_only=data["leases_only"],
    )


def _tier_json(tier: Tier) -> Json:
    return {"up_to": _text(tier.up_to), "price": _money_json(tier.price)}


def _tier(data: Json) -> Tier:
    return Tier(_number(data["up_to"]), _money(data["price"]))  # type: ignore[arg-type]


def _late_fee_json(rule: LateFeeRule | None) -> Json | None:
    if rule is None:
        return None
    return {
        "daily_rate": str(rule.daily_rate),
        "grace_days": rule.grace_days,
        "cap": _text(rule.cap),
    }


def _late_fee(data: Json | None) -> LateFeeRule | None:
    if data is None:
        return None
    return LateFeeRule(
        Decimal(data["daily_rate"]), data["grace_days"], _number(data["cap"])
    )


def _discounts_json(discounts: Discounts) -> Json:
    return {
        "vacant": _text(discounts.vacant),
        "year_ahead": _text(discounts.year_ahead),
    }


def _discounts(data: Json) -> Discounts:
    return Discounts(_number(data["vacant"]), _number(data["year_ahead"]))


def _escalation_json(escalation: Escalation | None) -> Json | None:
    if escalation is None:
        return None
    return {
        "every_months": escalation.every_months,
        "percent": _text(escalation.percent),
        "amount": _money_json(escalation.amount),
    }


def _escalation(data: Json | None) -> Escalation | None:
    if data is None:
        return None
    return Escalation(
        data["every_months"], _number(data["percent"]), _money(data["amount"])
    )
