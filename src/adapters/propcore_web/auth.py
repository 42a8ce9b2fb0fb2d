"""Signing in (password, TOTP, a code by SMS), signing out, activation and
password reset links. All public: they are how one becomes signed in."""

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from litestar import Request, Response
from litestar.params import FromPath
from litestar.response import Redirect, Template

from propcore.access.recovery import LinkNotValidError
from propcore.access.signin import SecondFactorRequired, ThrottledError
from propcore.errors import AuthenticationError, InvalidInputError
from propcore_web import sessions
from propcore_web.context import page
from propcore_web.guard import PUBLIC
from propcore_web.pages.forms import Form, mistakes
from propcore_web.routing import Core, Query, get, post

logger = logging.getLogger(__name__)

NO_STORE = {"cache-control": "no-store"}
NOTICES = {"password-set"}


def _text(data: dict[str, Any], name: str) -> str:
    return str(data.get(name, "")).strip()


def _fingerprint(login: str) -> str:
    """Identifies repeated attempts in logs without writing the login."""
    return hashlib.sha256(login.encode()).hexdigest()[:12]


def _login_page(request: Request, status: int = 200, **context: Any) -> Template:
    context.setdefault("next", "/")
    context.setdefault("step", "password")
    context.setdefault("notice", "")
    response = page(request, "login.html", status=status, **context)
    response.headers.update(NO_STORE)
    return response


@get("/login", opt=PUBLIC)
def login_form(request: Request, next: Query = "/", notice: Query = "") -> Template:
    shown = notice if notice in NOTICES else ""
    return _login_page(request, next=sessions.safe_next(next), notice=shown)


@post("/login", opt=PUBLIC)
def login(request: Request, core: Core, data: Form) -> Response:
    login, password = _text(data, "login"), str(data.get("password", ""))
    values = {"login": login, "password": password}
    target = sessions.safe_next(data.get("next"))
    try:
        signed_in = core.signin.sign_in(
            login,
            password,
            address=sessions.address_of(request),
            code=_text(data, "code") or None,
        )
    except SecondFactorRequired:
        return _login_page(request, next=target, step="code", values=values)
    except ThrottledError as error:
        return _login_page(request, 429, next=target, throttled=error.minutes)
    except AuthenticationError:
        logger.warning("failed sign-in for login %s", _fingerprint(login))
        return _login_page(request, 401, next=target, failed=True, values=values)
    logger.info("account %s signed in", signed_in.account.id)
    return sessions.start(request, signed_in, target)


@get("/login/code", opt=PUBLIC)
def code_form(request: Request) -> Template:
    return page(request, "login_code.html", step="phone")


@post("/login/code", opt=PUBLIC)
def send_code(request: Request, core: Core, data: Form) -> Template:
    """Always the same answer, whether or not the phone belongs to a resident."""
    phone = _text(data, "phone")
    try:
        core.signin.send_code(phone, address=sessions.address_of(request))
    except ThrottledError as error:
        return page(
            request,
            "login_code.html",
            status=429,
            step="phone",
            throttled=error.minutes,
        )
    return page(request, "login_code.html", step="code", values={"phone": phone})


@post("/login/code/verify", opt=PUBLIC)
def verify_code(request: Request, core: Core, data: Form) -> Response:
    phone = _text(data, "phone")
    shown = {"step": "code", "values": {"phone": phone}}
    try:
        signed_in = core.signin.sign_in_with_code(
            phone, _text(data, "code"), address=sessions.address_of(request)
        )
    except ThrottledError as error:
        return page(
            request, "login_code.html", status=429, throttled=error.minutes, **shown
        )
    except AuthenticationError:
        logger.warning("failed code sign-in for %s", _fingerprint(phone))
        return page(request, "login_code.html", status=401, failed=True, **shown)
    return sessions.start(request, signed_in, "/")


@post("/logout", opt=PUBLIC)
def logout(request: Request) -> Redirect:
    """Ends the session, if there is one; signing out needs no rights."""
    sessions.end(request)
    return sessions.cleared(Redirect("/login", status_code=303))


def _link_page(
    request: Request, purpose: str, status: int = 200, **context: Any
) -> Template:
    response = page(
        request, "set_password.html", status=status, purpose=purpose, **context
    )
    response.headers.update(NO_STORE)
    return response


def _use_link(
    request: Request, purpose: str, use: Callable, token: str, data: Form
) -> Response:
    try:
        use(token, str(data.get("password", "")))
    except LinkNotValidError:
        return _link_page(request, purpose, 400, token=token, invalid=True)
    except InvalidInputError as error:
        errors = mistakes(request, error)
        return _link_page(request, purpose, 422, token=token, errors=errors)
    return Redirect("/login?notice=password-set", status_code=303)


@get("/activate/{token:str}", opt=PUBLIC)
def activate_form(request: Request, token: FromPath[str]) -> Template:
    return _link_page(request, "activate", token=token)


@post("/activate/{token:str}", opt=PUBLIC)
def activate(
    request: Request, core: Core, token: FromPath[str], data: Form
) -> Response:
    return _use_link(request, "activate", core.recovery.set_first_password, token, data)


@get("/reset", opt=PUBLIC)
def reset_form(request: Request) -> Template:
    return page(request, "reset.html", sent=False)


@post("/reset", opt=PUBLIC)
def start_reset(request: Request, core: Core, data: Form) -> Template:
    """The same answer whether or not the login exists."""
    core.recovery.start_reset(_text(data, "login"))
    return page(request, "reset.html", sent=True)


@get("/reset/{token:str}", opt=PUBLIC)
def reset_password_form(request: Request, token: FromPath[str]) -> Template:
    return _link_page(request, "reset", token=token)


@post("/reset/{token:str}", opt=PUBLIC)
def reset_password(
    request: Request, core: Core, token: FromPath[str], data: Form
) -> Response:
    return _use_link(request, "reset", core.recovery.reset_password, token, data)


ROUTES = [
    login_form,
    login,
    code_form,
    send_code,
    verify_code,
    logout,
    activate_form,
    activate,
    reset_form,
    start_reset,
    reset_password_form,
    reset_password,
]
