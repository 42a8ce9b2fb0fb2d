"""The application: every use case, wired to the ports it runs on.

Embedders get one from the composition root (``propcore_bootstrap.build``)
or build one themselves from their own adapters::

    core = Propcore.build(
        uow=my_uow_factory, clock=my_clock, hasher=my_hasher, notifier=my_notifier
    )
    estate = core.property.create_node(NodeKind.ESTATE, {"name": "…", ...})
"""

import random
from collections.abc import Callable
from datetime import timedelta, tzinfo
from zoneinfo import ZoneInfo

import attrs

from propcore.access.directory import AccountService
from propcore.access.family import FamilyService
from propcore.access.housekeeping import HousekeepingService
from propcore.access.locate import LocateService
from propcore.access.passwords import PasswordHasher
from propcore.access.recovery import RecoveryService
from propcore.access.setup import SetupService
from propcore.access.signin import SignInService
from propcore.access.tokens import TokenService
from propcore.billing import builtin_types
from propcore.billing.collecting import CollectingService
from propcore.billing.fee_types import FeeTypeRegistry
from propcore.billing.reminders import DEFAULT_LADDER, settled_since
from propcore.billing.reversing import ReversingService
from propcore.billing.running import BillRunService
from propcore.billing.scheduling import BillScheduleService
from propcore.billing.setup import FeeSetupService
from propcore.clock import Clock
from propcore.events.service import REMINDER_LEAD, EventService
from propcore.importing.service import ImportService
from propcore.incidents.ports import NoPhotos, PhotoStore
from propcore.incidents.service import IncidentService
from propcore.jobs.service import DueWork
from propcore.messaging import Notifier
from propcore.messaging.channels import ChannelRegistry
from propcore.messaging.inbox_channel import InboxChannel
from propcore.messaging.service import MessageService
from propcore.notices.service import NoticeService
from propcore.property.service import PropertyService
from propcore.property.status import DEFAULT_SCHEME, StatusScheme
from propcore.residents.service import ResidentService
from propcore.uow import UnitOfWorkFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
# the checks the relay asks before sending, by template (see messaging.relay)
OBSOLETE = {"payment_reminder": settled_since}


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
    billing: BillRunService
    bill_schedule: BillScheduleService
    collecting: CollectingService
    reversing: ReversingService
    messages: MessageService
    housekeeping: HousekeepingService
    jobs: DueWork
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
        fee_types: FeeTypeRegistry | None = None,
        reminder_days: tuple[int, ...] = DEFAULT_LADDER,
        site: str = "",
        channels: ChannelRegistry | None = None,
        timezone: tzinfo | None = None,
        jitter: Callable[[], float] = random.random,
        photos: PhotoStore | None = None,
        event_reminder_lead: timedelta = REMINDER_LEAD,
        bill_run_day: int = 1,
    ) -> "Propcore":
        """``fee_types`` defaults to the built-in fee types alone (the
        composition root passes the registry every plugin filled);
        ``channels``: where the relay delivers (default: the inbox only);
        ``timezone``: the deployment's, where quiet hours are read and
        periodic jobs' slots fall (default Asia/Shanghai);
        ``jitter``: numbers in [0, 1) spreading retries; ``photos``: where
        incident photos are kept (none accepted when not given);
        ``event_reminder_lead``: how long before an event its reminders are
        queued; ``bill_run_day``: the day of the month estates without a
        day of their own are billed on."""
        if fee_types is None:
            fee_types = FeeTypeRegistry()
            builtin_types.register_fee_types(fee_types.register)
        channels = channels or ChannelRegistry([InboxChannel(uow, clock)])
        zone = timezone or SHANGHAI
        billing = BillRunService(uow, clock, fee_types, scheme, site=site)
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
            fees=FeeSetupService(uow, clock, fee_types),
            billing=billing,
            bill_schedule=BillScheduleService(uow, billing, zone, bill_run_day),
            collecting=CollectingService(uow, clock, reminder_days, site),
            reversing=ReversingService(uow, clock),
            messages=MessageService(uow, clock, channels, zone, jitter, OBSOLETE),
            housekeeping=HousekeepingService(uow, clock),
            jobs=DueWork(uow, clock, zone),
            notices=NoticeService(uow, clock),
            incidents=IncidentService(uow, clock, photos or NoPhotos()),
            events=EventService(uow, clock, event_reminder_lead, zone),
            clock=clock,
            scheme=scheme,
        )
