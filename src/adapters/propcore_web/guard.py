"""The one guard every route passes: who may call it, and on what.

Each route handler declares its rule in ``opt``: :data:`PUBLIC`,
:data:`SIGNED_IN`, or :func:`view` / :func:`edit` naming an area and, for a
route about one thing, the kind of that thing and the path parameter holding
its id. The guard then asks the policy:

- nobody signed in: 401 (the API) or the sign-in page (pages);
- a target the actor may not even view: 404, as if it did not exist, so
  guessing ids reveals nothing; an unknown id: 404 too;
- a target the actor may view but not edit: 403;
- a route about a collection: the actor needs some reach in the area, and
  the handler lists only what the policy lets the actor see (``viewer``).
"""

import anyio
import attrs
from litestar import Litestar
from litestar.connection import ASGIConnection
from litestar.exceptions import (
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
)
from litestar.handlers import BaseRouteHandler

from propcore.access.policy import (
    NOWHERE,
    Actor,
    Resource,
    allows,
    staff_scope,
)
from propcore.access.rules import Action, Area
from propcore_web.context import account_of, actor_of, core_of

RULE = "permission"
PLACES = "propcore.places"  # where the guard located the route's target
COMPANY = "company"  # a target kind: the organisation as a whole


@attrs.frozen
class Permission:
    """``area`` None: any signed-in account. ``target``: ``(kind, path
    parameter)``, kinds as :class:`propcore.access.locate.LocateService` knows
    them, or ``(COMPANY, "")`` for what only company-wide roles may do."""

    area: Area | None = None
    action: Action = Action.VIEW
    target: tuple[str, str] | None = None


class RouteWithoutRuleError(Exception):
    """A route handler that declares no rule: refused at start-up."""


PUBLIC = {"public": True}
SIGNED_IN = {RULE: Permission()}


def view(area: Area, target: tuple[str, str] | None = None) -> dict:
    return {RULE: Permission(area, Action.VIEW, target)}


def edit(area: Area, target: tuple[str, str] | None = None) -> dict:
    return {RULE: Permission(area, Action.EDIT, target)}


def rule_of(handler: BaseRouteHandler) -> Permission | None:
    """The handler's rule; None for a public route."""
    if handler.opt.get("public") or _automatic_options(handler):
        return None
    rule = handler.opt.get(RULE)
    if not isinstance(rule, Permission):
        raise RouteWithoutRuleError(f"{handler} declares no permission")
    return rule


def _automatic_options(handler: BaseRouteHandler) -> bool:
    """Litestar answers OPTIONS on every path itself, with the allowed methods."""
    methods = getattr(handler, "http_methods", set())
    return methods == {"OPTIONS"} and handler.handler_name == "options_handler"


def check_every_route(app: Litestar) -> None:
    """Fail loudly when any route of ``app`` declares no rule."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            rule_of(handler)


async def guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """The app-wide guard; the checks read the database, so in a thread."""
    await anyio.to_thread.run_sync(_check, connection, handler)


def _check(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    rule = rule_of(handler)
    account = account_of(connection)
    if rule is None:
        return
    if account is None:
        raise NotAuthorizedException()
    if rule.area is None:
        return
    actor = actor_of(connection)
    if rule.target is None:
        _check_reach(actor, rule.area, rule.action)
    else:
        _check_target(connection, actor, rule)


def has_reach(actor: Actor, area: Area, action: Action) -> bool:
    """True when the actor's staff roles let them ``action`` something,
    somewhere, in ``area``. Collections (lists, searches, creating at the
    top) are the staff's workspace; residents reach what is theirs through
    routes about one thing, such as the portal's."""
    return staff_scope(actor, area, action) != NOWHERE


def may_on_page(
    connection: ASGIConnection, area: str, action: str = "edit", company: bool = False
) -> bool:
    """For templates: may the actor ``action`` in ``area`` on what this page is
    about (the target the guard located), or, on a list page, anywhere in
    their scope (``company``: over the whole company)? Pages offer only the
    forms the guard would let through."""
    actor = actor_of(connection)
    if actor is None:
        return False
    wanted, where = Action(action), Area(area)
    if company:
        return allows(actor, wanted, Resource(where))
    places = connection.scope.get(PLACES)  # type: ignore[call-overload]
    if places is None:
        return has_reach(actor, where, wanted)
    return any(allows(actor, wanted, attrs.evolve(p, area=where)) for p in places)


def _check_reach(actor: Actor, area: Area, action: Action) -> None:
    if not has_reach(actor, area, action):
        raise PermissionDeniedException()


def _check_target(connection: ASGIConnection, actor: Actor, rule: Permission):
    kind, parameter = rule.target or ("", "")
    area = rule.area or Area.PROPERTY
    if kind == COMPANY:
        places = [Resource(area)]
        hidden = PermissionDeniedException  # nothing to guess: refuse plainly
    else:
        item_id = connection.path_params[parameter]
        places = core_of(connection).locate.resources(area, kind, item_id)
        hidden = NotFoundException
    connection.scope[PLACES] = places  # type: ignore[literal-required]
    if not any(allows(actor, Action.VIEW, place) for place in places):
        raise hidden()
    if rule.action is Action.EDIT and not any(
        allows(actor, Action.EDIT, place) for place in places
    ):
        raise PermissionDeniedException()
