"""The SQL unit of work: one connection, one transaction per use case."""

from types import TracebackType
from typing import Self

from sqlalchemy import Engine

from propcore_sql.accounts import SqlAccountRepository, SqlAssignmentRepository
from propcore_sql.audit import SqlAuditLog
from propcore_sql.billing import SqlFeeItemRepository, SqlRateRepository
from propcore_sql.bills import SqlBillRepository
from propcore_sql.errors import translated
from propcore_sql.events import SqlEventRepository
from propcore_sql.inbox import SqlInbox, SqlPreferenceRepository
from propcore_sql.incidents import SqlIncidentRepository
from propcore_sql.jobs import SqlJobRunRepository
from propcore_sql.ledger import SqlLedgerRepository, SqlReceiptRepository
from propcore_sql.meters import SqlMeterRepository, SqlReadingRepository
from propcore_sql.notices import SqlNoticeRepository
from propcore_sql.outbox import SqlOutbox
from propcore_sql.property import (
    SqlBuildingRepository,
    SqlOrgRepository,
    SqlUnitRepository,
)
from propcore_sql.residents import SqlOccupancyRepository, SqlPersonRepository
from propcore_sql.run_days import SqlRunDayRepository
from propcore_sql.signin import (
    SqlApiTokenRepository,
    SqlOneTimeCodeRepository,
    SqlSessionRepository,
    SqlThrottleRepository,
)


class SqlUnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __enter__(self) -> Self:
        self._connection = self._engine.connect()
        self._transaction = self._connection.begin()
        db = self._connection
        self.orgs = SqlOrgRepository(db)
        self.buildings = SqlBuildingRepository(db)
        self.units = SqlUnitRepository(db)
        self.people = SqlPersonRepository(db)
        self.occupancies = SqlOccupancyRepository(db)
        self.accounts = SqlAccountRepository(db)
        self.assignments = SqlAssignmentRepository(db)
        self.sessions = SqlSessionRepository(db)
        self.api_tokens = SqlApiTokenRepository(db)
        self.codes = SqlOneTimeCodeRepository(db)
        self.throttle = SqlThrottleRepository(db)
        self.audit = SqlAuditLog(db)
        self.fee_items = SqlFeeItemRepository(db)
        self.rates = SqlRateRepository(db)
        self.meters = SqlMeterRepository(db)
        self.readings = SqlReadingRepository(db)
        self.outbox = SqlOutbox(db)
        self.bills = SqlBillRepository(db)
        self.ledgers = SqlLedgerRepository(db)
        self.receipts = SqlReceiptRepository(db)
        self.run_days = SqlRunDayRepository(db)
        self.inbox = SqlInbox(db)
        self.preferences = SqlPreferenceRepository(db)
        self.job_runs = SqlJobRunRepository(db)
        self.notices = SqlNoticeRepository(db)
        self.incidents = SqlIncidentRepository(db)
        self.events = SqlEventRepository(db)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._transaction.is_active:
                self._transaction.rollback()
        finally:
            self._connection.close()

    def commit(self) -> None:
        """Commit, then keep a fresh transaction open for reads that follow."""
        with translated():
            self._transaction.commit()
        self._transaction = self._connection.begin()


class SqlUnitOfWorkFactory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)
