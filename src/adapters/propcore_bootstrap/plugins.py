"""The plugin manager factory. Each application gets its own manager."""

import pluggy

from propcore import hooks
from propcore.billing import builtin_types
from propcore.billing.fee_types import FeeTypeRegistry

BUILTIN_PLUGINS = {"propcore-fee-types": builtin_types}


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
