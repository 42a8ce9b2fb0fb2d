"""Server-rendered pages: plain HTML forms, in the visitor's language."""

from litestar import Router

from propcore_web.pages import buildings, org, people, units

# One router, so the handlers sharing a path are registered together.
router = Router(
    "/",
    route_handlers=[*org.ROUTES, *buildings.ROUTES, *units.ROUTES, *people.ROUTES],
)
