"""The session cookie: set at each sign-in, cleared at sign-out."""

from litestar import Request
from litestar.response import Redirect

from propcore.access.signin import SignedIn
from propcore_web.context import SESSION_COOKIE, core_of, session_token
from propcore_web.navigation import landing


def address_of(request: Request) -> str:
    return request.client.host if request.client else ""


def safe_next(target: str | None) -> str:
    """A local path to return to after signing in; anything else means home."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def start(request: Request, signed_in: SignedIn, target: str) -> Redirect:
    """End the browser's previous session, if any, and carry the new token."""
    end(request)
    home = landing(signed_in.account, safe_next(target))
    response = Redirect(home, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        signed_in.token,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.app.state["secure_cookies"],
    )
    return response


def end(request: Request) -> None:
    token = session_token(request)
    if token:
        core_of(request).signin.sign_out(token, address=address_of(request))


def cleared(response: Redirect) -> Redirect:
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
