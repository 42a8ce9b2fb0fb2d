"""In-memory fakes of the core's ports, for unit tests.

They pass the same contract tests as the SQL adapters (tests/contract).
"""

import copy
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs

from propcore.access.accounts import AccountKind
from propcore.billing.fees import NO_RATES
from propcore.billing.rates import RateSchedule
from propcore.errors import ConflictError, NotFoundError
from propcore.ids import Id

SHANGHAI = timezone(timedelta(hours=8))


class FixedClock:
    def __init__(self, at: datetime | None = None) -> None:
        self.at = at or datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.astimezone(SHANGHAI).date()

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


class PlainHasher:
    """Reversible 'hashing' for unit tests only; real code uses argon2."""

    version = "v2"

    def hash(self, password: str) -> str:
        return f"{self.version}:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash.split(":", 1)[1] == password

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"{self.version}:")


class _Table:
    def __init__(self, store: dict, kind: str) -> None:
        self._rows: dict[Id, object] = store.setdefault(kind, {})
        self._kind = kind

    def add(self, item) -> None:
        self._rows[item.id] = copy.deepcopy(item)

    def update(self, item) -> None:
        self.get(item.id)
        self._rows[item.id] = copy.deepcopy(item)

    def get(self, item_id: Id):
        if item_id not in self._rows:
            raise NotFoundError(self._kind, item_id)
        return copy.deepcopy(self._rows[item_id])

    def _all(self, where=lambda row: True) -> list:
        """Copies of the rows ``where`` accepts; it only reads the stored rows."""
        return [copy.deepcopy(r) for r in self._rows.values() if where(r)]


class FakeOrgRepository(_Table):
    def list(self, kind=None):
        return sorted(
            self._all(lambda n: kind is None or n.kind == kind),
            key=lambda n: n.name,
        )


class FakeBuildingRepository(_Table):
    def for_estate(self, estate_id):
        return sorted(
            self._all(lambda b: b.estate_id == estate_id), key=lambda b: b.name
        )


class FakeUnitRepository(_Table):
    def __init__(self, store, kind, orgs, buildings) -> None:
        super().__init__(store, kind)
        self._history: list = store.setdefault("history", [])
        self._orgs, self._buildings = orgs, buildings

    def add(self, unit) -> None:
        if self.by_label(unit.building_id, unit.label) is not None:
            raise ConflictError(
                "label", "a unit with this label exists in the building"
            )
        super().add(unit)

    def add_many(self, units) -> None:
        for unit in units:
            self.add(unit)

    def labels(self, building_id):
        return {u.label for u in self._all(lambda u: u.building_id == building_id)}

    def by_label(self, building_id, label):
        units = self._all(lambda u: (u.building_id, u.label) == (building_id, label))
        return units[0] if units else None

    def for_building(self, building_id):
        units = self._all(lambda u: u.building_id == building_id)
        return sorted(units, key=lambda u: (u.entrance, u.floor, u.room))

    def listing(self, unit_ids: Iterable[Id]):
        from propcore.property.ports import UnitListing

        result = []
        for unit_id in unit_ids:
            unit = self.get(unit_id)
            building = self._buildings.get(unit.building_id)
            result.append(
                UnitListing(unit, building, self._orgs.get(building.estate_id))
            )
        return sorted(result, key=_listing_order)

    def search(self, fragment, limit, within=None):
        needle = fragment.casefold()
        hits = [
            item
            for item in self.listing(self._rows)
            if needle in " ".join((item.estate.address, item.address)).casefold()
            and (within is None or _inside(within, item.building))
        ]
        return hits[:limit]

    def status_counts(self, *, estate_id=None, building_id=None):
        counts: dict[str, int] = {}
        for item in self.listing(self._rows):
            if estate_id and item.estate.id != estate_id:
                continue
            if building_id and item.building.id != building_id:
                continue
            counts[item.unit.status] = counts.get(item.unit.status, 0) + 1
        return counts

    def add_status_change(self, change) -> None:
        self._history.append(copy.deepcopy(change))

    def add_status_changes(self, changes) -> None:
        for change in changes:
            self.add_status_change(change)

    def history(self, unit_id):
        changes = [c for c in self._history if c.unit_id == unit_id]
        return sorted(changes, key=lambda c: c.changed_at)


