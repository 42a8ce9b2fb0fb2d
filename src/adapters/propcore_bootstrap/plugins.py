"""The plugin manager factory. Each application gets its own manager."""

import pluggy

from propcore import hooks


def make_plugin_manager(*, load_entry_points: bool = True) -> pluggy.PluginManager:
    """A manager that knows propcore's hooks and, unless told otherwise, every
    plugin installed under the ``propcore`` entry-point group."""
    manager = pluggy.PluginManager(hooks.PROJECT_NAME)
    manager.add_hookspecs(hooks)
    if load_entry_points:
        manager.load_setuptools_entrypoints(hooks.PROJECT_NAME)
    return manager
