"""Pages: 抄表, an estate's meters one building at a time, each with a row to
enter today's reading; the common areas' meters on a page of their own, and
meters registered on common areas.

The page shows one building (``?building=<id>``, the first by default) or
the common areas (``?building=common``), with links to the others, so a
large estate is not one page of thousands of rows, and only the meters of
the place shown are read (with the estate's common-area meters, to know
whether it has any); a submit reads the estate's meters only when it
carries rows of other places than the one it came from.

One submit may carry many rows, and each row is its own transaction (the
core's ``record_reading``): the readings that pass are stored, the rows that
fail are shown again with what was typed and each mistake beside its field.
A meter reader who walked a building loses no reading to one typo.
"""

from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

import attrs
from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Area
from propcore.billing.meters import MeterKind, ReadingFlag, UnusualConsumption
from propcore.billing.setup import MeterState
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    ShownForm,
    fields,
    mistakes,
    see_other,
)
from propcore_web.routing import Core, OptionalQuery, PathId, get, post

ESTATE = ("estate", "estate_id")
F = Area.FEES
KINDS = [kind.value for kind in MeterKind]
NEW_METER = {"kind": MeterKind.WATER.value, "places": "2"}
ROW_FLAGS = (ReadingFlag.REPLACEMENT, ReadingFlag.ROLLOVER)
ROW_FIELDS = ("read_on", "value", "start_value", *ROW_FLAGS)


def reading_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """A reading form's fields as the core reads them: a checkbox per flag."""
    flags = [flag.value for flag in ROW_FLAGS if row.get(flag.value)]
    raw = {name: row.get(name, "") for name in ("read_on", "value", "start_value")}
    return raw | {"flags": ",".join(flags)}


@attrs.frozen
class RowForms:
    """The reading row of each meter: today's date, or what was typed and why
    it was refused."""

    today: str
    typed: Mapping[Id, Mapping[str, Any]] = attrs.field(factory=dict)
    errors: Mapping[Id, Mapping[str, str]] = attrs.field(factory=dict)

    def __getitem__(self, meter_id: Id) -> ShownForm:
        values = self.typed.get(meter_id, {"read_on": self.today})
        return ShownForm(f"m{meter_id}-", values, self.errors.get(meter_id, {}))


@attrs.frozen
class Group:
    """A building's meters, unit by unit, or (``name`` None) the estate's
    common areas."""

    name: str | None
    rows: list[tuple[str, MeterState]]


COMMON = "common"


@attrs.frozen
class Place:
    """A link to one page of the estate's meters: a building (``key`` its
    id) or the common areas (``key`` ``common``, ``name`` None)."""

    key: str
    name: str | None


@attrs.frozen
class At:
    """The estate's places, the one shown, and its meters with their newest
    readings (only that building's or the common areas')."""

    places: list[Place]
    place: Place | None
    states: list[MeterState]


def _at(core: Core, estate_id: Id, wanted: str | None) -> At:
    """The place asked for (a building of the estate, or ``common``), else
    the first one; None in an empty estate."""
    common = core.fees.meters(common_of=estate_id)
    places = [Place(str(b.id), b.name) for b in core.property.buildings(estate_id)]
    if common:
        places.append(Place(COMMON, None))
    place = _chosen(places, wanted)
    if place is None:
        return At(places, None, [])
    if place.key == COMMON:
        return At(places, place, common)
    return At(places, place, core.fees.meters(building_id=UUID(place.key)))


def _chosen(places: list[Place], wanted: str | None) -> Place | None:
    """The place asked for, else the first one (None in an empty estate)."""
    found = [place for place in places if place.key == wanted]
    return (found or places or [None])[0]


def _group(core: Core, place: Place | None, states: list[MeterState]) -> Group | None:
    """The meters of the chosen building, unit by unit, or of the common
    areas by name."""
    if place is None:
        return None
    by_unit: dict[Id | None, list[MeterState]] = {}
    for state in states:
        by_unit.setdefault(state.meter.unit_id, []).append(state)
    if place.key == COMMON:
        common = ((state.meter.common_area or "", state) for state in by_unit[None])
        return Group(None, sorted(common, key=lambda row: row[0]))
    rows = [
        (unit.label, state)
        for unit in core.property.units(UUID(place.key))
        for state in by_unit.get(unit.id, [])
    ]
    return Group(place.name, rows)


def _place_of(core: Core, meter_id: Id, states: list[MeterState]) -> str:
    """The page a meter is listed on: its unit's building, or the common
    areas."""
    (meter,) = [state.meter for state in states if state.meter.id == meter_id]
    if meter.unit_id is None:
        return COMMON
    return str(core.property.unit(meter.unit_id).building.id)


