"""Pages every visitor may reach: the language switch and the health check."""

from litestar.params import FromPath
from litestar.response import Redirect

from propcore_web.guard import PUBLIC
from propcore_web.i18n import LANG_COOKIE, LANGUAGES
from propcore_web.routing import Query, get
from propcore_web.sessions import safe_next

ONE_YEAR = 365 * 24 * 3600


@get("/language/{code:str}", opt=PUBLIC)
def choose_language(code: FromPath[str], next: Query = "/") -> Redirect:
    response = Redirect(safe_next(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=ONE_YEAR, samesite="lax")
    return response


@get("/healthz", opt=PUBLIC, sync_to_thread=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


ROUTES = [choose_language, healthz]
