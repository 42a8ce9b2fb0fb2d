"""Signing in and out with accounts: passwords, throttling, TOTP, codes by
SMS, activation and reset links, and what the session cookie may carry."""

import re
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from propcore.access import totp
from propcore.application import Propcore
from propcore_argon2 import Argon2PasswordHasher
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from propcore_web.app import create_app
from propcore_web.config import WebConfig
from tests.e2e.conftest import ADMIN, PASSWORD, SECRET, form_token, sign_in
from tests.fakes import FixedClock
from tests.recording import RecordingNotifier

WRONG = "手机号/用户名或密码错误"
SESSION = "propcore_session"


def _post(client: TestClient, path: str, form_page: str, **data: str):
    data["_csrf_token"] = form_token(client, form_page)
    return client.post(path, data=data, follow_redirects=False)


def _login(client: TestClient, login: str, password: str, **extra: str):
    return _post(client, "/login", "/login", login=login, password=password, **extra)


def _signed_in(client: TestClient) -> bool:
    return client.get("/account", follow_redirects=False).status_code == 200


def test_unknown_account_and_wrong_password_get_the_same_answer(client):
    wrong_password = _login(client, ADMIN, "not the password")
    unknown = _login(client, "nobody", PASSWORD)

    assert wrong_password.status_code == unknown.status_code == 401
    assert WRONG in wrong_password.text
    assert WRONG in unknown.text
    assert not _signed_in(client)


def test_five_failures_lock_the_login_and_unknown_logins_alike(client):
    for _ in range(5):
        _login(client, ADMIN, "not the password")
        _login(client, "nobody", "not the password")

    known = _login(client, ADMIN, PASSWORD)
    unknown = _login(client, "nobody", PASSWORD)

    assert known.status_code == unknown.status_code == 429
    assert "尝试次数过多，请 15 分钟后再试" in known.text
    assert known.text.count("15 分钟") == unknown.text.count("15 分钟") == 1
    assert not _signed_in(client)


def test_an_account_with_totp_is_asked_for_its_code_then_let_in(client, core):
    account = core.accounts.staff()[0].account
    secret, _ = core.recovery.begin_totp(account.id)
    core.recovery.confirm_totp(
        account.id, secret, totp.code_at(secret, core.clock.now())
    )

    asked = _login(client, ADMIN, PASSWORD)
    answered = _login(
        client, ADMIN, PASSWORD, code=totp.code_at(secret, core.clock.now())
    )

    assert asked.status_code == 200
    assert 'name="code"' in asked.text
    assert answered.status_code == 303
    assert _signed_in(client)


def test_a_wrong_totp_code_is_refused(client, core):
    account = core.accounts.staff()[0].account
    secret, _ = core.recovery.begin_totp(account.id)
    core.recovery.confirm_totp(
        account.id, secret, totp.code_at(secret, core.clock.now())
    )

    response = _login(client, ADMIN, PASSWORD, code="000000")

    assert response.status_code == 401
    assert not _signed_in(client)


def test_a_resident_signs_in_with_a_code_sent_to_their_phone(client, core, person):
    core.accounts.create_resident(person.id)

    asked = _post(client, "/login/code", "/login/code", phone=person.phone)
    code = core.signin.notifier.last("sign_in_code").params["code"]
    response = _post(
        client, "/login/code/verify", "/login/code", phone=person.phone, code=code
    )

    assert asked.status_code == 200
    assert response.status_code == 303
    assert _signed_in(client)


def test_asking_a_code_for_an_unknown_phone_answers_the_same(client, person):
    answer = _post(client, "/login/code", "/login/code", phone="13900000000")

    assert answer.status_code == 200
    assert "验证码已发送" in answer.text


def test_a_wrong_sms_code_is_refused(client, core, person):
    core.accounts.create_resident(person.id)
    _post(client, "/login/code", "/login/code", phone=person.phone)

    response = _post(
        client, "/login/code/verify", "/login/code", phone=person.phone, code="x"
    )

    assert response.status_code == 401
    assert "手机号或验证码错误" in response.text
    assert not _signed_in(client)


