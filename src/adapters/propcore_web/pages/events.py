"""Staff pages for community events (社区活动): create, see who signed up."""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Action, Area
from propcore.errors import ConflictError, InvalidInputError
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

EV = Area.EVENTS
EVENT = ("event", "event_id")


def _events_page(
    request: Request, viewer: See, forms: FormState, status: int = 200
) -> Template:
    return page(
        request,
        "events.html",
        status=status,
        events=viewer.core.events.of_estates(estate_ids(viewer, EV)),
        estates=estates(viewer, EV),
        estate_names=names(estates(viewer, EV, Action.VIEW)),
        forms=forms,
    )


@get("/events", opt=view(EV))
def events(request: Request, viewer: See) -> Template:
    return _events_page(request, viewer, FormState({}))


@post("/nodes/{node_id:uuid}/events", opt=edit(EV, ("node", "node_id")))
def create_event(
    request: Request, account: Me, viewer: See, t: Lang, node_id: PathId, data: Form
) -> Response:
    """The event, and invitations to the residents it admits."""
    raw = local_times(fields(data), ("starts_at",), t)
    try:
        event = viewer.core.events.create(node_id, raw, by=account.id)
    except (InvalidInputError, ConflictError) as error:
        forms = FormState({}, f"event-{node_id}", raw, mistakes(request, error))
        return _events_page(request, viewer, forms, REJECTED)
    return see_other(f"/events/{event.id}")


@get("/events/{event_id:uuid}", opt=view(EV, EVENT))
def show_event(request: Request, core: Core, account: Me, event_id: PathId) -> Response:
    """Who signed up is for staff; residents find events in their portal."""
    if account.person_id is not None:
        return see_other("/portal/events")
    return page(
        request,
        "event.html",
        event=core.events.get(event_id),
        signups=core.events.signups(event_id),
    )


ROUTES = [events, create_event, show_event]
