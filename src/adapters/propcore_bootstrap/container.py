"""The dependency-injector containers: the one place where adapters meet the core."""

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from dependency_injector import containers, providers

from propcore.application import Propcore
from propcore_argon2 import Argon2PasswordHasher
from propcore_bootstrap.clock import SystemClock
from propcore_bootstrap.notifier import ChannelNotifier
from propcore_bootstrap.plugins import (
    channel_registry,
    fee_type_registry,
    make_plugin_manager,
)
from propcore_bootstrap.settings import Settings
from propcore_files.photos import DirectoryPhotoStore
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory


def _photos(settings: Settings) -> DirectoryPhotoStore:
    limit = settings.photo_limit_mb * 1024 * 1024
    return DirectoryPhotoStore(Path(settings.media_dir) / "photos", limit)


def _core(
    uow, clock, hasher, notifier, channels, settings: Settings, plugins
) -> Propcore:
    plugins.hook.propcore_startup(settings=settings)
    return Propcore.build(
        uow=uow,
        clock=clock,
        hasher=hasher,
        notifier=notifier,
        scheme=settings.status_scheme(),
        fee_types=fee_type_registry(plugins),
        reminder_days=settings.reminder_days,
        site=settings.public_url,
        channels=channels,
        timezone=ZoneInfo(settings.timezone),
        photos=_photos(settings),
        event_reminder_lead=timedelta(hours=settings.event_reminder_hours),
        bill_run_day=settings.bill_run_day,
    )


class CoreContainer(containers.DeclarativeContainer):
    """Everything an embedding program needs: no web framework involved."""

    settings = providers.Dependency(instance_of=Settings)
    plugins = providers.Singleton(make_plugin_manager)
    engine = providers.Singleton(
        make_engine, settings.provided.database_url, pool_pre_ping=True
    )
    uow = providers.Singleton(SqlUnitOfWorkFactory, engine)
    clock = providers.Singleton(SystemClock, settings.provided.timezone)
    hasher = providers.Singleton(Argon2PasswordHasher)
    channels = providers.Singleton(channel_registry, plugins, settings, uow, clock)
    notifier = providers.Singleton(ChannelNotifier, channels)
    core = providers.Singleton(
        _core, uow, clock, hasher, notifier, channels, settings, plugins
    )
