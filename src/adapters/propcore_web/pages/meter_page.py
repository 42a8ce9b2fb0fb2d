"""Pages: one meter (水表, 电表, 燃气表, 热表), its readings, a reading entered
on its own, and corrections (更正) of a stored reading; its settings and its
retirement (拆除/停用), for the staff who register meters.

A correction keeps the reading between the ones before and after it, and
marks the unit's bills from that day on for the next bill run to adjust.
"""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Area
from propcore.billing.meters import Meter, Reading
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.pages.meters import KINDS, ROW_FLAGS, reading_fields
from propcore_web.routing import Core, PathId, get, post

METER = ("meter", "meter_id")
READING_FORMS = ("reading", "fix-")
F = Area.FEES


def _as_typed(reading: Reading) -> dict[str, str]:
    """A stored reading as its correction form shows it."""
    start = reading.start_value
    shown = {flag.value: "on" for flag in reading.flags}
    values = {"read_on": reading.read_on.isoformat(), "value": str(reading.value)}
    return values | {"start_value": "" if start is None else str(start)} | shown


def _settings(meter: Meter) -> dict[str, str]:
    """A meter as its settings form shows it."""
    rollover = meter.rollover_at
    return {
        "kind": meter.kind.value,
        "places": str(meter.places),
        "rollover_at": "" if rollover is None else str(rollover),
        "common_area": meter.common_area or "",
    }


def _place(core: Core, meter: Meter) -> tuple[str, Id | None]:
    """Where the meter hangs: the unit's address (and id), or the common area."""
    if meter.unit_id is None:
        return meter.common_area or "", None
    return core.property.unit(meter.unit_id).address, meter.unit_id


def _meter_page(
    request: Request, core: Core, meter_id: Id, failed: tuple = ()
) -> Template:
    meter, history = core.fees.meter(meter_id)
    defaults = {f"fix-{r.read_on}": _as_typed(r) for r in history}
    today = core.clock.today().isoformat()
    defaults |= {"reading": {"read_on": today}, "retire": {"retired_on": today}}
    defaults["settings"] = _settings(meter)
    place, unit_id = _place(core, meter)
    stray = failed[2] if failed and failed[0] not in defaults else {}
    return page(
        request,
        "meter.html",
        status=REJECTED if failed else 200,
        meter=meter,
        place=place,
        unit_id=unit_id,
        estate=core.property.estate(meter.estate_id),
        history=list(reversed(history)),
        flags=ROW_FLAGS,
        kinds=KINDS,
        forms=FormState(defaults, *failed),
        stray=stray,
        unusual=core.fees.unusual(meter_id) if history else None,
    )


@get("/meters/{meter_id:uuid}", opt=view(F, METER))
def show_meter(request: Request, core: Core, meter_id: PathId) -> Template:
    return _meter_page(request, core, meter_id)


def _write(
    request: Request, core: Core, meter_id: Id, data: Form, write, form: str
) -> Response:
    """Store a reading, or the meter's settings or retirement, with
    ``write``; a refusal shows ``form`` (with the typed ``read_on`` appended
    when it ends in ``-``) again with its mistakes."""
    raw = fields(data)
    try:
        write(meter_id, reading_fields(raw) if form in READING_FORMS else raw)
    except (InvalidInputError, ConflictError) as error:
        name = f"{form}{raw.get('read_on', '')}" if form.endswith("-") else form
        failed = (name, raw, mistakes(request, error))
        return _meter_page(request, core, meter_id, failed)
    return see_other(f"/meters/{meter_id}")


@post("/meters/{meter_id:uuid}/readings", opt=edit(F, METER))
def enter_reading(
    request: Request, core: Core, meter_id: PathId, data: Form
) -> Response:
    return _write(request, core, meter_id, data, core.fees.record_reading, "reading")


@post("/meters/{meter_id:uuid}/corrections", opt=edit(F, METER))
def correct_reading(
    request: Request, core: Core, meter_id: PathId, data: Form
) -> Response:
    """更正: the reading of ``read_on`` gets the typed value and flags."""
    return _write(request, core, meter_id, data, core.fees.correct_reading, "fix-")


@post("/meters/{meter_id:uuid}", opt=edit(F, METER))
def edit_meter(request: Request, core: Core, meter_id: PathId, data: Form) -> Response:
    """The rollover value, a common area's name; kind and places before the
    first reading."""
    return _write(request, core, meter_id, data, core.fees.edit_meter, "settings")


@post("/meters/{meter_id:uuid}/retirement", opt=edit(F, METER))
def retire_meter(
    request: Request, core: Core, meter_id: PathId, data: Form
) -> Response:
    """拆除/停用 from ``retired_on``, the meter's last day in service."""
    return _write(request, core, meter_id, data, core.fees.retire_meter, "retire")


ROUTES = [show_meter, enter_reading, correct_reading, edit_meter, retire_meter]
