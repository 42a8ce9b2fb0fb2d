"""The unit of work over the in-memory tables."""

from tests.fakes.access import (
    FakeAccountRepository,
    FakeApiTokenRepository,
    FakeAssignmentRepository,
    FakeAuditLog,
    FakeOneTimeCodeRepository,
    FakeSessionRepository,
    FakeThrottleRepository,
)
from tests.fakes.base import _snapshot
from tests.fakes.billing import (
    FakeFeeItemRepository,
    FakeMeterRepository,
    FakeRateRepository,
    FakeReadingRepository,
    FakeRunDayRepository,
)
from tests.fakes.bills import (
    FakeBillRepository,
    FakeLedgerRepository,
    FakeReceiptRepository,
)
from tests.fakes.events import FakeEventRepository
from tests.fakes.incidents import FakeIncidentRepository
from tests.fakes.jobs import FakeJobRunRepository
from tests.fakes.messaging import FakeInbox, FakeOutbox, FakePreferenceRepository
from tests.fakes.notices import FakeNoticeRepository
from tests.fakes.property import (
    FakeBuildingRepository,
    FakeOrgRepository,
    FakeUnitRepository,
)
from tests.fakes.residents import (
    FakeOccupancyRepository,
    FakePersonRepository,
)


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
        self.outbox = FakeOutbox(w)
        self.bills = FakeBillRepository(w)
        self.ledgers = FakeLedgerRepository(w)
        self.bills.ledgers = self.ledgers
        self.bills.units = self.units
        self.receipts = FakeReceiptRepository(w)
        self.run_days = FakeRunDayRepository(w)
        self.inbox = FakeInbox(w, "inbox item")
        self.preferences = FakePreferenceRepository(w)
        self.job_runs = FakeJobRunRepository(w)
        self.notices = FakeNoticeRepository(w, "notice")
        self.incidents = FakeIncidentRepository(w, "incident")
        self.events = FakeEventRepository(w, "event")
        return self

    def __exit__(self, *exc) -> None:
        self._working = None

    def commit(self) -> None:
        self._store.clear()
        self._store.update(_snapshot(self._working))


class FakeUnitOfWorkFactory:
    def __init__(self) -> None:
        self.store: dict = {}

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)
