"""Pages: an estate's 收费管理: bill runs (出账), a month's 收缴率 and bills.

A run is previewed first (a dry run: totals per fee item, the first lines
with their formulas, the units held back and why) and then committed with
the same month; running a month twice bills nobody twice. The estate's
bill-run day (出账日), when the daily check bills it by itself, is set here.
"""

from typing import Any

from litestar import Request
from litestar.response import Template

from propcore.access.policy import Resource
from propcore.access.rules import Area
from propcore.billing.periods import Period, parse_month
from propcore.billing.running import RunReport
from propcore.billing.schedule import read_run_day
from propcore.errors import InvalidInputError
from propcore.ids import Id
from propcore.property.tree import NodeKind
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.bill_views import STATUSES, bill_views
from propcore_web.pages.forms import REJECTED, Form, FormState, fields, mistakes
from propcore_web.routing import Actor, Core, OptionalQuery, PathId, See, get, post

ESTATE = ("estate", "estate_id")
F = Area.FEES


def _month_text(period: Period) -> str:
    return period.first.strftime("%Y-%m")


def _this_month(core: Core) -> Period:
    today = core.clock.today()
    return Period.month(today.year, today.month)


def _chosen_month(
    request: Request, core: Core, month: str | None
) -> tuple[Period, dict[str, str]]:
    """The month asked for, or this month; a bad one falls back with an error."""
    if not month:
        return _this_month(core), {}
    try:
        return parse_month(month, "month"), {}
    except InvalidInputError as error:
        return _this_month(core), mistakes(request, error)


def _estate_page(
    request: Request,
    core: Core,
    estate_id: Id,
    month: Period,
    *,
    status: int = 200,
    **shown: Any,
) -> Template:
    balances = core.collecting.balances(estate_id, month)
    issued = [core.collecting.bill(b.bill_id) for b in balances]
    run_day = core.bill_schedule.day_of(estate_id)
    defaults = {
        "run": {"month": _month_text(month)},
        "month": {"month": ""},
        "day": {"run_day": str(run_day.day) if run_day.own else ""},
    }
    failed = shown.pop("failed", ())
    return page(
        request,
        "billing.html",
        status=status,
        estate=core.property.estate(estate_id),
        month=_month_text(month),
        collection=core.collecting.collection(estate_id, month),
        bills=bill_views(core, issued),
        statuses=STATUSES,
        today=core.clock.today(),
        run_day=run_day,
        forms=FormState(defaults, *failed),
        **shown,
    )


@get("/billing", opt=view(F))
def billing_estates(request: Request, core: Core, viewer: See) -> Template:
    """The estates whose fees the actor may see."""
    estates = [
        node
        for node in core.property.nodes(NodeKind.ESTATE)
        if viewer.may(Resource(F, estate_id=node.id))
    ]
    return page(request, "billing_estates.html", estates=estates)


@get("/estates/{estate_id:uuid}/billing", opt=view(F, ESTATE))
def estate_billing(
    request: Request, core: Core, estate_id: PathId, month: OptionalQuery = None
) -> Template:
    period, errors = _chosen_month(request, core, month)
    failed = ("month", {"month": month}, errors) if errors else ()
    return _estate_page(request, core, estate_id, period, failed=failed)


def _rejected(
    request: Request,
    core: Core,
    estate_id: Id,
    form: tuple[str, dict, InvalidInputError],
) -> Template:
    """This month's page again, the rejected ``(form, input, error)`` inline."""
    name, raw, error = form
    failed = (name, raw, mistakes(request, error))
    return _estate_page(
        request, core, estate_id, _this_month(core), status=REJECTED, failed=failed
    )


def _run(
    request: Request, core: Core, estate_id: Id, data: dict, actor: str, dry: bool
) -> Template:
    raw = fields(data)
    try:
        month = parse_month(raw.get("month", ""), "month")
    except InvalidInputError as error:
        return _rejected(request, core, estate_id, ("run", raw, error))
    report: RunReport = core.billing.run(
        estate_id, month, actor=actor or "web", dry_run=dry
    )
    return _estate_page(request, core, estate_id, month, report=report)


@post("/estates/{estate_id:uuid}/billing/preview", opt=edit(F, ESTATE))
def preview_run(
    request: Request, core: Core, actor: Actor, estate_id: PathId, data: Form
) -> Template:
    """预览: the run as it would be, nothing stored."""
    return _run(request, core, estate_id, data, actor, dry=True)


@post("/estates/{estate_id:uuid}/billing/run", opt=edit(F, ESTATE))
def commit_run(
    request: Request, core: Core, actor: Actor, estate_id: PathId, data: Form
) -> Template:
    """出账: bills stored and charged to their payers' ledgers."""
    return _run(request, core, estate_id, data, actor, dry=False)


@post("/estates/{estate_id:uuid}/billing/day", opt=edit(F, ESTATE))
def set_run_day(
    request: Request, core: Core, estate_id: PathId, data: Form
) -> Template:
    """出账日: the estate's own day of the month, or empty for the deployment's."""
    raw = fields(data)
    try:
        core.bill_schedule.set_day(estate_id, read_run_day(raw.get("run_day", "")))
    except InvalidInputError as error:
        return _rejected(request, core, estate_id, ("day", raw, error))
    return _estate_page(request, core, estate_id, _this_month(core))


ROUTES = [billing_estates, estate_billing, preview_run, commit_run, set_run_day]