def _listing_order(item):
    return (item.estate.name, item.building.name, item.unit.label)


def _inside(within, building) -> bool:
    return building.estate_id in within.estate_ids or building.id in within.building_ids


class FakePersonRepository(_Table):
    def get_many(self, person_ids):
        return {i: self.get(i) for i in person_ids}

    def by_phone(self, phone):
        people = self._all(lambda p: bool(phone) and p.phone == phone)
        return people[0] if people else None

    def search(self, fragment, limit, within=None):
        needle = fragment.casefold()
        hits = [
            p
            for p in self._all()
            if needle in f"{p.name} {p.phone}".casefold()
            and (within is None or self._where(p.id, within))
        ]
        return sorted(hits, key=lambda p: p.name)[:limit]

    def _where(self, person_id, within) -> bool:
        """Lived or lives inside ``within``, or is not placed anywhere yet."""
        held = self.places.occupancies._all(lambda o: o.person_id == person_id)
        buildings = [
            self.places.buildings.get(self.places.units.get(o.unit_id).building_id)
            for o in held
        ]
        return not held or any(_inside(within, b) for b in buildings)


class FakeOccupancyRepository(_Table):
    def for_units(self, unit_ids):
        wanted = set(unit_ids)
        return sorted(self._all(lambda o: o.unit_id in wanted), key=lambda o: o.start)

    def for_person(self, person_id):
        return sorted(
            self._all(lambda o: o.person_id == person_id), key=lambda o: o.start
        )


def _newest_first(rows, key):
    return sorted(rows, key=lambda r: (key(r), r.id), reverse=True)


class FakeAccountRepository(_Table):
    def add(self, account) -> None:
        self._refuse_taken(account)
        super().add(account)

    def update(self, account) -> None:
        self.get(account.id)
        self._refuse_taken(account)
        super().update(account)

    def by_login(self, login):
        if not login:
            return None
        key = login.casefold()
        return self._first(
            lambda a: a.username is not None and a.username.casefold() == key
        ) or self._first(lambda a: a.phone == login)

    def for_person(self, person_id):
        return self._first(lambda a: a.person_id == person_id)

    def staff(self):
        staff = self._all(lambda a: a.kind is AccountKind.STAFF)
        return sorted(staff, key=lambda a: (a.display_name, a.id))

    def _first(self, where):
        return min(self._all(where), key=lambda a: a.id, default=None)

    def _refuse_taken(self, account) -> None:
        others = self._all(lambda a: a.id != account.id)
        key = account.username and account.username.casefold()
        if account.username is not None and any(
            a.username is not None and a.username.casefold() == key for a in others
        ):
            raise ConflictError("username", "is taken")
        if account.phone is not None and any(a.phone == account.phone for a in others):
            raise ConflictError("phone", "is taken")


class FakeAssignmentRepository(_Table):
    def add(self, assignment) -> None:
        same = (assignment.account_id, assignment.role, assignment.node_id)
        if self._all(lambda a: (a.account_id, a.role, a.node_id) == same):
            raise ConflictError("role", "the account already has this role there")
        super().add(assignment)

    def remove(self, assignment_id) -> None:
        self._rows.pop(assignment_id, None)

    def for_account(self, account_id):
        mine = self._all(lambda a: a.account_id == account_id)
        return sorted(mine, key=lambda a: (a.role, a.node_id))


