"""The web server's container, which adds the Litestar app to the core's."""

from dependency_injector import providers
from litestar import Litestar

from propcore.application import Propcore
from propcore_bootstrap.container import CoreContainer
from propcore_bootstrap.settings import Settings
from propcore_jobs import run_due
from propcore_jobs.thread import InProcessRunner
from propcore_web.app import create_app
from propcore_web.config import WebConfig


def _web_config(settings: Settings) -> WebConfig:
    return WebConfig(
        secret_key=settings.signing_key(),
        default_language=settings.language,
        timezone=settings.timezone,
        secure_cookies=settings.secure_cookies,
    )


def _app(core: Propcore, config: WebConfig, settings: Settings) -> Litestar:
    """The web app; with in-process jobs, a runner living as long as it."""
    app = create_app(core, config)
    if settings.in_process_jobs():
        runner = InProcessRunner(lambda: run_due(core), settings.jobs_tick_seconds)
        app.on_startup.append(runner.start)
        app.on_shutdown.append(runner.stop)
    return app


class WebContainer(CoreContainer):
    web_config = providers.Singleton(_web_config, CoreContainer.settings)
    app = providers.Singleton(
        _app, CoreContainer.core, web_config, CoreContainer.settings
    )
