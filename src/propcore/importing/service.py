"""Importing units and people: one transaction, every bad row reported by line."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from propcore.billing.meter_input import read_reading
from propcore.billing.meters import take_reading
from propcore.clock import Clock
from propcore.errors import (
    ConflictError,
    FieldProblem,
    InvalidInputError,
    PropcoreError,
)
from propcore.ids import Id
from propcore.importing.columns import (
    PEOPLE_COLUMNS,
    PEOPLE_REQUIRED,
    READING_COLUMNS,
    READING_REQUIRED,
    UNIT_COLUMNS,
    UNIT_REQUIRED,
    VALUE_ALIASES,
    header_map,
)
from propcore.property.inputs import read_unit
from propcore.property.service import PropertyService, new_unit
from propcore.property.status import REASON_IMPORTED, StatusChange, StatusScheme
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit
from propcore.residents.inputs import read_occupancy, read_person
from propcore.residents.occupancy import Role, check_can_join, current_household
from propcore.residents.people import Person, normalise_phone
from propcore.uow import UnitOfWork, UnitOfWorkFactory


@attrs.frozen
class Sheet:
    """A table read from a file: the header's line number, its cells, and
    each data row with the line number a person sees in the file."""

    header_line: int
    header: list[str]
    rows: Iterable[tuple[int, list[str]]]


@attrs.frozen
class RowProblem:
    line: int
    field: str
    message: str
    params: Mapping[str, Any] = attrs.field(factory=dict)

    def render(self) -> str:
        return self.message % self.params if self.params else self.message


@attrs.frozen
class ImportReport:
    rows: int
    created: Mapping[str, int]
    problems: tuple[RowProblem, ...]
    dry_run: bool

    @property
    def committed(self) -> bool:
        return not self.problems and not self.dry_run


class _UnitBatch:
    """Units waiting to be written together. Labels are checked in memory
    against those already stored, so a row costs no query of its own."""

    size = 1000

    def __init__(self, uow: UnitOfWork, *, write: bool) -> None:
        self._uow, self._write = uow, write
        self._labels: dict[Id, set[str]] = {}
        self._units: list[Unit] = []
        self._changes: list[StatusChange] = []

    def add(self, unit: Unit, change: StatusChange) -> None:
        if unit.building_id not in self._labels:
            self._labels[unit.building_id] = self._uow.units.labels(unit.building_id)
        taken = self._labels[unit.building_id]
        if unit.label in taken:
            raise ConflictError(
                "label", "a unit with this label exists in the building"
            )
        taken.add(unit.label)
        self._units.append(unit)
        self._changes.append(change)
        if len(self._units) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write what waits; a dry run checks everything and writes nothing."""
        if self._write:
            self._uow.units.add_many(self._units)
            self._uow.units.add_status_changes(self._changes)
        self._units, self._changes = [], []


class _Run:
    """State of one import inside its unit of work."""

    def __init__(self, uow: UnitOfWork, *, dry_run: bool) -> None:
        self.uow = uow
        self.units = _UnitBatch(uow, write=not dry_run)
        self.created: dict[str, int] = {}
        self.problems: list[RowProblem] = []
        self._estates = {n.name: n for n in uow.orgs.list(NodeKind.ESTATE)}
        self._buildings: dict[tuple[str, str], Building] = {}

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    def estate(self, name: str) -> OrgNode:
        if name not in self._estates:
            raise InvalidInputError.single("estate", "no estate has this name")
        return self._estates[name]

    def building(self, estate_name: str, name: str, *, create: bool) -> Building:
        blank = [("estate", estate_name), ("building", name)]
        if problems := [FieldProblem(f, "is required") for f, v in blank if not v]:
            raise InvalidInputError(problems)
        key = (estate_name, name)
        if key not in self._buildings:
            estate = self.estate(estate_name)
            known = {b.name: b for b in self.uow.buildings.for_estate(estate.id)}
            for building_name, building in known.items():
                self._buildings[(estate_name, building_name)] = building
        if key not in self._buildings:
            if not create:
                raise InvalidInputError.single("building", "no building has this name")
            building = Building(self.estate(estate_name).id, name)
            self.uow.buildings.add(building)
            self._buildings[key] = building
            self.count("buildings")
        return self._buildings[key]