class _DigestTable(_Table):
    def add(self, item) -> None:
        if self.by_digest(item.digest) is not None:
            raise ConflictError("digest", "is taken")
        super().add(item)

    def by_digest(self, digest):
        found = self._all(lambda item: item.digest == digest)
        return found[0] if found else None


class FakeSessionRepository(_DigestTable):
    def touch(self, session_id, at) -> None:
        if session_id in self._rows:
            session = self.get(session_id)
            session.last_seen_at = at
            self._rows[session_id] = session

    def remove(self, session_id) -> None:
        self._rows.pop(session_id, None)

    def remove_for_account(self, account_id) -> None:
        for session in self._all(lambda s: s.account_id == account_id):
            del self._rows[session.id]


class FakeApiTokenRepository(_DigestTable):
    def for_account(self, account_id):
        mine = self._all(lambda t: t.account_id == account_id)
        return _newest_first(mine, lambda t: t.created_at)


class FakeOneTimeCodeRepository(_Table):
    def find(self, purpose, digest):
        found = self._all(lambda c: (c.purpose, c.digest) == (purpose, digest))
        unused = [c for c in found if c.used_at is None]
        newest = _newest_first(unused or found, lambda c: c.expires_at)
        return newest[0] if newest else None

    def latest(self, account_id, purpose):
        found = self._all(lambda c: (c.account_id, c.purpose) == (account_id, purpose))
        newest = _newest_first(found, lambda c: c.expires_at)
        return newest[0] if newest else None


class FakeThrottleRepository:
    def __init__(self, store: dict) -> None:
        self._failures: list = store.setdefault("throttle", [])

    def record(self, key, at) -> None:
        self._failures.append((key, at))

    def failures(self, key, since):
        return sorted(at for k, at in self._failures if k == key and at >= since)

    def clear(self, key) -> None:
        self._failures[:] = [(k, at) for k, at in self._failures if k != key]


class FakeAuditLog(_Table):
    def append(self, event) -> None:
        self.add(event)

    def recent(self, limit, before=None):
        events = self._all(lambda e: before is None or e.at < before)
        return _newest_first(events, lambda e: e.at)[:limit]


RATE_STEP = Decimal("0.0001")


class FakeFeeItemRepository(_Table):
    """Keeps items without rates; :class:`FakeRateRepository` holds those."""

    def __init__(self, store, kind, rates) -> None:
        super().__init__(store, kind)
        self._rates = rates

    def add(self, item) -> None:
        self._refuse_name_taken(item)
        super().add(attrs.evolve(item, rates=NO_RATES))
        for version in item.rates.versions:
            self._rates.add(item.id, version)

    def update(self, item) -> None:
        self.get(item.id)
        self._refuse_name_taken(item)
        super().update(attrs.evolve(item, rates=NO_RATES))

    def get(self, item_id):
        item = super().get(item_id)
        return attrs.evolve(item, rates=self._rates.schedule(item_id))

    def for_estate(self, estate_id):
        mine = self._all(lambda i: i.estate_id == estate_id)
        return [self.get(i.id) for i in sorted(mine, key=lambda i: i.name)]

    def _refuse_name_taken(self, item) -> None:
        if self._all(
            lambda i: (
                i.id != item.id and (i.estate_id, i.name) == (item.estate_id, item.name)
            )
        ):
            raise ConflictError(
                "name", "a fee item with this name exists in the estate"
            )


class FakeRateRepository:
    def __init__(self, store: dict) -> None:
        self._versions: dict = store.setdefault("rate versions", {})
        self.items: FakeFeeItemRepository

    def add(self, fee_item_id, version) -> None:
        if fee_item_id not in self.items._rows:
            raise NotFoundError("fee item", fee_item_id)
        key = (fee_item_id, version.valid_from)
        if key in self._versions:
            raise ConflictError("valid_from", "a rate valid from this day exists")
        rate = attrs.evolve(
            version.rate, amount=version.rate.amount.quantize(RATE_STEP)
        )
        self._versions[key] = attrs.evolve(version, rate=rate)

    def schedule(self, fee_item_id):
        return RateSchedule(
            v for (item_id, _), v in self._versions.items() if item_id == fee_item_id
        )


