"""Route decorators for handlers that call the core.

The core does blocking I/O (a database), so every handler runs in a worker
thread. Every handler declares who may call it (see :mod:`propcore_web.guard`).
"""

from functools import partial
from uuid import UUID

import litestar
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery

from propcore.access.accounts import Account
from propcore.application import Propcore
from propcore_web.i18n import Translator
from propcore_web.visible import Viewer

get = partial(litestar.get, sync_to_thread=True)
post = partial(litestar.post, sync_to_thread=True)
put = partial(litestar.put, sync_to_thread=True)

# Explicit parameter kinds, as Litestar 3 will require.
Core = NamedDependency[Propcore]
Lang = NamedDependency[Translator]
Actor = NamedDependency[str]  # who acts, as status history records it
Me = NamedDependency[Account]
See = NamedDependency[Viewer]
PathId = FromPath[UUID]
Query = FromQuery[str]
OptionalQuery = FromQuery[str | None]
