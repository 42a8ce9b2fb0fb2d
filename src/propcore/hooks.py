"""Hook specifications: what a plugin may add to propcore.

A plugin is a module or object with functions marked ``@propcore.hookimpl``
whose names match the specifications below. It is found through the
``propcore`` entry-point group, e.g. in the plugin's ``pyproject.toml``::

    [project.entry-points.propcore]
    my_plugin = "my_plugin"

Every hook is documented in ``docs/plugins.md``; a test checks that.
"""

from collections.abc import Callable
from typing import Any

import pluggy

PROJECT_NAME = "propcore"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def propcore_startup(settings: Any) -> None:
    """Called once when an application is built, before it serves anything.

    :param settings: the deployment's settings object (read-only); a plugin
        reads its own options from ``settings.plugins[<plugin name>]``.
    :return: nothing; a plugin that cannot work with these settings raises.
    """


@hookspec
def register_fee_types(register: Callable[[str, Any], None]) -> None:
    """Add fee types (how a 收费项目 turns into bill lines) to a registry.

    :param register: call ``register(code, fee_type)`` once per fee type;
        ``code`` is the string fee items name in ``FeeItem.fee_type`` and
        ``fee_type`` has a ``lines(context)`` method returning bill lines
        (see :class:`propcore.billing.fee_types.FeeType`); a type that
        reads ``FeeItem.options`` also has ``read_options(raw)``, which
        checks them when an item is saved (see ``TakesOptions``).
        Registering a code that is already registered raises
        ``DuplicateFeeTypeError``.
    :return: nothing; the registry is filled only through ``register``.
    """


@hookspec
def register_notifiers(register: Callable[[str, Any], None]) -> None:
    """Add channels (email, SMS, the inbox…) messages can leave through.

    :param register: call ``register(name, factory)`` once per channel;
        ``name`` is what recipients choose in their preferences and
        ``factory(setup)`` gets a :class:`propcore.messaging.channels.
        NotifierSetup` (the channel's options from ``settings.plugins[name]``,
        the unit-of-work factory and the clock) and returns the channel
        (see :class:`propcore.messaging.channels.Channel`), or None when the
        options do not configure it. A name registered twice raises
        ``DuplicateChannelError``.
    :return: nothing; channels are registered only through ``register``.
    """
