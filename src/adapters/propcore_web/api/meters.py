"""API: meter readings (抄表), checked like the page's against the last one;
a meter's settings and its retirement (拆除/停用)."""

from datetime import date

import msgspec
from litestar import Router
from litestar.params import JSONBody

from propcore.access.rules import Area
from propcore.billing.meters import Meter, Reading, UnusualConsumption
from propcore_web.api.bodies import MeterUpdate, ReadingBody, RetirementBody
from propcore_web.guard import edit
from propcore_web.routing import Core, PathId, post, put

METER = ("meter", "meter_id")


class UnusualView(msgspec.Struct):
    consumption: str
    median: str

    @classmethod
    def of(cls, found: UnusualConsumption | None) -> "UnusualView | None":
        return found and cls(str(found.consumption), str(found.median))


class ReadingView(msgspec.Struct):
    """``unusual``: the consumption up to this reading when it is far above
    the meter's usual, for review before billing; else null."""

    meter_id: str
    read_on: date
    value: str
    flags: list[str]
    start_value: str | None
    unusual: UnusualView | None

    @classmethod
    def of(cls, reading: Reading, found: UnusualConsumption | None) -> "ReadingView":
        start = reading.start_value
        return cls(
            meter_id=str(reading.meter_id),
            read_on=reading.read_on,
            value=str(reading.value),
            flags=sorted(flag.value for flag in reading.flags),
            start_value=None if start is None else str(start),
            unusual=UnusualView.of(found),
        )


class MeterView(msgspec.Struct):
    """``retired_on``: the last day in service, null while in service."""

    id: str
    kind: str
    places: int
    unit_id: str | None
    common_area: str | None
    rollover_at: str | None
    retired_on: date | None

    @classmethod
    def of(cls, meter: Meter) -> "MeterView":
        rollover, unit_id = meter.rollover_at, meter.unit_id
        return cls(
            id=str(meter.id),
            kind=meter.kind.value,
            places=meter.places,
            unit_id=None if unit_id is None else str(unit_id),
            common_area=meter.common_area,
            rollover_at=None if rollover is None else str(rollover),
            retired_on=meter.retired_on,
        )


@put("/meters/{meter_id:uuid}", opt=edit(Area.FEES, METER))
def edit_meter(core: Core, meter_id: PathId, data: JSONBody[MeterUpdate]) -> MeterView:
    """New settings; what would reread the readings taken is refused by field."""
    return MeterView.of(core.fees.edit_meter(meter_id, data.fields()))


@post("/meters/{meter_id:uuid}/retirement", opt=edit(Area.FEES, METER))
def retire_meter(
    core: Core, meter_id: PathId, data: JSONBody[RetirementBody]
) -> MeterView:
    """拆除/停用 from ``retired_on`` on; the meter takes no reading after it."""
    return MeterView.of(core.fees.retire_meter(meter_id, data.fields()))


@post("/meters/{meter_id:uuid}/readings", opt=edit(Area.FEES, METER))
def record_reading(
    core: Core, meter_id: PathId, data: JSONBody[ReadingBody]
) -> ReadingView:
    """A reading after the meter's latest; a drop needs ``replacement`` or
    ``rollover`` in ``flags``."""
    reading = core.fees.record_reading(meter_id, data.fields())
    return ReadingView.of(reading, core.fees.unusual(meter_id))


router = Router(
    "/", tags=["meters"], route_handlers=[record_reading, edit_meter, retire_meter]
)
