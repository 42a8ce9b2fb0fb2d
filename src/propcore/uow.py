"""The unit of work: one transaction per use case."""

from types import TracebackType
from typing import Protocol, Self

from propcore.access.ports import (
    AccountRepository,
    ApiTokenRepository,
    AssignmentRepository,
    AuditLog,
    OneTimeCodeRepository,
    SessionRepository,
    ThrottleRepository,
)
from propcore.billing.ports import (
    BillRepository,
    FeeItemRepository,
    LedgerRepository,
    MeterRepository,
    RateRepository,
    ReadingRepository,
    ReceiptRepository,
    RunDayRepository,
)
from propcore.events.ports import EventRepository
from propcore.incidents.ports import IncidentRepository
from propcore.jobs.ports import JobRunRepository
from propcore.messaging.ports import Inbox, Outbox, PreferenceRepository
from propcore.notices.ports import NoticeRepository
from propcore.property.ports import BuildingRepository, OrgRepository, UnitRepository
from propcore.residents.ports import OccupancyRepository, PersonRepository


class UnitOfWork(Protocol):
    """Repositories sharing one transaction.

    Leaving the ``with`` block without :meth:`commit` rolls everything back,
    so a use case that fails half way changes nothing.
    """

    orgs: OrgRepository
    buildings: BuildingRepository
    units: UnitRepository
    people: PersonRepository
    occupancies: OccupancyRepository
    accounts: AccountRepository
    assignments: AssignmentRepository
    sessions: SessionRepository
    api_tokens: ApiTokenRepository
    codes: OneTimeCodeRepository
    throttle: ThrottleRepository
    audit: AuditLog
    fee_items: FeeItemRepository
    rates: RateRepository
    meters: MeterRepository
    readings: ReadingRepository
    outbox: Outbox
    bills: BillRepository
    ledgers: LedgerRepository
    receipts: ReceiptRepository
    run_days: RunDayRepository
    inbox: Inbox
    preferences: PreferenceRepository
    job_runs: JobRunRepository
    notices: NoticeRepository
    incidents: IncidentRepository
    events: EventRepository

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
