"""The plugin manager factory. Each application gets its own manager."""

import pluggy

from propcore import hooks
from propcore.billing import builtin_types
from propcore.billing.fee_types import FeeTypeRegistry
from propcore.clock import Clock
from propcore.messaging import builtin as builtin_channels
from propcore.messaging.channels import ChannelFactories, ChannelRegistry, NotifierSetup
from propcore.uow import UnitOfWorkFactory
from propcore_bootstrap.settings import Settings

BUILTIN_PLUGINS = {
    "propcore-fee-types": builtin_types,
    "propcore-inbox": builtin_channels,
}


def make_plugin_manager(*, load_entry_points: bool = True) -> pluggy.PluginManager:
    """A manager that knows propcore's hooks, its built-in plugins and,
    unless told otherwise, every plugin installed under the ``propcore``
    entry-point group."""
    manager = pluggy.PluginManager(hooks.PROJECT_NAME)
    manager.add_hookspecs(hooks)
    for name, plugin in BUILTIN_PLUGINS.items():
        manager.register(plugin, name=name)
    if load_entry_points:
        manager.load_setuptools_entrypoints(hooks.PROJECT_NAME)
    return manager


def fee_type_registry(manager: pluggy.PluginManager) -> FeeTypeRegistry:
    """A registry filled by every plugin's ``register_fee_types`` hook."""
    registry = FeeTypeRegistry()
    manager.hook.register_fee_types(register=registry.register)
    return registry


def channel_registry(
    manager: pluggy.PluginManager,
    settings: Settings,
    uow: UnitOfWorkFactory,
    clock: Clock,
) -> ChannelRegistry:
    """The channels every plugin's ``register_notifiers`` hook offers, built
    with the deployment's ``[plugins.<channel name>]`` options; a channel
    its options do not configure is left out."""
    factories = ChannelFactories()
    manager.hook.register_notifiers(register=factories.register)
    return factories.build(settings.plugins, NotifierSetup({}, uow, clock))
