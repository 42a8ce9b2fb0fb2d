"""The portal's notices and community events (业主门户: 公告, 社区活动).

Residents see the notices that reached them, and open one to read it (which
records the read receipt); they see the events of their estates that admit
them and sign up or cancel. Staff have no portal: they go to their pages.
"""

from litestar import Request, Response
from litestar.exceptions import NotFoundException
from litestar.response import Template

from propcore.access.accounts import Account
from propcore.access.rules import Area
from propcore.errors import ConflictError, NotFoundError
from propcore_web.context import page
from propcore_web.guard import SIGNED_IN, edit, view
from propcore_web.pages.forms import REJECTED, see_other
from propcore_web.routing import Core, Me, PathId, See, get, post

NOTICE, EVENT = ("notice", "notice_id"), ("event", "event_id")
NO_STORE = {"cache-control": "no-store"}


def _resident(account: Account) -> bool:
    return account.person_id is not None


@get("/portal/notices", opt=SIGNED_IN)
def my_notices(request: Request, core: Core, account: Me) -> Response:
    if not _resident(account):
        return see_other("/notices")
    response = page(
        request,
        "portal_notices.html",
        receipts=core.notices.current_for(account.id),
    )
    response.headers.update(NO_STORE)
    return response


@get("/portal/notices/{notice_id:uuid}", opt=view(Area.NOTICES, NOTICE))
def read_notice(
    request: Request, core: Core, account: Me, notice_id: PathId
) -> Response:
    """Opening a notice records its read receipt; one that never reached
    the resident does not exist for them."""
    if not _resident(account):
        return see_other("/notices")
    notice = core.notices.read(notice_id, account.id)
    if notice is None:
        raise NotFoundException()
    return page(request, "portal_notice.html", notice=notice)


def _events_page(
    request: Request, account: Account, viewer: See, problem: str = ""
) -> Template:
    estates = {m.estate_id for m in viewer.actor.memberships}
    offers = viewer.core.events.open_to(account.id, estates)
    response = page(
        request,
        "portal_events.html",
        status=REJECTED if problem else 200,
        offers=offers,
        problem=problem,
    )
    response.headers.update(NO_STORE)
    return response


@get("/portal/events", opt=SIGNED_IN)
def my_events(request: Request, account: Me, viewer: See) -> Response:
    if not _resident(account):
        return see_other("/events")
    return _events_page(request, account, viewer)


def _change(request, account, viewer, step) -> Response:
    if not _resident(account):
        return see_other("/events")
    try:
        step()
    except NotFoundError:
        raise NotFoundException() from None
    except ConflictError as error:
        return _events_page(request, account, viewer, error.problem.message)
    return see_other("/portal/events")


@post("/portal/events/{event_id:uuid}/signup", opt=edit(Area.EVENTS, EVENT))
def sign_up(
    request: Request, core: Core, account: Me, viewer: See, event_id: PathId
) -> Response:
    """A full or started event shows the events again with why."""
    return _change(
        request, account, viewer, lambda: core.events.sign_up(event_id, account.id)
    )


@post("/portal/events/{event_id:uuid}/cancel", opt=edit(Area.EVENTS, EVENT))
def cancel(
    request: Request, core: Core, account: Me, viewer: See, event_id: PathId
) -> Response:
    return _change(
        request, account, viewer, lambda: core.events.cancel(event_id, account.id)
    )


ROUTES = [my_notices, read_notice, my_events, sign_up, cancel]