@attrs.frozen
class ImportService:
    uow: UnitOfWorkFactory
    clock: Clock
    scheme: StatusScheme

    def import_units(self, sheet: Sheet, *, actor: str, dry_run: bool) -> ImportReport:
        """Units, one per row; buildings named in the file are created if new."""
        property_service = PropertyService(self.uow, self.clock, self.scheme)
        status_aliases = {
            label: s.code for s in self.scheme.statuses for label in s.labels.values()
        }

        def row(run: _Run, raw: dict[str, str]) -> None:
            raw = _aliased(raw, {**VALUE_ALIASES, "status": status_aliases})
            data = read_unit(raw)
            building = run.building(raw["estate"], raw["building"], create=True)
            run.units.add(
                *new_unit(
                    building,
                    data,
                    property_service,
                    actor=actor,
                    reason=REASON_IMPORTED,
                )
            )
            run.count("units")

        return self._run(sheet, UNIT_COLUMNS, UNIT_REQUIRED, row, dry_run)

    def import_people(self, sheet: Sheet, *, dry_run: bool) -> ImportReport:
        """People, optionally with their role in a unit. A phone number already
        known (in the database or on an earlier row) means the same person."""
        today = self.clock.today()

        def row(run: _Run, raw: dict[str, str]) -> None:
            raw = _aliased(raw, VALUE_ALIASES)
            person = _find_or_add_person(run, raw)
            if not raw.get("unit"):
                return
            unit = _unit(run, raw)
            current = current_household(run.uow.occupancies.for_units([unit.id]), today)
            fields = dict(raw, person_id=person.id)
            if raw.get("role") == Role.FAMILY:
                fields["head_id"] = _head_id(run, raw, current)
            occupancy = read_occupancy(unit.id, fields, today)
            check_can_join(occupancy, current, today)
            run.uow.occupancies.add(occupancy)
            run.count("occupancies")

        return self._run(sheet, PEOPLE_COLUMNS, PEOPLE_REQUIRED, row, dry_run)

    def import_readings(self, sheet: Sheet, *, dry_run: bool) -> ImportReport:
        """Meter readings (抄表), one per row, each checked against the
        meter's previous reading, including earlier rows of the same file."""

        def row(run: _Run, raw: dict[str, str]) -> None:
            raw = _aliased(raw, VALUE_ALIASES)
            unit = _unit(run, raw)
            kinds = {m.kind.value: m for m in run.uow.meters.for_unit(unit.id)}
            if raw["meter"] not in kinds:
                raise InvalidInputError.single("meter", "the unit has no such meter")
            meter = kinds[raw["meter"]]
            fields = ("value", "read_on", "flags", "start_value")
            typed = read_reading({f: raw[f] for f in fields if raw.get(f)}, meter)
            if typed.read_on > self.clock.today():
                raise InvalidInputError.single("read_on", "must not be in the future")
            latest = run.uow.readings.latest(meter.id)
            reading = take_reading(
                meter,
                typed.value,
                typed.read_on,
                latest,
                flags=typed.flags,
                start_value=typed.start_value,
            )
            run.uow.readings.add(reading)
            run.count("readings")

        return self._run(sheet, READING_COLUMNS, READING_REQUIRED, row, dry_run)

    def _run(
        self,
        sheet: Sheet,
        columns: Mapping[str, str],
        required: Iterable[str],
        handle: Callable[[_Run, dict[str, str]], None],
        dry_run: bool,
    ) -> ImportReport:
        positions = header_map(sheet.header, columns)
        missing = [c for c in required if c not in positions.values()]
        if missing:
            problems = [
                RowProblem(sheet.header_line, c, "column is missing") for c in missing
            ]
            return ImportReport(0, {}, tuple(problems), dry_run)
        rows = 0
        with self.uow() as uow:
            run = _Run(uow, dry_run=dry_run)
            for line, cells in sheet.rows:
                raw = {
                    field: cells[i].strip() if i < len(cells) and cells[i] else ""
                    for i, field in positions.items()
                }
                if not any(raw.values()):
                    continue
                rows += 1
                _handle_row(run, line, raw, handle)
            if not run.problems and not dry_run:
                run.units.flush()
                uow.commit()
        return ImportReport(rows, run.created, tuple(run.problems), dry_run)


def _handle_row(
    run: _Run, line: int, raw: dict[str, str], handle: Callable[[_Run, dict], None]
) -> None:
    try:
        handle(run, raw)
    except InvalidInputError as error:
        run.problems.extend(_at(line, p) for p in error.problems)
    except PropcoreError as error:
        problem = getattr(error, "problem", None) or FieldProblem("", str(error))
        run.problems.append(_at(line, problem))


def _at(line: int, problem: FieldProblem) -> RowProblem:
    return RowProblem(line, problem.field, problem.message, problem.params)


def _aliased(raw: dict[str, str], aliases: Mapping[str, Mapping[str, str]]) -> dict:
    return {key: aliases.get(key, {}).get(value, value) for key, value in raw.items()}


def _find_or_add_person(run: _Run, raw: dict[str, str]) -> Person:
    person = read_person(raw)
    known = run.uow.people.by_phone(person.phone) if person.phone else None
    if known is not None:
        return known
    run.uow.people.add(person)
    run.count("people")
    return person


def _unit(run: _Run, raw: dict[str, str]) -> Unit:
    building = run.building(
        raw.get("estate", ""), raw.get("building", ""), create=False
    )
    unit = run.uow.units.by_label(building.id, raw["unit"])
    if unit is None:
        raise InvalidInputError.single("unit", "no unit has this label")
    return unit


def _head_id(run: _Run, raw: dict[str, str], current: list) -> object:
    phone = normalise_phone(raw.get("head_phone", ""), "head_phone")
    head = run.uow.people.by_phone(phone) if phone else None
    for occupancy in current:
        if (
            head is not None
            and occupancy.person_id == head.id
            and occupancy.role in (Role.OWNER, Role.TENANT)
        ):
            return occupancy.id
    raise InvalidInputError.single(
        "head_phone", "must be the phone of a current owner or tenant of this unit"
    )
