"""The permission rules as data: the tables of docs/permissions.md."""

import enum


class Area(enum.StrEnum):
    PROPERTY = "property"
    RESIDENTS = "residents"
    FEES = "fees"
    PAYMENTS = "payments"
    REPAIRS = "repairs"
    EQUIPMENT = "equipment"
    INCIDENTS = "incidents"
    NOTICES = "notices"
    EVENTS = "events"
    STAFF = "staff"
    AUDIT = "audit"
    MESSAGES = "messages"


class Action(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"


class StaffRole(enum.StrEnum):
    COMPANY_ADMIN = "company_admin"
    ESTATE_MANAGER = "estate_manager"
    FINANCE = "finance"
    FRONT_DESK = "front_desk"
    TECHNICIAN = "technician"
    SECURITY = "security"


class Reach(enum.StrEnum):
    """How far a resident's right goes within the units they belong to."""

    UNIT = "unit"  # anything of the unit
    OWN = "own"  # only what is about their own household
    GRANTED = "granted"  # what their head sees, if the head granted the area


_E, _V = Action.EDIT, Action.VIEW
_R = StaffRole

STAFF_RULES: dict[Area, dict[StaffRole, Action]] = {
    Area.PROPERTY: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FINANCE: _V,
        _R.FRONT_DESK: _E,
        _R.TECHNICIAN: _V,
        _R.SECURITY: _V,
    },
    Area.RESIDENTS: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FINANCE: _V,
        _R.FRONT_DESK: _E,
        _R.SECURITY: _V,
    },
    Area.FEES: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FINANCE: _E,
        _R.FRONT_DESK: _V,
    },
    Area.PAYMENTS: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _V,
        _R.FINANCE: _E,
        _R.FRONT_DESK: _E,
    },
    Area.REPAIRS: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FRONT_DESK: _E,
        _R.TECHNICIAN: _E,
    },
    Area.EQUIPMENT: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FRONT_DESK: _V,
        _R.TECHNICIAN: _E,
        _R.SECURITY: _V,
    },
    Area.INCIDENTS: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FRONT_DESK: _E,
        _R.SECURITY: _E,
    },
    Area.NOTICES: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FRONT_DESK: _E,
        _R.TECHNICIAN: _V,
        _R.SECURITY: _V,
    },
    Area.EVENTS: {
        _R.COMPANY_ADMIN: _E,
        _R.ESTATE_MANAGER: _E,
        _R.FRONT_DESK: _E,
        _R.TECHNICIAN: _V,
        _R.SECURITY: _V,
    },
    Area.STAFF: {_R.COMPANY_ADMIN: _E, _R.ESTATE_MANAGER: _V},
    Area.AUDIT: {_R.COMPANY_ADMIN: _V},
    Area.MESSAGES: {_R.COMPANY_ADMIN: _E, _R.ESTATE_MANAGER: _E},
}

# Owners and tenants each head a household and have the same rights over it;
# a tenant's household, bills and requests are never the owner's, and the
# reach OWN keeps the two apart.
_HEAD: dict[Area, tuple[Action, Reach]] = {
    Area.PROPERTY: (_V, Reach.UNIT),
    Area.RESIDENTS: (_E, Reach.OWN),
    Area.FEES: (_V, Reach.OWN),
    Area.PAYMENTS: (_V, Reach.OWN),
    Area.REPAIRS: (_E, Reach.OWN),
    Area.NOTICES: (_V, Reach.UNIT),
    Area.EVENTS: (_E, Reach.UNIT),
}

# resident role (an occupancy role's value) → area → (action, reach)
RESIDENT_RULES: dict[str, dict[Area, tuple[Action, Reach]]] = {
    "owner": _HEAD,
    "family": {
        Area.PROPERTY: (_V, Reach.GRANTED),
        Area.RESIDENTS: (_V, Reach.GRANTED),
        Area.FEES: (_V, Reach.GRANTED),
        Area.PAYMENTS: (_V, Reach.GRANTED),
        Area.REPAIRS: (_E, Reach.GRANTED),
        Area.NOTICES: (_V, Reach.UNIT),
        Area.EVENTS: (_E, Reach.UNIT),
    },
    "tenant": _HEAD,
}


def permits(granted: Action, wanted: Action) -> bool:
    """``edit`` includes ``view``."""
    return granted is Action.EDIT or wanted is Action.VIEW
