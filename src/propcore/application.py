"""The application: every use case, wired to the ports it runs on.

Embedders get one from the composition root (``propcore_bootstrap.build``)
or build one themselves from their own adapters::

    core = Propcore.build(
        uow=my_uow_factory, clock=my_clock, hasher=my_hasher, notifier=my_notifier
    )
    estate = core.property.create_node(NodeKind.ESTATE, {"name": "…", ...})
"""

from datetime import timedelta

import attrs

from propcore.access.directory import AccountService
from propcore.access.family import FamilyService
from propcore.access.locate import LocateService
from propcore.access.passwords import PasswordHasher
from propcore.access.recovery import RecoveryService
from propcore.access.setup import SetupService
from propcore.access.signin import SignInService
from propcore.access.tokens import TokenService
from propcore.billing.setup import FeeSetupService
from propcore.clock import Clock
from propcore.events.service import REMINDER_LEAD, EventService
from propcore.importing.service import ImportService
from propcore.incidents.ports import NoPhotos, PhotoStore
from propcore.incidents.service import IncidentService
from propcore.messaging import Notifier
from propcore.notices.service import NoticeService
from propcore.property.service import PropertyService
from propcore.property.status import DEFAULT_SCHEME, StatusScheme
from propcore.residents.service import ResidentService
from propcore.uow import UnitOfWorkFactory


@attrs.frozen
class Propcore:
    property: PropertyService
    residents: ResidentService
    accounts: AccountService
    family: FamilyService
    signin: SignInService
    recovery: RecoveryService
    tokens: TokenService
    locate: LocateService
    setup: SetupService
    imports: ImportService
    fees: FeeSetupService
    notices: NoticeService
    incidents: IncidentService
    events: EventService
    clock: Clock
    scheme: StatusScheme

    @classmethod
    def build(
        cls,
        *,
        uow: UnitOfWorkFactory,
        clock: Clock,
        hasher: PasswordHasher,
        notifier: Notifier,
        scheme: StatusScheme = DEFAULT_SCHEME,
        photos: PhotoStore | None = None,
        event_reminder_lead: timedelta = REMINDER_LEAD,
    ) -> "Propcore":
        """``photos``: where incident photos are kept (none accepted when
        not given); ``event_reminder_lead``: how long before an event its
        reminders are queued."""
        return cls(
            property=PropertyService(uow, clock, scheme),
            residents=ResidentService(uow, clock),
            accounts=AccountService(uow, clock),
            family=FamilyService(uow, clock),
            signin=SignInService(uow, clock, hasher, notifier),
            recovery=RecoveryService(uow, clock, hasher, notifier),
            tokens=TokenService(uow, clock),
            locate=LocateService(uow),
            setup=SetupService(uow, clock, hasher),
            imports=ImportService(uow, clock, scheme),
            fees=FeeSetupService(uow, clock),
            notices=NoticeService(uow, clock),
            incidents=IncidentService(uow, clock, photos or NoPhotos()),
            events=EventService(uow, clock, event_reminder_lead),
            clock=clock,
            scheme=scheme,
        )
