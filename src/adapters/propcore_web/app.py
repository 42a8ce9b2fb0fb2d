"""Builds the Litestar application around a core."""

import hashlib
from pathlib import Path

import jinja2
from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.middleware.base import DefineMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from propcore.application import Propcore
from propcore_web import api, guard, navigation, pages
from propcore_web.config import WebConfig
from propcore_web.context import DEPENDENCIES
from propcore_web.csrf import CsrfUnlessBearer
from propcore_web.guard import PUBLIC
from propcore_web.i18n import Languages
from propcore_web.openapi import openapi_config, swagger_assets
from propcore_web.pages.messages import unread_count
from propcore_web.problems import exception_handlers
from propcore_web.visible import VIEWER

_HERE = Path(__file__).parent


def _derive(secret: bytes, purpose: str) -> bytes:
    """A separate 32-byte key per use, so one leak does not reveal the other."""
    return hashlib.sha256(purpose.encode() + b"\0" + secret).digest()


def _templates() -> TemplateConfig:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals["menu"] = navigation.menu
    environment.globals["can"] = guard.may_on_page
    environment.globals["unread"] = unread_count
    return TemplateConfig(engine=JinjaTemplateEngine.from_environment(environment))


def create_app(core: Propcore, config: WebConfig) -> Litestar:
    csrf = CSRFConfig(
        secret=_derive(config.secret_key, "csrf").hex(),
        cookie_secure=config.secure_cookies,
        cookie_samesite="lax",
    )
    static = create_static_files_router(
        path="/static", directories=[_HERE / "static"], opt=PUBLIC
    )
    app = Litestar(
        route_handlers=[
            *api.ROUTERS,
            pages.router,
            static,
            swagger_assets(),
        ],
        state=State(
            {
                "core": core,
                "languages": Languages(config.default_language, config.timezone),
                "secure_cookies": config.secure_cookies,
            }
        ),
        dependencies=DEPENDENCIES | VIEWER,
        guards=[guard.guard],
        middleware=[DefineMiddleware(CsrfUnlessBearer, config=csrf)],
        exception_handlers=exception_handlers(config.debug),
        template_config=_templates(),
        openapi_config=openapi_config(),
        debug=config.debug,
    )
    guard.check_every_route(app)
    return app
