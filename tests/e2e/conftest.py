"""End-to-end fixtures: a real Litestar app over a core, driven over HTTP.

To run these tests on another storage, change only the ``core`` fixture.
"""

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from litestar.testing import TestClient

from propcore.application import Propcore
from propcore.billing.periods import Period
from propcore.property.tree import NodeKind
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from propcore_web.app import create_app
from propcore_web.config import WebConfig
from tests.billing.world import World, seed
from tests.fakes import FixedClock, PlainHasher
from tests.recording import RecordingNotifier

if TYPE_CHECKING:
    from tests.e2e.accounts import Browsers

ADMIN, PASSWORD = "admin", "correct horse battery"
SECRET = b"e2e-secret-key-that-is-long-enough!"
_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


@pytest.fixture
def core(sqlite_url: str) -> Iterator[Propcore]:
    """The core on a real, freshly migrated SQLite file."""
    engine = make_engine(sqlite_url)
    yield Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    engine.dispose()


@pytest.fixture
def opened(core: Propcore) -> Iterator["Browsers"]:
    """Browsers on the app, one per signed-in account a test opens."""
    # accounts.py reads this module's secret and form helper: imported here,
    # once both modules are loaded
    from tests.e2e.accounts import browsers

    yield from browsers(core)


@pytest.fixture
def billed(core: Propcore) -> World:
    """The billing world (``tests/billing/world.py``) with December billed."""
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, Period.month(2026, 12), actor="seed")
    return world


@pytest.fixture
def client(core: Propcore) -> Iterator[TestClient]:
    core.setup.administrator(ADMIN, PASSWORD)
    app = create_app(core, WebConfig(secret_key=SECRET))
    with TestClient(app) as test_client:
        yield test_client


def form_token(client: TestClient, path: str) -> str:
    """The CSRF token a page's forms carry, as a browser would submit it."""
    match = _TOKEN.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: TestClient, password: str = PASSWORD, next: str = "/"):
    token = form_token(client, "/login")
    return client.post(
        "/login",
        data={
            "login": ADMIN,
            "password": password,
            "next": next,
            "_csrf_token": token,
        },
        follow_redirects=False,
    )


@pytest.fixture
def admin_client(client: TestClient) -> TestClient:
    """Signed in; API calls carry the CSRF header as the API docs ask."""
    assert sign_in(client).status_code == 303
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client


@pytest.fixture
def estate(core: Propcore):
    company = core.property.create_node(NodeKind.COMPANY, {"name": "幸福物业"})
    return core.property.create_node(
        NodeKind.ESTATE, {"name": "阳光小区", "parent_id": company.id}
    )


@pytest.fixture
def building(core: Propcore, estate):
    return core.property.create_building(estate.id, {"name": "1号楼"})


@pytest.fixture
def unit(core: Propcore, building):
    return core.property.create_unit(
        building.id,
        {"entrance": "2", "floor": "12", "room": "1201", "gross_area": "120.50"},
        actor="seed",
    )


@pytest.fixture
def person(core: Propcore):
    return core.residents.create_person(
        {"name": "张伟", "phone": "13812345678", "id_number": "110101199001011234"}
    )
