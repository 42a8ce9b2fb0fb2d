"""A real server on loopback, a real SQLite file and Debian's Chromium."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from propcore.property.tree import NodeKind
from propcore_bootstrap.settings import Settings
from propcore_bootstrap.web import WebContainer
from propcore_sql import migrate
from tests.e2e.browser.world import RolesWorld, seed_roles

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADMIN = ("admin", "browser-test-pass")


@attrs.frozen
class LiveServer:
    url: str
    estate_id: str
    building_id: str
    roles: RolesWorld
    database_url: str = ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _seed(container: WebContainer) -> tuple[str, str, RolesWorld]:
    core = container.core()
    core.setup.administrator(*ADMIN)
    company = core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = core.property.create_node(
        NodeKind.ESTATE,
        {"name": "翠湖花园", "parent_id": str(company.id), "address": "北京市海淀区"},
    )
    building = core.property.create_building(estate.id, {"name": "3号楼"})
    return str(estate.id), str(building.id), seed_roles(core, estate.id)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder: Path = tmp_path_factory.mktemp("live")
    settings = Settings(
        database_url=f"sqlite:///{folder / 'propcore.db'}",
        secret_file=str(folder / "secret"),
        media_dir=str(folder / "media"),
    )
    container = WebContainer(settings=settings)
    migrate.upgrade(container.engine())
    estate_id, building_id, roles = _seed(container)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            container.app(), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    url = f"http://127.0.0.1:{port}"
    yield LiveServer(url, estate_id, building_id, roles, settings.database_url)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized screen, as many residents use."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page: Page, server: LiveServer, login: str, password: str) -> None:
    """Fill in and send the sign-in form; callers check where it led."""
    page.goto(server.url + "/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
