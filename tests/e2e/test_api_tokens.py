"""Bearer tokens on the API, and CSRF: needed with a session cookie only."""

import pytest

from tests.e2e.conftest import sign_in

COMPANY = {"kind": "company", "name": "幸福物业"}


@pytest.fixture
def secret(core, client) -> str:
    admin = core.accounts.staff()[0].account
    return core.tokens.create(admin.id, {"name": "script"}).secret


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_a_bearer_token_reads_the_api(client, secret):
    response = client.get("/api/v1/nodes", headers=_bearer(secret))

    assert response.status_code == 200


def test_a_bearer_token_writes_without_a_csrf_token(client, secret):
    response = client.post("/api/v1/nodes", json=COMPANY, headers=_bearer(secret))

    assert response.status_code == 201


def test_a_revoked_token_is_refused(client, core, secret):
    admin = core.accounts.staff()[0].account
    core.tokens.revoke(admin.id, core.tokens.list(admin.id)[0].id)

    response = client.get("/api/v1/nodes", headers=_bearer(secret))

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("header", ["Bearer pc_not-a-token", "Bearer ", "Basic abc"])
def test_a_wrong_authorization_header_is_refused(client, header):
    response = client.get("/api/v1/nodes", headers={"Authorization": header})

    assert response.status_code == 401


def test_a_write_with_a_session_cookie_still_needs_csrf_even_with_a_token(
    client, secret
):
    sign_in(client)

    response = client.post("/api/v1/nodes", json=COMPANY, headers=_bearer(secret))

    assert response.status_code == 403


def test_a_bearer_token_is_not_a_session_for_the_pages(client, secret):
    response = client.get("/", headers=_bearer(secret), follow_redirects=False)

    assert response.status_code == 200