def test_an_activation_link_sets_the_first_password(client, core):
    created = core.accounts.create_staff({"username": "li", "display_name": "李明"})
    link = f"/activate/{created.activation_token}"

    form = client.get(link)
    response = _post(client, link, link, password="a good password")

    assert form.status_code == 200
    assert response.headers["location"] == "/login?notice=password-set"
    assert "密码已设置" in client.get(response.headers["location"]).text
    assert _login(client, "li", "a good password").status_code == 303


def test_a_short_password_on_the_activation_link_is_explained(client, core):
    created = core.accounts.create_staff({"username": "li", "display_name": "李明"})
    link = f"/activate/{created.activation_token}"

    response = _post(client, link, link, password="short")

    assert response.status_code == 422
    assert _login(client, "li", "short").status_code == 401


def test_asking_for_a_reset_answers_the_same_for_unknown_logins(client):
    known = _post(client, "/reset", "/reset", login=ADMIN)
    unknown = _post(client, "/reset", "/reset", login="nobody")

    assert known.status_code == unknown.status_code == 200
    assert _without_token(known.text) == _without_token(unknown.text)
    assert "如果存在匹配的账号" in known.text


def _without_token(html: str) -> str:
    return re.sub(r'name="_csrf_token" value="[^"]*"', "", html)


def test_a_reset_link_works_once(client, core):
    _post(client, "/reset", "/reset", login=ADMIN)
    token = core.recovery.notifier.last("password_reset").params["token"]
    link = f"/reset/{token}"

    first = _post(client, link, link, password="a new password")
    again = _post(client, link, link, password="another password")

    assert first.status_code == 303
    assert again.status_code == 400
    assert "此链接已失效" in again.text
    assert _login(client, ADMIN, "a new password").status_code == 303


def test_signing_out_ends_the_session_for_good(client):
    sign_in(client)
    token = client.cookies[SESSION]

    _post(client, "/logout", "/account")
    client.cookies.set(SESSION, token)

    assert client.get("/account", follow_redirects=False).status_code == 303


def test_signing_in_again_replaces_the_old_session(client):
    sign_in(client)
    first = client.cookies[SESSION]

    sign_in(client)
    second = client.cookies[SESSION]
    client.cookies.set(SESSION, first)

    assert second != first
    assert not _signed_in(client)


def test_the_session_cookie_is_http_only_and_same_site(client):
    response = sign_in(client)

    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie


@pytest.mark.parametrize(
    "value", ["not-a-session", "x" * 5000, "%00%ff", "'; DROP TABLE sessions"]
)
def test_a_tampered_session_cookie_counts_as_signed_out(client, value):
    client.cookies.set(SESSION, value)

    page = client.get("/", follow_redirects=False)
    api = client.get("/api/v1/nodes")

    assert page.status_code == 303
    assert page.headers["location"].startswith("/login")
    assert api.status_code == 401


@pytest.fixture
def argon2_client(sqlite_url: str) -> Iterator[tuple[Propcore, TestClient]]:
    engine = make_engine(sqlite_url)
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=FixedClock(),
        hasher=Argon2PasswordHasher(time_cost=1, memory_cost=8192),
        notifier=RecordingNotifier(),
    )
    core.setup.administrator(ADMIN, PASSWORD)
    config = WebConfig(secret_key=SECRET, secure_cookies=True)
    app = create_app(core, config)
    with TestClient(app, base_url="https://testserver.local") as test_client:
        yield core, test_client
    engine.dispose()


def test_signing_in_with_an_argon2_hash_and_secure_cookies(argon2_client):
    core, client = argon2_client

    response = _login(client, ADMIN, PASSWORD)

    assert response.status_code == 303
    assert "secure" in response.headers["set-cookie"].lower()
    assert core.accounts.staff()[0].account.password_hash.startswith("$argon2id$")
