"""Pages and API calls as signed-in staff and residents, on the demo data.

Run with ``make bench`` or ``.venv/bin/python benchmarks/web.py [--calls N]``.
The app runs in process (Litestar's test client, no network) on a temporary
SQLite file loaded with the demo, so the figures are the server's own work:
the guard, the policy, the queries and the templates.
"""

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

from litestar.testing import TestClient

from propcore.property.tree import NodeKind
from propcore_bootstrap.demo import load_demo
from propcore_bootstrap.demo_accounts import DEMO_PASSWORD, create_demo_accounts
from propcore_bootstrap.settings import Settings
from propcore_bootstrap.web import WebContainer
from propcore_sql import migrate


def _world(folder: Path) -> tuple[WebContainer, dict[str, str]]:
    settings = Settings(
        database_url=f"sqlite:///{folder / 'bench.db'}",
        secret_file=str(folder / "secret"),
    )
    container = WebContainer(settings=settings)
    migrate.upgrade(container.engine())
    core = container.core()
    load_demo(core)
    create_demo_accounts(core)
    estate = next(
        n for n in core.property.nodes(NodeKind.ESTATE) if n.name == "翠湖花园"
    )
    building = core.property.buildings(estate.id)[0]
    unit = core.property.units(building.id)[0]
    paths = {
        "tree /": "/",
        "building page": f"/buildings/{building.id}",
        "unit page": f"/units/{unit.id}",
        "unit API": f"/api/v1/units/{unit.id}",
        "search API": "/api/v1/units?q=1-1",
        "portal": "/portal",
    }
    return container, paths


def _signed_in(client: TestClient, login: str) -> None:
    page = client.get("/login").text
    token = page.split('name="_csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/login",
        data={"login": login, "password": DEMO_PASSWORD, "_csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.status_code


def _median_ms(client: TestClient, path: str, calls: int) -> tuple[float, int]:
    times, status = [], 0
    for _ in range(calls):
        started = time.perf_counter()
        status = client.get(path, follow_redirects=False).status_code
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as folder:
        container, paths = _world(Path(folder))
        app = container.app()
        print(f"{'request':<16} {'as':<8} {'median ms':>10} {'status':>7}")
        for login in ("admin", "desk", "owner"):
            with TestClient(app) as client:
                _signed_in(client, login)
                for name, path in paths.items():
                    median, status = _median_ms(client, path, args.calls)
                    print(f"{name:<16} {login:<8} {median:>10.1f} {status:>7}")


if __name__ == "__main__":
    main()
