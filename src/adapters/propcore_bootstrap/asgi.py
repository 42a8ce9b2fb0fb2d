"""The ASGI entry point for uvicorn and others: ``propcore_bootstrap.asgi:create``."""

from litestar import Litestar

from propcore_bootstrap import startup
from propcore_bootstrap.settings import Settings
from propcore_bootstrap.web import WebContainer


def create() -> Litestar:
    """Build the app from the environment's settings (each worker calls this)."""
    app = WebContainer(settings=Settings.load()).app()
    startup.started()
    return app
