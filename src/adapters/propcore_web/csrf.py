"""CSRF protection for browsers, not for API clients holding a bearer token.

A request that carries ``Authorization: Bearer`` and no session cookie
cannot have been forged by another site (a browser adds no such header on
its own), so it skips the check; every other unsafe request needs the token.
"""

from litestar.connection import ASGIConnection
from litestar.middleware.csrf import CSRFMiddleware
from litestar.types import Receive, Scope, Send

from propcore_web.context import SESSION_COOKIE, bearer_secret


class CsrfUnlessBearer(CSRFMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _bearer_only(ASGIConnection(scope)):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def _bearer_only(connection: ASGIConnection) -> bool:
    return (
        bearer_secret(connection) is not None
        and SESSION_COOKIE not in connection.cookies
    )
