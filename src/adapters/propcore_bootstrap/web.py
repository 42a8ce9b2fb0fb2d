"""The web server's container, which adds the Litestar app to the core's."""

from dependency_injector import providers

from propcore_bootstrap.container import CoreContainer
from propcore_bootstrap.settings import Settings
from propcore_web.app import create_app
from propcore_web.config import WebConfig


def _web_config(settings: Settings) -> WebConfig:
    return WebConfig(
        secret_key=settings.signing_key(),
        default_language=settings.language,
        timezone=settings.timezone,
        secure_cookies=settings.secure_cookies,
    )


class WebContainer(CoreContainer):
    web_config = providers.Singleton(_web_config, CoreContainer.settings)
    app = providers.Singleton(create_app, CoreContainer.core, web_config)
