"""What a handler needs from the request: the core, a language, who is asking.

Who is asking is found once per request and kept on its scope: a bearer
token (the API) or the session cookie (the pages), each resolved by the
core, which also applies the sessions' idle and absolute timeouts.
"""

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.response import Template

from propcore.access.accounts import Account
from propcore.access.policy import Actor
from propcore.application import Propcore
from propcore_web.i18n import LANG_COOKIE, LANGUAGE_NAMES, Translator

SESSION_COOKIE = "propcore_session"
_LONGEST_SECRET = 200  # ours are about 45 characters; longer ones are not ours
_ACCOUNT, _ACTOR = "propcore.account", "propcore.actor"


def core_of(connection: ASGIConnection) -> Propcore:
    return connection.app.state["core"]


def translator_of(connection: ASGIConnection) -> Translator:
    languages = connection.app.state["languages"]
    return languages.pick(
        connection.query_params.get("lang"), connection.cookies.get(LANG_COOKIE)
    )


def bearer_secret(connection: ASGIConnection) -> str | None:
    scheme, _, secret = connection.headers.get("authorization", "").partition(" ")
    return (secret.strip() or None) if scheme.lower() == "bearer" else None


def session_token(connection: ASGIConnection) -> str | None:
    token = connection.cookies.get(SESSION_COOKIE, "")
    return token if 0 < len(token) <= _LONGEST_SECRET else None


def account_of(connection: ASGIConnection) -> Account | None:
    """The signed-in account; a bearer token wins over the session cookie.
    Does blocking I/O the first time in a request (the guard's thread)."""
    if _ACCOUNT not in connection.scope:
        account = _identify(connection)
        connection.scope[_ACCOUNT] = account  # type: ignore[literal-required]
    return connection.scope[_ACCOUNT]  # type: ignore[literal-required]


def _identify(connection: ASGIConnection) -> Account | None:
    core = core_of(connection)
    secret = bearer_secret(connection)
    if secret is not None:
        if len(secret) > _LONGEST_SECRET:
            return None
        return core.tokens.account_for(secret)
    token = session_token(connection)
    return core.signin.session(token) if token else None


def actor_of(connection: ASGIConnection) -> Actor | None:
    """The signed-in account's roles and memberships, built once per request."""
    if _ACTOR not in connection.scope:
        account = account_of(connection)
        actor = account and core_of(connection).accounts.actor(account.id)
        connection.scope[_ACTOR] = actor  # type: ignore[literal-required]
    return connection.scope[_ACTOR]  # type: ignore[literal-required]


def _known_account(connection: ASGIConnection) -> Account | None:
    """The account if the guard found it already: pages never query for it."""
    return connection.scope.get(_ACCOUNT)  # type: ignore[return-value]


def author_of(connection: ASGIConnection) -> str:
    """Who is acting, as status history records it: a username or a name."""
    account = _known_account(connection)
    return (account.username or account.display_name) if account else ""


def _display_name(connection: ASGIConnection) -> str:
    account = _known_account(connection)
    return account.display_name if account else ""


def page(
    connection: ASGIConnection, name: str, *, status: int = 200, **context: Any
) -> Template:
    """Render ``templates/<name>`` in the request's language."""
    translate = translator_of(connection)
    context.setdefault("errors", {})
    context.setdefault("values", {})
    return Template(
        template_name=name,
        status_code=status,
        context={
            "_": translate,
            "t": translate,
            "languages": LANGUAGE_NAMES,
            "signed_in": _known_account(connection) is not None,
            "account_name": _display_name(connection),
            "scheme": core_of(connection).scheme,
            **context,
        },
    )


def provide_core(request: Request) -> Propcore:
    return core_of(request)


def provide_translator(request: Request) -> Translator:
    return translator_of(request)


def provide_author(request: Request) -> str:
    return author_of(request)


def provide_account(request: Request) -> Account | None:
    return account_of(request)


DEPENDENCIES = {
    "core": Provide(provide_core, sync_to_thread=False),
    "t": Provide(provide_translator, sync_to_thread=False),
    "actor": Provide(provide_author, sync_to_thread=False),
    "account": Provide(provide_account, sync_to_thread=False),
}
