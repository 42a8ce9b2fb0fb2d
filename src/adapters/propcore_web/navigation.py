"""The header's links: only what the signed-in account may open.

Residents get their portal; staff get the areas their roles reach. Called
from the base template, after the guard has found who is asking; on a page
whose rule did not need the actor (``SIGNED_IN``), it is built here once.
"""

import attrs
from litestar.connection import ASGIConnection

from propcore.access.accounts import Account, AccountKind
from propcore.access.policy import Actor, Resource, allows
from propcore.access.rules import Action, Area
from propcore_web.context import account_of, actor_of
from propcore_web.guard import has_reach
from propcore_web.i18n import N_

PORTAL = ("/portal", N_("My home"))
MY_BILLS = ("/portal/bills", N_("My bills"))
_RESIDENT_LINKS = (
    PORTAL,
    MY_BILLS,
    ("/portal/notices", N_("Notices")),
    ("/portal/events", N_("Community events")),
)
_STAFF_LINKS = (
    (Area.PROPERTY, "/", N_("Property resources")),
    (Area.RESIDENTS, "/people", N_("Residents")),
    (Area.FEES, "/billing", N_("Billing")),
    (Area.NOTICES, "/notices", N_("Notices")),
    (Area.INCIDENTS, "/incidents", N_("Incidents")),
    (Area.EVENTS, "/events", N_("Community events")),
    (Area.STAFF, "/staff", N_("Staff accounts")),
    (Area.MESSAGES, "/messages/failed", N_("Failed messages")),
)
AUDIT = ("/audit", N_("Audit log"))


@attrs.frozen
class Menu:
    """``links``: (path, untranslated label); ``search``: show the search box."""

    links: tuple[tuple[str, str], ...] = ()
    search: bool = False
    home: str = "/"


def menu(connection: ASGIConnection) -> Menu:
    account = account_of(connection)
    if account is None:
        return Menu()
    if account.kind is AccountKind.RESIDENT:
        return Menu(_RESIDENT_LINKS, home=PORTAL[0])
    actor = actor_of(connection)
    return _staff_menu(actor) if actor else Menu()


def _staff_menu(actor: Actor) -> Menu:
    links = [
        (path, label)
        for area, path, label in _STAFF_LINKS
        if has_reach(actor, area, Action.VIEW)
    ]
    if allows(actor, Action.VIEW, Resource(Area.AUDIT)):
        links.append(AUDIT)
    return Menu(tuple(links), has_reach(actor, Area.PROPERTY, Action.VIEW))


def landing(account: Account, target: str) -> str:
    """Where a sign-in goes: residents asking for home get their portal."""
    if target == "/" and account.kind is AccountKind.RESIDENT:
        return PORTAL[0]
    return target
