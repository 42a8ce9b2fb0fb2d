"""Pages: people (住户信息登记) and the global search box."""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Area
from propcore.errors import ConflictError, InvalidInputError
from propcore.residents.people import Person, PersonKind
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.routing import Core, PathId, Query, See, get, post

P, R, PERSON = Area.PROPERTY, Area.RESIDENTS, ("person", "person_id")


def person_values(person: Person) -> dict[str, str]:
    """A person as the edit form shows it; the ID number stays hidden."""
    return {
        "name": person.name,
        "kind": person.kind.value,
        "phone": person.phone,
        "email": person.email,
        "id_number": "",
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "interest_tags": ", ".join(person.interest_tags),
        "events_consent": "yes" if person.events_consent else "",
        "notes": person.notes,
    }


def _people_page(
    request: Request, core: Core, viewer: See, forms: FormState, status: int = 200
) -> Template:
    q = request.query_params.get("q", "")
    return page(
        request,
        "people.html",
        status=status,
        q=q,
        kinds=list(PersonKind),
        people=viewer.people(
            core.residents.search_people(q, within=viewer.within(Area.RESIDENTS))
        ),
        forms=forms,
    )


@get("/people", opt=view(R))
def people(request: Request, core: Core, viewer: See) -> Template:
    return _people_page(request, core, viewer, FormState({}))


@post("/people", opt=edit(R))
def create_person(request: Request, core: Core, viewer: See, data: Form) -> Response:
    raw = fields(data)
    try:
        person = core.residents.create_person(raw)
    except (InvalidInputError, ConflictError) as error:
        forms = FormState({}, "person", raw, mistakes(request, error))
        return _people_page(request, core, viewer, forms, REJECTED)
    return see_other(f"/people/{person.id}")


def _person_page(
    request: Request,
    core: Core,
    viewer: See,
    person_id: PathId,
    raw: dict | None = None,
    errors: dict | None = None,
) -> Template:
    person = core.residents.person(person_id)
    return page(
        request,
        "person.html",
        status=REJECTED if errors else 200,
        person=person,
        kinds=list(PersonKind),
        units=viewer.person_units(core.residents.units_of(person_id)),
        forms=FormState(
            {"person": person_values(person)}, "person" if errors else None, raw, errors
        ),
    )


@get("/people/{person_id:uuid}", opt=view(R, PERSON))
def show_person(
    request: Request, core: Core, viewer: See, person_id: PathId
) -> Template:
    return _person_page(request, core, viewer, person_id)


@post("/people/{person_id:uuid}", opt=edit(R, PERSON))
def edit_person(
    request: Request, core: Core, viewer: See, person_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    changes = dict(raw)
    if not str(changes.get("id_number", "")).strip():
        changes["id_number"] = core.residents.person(person_id).id_number
    try:
        core.residents.update_person(person_id, changes)
    except (InvalidInputError, ConflictError) as error:
        errors = mistakes(request, error)
        return _person_page(request, core, viewer, person_id, raw, errors)
    return see_other(f"/people/{person_id}")


@get("/search", opt=view(P))
def search(request: Request, core: Core, viewer: See, q: Query = "") -> Template:
    """One box for both: units by label or address, people by name or phone."""
    return page(
        request,
        "search.html",
        q=q,
        units=viewer.listings(
            core.property.search_units(q, within=viewer.within(Area.PROPERTY))
        ),
        people=viewer.people(
            core.residents.search_people(q, within=viewer.within(Area.RESIDENTS))
        ),
    )


ROUTES = [people, create_person, show_person, edit_person, search]
