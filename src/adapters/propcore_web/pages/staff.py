"""Pages: staff accounts (员工账号), their roles and the places they cover.

Company administrators change them; estate managers may look. Every change
goes through the core, which writes it to the audit log.
"""

from typing import Any

from litestar import Request, Response
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Template

from propcore.access.accounts import AccountKind
from propcore.access.rules import Area, StaffRole
from propcore.errors import ConflictError, InvalidInputError
from propcore_web.context import page
from propcore_web.guard import COMPANY, edit, view
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.pages.staffing import may_edit_staff, places, staff_rows
from propcore_web.routing import Core, Me, PathId, See, get, post

ADMINS_ONLY = edit(Area.STAFF, (COMPANY, ""))
NO_STORE = {"cache-control": "no-store"}


def _staff_page(
    request: Request,
    viewer: See,
    status: int = 200,
    forms: FormState | None = None,
    **context: Any,
) -> Template:
    known = places(viewer)
    context.setdefault("activation", None)
    response = page(
        request,
        "staff.html",
        status=status,
        rows=staff_rows(viewer, viewer.core.accounts.staff(), known),
        places=known,
        names={p.id: p.name for p in known},
        roles=list(StaffRole),
        may_edit=may_edit_staff(viewer),
        me=viewer.actor.account_id,
        forms=forms or FormState({}),
        **context,
    )
    response.headers.update(NO_STORE)
    return response


@get("/staff", opt=view(Area.STAFF))
def staff(request: Request, viewer: See) -> Template:
    return _staff_page(request, viewer)


@post("/staff", opt=ADMINS_ONLY)
def create_staff(
    request: Request, core: Core, account: Me, viewer: See, data: Form
) -> Template:
    """Shows the new account's activation link, this once."""
    raw = fields(data)
    try:
        created = core.accounts.create_staff(raw, by=account.id)
    except (InvalidInputError, ConflictError) as error:
        forms = FormState({}, "staff", raw, mistakes(request, error))
        return _staff_page(request, viewer, REJECTED, forms)
    link = f"{str(request.base_url).rstrip('/')}/activate/{created.activation_token}"
    return _staff_page(
        request, viewer, activation={"account": created.account, "link": link}
    )


@post("/staff/{account_id:uuid}/roles", opt=ADMINS_ONLY)
def grant_role(
    request: Request,
    core: Core,
    account: Me,
    viewer: See,
    account_id: PathId,
    data: Form,
) -> Response:
    raw = fields(data)
    try:
        core.accounts.assign(account_id, raw, by=account.id)
    except (InvalidInputError, ConflictError) as error:
        forms = FormState({}, f"role-{account_id}", raw, mistakes(request, error))
        return _staff_page(request, viewer, REJECTED, forms)
    return see_other("/staff")


@post("/staff/{account_id:uuid}/roles/{assignment_id:uuid}/revoke", opt=ADMINS_ONLY)
def revoke_role(
    core: Core, account: Me, account_id: PathId, assignment_id: PathId
) -> Response:
    core.accounts.unassign(account_id, assignment_id, by=account.id)
    return see_other("/staff")


@post("/staff/{account_id:uuid}/deactivate", opt=ADMINS_ONLY)
def deactivate(core: Core, account: Me, account_id: PathId) -> Response:
    """Nobody stops their own account: the last administrator would lock
    everyone out."""
    if account_id == account.id:
        raise PermissionDeniedException()
    if core.accounts.account(account_id).kind is not AccountKind.STAFF:
        raise NotFoundException()
    core.accounts.deactivate(account_id, by=account.id)
    return see_other("/staff")


ROUTES = [staff, create_staff, grant_role, revoke_role, deactivate]
