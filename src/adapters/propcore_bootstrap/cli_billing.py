"""``propcore billing run`` and ``billing day``: bill runs from the command line."""

import argparse

from propcore.billing.periods import parse_month
from propcore.billing.running import RunReport
from propcore.ids import Id, parse_id
from propcore.property.tree import NodeKind


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


def _estate(core, text: str) -> Id:
    estates = core.property.nodes(NodeKind.ESTATE)
    named = [e.id for e in estates if e.name == text.strip()]
    if len(named) == 1:
        return named[0]
    return parse_id(text, "estate")


def _bill_run(core, args: argparse.Namespace) -> int:
    month = parse_month(args.period, "period")
    report = core.billing.run(
        _estate(core, args.estate), month, actor="cli", dry_run=args.dry_run
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
