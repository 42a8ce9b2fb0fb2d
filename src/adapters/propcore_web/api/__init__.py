"""The JSON API under ``/api/v1``."""

from litestar import Router

from propcore_web.api import bills, meters, org, residents, units

API_V1 = "/api/v1"

ROUTERS = [
    Router(
        API_V1,
        route_handlers=[
            org.router,
            units.router,
            residents.router,
            meters.router,
            bills.router,
        ],
    )
]
