"""The application: every use case, wired to the ports it runs on.

Embedders get one from the composition root (``propcore_bootstrap.build``)
or build one themselves from their own adapters::

    core = Propcore.build(uow=my_uow_factory, clock=my_clock, hasher=my_hasher)
    estate = core.property.create_node(NodeKind.ESTATE, {"name": "…", ...})
"""

import attrs

from propcore.access.admin import PasswordHasher
from propcore.access.service import AccessService
from propcore.clock import Clock
from propcore.importing.service import ImportService
from propcore.property.service import PropertyService
from propcore.property.status import DEFAULT_SCHEME, StatusScheme
from propcore.residents.service import ResidentService
from propcore.uow import UnitOfWorkFactory


@attrs.frozen
class Propcore:
    property: PropertyService
    residents: ResidentService
    access: AccessService
    imports: ImportService
    clock: Clock
    scheme: StatusScheme

    @classmethod
    def build(
        cls,
        *,
        uow: UnitOfWorkFactory,
        clock: Clock,
        hasher: PasswordHasher,
        scheme: StatusScheme = DEFAULT_SCHEME,
    ) -> "Propcore":
        return cls(
            property=PropertyService(uow, clock, scheme),
            residents=ResidentService(uow, clock),
            access=AccessService(uow, hasher),
            imports=ImportService(uow, clock, scheme),
            clock=clock,
            scheme=scheme,
        )
