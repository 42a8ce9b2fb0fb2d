"""In-memory fakes of the core's ports, for unit tests, one module per area.

They pass the same contract tests as the SQL adapters (tests/contract).
"""

from tests.fakes.clock import SHANGHAI, FixedClock, PlainHasher
from tests.fakes.uow import FakeUnitOfWork, FakeUnitOfWorkFactory

__all__ = [
    "SHANGHAI",
    "FakeUnitOfWork",
    "FakeUnitOfWorkFactory",
    "FixedClock",
    "PlainHasher",
]
