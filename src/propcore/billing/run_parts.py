"""What a bill run adds besides the month's charges: late fees of overdue
bills, the consumption a preview flags, and the bill message."""

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from propcore.billing.fees import FeeItem
from propcore.billing.late_fees import accrued_line
from propcore.billing.lines import Bill, yuan
from propcore.billing.meters import UnusualConsumption, UsualConsumptionRule
from propcore.billing.runs import ChargedItem, UnitFacts
from propcore.billing.usage import unusual
from propcore.ids import Id
from propcore.messaging import Message
from propcore.money import Money
from propcore.uow import UnitOfWork

if TYPE_CHECKING:
    from propcore.billing.running import RunReport


@attrs.frozen
class FlaggedUnit:
    """A unit whose consumption a preview asks staff to look at."""

    unit_id: Id
    label: str
    item_code: str
    found: UnusualConsumption


def bill_link(site: str, bill_id: Id) -> str:
    """Where a bill is read: the site's bill page, or nothing without a site."""
    return f"{site.rstrip('/')}/bills/{bill_id}" if site else ""


def flagged(
    facts: UnitFacts, charged: Sequence[ChargedItem], rule: UsualConsumptionRule
) -> list[FlaggedUnit]:
    unit = facts.unit
    return [
        FlaggedUnit(unit.id, unit.label, c.item.code, found)
        for c in charged
        if c.metered and c.shared is None
        for found in unusual(c.item, c.period, facts.meters, facts.readings, rule)
    ]


def add_late_fees(
    uow: UnitOfWork,
    report: "RunReport",
    unit_ids: Sequence[Id],
    items: Mapping[str, FeeItem],
    planned: dict[tuple[Id, Id], Bill],
) -> None:
    """滞纳金 of the units' overdue bills onto this month's bills (see
    ``late_fees.py``); a payer with nothing else this month gets a bill of
    late fees alone."""
    month = report.period
    overdue = uow.bills.balances(estate_id=report.estate_id, open_only=True,
                                 unit_ids=unit_ids, due_before=month.first)  # fmt: skip
    if not overdue:
        return
    charged = uow.bills.late_fees([b.bill_id for b in overdue])
    through = month.first - timedelta(days=1)
    for balance in overdue:
        owed = uow.bills.get(balance.bill_id).bill
        for code in dict.fromkeys(line.item_code for line in owed.lines):
            item = items.get(code)
            already = charged.get((owed.id, code), Money.zero())
            line = item and accrued_line(item, owed, balance.open_amount, through,
                                         already)  # fmt: skip
            if line:
                key = (owed.unit_id, owed.payer_id)
                if key not in planned:
                    planned[key] = Bill(owed.payer_id, owed.payer, owed.unit_id,
                                        month, item.due_date(month))  # fmt: skip
                planned[key].add_line(line)


def bill_message(account, bill: Bill, site: str) -> Message:
    """``site``: the deployment's public address, for the link to the bill."""
    return Message(
        account_id=account.id,
        template="bill_issued",
        params={
            "bill_id": str(bill.id),
            "amount": yuan(bill.total),
            "due": bill.due.isoformat(),
            "period": bill.period.first.strftime("%Y-%m"),
            "link": bill_link(site, bill.id),
        },
        phone=account.phone,
        email=account.email or None,
        language=account.language,
        kind="bill",
        key=f"bill_issued:{bill.id}",
    )
