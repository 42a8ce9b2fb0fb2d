"""Server-rendered pages: plain HTML forms, in the visitor's language."""

from litestar import Router

from propcore_web import auth
from propcore_web.pages import (
    account,
    aging_pages,
    audit,
    billing,
    bills,
    buildings,
    events,
    fee_items,
    incidents,
    messages,
    meter_page,
    meters,
    notices,
    org,
    people,
    portal,
    portal_bills,
    portal_community,
    reversals,
    site,
    staff,
    units,
)

# One router, so the handlers sharing a path are registered together.
router = Router(
    "/",
    route_handlers=[
        *auth.ROUTES,
        *site.ROUTES,
        *account.ROUTES,
        *org.ROUTES,
        *buildings.ROUTES,
        *units.ROUTES,
        *people.ROUTES,
        *portal.ROUTES,
        *portal_community.ROUTES,
        *notices.ROUTES,
        *incidents.ROUTES,
        *events.ROUTES,
        *staff.ROUTES,
        *audit.ROUTES,
        *messages.ROUTES,
        *billing.ROUTES,
        *aging_pages.ROUTES,
        *bills.ROUTES,
        *reversals.ROUTES,
        *fee_items.ROUTES,
        *meters.ROUTES,
        *meter_page.ROUTES,
        *portal_bills.ROUTES,
    ],
)
