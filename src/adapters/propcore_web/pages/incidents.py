"""Staff pages for incidents (事件): a phone-sized report form with photos,
the list, and one incident with its timeline and follow-up forms."""

from typing import Annotated, Any

from litestar import Request, Response
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Template

from propcore.access.policy import Resource
from propcore.access.rules import Action, Area
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import parse_id
from propcore.incidents.model import IncidentKind, Severity
from propcore.notices.model import Channel, Urgency
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.community import estate_ids, estates, names
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.routing import Core, Me, PathId, See, get, post

INC = Area.INCIDENTS
INCIDENT = ("incident", "incident_id")
Upload = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def _report_page(
    request: Request, viewer: See, forms: FormState, status: int = 200
) -> Template:
    return page(
        request,
        "incident_new.html",
        status=status,
        estates=estates(viewer, INC, detail=True),
        kinds=list(IncidentKind),
        severities=list(Severity),
        forms=forms,
    )


@get("/incidents", opt=view(INC))
def incidents(request: Request, viewer: See) -> Template:
    return page(
        request,
        "incidents.html",
        incidents=viewer.core.incidents.of_estates(estate_ids(viewer, INC)),
        estate_names=names(estates(viewer, INC, Action.VIEW)),
    )


@get("/incidents/new", opt=edit(INC))
def new_incident(request: Request, viewer: See) -> Template:
    return _report_page(request, viewer, FormState({}))


def _photos(value: object) -> list[bytes]:
    files = value if isinstance(value, list) else [value]
    return [f.file.read() for f in files if isinstance(f, UploadFile) and f.filename]


def _check_place(viewer: See, raw: dict) -> None:
    """The estate and building chosen must be ones the reporter works in;
    others are answered like unknown ids. Bad ids are the core's to name."""
    try:
        estate = parse_id(raw.get("estate_id"), "estate_id")
        building = raw.get("building_id") or None
        building = building and parse_id(building, "building_id")
    except InvalidInputError:
        return
    if not viewer.may(Resource(INC, estate, building), Action.EDIT):
        raise NotFoundException()


@post("/incidents", opt=edit(INC))
def report_incident(
    request: Request, account: Me, viewer: See, data: Upload
) -> Response:
    raw = {k: v for k, v in fields(data).items() if k != "photos"}
    try:
        _check_place(viewer, raw)
        incident = viewer.core.incidents.report(
            raw, _photos(data.get("photos", [])), by=account.id
        )
    except (InvalidInputError, ConflictError) as error:
        forms = FormState({}, "incident", raw, mistakes(request, error))
        return _report_page(request, viewer, forms, REJECTED)
    return see_other(f"/incidents/{incident.id}")


def _incident_page(
    request: Request,
    viewer: See,
    incident_id: PathId,
    failed: tuple[str, dict, dict] | None = None,
) -> Template:
    core = viewer.core
    incident = core.incidents.get(incident_id)
    people = {m.account.id: m.account.display_name for m in core.accounts.staff()}
    return page(
        request,
        "incident.html",
        status=REJECTED if failed else 200,
        incident=incident,
        people=people,
        handlers=core.incidents.handlers(incident_id),
        channels=list(Channel),
        urgencies=list(Urgency),
        forms=FormState(
            {"notice": {"title": incident.place, "body": incident.description}},
            *(failed or ()),
        ),
    )


@get("/incidents/{incident_id:uuid}", opt=view(INC, INCIDENT))
def show_incident(request: Request, viewer: See, incident_id: PathId) -> Template:
    return _incident_page(request, viewer, incident_id)


def _follow_up(step: str, use_case: str, area: Area = INC):
    """The route of one follow-up form: ``POST /incidents/<id>/<step>``
    runs the use case, or shows the incident again with the form's errors."""

    @post(f"/incidents/{{incident_id:uuid}}/{step}", opt=edit(area, INCIDENT))
    def follow_up(
        request: Request, account: Me, viewer: See, incident_id: PathId, data: Form
    ) -> Response:
        raw = fields(data)
        try:
            getattr(viewer.core.incidents, use_case)(incident_id, raw, by=account.id)
        except (InvalidInputError, ConflictError) as error:
            failed = (step, raw, mistakes(request, error))
            return _incident_page(request, viewer, incident_id, failed)
        return see_other(f"/incidents/{incident_id}")

    return follow_up


# Converting makes a draft notice, published from the notices page after a look.
FOLLOW_UPS = [
    _follow_up("assign", "assign"),
    _follow_up("notes", "note"),
    _follow_up("close", "close"),
    _follow_up("notice", "convert", Area.NOTICES),
]


@get("/incidents/{incident_id:uuid}/photos/{name:str}", opt=view(INC, INCIDENT))
def incident_photo(core: Core, incident_id: PathId, name: FromPath[str]) -> Response:
    data = core.incidents.photo(incident_id, name)
    kind = MEDIA_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    headers = {
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
    }
    return Response(data, media_type=kind, headers=headers)


ROUTES = [
    incidents,
    new_incident,
    report_incident,
    show_incident,
    *FOLLOW_UPS,
    incident_photo,
]
