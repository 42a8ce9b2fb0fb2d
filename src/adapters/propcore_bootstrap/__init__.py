"""The composition root: settings, containers, plugin manager, ``propcore`` command.

It is the only package that knows every adapter. Embedders start here::

    from propcore_bootstrap import open_core
    core = open_core("sqlite:///estate.db")
"""

from propcore_bootstrap.embed import open_core

__all__ = ["open_core"]
