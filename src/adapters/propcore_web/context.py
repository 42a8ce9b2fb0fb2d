"""What a handler needs from the request: the core, a language, the actor."""

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.response import Template

from propcore.application import Propcore
from propcore_web.i18n import LANG_COOKIE, LANGUAGE_NAMES, Translator

SESSION_ADMIN_ID = "admin_id"
SESSION_ADMIN_NAME = "admin"


def core_of(connection: ASGIConnection) -> Propcore:
    return connection.app.state["core"]


def translator_of(connection: ASGIConnection) -> Translator:
    languages = connection.app.state["languages"]
    return languages.pick(
        connection.query_params.get("lang"), connection.cookies.get(LANG_COOKIE)
    )


def _session(connection: ASGIConnection) -> dict[str, Any]:
    session = connection.scope.get("session")
    return session if isinstance(session, dict) else {}


def signed_in(connection: ASGIConnection) -> bool:
    return SESSION_ADMIN_ID in _session(connection)


def actor_of(connection: ASGIConnection) -> str:
    """Who is acting, as recorded in status history: the admin's username."""
    return str(_session(connection).get(SESSION_ADMIN_NAME, ""))


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
            "signed_in": signed_in(connection),
            "admin_name": actor_of(connection),
            "scheme": core_of(connection).scheme,
            **context,
        },
    )


def provide_core(request: Request) -> Propcore:
    return core_of(request)


def provide_translator(request: Request) -> Translator:
    return translator_of(request)


def provide_actor(request: Request) -> str:
    return actor_of(request)


DEPENDENCIES = {
    "core": Provide(provide_core, sync_to_thread=False),
    "t": Provide(provide_translator, sync_to_thread=False),
    "actor": Provide(provide_actor, sync_to_thread=False),
}
