"""Staff pages for notices (公告): write, schedule, publish, see who read."""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Action, Area
from propcore.errors import ConflictError, InvalidInputError
from propcore.notices.model import Channel, Urgency
from propcore.residents.occupancy import Role
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.community import estate_ids, estates, local_times, names
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.routing import Core, Lang, Me, PathId, See, get, post

N = Area.NOTICES
NOTICE = ("notice", "notice_id")
TIMES = ("publish_at", "expires_at")


def _notices_page(
    request: Request, viewer: See, forms: FormState, status: int = 200
) -> Template:
    core = viewer.core
    notices = core.notices.of_estates(estate_ids(viewer, N))
    writable = estates(viewer, N, detail=True)
    return page(
        request,
        "notices.html",
        status=status,
        notices=notices,
        counts=core.notices.read_counts(n.id for n in notices),
        estates=writable,
        estate_ids_writable={e.node.id for e in writable},
        estate_names=names(estates(viewer, N, Action.VIEW)),
        channels=list(Channel),
        urgencies=list(Urgency),
        roles=list(Role),
        forms=forms,
    )


@get("/notices", opt=view(N))
def notices(request: Request, viewer: See) -> Template:
    return _notices_page(request, viewer, FormState({}))


@post("/nodes/{node_id:uuid}/notices", opt=edit(N, ("node", "node_id")))
def create_notice(
    request: Request, account: Me, viewer: See, t: Lang, node_id: PathId, data: Form
) -> Response:
    """A draft, or scheduled when a publishing time is given."""
    raw = local_times(fields(data), TIMES, t)
    try:
        viewer.core.notices.create(node_id, raw, by=account.id)
    except (InvalidInputError, ConflictError) as error:
        forms = FormState({}, f"notice-{node_id}", raw, mistakes(request, error))
        return _notices_page(request, viewer, forms, REJECTED)
    return see_other("/notices")


@post("/notices/{notice_id:uuid}/publish", opt=edit(N, NOTICE))
def publish_notice(
    request: Request, core: Core, viewer: See, notice_id: PathId
) -> Response:
    try:
        core.notices.publish(notice_id)
    except ConflictError as error:
        forms = FormState({}, "publish", {}, mistakes(request, error))
        return _notices_page(request, viewer, forms, REJECTED)
    return see_other("/notices")


ROUTES = [notices, create_notice, publish_notice]
