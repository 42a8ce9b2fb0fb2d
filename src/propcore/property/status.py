"""Unit status: a configurable set of states with defined transitions."""

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id, new_id

# reasons the system writes itself; they double as message ids for translation
REASON_CREATED = "created"
REASON_IMPORTED = "imported"
SYSTEM_REASONS = (REASON_CREATED, REASON_IMPORTED)


@attrs.frozen
class StatusDef:
    code: str
    labels: Mapping[str, str]
    occupied: bool

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("en") or self.code


@attrs.frozen
class StatusChange:
    """One entry of a unit's status history: who, when, why."""

    unit_id: Id
    from_status: str | None
    to_status: str
    changed_at: datetime
    changed_by: str
    reason: str = ""
    id: Id = attrs.field(factory=new_id)


class TransitionNotAllowedError(ConflictError):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            "status",
            "cannot change from %(from_status)s to %(to_status)s",
            from_status=from_status,
            to_status=to_status,
        )


@attrs.frozen
class StatusScheme:
    """The statuses a deployment uses and which changes between them are allowed.

    ``occupied`` statuses count as occupied in vacancy figures; all others
    count as vacant.
    """

    statuses: tuple[StatusDef, ...]
    transitions: frozenset[tuple[str, str]]
    initial: str

    def __attrs_post_init__(self) -> None:
        codes = self.codes
        if len(set(codes)) != len(codes):
            raise ValueError("status codes must be unique")
        if self.initial not in codes:
            raise ValueError(f"initial status {self.initial!r} is not defined")
        for source, target in self.transitions:
            if source not in codes or target not in codes:
                raise ValueError(
                    f"transition {source}->{target} names an unknown status"
                )

    @classmethod
    def build(
        cls,
        statuses: Iterable[StatusDef],
        transitions: Mapping[str, Iterable[str]],
        initial: str,
    ) -> "StatusScheme":
        pairs = frozenset((a, b) for a, targets in transitions.items() for b in targets)
        return cls(tuple(statuses), pairs, initial)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.statuses)

    def get(self, code: str) -> StatusDef:
        for status in self.statuses:
            if status.code == code:
                return status
        raise InvalidInputError.single("status", "is not a known status")

    def targets(self, code: str) -> tuple[str, ...]:
        return tuple(c for c in self.codes if (code, c) in self.transitions)

    def check(self, from_status: str, to_status: str) -> None:
        self.get(to_status)
        if (from_status, to_status) not in self.transitions:
            raise TransitionNotAllowedError(from_status, to_status)

    def is_occupied(self, code: str) -> bool:
        return self.get(code).occupied


def _labels(zh: str, en: str) -> dict[str, str]:
    return {"zh_CN": zh, "en": en}


DEFAULT_SCHEME = StatusScheme.build(
    statuses=[
        StatusDef("vacant", _labels("空置", "Vacant"), occupied=False),
        StatusDef("sold", _labels("已售", "Sold"), occupied=False),
        StatusDef(
            "delivered", _labels("已交付未入住", "Delivered, not moved in"), False
        ),
        StatusDef("renovating", _labels("装修中", "Under renovation"), occupied=False),
        StatusDef("self_occupied", _labels("自住", "Self-occupied"), occupied=True),
        StatusDef("rented", _labels("出租", "Rented"), occupied=True),
    ],
    transitions={
        "vacant": ["sold", "delivered", "renovating", "self_occupied", "rented"],
        "sold": ["delivered", "vacant"],
        "delivered": ["renovating", "self_occupied", "rented", "vacant"],
        "renovating": ["self_occupied", "rented", "vacant", "delivered"],
        "self_occupied": ["rented", "renovating", "vacant", "sold"],
        "rented": ["self_occupied", "renovating", "vacant", "sold"],
    },
    initial="vacant",
)
