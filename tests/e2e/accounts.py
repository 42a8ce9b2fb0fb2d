"""Accounts for page tests: residents and staff, each with their own browser.

Every client runs its own app over the same core, so each keeps its own
cookies while they all see the same data.
"""

from collections.abc import Iterator
from contextlib import ExitStack

from litestar.testing import TestClient

from propcore.application import Propcore
from propcore.ids import Id
from propcore_web.app import create_app
from propcore_web.config import WebConfig
from tests.e2e.conftest import SECRET, form_token

PASSWORD = "resident password 1"


def activated(core: Propcore, token: str) -> None:
    core.recovery.set_first_password(token, PASSWORD)


def resident_login(core: Propcore, person_id: Id) -> str:
    """A signed-up resident's phone number, ready to sign in with."""
    activated(core, core.accounts.create_resident(person_id).activation_token)
    return core.residents.person(person_id).phone


def staff_login(core: Propcore, username: str, role: str, node_id: Id) -> str:
    created = core.accounts.create_staff(
        {"username": username, "display_name": username}
    )
    core.accounts.assign(created.account.id, {"role": role, "node_id": str(node_id)})
    activated(core, created.activation_token)
    return username


class Browsers:
    """Opens a signed-in client per login; closes them all at the end."""

    def __init__(self, core: Propcore) -> None:
        self._core = core
        self._stack = ExitStack()

    def anonymous(self) -> TestClient:
        app = create_app(self._core, WebConfig(secret_key=SECRET))
        return self._stack.enter_context(TestClient(app))

    def signed_in(self, login: str, password: str = PASSWORD) -> TestClient:
        client = self.anonymous()
        response = post_form(
            client, "/login", "/login", {"login": login, "password": password}
        )
        assert response.status_code == 303, response.text
        return client

    def close(self) -> None:
        self._stack.close()


def browsers(core: Propcore) -> Iterator[Browsers]:
    opened = Browsers(core)
    yield opened
    opened.close()


def post_form(client: TestClient, page: str, action: str, data: dict):
    """Post a form as a browser would, with the CSRF token ``page`` carries."""
    token = form_token(client, page)
    return client.post(
        action, data={**data, "_csrf_token": token}, follow_redirects=False
    )
