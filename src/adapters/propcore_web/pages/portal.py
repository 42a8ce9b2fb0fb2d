"""The resident portal (业主门户): my homes, my contact details, my family.

A household head (an owner or tenant) adds family members, chooses what each
may see and ends their membership; everyone edits their own phone and email.
Staff accounts have no portal: for them these pages do not exist.
"""

from collections.abc import Mapping
from typing import Any

import attrs
from litestar import Request, Response
from litestar.exceptions import NotFoundException
from litestar.response import Template

from propcore.access.accounts import Account
from propcore.access.policy import Resource
from propcore.access.rules import Action, Area
from propcore.errors import ConflictError, FieldProblem, InvalidInputError
from propcore.ids import Id
from propcore.inputs import parse_date
from propcore.residents.people import Person
from propcore.residents.service import Occupant
from propcore_web.context import page
from propcore_web.guard import SIGNED_IN, edit
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.pages.homes import (
    GRANTABLE,
    Home,
    family_member,
    headed,
    homes,
    may_manage_family,
)
from propcore_web.pages.people import person_values
from propcore_web.routing import Core, Me, PathId, See, get, post

OCCUPANCY = ("occupancy", "occupancy_id")
_ONE_OF = "must be one of %(choices)s"
HOUSEHOLD = edit(Area.RESIDENTS, OCCUPANCY)
NO_STORE = {"cache-control": "no-store"}


@attrs.frozen
class NewMember:
    """A family member just added; ``link`` is None when no account was made."""

    person: Person
    link: str | None


def _person_of(account: Account) -> Id:
    if account.person_id is None:
        raise NotFoundException()
    return account.person_id


def _contact(person: Person) -> dict[str, str]:
    return {"phone": person.phone, "email": person.email}


def _portal_page(
    request: Request,
    account: Me,
    viewer: See,
    status: int = 200,
    refused: tuple[str, dict, dict] | None = None,
    added: NewMember | None = None,
) -> Template:
    """``refused``: the form sent back, as (name, what was typed, errors)."""
    person = viewer.core.residents.person(_person_of(account))
    found = homes(viewer, person.id)
    response = page(
        request,
        "portal.html",
        status=status,
        person=person,
        homes=found,
        manages={h.occupancy.id for h in found if may_manage_family(viewer, h)},
        grantable=[a.value for a in GRANTABLE],
        forms=FormState({"contact": _contact(person)}, *(refused or ())),
        added=added,
        today=viewer.core.clock.today().isoformat(),
    )
    response.headers.update(NO_STORE)
    return response


@get("/portal", opt=SIGNED_IN)
def portal(request: Request, account: Me, viewer: See) -> Response:
    """Staff have no portal: they go home."""
    if account.person_id is None:
        return see_other("/")
    return _portal_page(request, account, viewer)


@post("/portal/contact", opt=SIGNED_IN)
def edit_contact(
    request: Request, core: Core, account: Me, viewer: See, data: Form
) -> Response:
    """Only the resident's own phone and email: the own-contact rule."""
    person = core.residents.person(_person_of(account))
    if not viewer.may(Resource(Area.RESIDENTS, person_id=person.id), Action.EDIT):
        raise NotFoundException()
    raw = fields(data)
    changes = {
        **person_values(person),
        "id_number": person.id_number,
        "phone": raw.get("phone", ""),
        "email": raw.get("email", ""),
    }
    try:
        core.residents.update_person(person.id, changes, by=account.id)
    except (InvalidInputError, ConflictError) as error:
        refused = ("contact", raw, mistakes(request, error))
        return _portal_page(request, account, viewer, REJECTED, refused)
    return see_other("/portal")


def _headed_by(account: Account, viewer: See, occupancy_id: Id) -> Home:
    home = headed(homes(viewer, _person_of(account)), occupancy_id)
    if home is None or not may_manage_family(viewer, home):
        raise NotFoundException()
    return home


def _member_of(account: Account, viewer: See, occupancy_id: Id) -> Occupant:
    member = family_member(homes(viewer, _person_of(account)), occupancy_id)
    if member is None:
        raise NotFoundException()
    return member


def _required(raw: Mapping[str, Any], names: tuple[str, ...]) -> None:
    missing = [n for n in names if not str(raw.get(n, "")).strip()]
    if missing:
        raise InvalidInputError(FieldProblem(n, "is required") for n in missing)


def _add_member(
    request: Request, core: Core, head: Any, raw: Mapping[str, Any], account: Account
) -> NewMember:
    """One transaction in the core: the person, the membership, the account
    (none when the phone already signs in elsewhere)."""
    added = core.family.add_family_member(
        head.id, raw, by_person=account.person_id, by=account.id
    )
    if added.activation_token is None:
        return NewMember(added.person, None)
    base = str(request.base_url).rstrip("/")
    return NewMember(added.person, f"{base}/activate/{added.activation_token}")


@post("/portal/households/{occupancy_id:uuid}/family", opt=HOUSEHOLD)
def add_family(
    request: Request,
    core: Core,
    account: Me,
    viewer: See,
    occupancy_id: PathId,
    data: Form,
) -> Template:
    """Shows the new member's activation link, this once."""
    raw = fields(data)
    try:
        _required(raw, ("name", "phone"))
        home = _headed_by(account, viewer, occupancy_id)
        added = _add_member(request, core, home.occupancy, raw, account)
    except (InvalidInputError, ConflictError) as error:
        if account.person_id is None:
            raise  # staff: no portal to show the form again on
        refused = (f"family-{occupancy_id}", raw, mistakes(request, error))
        return _portal_page(request, account, viewer, REJECTED, refused)
    return _portal_page(request, account, viewer, added=added)


def _chosen(data: Mapping[str, Any]) -> list[str]:
    picked = data.get("grants", [])
    picked = {picked} if isinstance(picked, str) else set(picked)
    offered = [a.value for a in GRANTABLE]
    if picked - set(offered):
        choices = ", ".join(offered)
        raise InvalidInputError.single("grants", _ONE_OF, choices=choices)
    return [area for area in offered if area in picked]


@post("/portal/family/{occupancy_id:uuid}/grants", opt=HOUSEHOLD)
def save_grants(
    core: Core, account: Me, viewer: See, occupancy_id: PathId, data: Form
) -> Response:
    """The checkboxes decide the portal's areas; other grants stay as they are."""
    chosen = _chosen(data)
    member = _member_of(account, viewer, occupancy_id)
    offered = {a.value for a in GRANTABLE}
    kept = [g for g in member.occupancy.grants if g not in offered]
    core.family.set_grants(
        occupancy_id,
        chosen + kept,
        by_person=_person_of(account),
        by=account.id,
    )
    return see_other("/portal")


@post("/portal/family/{occupancy_id:uuid}/end", opt=HOUSEHOLD)
def end_family(
    core: Core, account: Me, viewer: See, occupancy_id: PathId, data: Form
) -> Response:
    """``end``: the membership's last day; the member keeps access through it."""
    end = parse_date(data.get("end", ""), "end")
    member = _member_of(account, viewer, occupancy_id)
    if member.occupancy.end is not None:
        raise NotFoundException()
    core.residents.end_occupancy(occupancy_id, {"end": end})
    return see_other("/portal")


ROUTES = [portal, edit_contact, add_family, save_grants, end_family]