def _on_meter_step(meter, value):
    return None if value is None else value.quantize(meter.step)


class FakeMeterRepository(_Table):
    def add(self, meter) -> None:
        if meter.estate_id is None:
            raise ValueError("a stored meter names its estate")
        rollover = _on_meter_step(meter, meter.rollover_at)
        super().add(attrs.evolve(meter, rollover_at=rollover))

    def for_unit(self, unit_id):
        return _by_kind(self._all(lambda m: m.unit_id == unit_id))

    def for_estate(self, estate_id):
        return _by_kind(self._all(lambda m: m.estate_id == estate_id))


def _by_kind(meters):
    return sorted(meters, key=lambda m: (m.kind.value, m.id))


class FakeReadingRepository:
    def __init__(self, store: dict, meters: FakeMeterRepository) -> None:
        self._readings: dict = store.setdefault("meter readings", {})
        self._meters = meters

    def add(self, reading) -> None:
        meter = self._meters.get(reading.meter_id)
        key = (reading.meter_id, reading.read_on)
        if key in self._readings:
            raise ConflictError("read_on", "the meter has a reading on this day")
        self._readings[key] = attrs.evolve(
            reading,
            value=_on_meter_step(meter, reading.value),
            start_value=_on_meter_step(meter, reading.start_value),
        )

    def history(self, meter_id):
        return self._where(lambda r: r.meter_id == meter_id)

    def latest(self, meter_id):
        history = self.history(meter_id)
        return history[-1] if history else None

    def for_period(self, meter_ids, period):
        wanted = set(meter_ids)
        return self._where(
            lambda r: r.meter_id in wanted and period.contains(r.read_on)
        )

    def _where(self, accept):
        found = [r for r in self._readings.values() if accept(r)]
        return sorted(found, key=lambda r: (r.meter_id, r.read_on))


class FakeUnitOfWork:
    """Works on a copy of the store; :meth:`commit` publishes the copy."""

    def __init__(self, store: dict) -> None:
        self._store = store

    def __enter__(self):
        self._working = _snapshot(self._store)
        w = self._working
        self.orgs = FakeOrgRepository(w, "org node")
        self.buildings = FakeBuildingRepository(w, "building")
        self.units = FakeUnitRepository(w, "unit", self.orgs, self.buildings)
        self.people = FakePersonRepository(w, "person")
        self.occupancies = FakeOccupancyRepository(w, "occupancy")
        self.people.places = self
        self.accounts = FakeAccountRepository(w, "account")
        self.assignments = FakeAssignmentRepository(w, "assignment")
        self.sessions = FakeSessionRepository(w, "session")
        self.api_tokens = FakeApiTokenRepository(w, "api token")
        self.codes = FakeOneTimeCodeRepository(w, "one-time code")
        self.throttle = FakeThrottleRepository(w)
        self.audit = FakeAuditLog(w, "audit event")
        self.rates = FakeRateRepository(w)
        self.fee_items = FakeFeeItemRepository(w, "fee item", self.rates)
        self.rates.items = self.fee_items
        self.meters = FakeMeterRepository(w, "meter")
        self.readings = FakeReadingRepository(w, self.meters)
        return self

    def __exit__(self, *exc) -> None:
        self._working = None

    def commit(self) -> None:
        self._store.clear()
        self._store.update(_snapshot(self._working))


def _snapshot(store: dict) -> dict:
    """Copy the tables, not the rows: a stored row is never changed in place
    (every write stores a fresh copy), so sharing rows between copies is safe."""
    return {kind: copy.copy(table) for kind, table in store.items()}


class FakeUnitOfWorkFactory:
    def __init__(self) -> None:
        self.store: dict = {}

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)
