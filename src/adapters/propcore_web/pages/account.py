"""The signed-in account's own page: password, two-step sign-in, API tokens."""

from typing import Any

from litestar import Request, Response
from litestar.response import Template

from propcore.access import totp
from propcore.errors import InvalidInputError
from propcore_web.context import page
from propcore_web.guard import SIGNED_IN
from propcore_web.pages.forms import REJECTED, Form, mistakes, see_other
from propcore_web.routing import Core, Me, PathId, Query, get, post

DONE = {"password", "totp", "revoked"}


def _account_page(
    request: Request, core: Core, me: Me, status: int = 200, **context: Any
) -> Template:
    context.setdefault("failed", None)
    context.setdefault("totp", None)
    context.setdefault("new_token", None)
    context.setdefault("done", "")
    response = page(
        request,
        "account.html",
        status=status,
        account=core.accounts.account(me.id),
        tokens=core.tokens.list(me.id),
        **context,
    )
    response.headers["cache-control"] = "no-store"
    return response


@get("/account", opt=SIGNED_IN)
def account_page(
    request: Request, core: Core, account: Me, done: Query = ""
) -> Template:
    return _account_page(request, core, account, done=done if done in DONE else "")


@post("/account/password", opt=SIGNED_IN)
def change_password(request: Request, core: Core, account: Me, data: Form) -> Response:
    try:
        core.recovery.change_password(
            account.id,
            str(data.get("current_password", "")),
            str(data.get("password", "")),
        )
    except InvalidInputError as error:
        errors = mistakes(request, error)
        return _account_page(
            request, core, account, REJECTED, failed="password", errors=errors
        )
    return see_other("/account?done=password")


@post("/account/totp", opt=SIGNED_IN)
def begin_totp(request: Request, core: Core, account: Me) -> Template:
    """A new secret to enter in an authenticator app; on only once confirmed."""
    secret, uri = core.recovery.begin_totp(account.id)
    return _account_page(request, core, account, totp={"secret": secret, "uri": uri})


@post("/account/totp/confirm", opt=SIGNED_IN)
def confirm_totp(request: Request, core: Core, account: Me, data: Form) -> Response:
    secret = str(data.get("secret", ""))
    try:
        core.recovery.confirm_totp(account.id, secret, str(data.get("code", "")))
    except InvalidInputError as error:
        uri = totp.provisioning_uri(secret, account.username or account.display_name)
        shown = {"secret": secret, "uri": uri}
        errors = mistakes(request, error)
        return _account_page(
            request, core, account, REJECTED, totp=shown, failed="totp", errors=errors
        )
    return see_other("/account?done=totp")


@post("/account/tokens", opt=SIGNED_IN)
def create_token(request: Request, core: Core, account: Me, data: Form) -> Template:
    """The secret is shown on this page once, and never again."""
    try:
        created = core.tokens.create(account.id, {"name": data.get("name", "")})
    except InvalidInputError as error:
        errors = mistakes(request, error)
        return _account_page(
            request, core, account, REJECTED, failed="token", errors=errors
        )
    return _account_page(request, core, account, 201, new_token=created)


@post("/account/tokens/{token_id:uuid}/revoke", opt=SIGNED_IN)
def revoke_token(core: Core, account: Me, token_id: PathId) -> Response:
    core.tokens.revoke(account.id, token_id)
    return see_other("/account?done=revoked")


ROUTES = [
    account_page,
    change_password,
    begin_totp,
    confirm_totp,
    create_token,
    revoke_token,
]
