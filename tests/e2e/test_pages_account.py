"""The account page: changing the password, two-step sign-in, API tokens."""

import re

from propcore.access import totp
from tests.e2e.conftest import ADMIN, PASSWORD, form_token, sign_in


def _post(client, path: str, **data: str):
    data["_csrf_token"] = form_token(client, "/account")
    return client.post(path, data=data, follow_redirects=False)


def test_the_account_page_needs_signing_in(client):
    response = client.get("/account", follow_redirects=False)

    assert response.headers["location"] == "/login?next=%2Faccount"


def test_changing_the_password_needs_the_current_one(admin_client):
    wrong = _post(
        admin_client, "/account/password", current_password="x", password="new pass 1"
    )
    right = _post(
        admin_client,
        "/account/password",
        current_password=PASSWORD,
        password="new pass 1",
    )

    assert wrong.status_code == 422
    assert right.status_code == 303
    assert sign_in(admin_client, password="new pass 1").status_code == 303


def test_two_step_setup_shows_the_secret_and_uri_and_needs_a_code(admin_client, core):
    shown = _post(admin_client, "/account/totp")
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', shown.text).group(1)

    refused = _post(admin_client, "/account/totp/confirm", secret=secret, code="0")
    code = totp.code_at(secret, core.clock.now())
    accepted = _post(admin_client, "/account/totp/confirm", secret=secret, code=code)

    assert f"otpauth://totp/propcore:{ADMIN}?secret={secret}" in shown.text
    assert refused.status_code == 422
    assert accepted.status_code == 303
    assert "两步验证已开启" in admin_client.get("/account").text


def test_a_new_token_is_shown_once_and_can_be_revoked(admin_client, core):
    created = _post(admin_client, "/account/tokens", name="nightly export")
    secret = re.search(r'id="new-token">([^<]+)<', created.text).group(1)
    page = admin_client.get("/account").text
    token_id = re.search(r"/account/tokens/([0-9a-f-]+)/revoke", page).group(1)

    revoked = _post(admin_client, f"/account/tokens/{token_id}/revoke")

    assert created.status_code == 201
    assert "nightly export" in page
    assert secret not in page
    assert revoked.status_code == 303
    assert core.tokens.account_for(secret) is None


def test_a_token_needs_a_name(admin_client):
    response = _post(admin_client, "/account/tokens", name="")

    assert response.status_code == 422
