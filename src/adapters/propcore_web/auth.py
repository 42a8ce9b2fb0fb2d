"""The administrator sign-in that guards every page and API route."""

import hashlib
import logging
from typing import Annotated, Any

from litestar import Request, Router
from litestar.connection import ASGIConnection
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotAuthorizedException
from litestar.handlers import BaseRouteHandler
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from propcore.errors import AuthenticationError
from propcore_web.context import (
    SESSION_ADMIN_ID,
    SESSION_ADMIN_NAME,
    core_of,
    page,
    signed_in,
)
from propcore_web.i18n import LANG_COOKIE, LANGUAGES
from propcore_web.routing import PUBLIC, Query, get, post

logger = logging.getLogger(__name__)

Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
ONE_YEAR = 365 * 24 * 3600


def require_admin(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """The app-wide guard: everything not marked public needs a signed-in admin."""
    if not handler.opt.get("public") and not signed_in(connection):
        raise NotAuthorizedException()


def safe_next(target: str | None) -> str:
    """A local path to return to after signing in; anything else means home."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def _fingerprint(username: str) -> str:
    """Identifies repeated attempts in logs without writing the username."""
    return hashlib.sha256(username.encode()).hexdigest()[:12]


@get("/login", opt=PUBLIC)
def login_form(request: Request, next: Query = "/") -> Template:
    return page(request, "login.html", next=safe_next(next))


@post("/login", opt=PUBLIC)
def login(request: Request, data: Form) -> Template | Redirect:
    username = str(data.get("username", ""))
    target = safe_next(data.get("next"))
    try:
        account = core_of(request).access.sign_in(
            username, str(data.get("password", ""))
        )
    except AuthenticationError:
        logger.warning("failed sign-in for user %s", _fingerprint(username))
        return page(
            request,
            "login.html",
            status=401,
            next=target,
            failed=True,
            values={"username": username},
        )
    request.clear_session()
    request.set_session(
        {SESSION_ADMIN_ID: str(account.id), SESSION_ADMIN_NAME: account.username}
    )
    logger.info("admin %s signed in", account.id)
    return Redirect(target, status_code=303)


@post("/logout")
def logout(request: Request) -> Redirect:
    request.clear_session()
    return Redirect("/login", status_code=303)


@get("/language/{code:str}", opt=PUBLIC)
def choose_language(code: FromPath[str], next: Query = "/") -> Redirect:
    response = Redirect(safe_next(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=ONE_YEAR, samesite="lax")
    return response


@get("/healthz", opt=PUBLIC, sync_to_thread=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


# One router, so the handlers sharing a path are registered together.
router = Router(
    "/", route_handlers=[login_form, login, logout, choose_language, healthz]
)
