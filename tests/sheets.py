"""Building blocks for import tests: a fake-backed core with one estate, and sheets."""

from propcore.application import Propcore
from propcore.importing.service import Sheet
from propcore.property.tree import NodeKind
from tests.fakes import FakeUnitOfWorkFactory, FixedClock, PlainHasher
from tests.recording import RecordingNotifier

ESTATE = "翠湖花园"
BUILDING = "1号楼"


def fake_core() -> tuple[Propcore, FakeUnitOfWorkFactory]:
    uow = FakeUnitOfWorkFactory()
    core = Propcore.build(
        uow=uow, clock=FixedClock(), hasher=PlainHasher(), notifier=RecordingNotifier()
    )
    return core, uow


def core_with_estate() -> tuple[Propcore, FakeUnitOfWorkFactory]:
    """A company with the estate 翠湖花园, which has one building, 1号楼."""
    core, uow = fake_core()
    company = core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = core.property.create_node(
        NodeKind.ESTATE, {"name": ESTATE, "parent_id": company.id}
    )
    core.property.create_building(estate.id, {"name": BUILDING})
    return core, uow


def sheet(header: list[str], *rows: list[str]) -> Sheet:
    """A sheet laid out like a file: header on line 1, data from line 2."""
    return Sheet(1, header, [(line, row) for line, row in enumerate(rows, start=2)])


def problem_places(report) -> list[tuple[int, str]]:
    return [(p.line, p.field) for p in report.problems]
