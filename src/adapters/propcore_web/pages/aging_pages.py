"""Pages: an estate's 账龄 (aging of open amounts) and 欠费清单 (arrears).

Both are as of today, by the core's clock. The arrears list is what the
front desk works from: who owes, for which unit, since when.
"""

from litestar import Request
from litestar.response import Template

from propcore.access.rules import Area
from propcore.billing.aging import AgingBucket
from propcore.ids import Id
from propcore_web.context import page
from propcore_web.guard import view
from propcore_web.i18n import N_
from propcore_web.routing import Core, PathId, get

ESTATE = ("estate", "estate_id")
BUCKETS = (
    (AgingBucket.NOT_DUE, N_("Not yet due")),
    (AgingBucket.DAYS_0_30, N_("0–30 days")),
    (AgingBucket.DAYS_31_90, N_("31–90 days")),
    (AgingBucket.DAYS_91_180, N_("91–180 days")),
    (AgingBucket.OVER_180, N_("Over 180 days")),
)


def unit_labels(core: Core, estate_id: Id) -> dict[Id, str]:
    """Every unit of the estate by id, with its label."""
    return {
        unit.id: unit.label
        for building in core.property.buildings(estate_id)
        for unit in core.property.units(building.id)
    }


def building_names(core: Core, estate_id: Id) -> dict[Id, str]:
    return {b.id: b.name for b in core.property.buildings(estate_id)}


@get("/estates/{estate_id:uuid}/aging", opt=view(Area.FEES, ESTATE))
def aging(request: Request, core: Core, estate_id: PathId) -> Template:
    report = core.collecting.aging(estate_id, core.clock.today())
    return page(
        request,
        "aging.html",
        estate=core.property.estate(estate_id),
        report=report,
        buckets=BUCKETS,
        buildings=building_names(core, estate_id),
    )


@get("/estates/{estate_id:uuid}/arrears", opt=view(Area.FEES, ESTATE))
def arrears(request: Request, core: Core, estate_id: PathId) -> Template:
    rows = core.collecting.arrears(estate_id, core.clock.today())
    payers = {r.payer_id: core.residents.person(r.payer_id).name for r in rows}
    return page(
        request,
        "arrears.html",
        estate=core.property.estate(estate_id),
        rows=rows,
        units=unit_labels(core, estate_id),
        buildings=building_names(core, estate_id),
        payers=payers,
        today=core.clock.today(),
    )


ROUTES = [aging, arrears]
