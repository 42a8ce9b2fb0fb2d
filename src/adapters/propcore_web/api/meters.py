"""API: meter readings (抄表), checked like the page's against the last one."""

from datetime import date

import msgspec
from litestar import Router
from litestar.params import JSONBody

from propcore.access.rules import Area
from propcore.billing.meters import Reading, UnusualConsumption
from propcore_web.api.bodies import ReadingBody
from propcore_web.guard import edit
from propcore_web.routing import Core, PathId, post

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


@post("/meters/{meter_id:uuid}/readings", opt=edit(Area.FEES, METER))
def record_reading(
    core: Core, meter_id: PathId, data: JSONBody[ReadingBody]
) -> ReadingView:
    """A reading after the meter's latest; a drop needs ``replacement`` or
    ``rollover`` in ``flags``."""
    reading = core.fees.record_reading(meter_id, data.fields())
    return ReadingView.of(reading, core.fees.unusual(meter_id))


router = Router("/", tags=["meters"], route_handlers=[record_reading])
