"""The API's OpenAPI document and a Swagger UI served without any CDN."""

from litestar import Router
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

import propcore
from propcore_web.guard import PUBLIC, SIGNED_IN

SCHEMA_PATH = "/api/schema"
ASSETS_PATH = f"{SCHEMA_PATH}/assets"


def swagger_assets() -> Router:
    """Swagger UI's own JS and CSS, from the ``swagger-ui-bundle`` package."""
    return create_static_files_router(
        path=ASSETS_PATH, directories=[swagger_ui_path], name="swagger", opt=PUBLIC
    )


def openapi_config() -> OpenAPIConfig:
    swagger = SwaggerRenderPlugin(
        js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        css_url=f"{ASSETS_PATH}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' href='{ASSETS_PATH}/favicon-32x32.png'>",
        path="/",
    )
    return OpenAPIConfig(
        title="propcore API",
        version=propcore.__version__,
        description="物业管理系统: property resources, residents, meter readings, "
        "bills and the money on them.",
        openapi_router=Router(SCHEMA_PATH, route_handlers=[], opt=SIGNED_IN),
        render_plugins=[swagger],
    )
