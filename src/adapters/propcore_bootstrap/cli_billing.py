"""``propcore billing``: bill runs (``run``, ``day``) and the payer's money
(``pay``, ``reverse``, ``refund``) from the command line.

The money commands take the JSON API's fields as flags (``--amount``,
``--method``, ``--reference``, ``--payment-id``, ``--reason``,
``--idempotency-key``) and leave every check to the core, so a missing or
bad field is reported by its name; the same ``--idempotency-key`` again
prints the first result and records nothing.
"""

import argparse
import logging

from propcore.billing.collecting import Receipt
from propcore.billing.ledger import Entry
from propcore.billing.lines import yuan
from propcore.billing.periods import parse_month
from propcore.billing.running import RunReport
from propcore.errors import InvalidInputError, NotFoundError
from propcore.ids import Id, parse_id
from propcore.money import Money
from propcore.property.tree import NodeKind

log = logging.getLogger(__name__)
ACTOR = "cli"
PAYMENTS_PAYER = "the payer's person id; left out, the payment's payer"


def add_commands(commands, run) -> None:
    """``run(settings, args, handler)`` opens the core and calls ``handler``."""
    billing = commands.add_parser("billing", help="bill runs (出账)")
    actions = billing.add_subparsers(required=True, metavar="action")
    bill_run = actions.add_parser("run", help="bill an estate for a month")
    bill_run.add_argument("--estate", required=True, help="estate id or name")
    bill_run.add_argument("--period", required=True, help="month, e.g. 2026-12")
    bill_run.add_argument("--dry-run", action="store_true", help="write nothing")
    bill_run.set_defaults(command=lambda s, a: run(s, a, _bill_run))
    run_day = actions.add_parser("day", help="an estate's bill-run day (出账日)")
    run_day.add_argument("--estate", required=True, help="estate id or name")
    choice = run_day.add_mutually_exclusive_group()
    choice.add_argument("--day", type=int, help="its own day, 1 to 28")
    choice.add_argument(
        "--default", action="store_true", help="back to the setting bill_run_day"
    )
    run_day.set_defaults(command=lambda s, a: run(s, a, _run_day))
    pay = _money_command(actions, "pay", "record a payment (缴费)")
    _add_fields(pay, "amount", "method", "reference", "idempotency_key")
    pay.set_defaults(command=lambda s, a: run(s, a, _pay))
    reverse = _money_command(
        actions, "reverse", "reverse a payment (冲正)", PAYMENTS_PAYER
    )
    _add_fields(reverse, "payment_id", "reason", "idempotency_key")
    reverse.set_defaults(command=lambda s, a: run(s, a, _reverse))
    refund = _money_command(actions, "refund", "pay prepaid money back (退款)")
    _add_fields(refund, "amount", "method", "reference", "reason", "idempotency_key")
    refund.set_defaults(command=lambda s, a: run(s, a, _refund))


FIELD_HELP = {
    "amount": "CNY, at most 2 places, e.g. 3500.00",
    "method": "cash, bank_transfer, wechat_pay, alipay or pos",
    "reference": "the transaction number: for bank_transfer, wechat_pay, alipay",
    "payment_id": "the payment's id",
    "reason": "why, kept with the entry and told to the payer",
    "idempotency_key": "made once per attempt: the same key again records nothing",
}


def _money_command(
    actions, name: str, help_text: str, payer_help: str | None = None
) -> argparse.ArgumentParser:
    """``payer_help``: the payer may be left out, and this says how it is
    found instead."""
    command = actions.add_parser(name, help=help_text)
    command.add_argument("--estate", required=True, help="estate id or name")
    if payer_help is None:
        command.add_argument("--payer", required=True, help="the payer's person id")
    else:
        command.add_argument("--payer", default="", help=payer_help)
    return command


def _add_fields(command: argparse.ArgumentParser, *fields: str) -> None:
    """The core's fields, checked by the core: a missing one is reported as
    ``<field>: is required`` like any other mistake."""
    for field in fields:
        flag = "--" + field.replace("_", "-")
        command.add_argument(flag, dest=field, default="", help=FIELD_HELP[field])


def _fields(args: argparse.Namespace, *names: str) -> dict[str, str]:
    return {name: getattr(args, name) for name in names}


def _estate(core, text: str) -> Id:
    estates = core.property.nodes(NodeKind.ESTATE)
    named = [e.id for e in estates if e.name == text.strip()]
    if len(named) == 1:
        return named[0]
    return parse_id(text, "estate")


def _estate_and_payer(core, args: argparse.Namespace) -> tuple[Id, Id]:
    estate = _estate(core, args.estate)
    if not args.payer:
        _check_estate(core, estate)
        if not args.payment_id.strip():
            raise InvalidInputError.single("payment_id", "is required")
        payment = parse_id(args.payment_id.strip(), "payment_id")
        return estate, core.reversing.payer_of(payment, in_estate=estate)
    payer = parse_id(args.payer, "payer")
    _check_estate(core, estate)
    try:
        core.residents.person(payer)
    except NotFoundError:
        raise InvalidInputError.single("payer", "does not exist") from None
    return estate, payer


