"""Every route × every kind of actor × targets in and out of their reach.

The routes come from the app's own router, so a new route fails here until
it has a row in ``ROWS``. Each row names the area, the action and the kind of
target independently of the route's own declaration; the expected answer
comes from the policy (``allows`` on the located target, or some reach in the
area for collections). Writes send bodies the handlers reject (400/422)
after the guard, so the world stays as built and "allowed" means the guard
let the request through.
"""

import re
import shutil
from collections.abc import Iterator
from contextlib import ExitStack

import attrs
import pytest
from litestar.testing import TestClient

from propcore.access.policy import (
    NOWHERE,
    Resource,
    allows,
    staff_scope,
)
from propcore.access.rules import Action
from propcore.application import Propcore
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from propcore_web.app import create_app
from propcore_web.config import WebConfig
from tests.e2e.conftest import SECRET
from tests.e2e.matrix_rows import PHOTO, REJECTED, ROWS, TARGETS, Row
from tests.e2e.matrix_world import ACTORS, B_MARKERS, HOUSEHOLDS, PEOPLE, build_world
from tests.fakes import FixedClock, PlainHasher
from tests.fakes.incidents import FakePhotoStore
from tests.recording import RecordingNotifier

V, E = Action.VIEW, Action.EDIT


def _app_routes(app) -> list[tuple[str, str]]:
    return sorted(
        (method, route.path)
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        for method in handler.http_methods
        if method != "OPTIONS"
    )


# The routes only: this app never serves a request.
_ROUTES_ONLY = create_app(None, WebConfig(secret_key=SECRET))  # type: ignore[arg-type]
ROUTES = _app_routes(_ROUTES_ONLY)


@attrs.frozen
class Matrix:
    core: Propcore
    ids: dict
    actors: dict
    clients: dict[str, TestClient]


@pytest.fixture(scope="module")
def matrix(sqlite_template, tmp_path_factory) -> Iterator[Matrix]:
    path = tmp_path_factory.mktemp("matrix") / "propcore.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
        photos=FakePhotoStore(names=iter([PHOTO])),
    )
    world = build_world(core)
    app = create_app(core, WebConfig(secret_key=SECRET))
    with ExitStack() as stack:
        clients = {name: stack.enter_context(TestClient(app)) for name in ACTORS}
        for name, client in clients.items():
            if name in world.tokens:
                client.cookies.set("propcore_session", world.tokens[name])
            client.get("/healthz")
            client.headers["x-csrftoken"] = client.cookies["csrftoken"]
        yield Matrix(core, world.ids, world.actors, clients)
    engine.dispose()


def _paths(matrix: Matrix, route, row: Row) -> list[tuple[str | None, str]]:
    targets = TARGETS.get(row.kind or "", (None,))
    return [
        (target, _fill(route[1], row, matrix.ids.get(target))) for target in targets
    ]


def _fill(path: str, row: Row, target_id) -> str:
    def value(match: re.Match) -> str:
        return str(row.fixed.get(match.group(1), target_id))

    return re.sub(r"\{(\w+):\w+\}", value, path)


def _send(client: TestClient, method: str, path: str, row: Row):
    if method in ("GET", "HEAD"):
        return client.request(method, path, follow_redirects=False)
    if path.startswith("/api/"):
        return client.request(method, path, json=REJECTED, follow_redirects=False)
    return client.request(method, path, data=row.form, follow_redirects=False)


def _outcome(method: str, row: Row, response) -> str:
    status = response.status_code
    location = response.headers.get("location", "")
    if status >= 500:
        return "error"
    if status == 401 or location.startswith("/login?next="):
        return "anonymous"
    if status in row.ok or status < 400:
        return "allowed"
    if method not in ("GET", "HEAD") and status in (400, 422):
        return "allowed"  # the handler refused the body: the guard let it in
    return {403: "refused", 404: "hidden"}.get(status, f"status {status}")


