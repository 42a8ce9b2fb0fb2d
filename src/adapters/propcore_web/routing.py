"""Route decorators for handlers that call the core.

The core does blocking I/O (a database), so every handler runs in a worker
thread; ``public`` handlers are reachable without signing in.
"""

from functools import partial
from uuid import UUID

import litestar
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery

from propcore.application import Propcore
from propcore_web.i18n import Translator

get = partial(litestar.get, sync_to_thread=True)
post = partial(litestar.post, sync_to_thread=True)
put = partial(litestar.put, sync_to_thread=True)

PUBLIC = {"public": True}

# Explicit parameter kinds, as Litestar 3 will require.
Core = NamedDependency[Propcore]
Lang = NamedDependency[Translator]
Actor = NamedDependency[str]
PathId = FromPath[UUID]
Query = FromQuery[str]
OptionalQuery = FromQuery[str | None]