def _check_estate(core, estate: Id) -> None:
    try:
        if core.property.node(estate).kind is not NodeKind.ESTATE:
            raise InvalidInputError.single("estate", "is not an estate")
    except NotFoundError:
        raise InvalidInputError.single("estate", "does not exist") from None


def _pay(core, args: argparse.Namespace) -> int:
    estate, payer = _estate_and_payer(core, args)
    raw = _fields(args, "amount", "method", "reference", "idempotency_key")
    receipt = core.collecting.record_payment(estate, payer, raw, actor=ACTOR)
    log.info("payment %s by payer %s in estate %s", receipt.entry.id, payer, estate)
    print("\n".join(describe_receipt(receipt)))
    return 0


def _reverse(core, args: argparse.Namespace) -> int:
    estate, payer = _estate_and_payer(core, args)
    raw = _fields(args, "payment_id", "reason", "idempotency_key")
    entry = core.reversing.reverse_payment(
        payer, raw, in_estate=estate, actor=ACTOR, by=None
    )
    log.info("reversal %s of payment %s by payer %s", entry.id, entry.refers_to, payer)
    print(f"reversed payment {entry.refers_to}: {yuan(entry.amount)} "
          f"(reversal {entry.id}), its bills are open again")  # fmt: skip
    return 0


def _refund(core, args: argparse.Namespace) -> int:
    estate, payer = _estate_and_payer(core, args)
    raw = _fields(args, "amount", "method", "reference", "reason", "idempotency_key")
    parts = core.reversing.refund(payer, raw, in_estate=estate, actor=ACTOR, by=None)
    log.info("refund %s in %s parts by payer %s", parts[0].id, len(parts), payer)
    print("\n".join(describe_refund(parts)))
    return 0


def _paid_by(entry: Entry) -> str:
    paid = entry.payment or entry.payout
    if paid is None:
        return ""
    reference = f" (reference {paid.reference})" if paid.reference else ""
    return f" by {paid.method.value}{reference}"


def describe_receipt(receipt: Receipt) -> list[str]:
    entry = receipt.entry
    lines = [
        f"receipt {receipt.number}: payment {entry.id} of "
        f"{yuan(entry.amount)}{_paid_by(entry)}"
    ]
    for share in entry.settlements:
        lines.append(f"  settled bill {share.bill_id}: {yuan(share.amount)}")
    if entry.prepaid_change.amount:
        lines.append(f"  prepaid {yuan(entry.prepaid_change)}")
    return lines


def describe_refund(parts: tuple[Entry, ...]) -> list[str]:
    total = sum((part.amount for part in parts), Money.zero())
    count = f"{len(parts)} part" + ("s" if len(parts) > 1 else "")
    lines = [f"refunded {yuan(total)}{_paid_by(parts[0])} in {count}:"]
    for part in parts:
        lines.append(f"  {yuan(part.amount)} of payment {part.refers_to} "
                     f"(refund {part.id})")  # fmt: skip
    return lines


def _bill_run(core, args: argparse.Namespace) -> int:
    month = parse_month(args.period, "period")
    report = core.billing.run(
        _estate(core, args.estate), month, actor=ACTOR, dry_run=args.dry_run
    )
    print("\n".join(describe(report)))
    return 0


def _run_day(core, args: argparse.Namespace) -> int:
    """Without ``--day`` or ``--default`` only show the estate's day."""
    estate = _estate(core, args.estate)
    if args.day is not None or args.default:
        shown = core.bill_schedule.set_day(estate, None if args.default else args.day)
    else:
        shown = core.bill_schedule.day_of(estate)
    source = "its own" if shown.own else "the setting bill_run_day"
    print(f"bill run on day {shown.day} of each month ({source})")
    return 0


def describe(report: RunReport) -> list[str]:
    verb = "would issue" if report.dry_run else "issued"
    lines = [
        f"{report.period.first:%Y-%m}: {report.units} units, "
        f"{report.already_billed} billed before, {verb} {report.bills} bills "
        f"totalling ¥{report.total.amount}"
    ]
    for total in report.items.values():
        lines.append(f"  {total.code} {total.name}: {total.lines} lines, "
                     f"¥{total.amount.amount}")  # fmt: skip
    for label, line in report.first_lines[:5]:
        lines.append(f"  {label} {line.description}: {line.formula}")
    for held in report.held:
        reasons = "; ".join(f"{r.item_code}: {r.reason}" for r in held.reasons)
        lines.append(f"  held {held.label}: {reasons}")
    return lines
