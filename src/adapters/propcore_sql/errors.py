"""Driver errors turned into the core's errors, in one place."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import CursorResult
from sqlalchemy.exc import DBAPIError, IntegrityError

from propcore.errors import ConflictError, NotFoundError, StorageError

# constraint → (field, message); SQLite names the columns instead of the constraint
_UNIQUE = {
    "uq_units_building_id_label": (
        "units.building_id, units.label",
        "label",
        "a unit with this label exists in the building",
    ),
    "uq_buildings_estate_id_name": (
        "buildings.estate_id, buildings.name",
        "name",
        "a building with this name exists in the estate",
    ),
    "uq_accounts_username_key": ("accounts.username_key", "username", "is taken"),
    "uq_accounts_phone": ("accounts.phone", "phone", "is taken"),
    "uq_assignments_account_id_role_node_id": (
        "assignments.account_id, assignments.role, assignments.node_id",
        "role",
        "the account already has this role there",
    ),
    "uq_fee_items_estate_id_name": (
        "fee_items.estate_id, fee_items.name",
        "name",
        "a fee item with this name exists in the estate",
    ),
    "uq_rate_versions_fee_item_id_valid_from": (
        "rate_versions.fee_item_id, rate_versions.valid_from",
        "valid_from",
        "a rate valid from this day exists",
    ),
    "uq_meter_readings_meter_id_read_on": (
        "meter_readings.meter_id, meter_readings.read_on",
        "read_on",
        "the meter has a reading on this day",
    ),
    "uq_ledger_entries_idempotency_key": (
        "ledger_entries.idempotency_key",
        "idempotency_key",
        "is taken",
    ),
    "pk_event_signups": (
        "event_signups.event_id, event_signups.account_id",
        "event_id",
        "you are signed up already",
    ),
    "ck_events_seats": ("ck_events_seats", "event_id", "the event is full"),
    "uq_sessions_digest": ("sessions.digest", "digest", "is taken"),
    "uq_api_tokens_digest": ("api_tokens.digest", "digest", "is taken"),
}


@contextmanager
def translated() -> Iterator[None]:
    """Run SQL, raising ConflictError for known constraints and StorageError else."""
    try:
        yield
    except IntegrityError as error:
        raise _conflict(error) from None
    except DBAPIError as error:
        raise StorageError(type(error.orig).__name__) from error


def _conflict(error: IntegrityError) -> Exception:
    text = str(error.orig)
    name = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    for constraint, (columns, field, message) in _UNIQUE.items():
        if name == constraint or (name is None and text.endswith(columns)):
            return ConflictError(field, message)
    return StorageError(f"integrity: {name or text}")


def require_row(result: CursorResult, kind: str, item_id: object) -> None:
    """Raise NotFoundError when an UPDATE matched nothing, as the fakes do."""
    if result.rowcount == 0:
        raise NotFoundError(kind, item_id)