def _expected(matrix: Matrix, row: Row, actor: str, target: str | None) -> str:
    if actor == "anonymous":
        return "anonymous"
    if row.access == "signed_in":
        return "allowed"
    who, area = matrix.actors[actor], row.area
    if row.kind is None:
        reach = staff_scope(who, area, row.action) != NOWHERE
        return "allowed" if reach else "refused"
    if row.kind == "company":
        places, hidden = [Resource(area)], "refused"
    else:
        places = matrix.core.locate.resources(area, row.kind, matrix.ids[target])
        hidden = "hidden"
    if not any(allows(who, V, place) for place in places):
        return hidden
    if row.action is E and not any(allows(who, E, place) for place in places):
        return "refused"
    return "allowed"


@pytest.mark.parametrize("route", ROUTES, ids=" ".join)
def test_every_route_answers_every_actor_as_the_policy_says(matrix, route):
    row = ROWS.get(route)
    assert row is not None, f"{route} has no row in the matrix: add one"
    wrong = []
    for actor in ACTORS if row.access != "public" else ("anonymous",):
        for target, path in _paths(matrix, route, row):
            response = _send(matrix.clients[actor], route[0], path, row)
            got = _outcome(route[0], row, response)
            if row.access == "public":
                expected = got if got not in ("error", "refused") else "no error"
            else:
                expected = _expected(matrix, row, actor, target)
            if got != expected:
                wrong.append(f"{actor} on {target}: {got}, expected {expected}")

    assert wrong == []


def test_the_matrix_has_no_rows_for_routes_that_are_gone():
    assert set(ROWS) - set(ROUTES) == set()


LISTINGS = (
    "/",
    "/search?q=苑",
    "/search?q=住户",
    "/people?q=住户",
    "/api/v1/people?q=住户",
    "/api/v1/units?q=苑",
    "/api/v1/nodes",
    "/buildings/{building_a}",
    "/api/v1/buildings/{building_a}/roster",
    "/units/{unit_a}?who=住户",
    "/units/{unit_a2}?who=住户",
    "/api/v1/units/{unit_a}/household",
    "/api/v1/units/{unit_a2}/household",
    "/api/v1/units/{unit_a}/bills",
    "/api/v1/units/{unit_a2}/bills",
    "/people/{person_both}",
    "/api/v1/people/{person_both}/units",
    "/people/{person_owner}",
    "/notices",
    "/incidents",
    "/events",
    "/portal/notices",
    "/portal/events",
)


def _forbidden(actor: str) -> set[str]:
    """Estate B's names; for a resident, also everyone outside the household."""
    hidden = set(B_MARKERS)
    for name, (person, phone) in PEOPLE.items():
        if actor in HOUSEHOLDS and name not in HOUSEHOLDS[actor]:
            hidden |= {person, phone}
    return hidden


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "anonymous"])
def test_no_listing_shows_an_estate_a_actor_what_is_not_theirs(matrix, actor):
    client, forbidden = matrix.clients[actor], _forbidden(actor)
    leaks = []
    for listing in LISTINGS:
        path = listing.format(**{k: v for k, v in matrix.ids.items()})
        text = client.get(path, follow_redirects=False).text
        leaks += [f"{path}: {marker}" for marker in sorted(forbidden) if marker in text]

    assert leaks == []


def test_estate_a_staff_see_estate_a_in_their_listings(matrix):
    client = matrix.clients["estate_manager"]

    tree = client.get("/").text
    people = client.get("/people?q=住户").text
    units = client.get("/api/v1/people/{}/units".format(matrix.ids["person_both"]))

    assert "阳光苑" in tree
    assert all(PEOPLE[name][0] in people for name in HOUSEHOLDS)
    assert [row["unit"]["estate_name"] for row in units.json()] == ["阳光苑"]


def test_an_owner_sees_their_own_unit_and_household(matrix):
    client = matrix.clients["owner"]

    unit = client.get("/units/{}".format(matrix.ids["unit_a"]))
    person = client.get("/api/v1/people/{}".format(matrix.ids["person_owner"]))

    assert unit.status_code == 200
    assert person.json()["name"] == PEOPLE["owner"][0]
