"""The propcore domain core: models, rules, use cases and the ports they need.

Plugin authors import :data:`hookimpl` from here; embedders build a
:class:`propcore.application.Propcore` through the composition root.
"""

from propcore.hooks import hookimpl, hookspec

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl", "hookspec"]