def _posted(
    core: Core, estate_id: Id, raw: Mapping[str, Any], shown: list[MeterState]
) -> list[MeterState]:
    """The meters a submit may carry rows for: those of the place it came
    from, or every meter of the estate when it names others too."""
    known = {state.meter.id for state in shown}
    named = {
        meter_id
        for key, value in raw.items()
        if key.startswith("value-") and str(value).strip()
        for meter_id in _ids(key.removeprefix("value-"))
    }
    return shown if named <= known else core.fees.meters(estate_id=estate_id)


def _flagged(core: Core, meter_ids: Iterable[Id]) -> dict[Id, UnusualConsumption]:
    found = {meter_id: core.fees.unusual(meter_id) for meter_id in meter_ids}
    return {meter_id: flag for meter_id, flag in found.items() if flag}


def _readings_page(
    request: Request,
    core: Core,
    estate_id: Id,
    *,
    status: int = 200,
    rows: RowForms | None = None,
    at: At | None = None,
    building: str | None = None,
    failed: tuple = (),
    **shown: Any,
) -> Template:
    at = at or _at(core, estate_id, building)
    return page(
        request,
        "meters.html",
        status=status,
        estate=core.property.estate(estate_id),
        places=at.places,
        place=at.place,
        group=_group(core, at.place, at.states),
        rows=rows or RowForms(core.clock.today().isoformat()),
        kinds=KINDS,
        flags=ROW_FLAGS,
        forms=FormState({"meter": NEW_METER}, *failed),
        **{"recorded": 0, "unusual": {}, "nothing": False} | shown,
    )


def _ids(text: str | None) -> set[UUID]:
    found = set()
    for part in (text or "").split(","):
        try:
            found.add(UUID(part))
        except ValueError:
            continue
    return found


@get("/estates/{estate_id:uuid}/meters", opt=view(F, ESTATE))
def meter_readings(
    request: Request,
    core: Core,
    estate_id: PathId,
    recorded: OptionalQuery = None,
    check: OptionalQuery = None,
    building: OptionalQuery = None,
) -> Template:
    """抄表 of one ``building`` (its id, or ``common``; the first building
    by default); after a submit, ``recorded`` readings and the meters to
    ``check``."""
    at = _at(core, estate_id, building)
    mine = _ids(check) & {state.meter.id for state in at.states}
    count = int(recorded) if (recorded or "").isdigit() else 0
    return _readings_page(
        request,
        core,
        estate_id,
        at=at,
        recorded=count,
        unusual=_flagged(core, mine),
    )


def _typed_rows(raw: Mapping[str, Any], states: list[MeterState]) -> dict[Id, dict]:
    """Each meter's row (fields named ``<field>-<meter id>``) with a value."""
    rows = {}
    for state in states:
        row = {name: raw.get(f"{name}-{state.meter.id}", "") for name in ROW_FIELDS}
        if str(row["value"]).strip():
            rows[state.meter.id] = row
    return rows


@post("/estates/{estate_id:uuid}/meter-readings", opt=edit(F, ESTATE))
def enter_readings(
    request: Request, core: Core, estate_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    at = _at(core, estate_id, raw.get("building"))
    states = _posted(core, estate_id, raw, at.states)
    rows = _typed_rows(raw, states)
    if not rows:
        return _readings_page(request, core, estate_id, status=REJECTED, at=at,
                              nothing=True)  # fmt: skip
    stored, errors = [], {}
    for meter_id, row in rows.items():
        try:
            core.fees.record_reading(meter_id, reading_fields(row))
            stored.append(meter_id)
        except (InvalidInputError, ConflictError) as error:
            errors[meter_id] = mistakes(request, error)
    unusual = _flagged(core, stored)
    if not errors:
        check = ",".join(str(meter_id) for meter_id in unusual)
        building = _place_of(core, stored[0], states)
        return see_other(
            f"/estates/{estate_id}/meters?building={building}"
            f"&recorded={len(stored)}&check={check}"
        )
    typed = {meter_id: rows[meter_id] for meter_id in errors}
    shown = RowForms(core.clock.today().isoformat(), typed, errors)
    return _readings_page(
        request,
        core,
        estate_id,
        status=REJECTED,
        rows=shown,
        building=_place_of(core, next(iter(errors)), states),
        recorded=len(stored),
        unusual=unusual,
    )


@post("/estates/{estate_id:uuid}/meters", opt=edit(F, ESTATE))
def register_common_meter(
    request: Request, core: Core, estate_id: PathId, data: Form
) -> Response:
    """A meter on a common area (公摊: stairs, lifts, pumps)."""
    raw = fields(data)
    try:
        core.fees.register_meter(estate_id, raw | {"unit_id": None})
    except InvalidInputError as error:
        failed = ("meter", raw, mistakes(request, error))
        return _readings_page(
            request, core, estate_id, status=REJECTED, building=COMMON, failed=failed
        )
    return see_other(f"/estates/{estate_id}/meters?building={COMMON}")


ROUTES = [meter_readings, enter_readings, register_common_meter]
