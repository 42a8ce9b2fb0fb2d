"""Unit status: only defined transitions, and a complete history."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from propcore.ids import new_id
from propcore.measures import Area
from propcore.property.status import (
    DEFAULT_SCHEME,
    StatusDef,
    StatusScheme,
    TransitionNotAllowedError,
)
from propcore.property.units import Unit
from tests.fakes import SHANGHAI

AT = datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)


def _unit(status: str = "vacant") -> Unit:
    return Unit(new_id(), "1-101", 1, "101", Area(Decimal("90.00")), status)


def test_an_allowed_change_moves_the_unit_and_records_who_when_why():
    unit = _unit()

    change = unit.change_status(
        "rented", scheme=DEFAULT_SCHEME, at=AT, by="前台 王", reason=" 租给李先生 "
    )

    assert unit.status == "rented"
    assert (change.from_status, change.to_status) == ("vacant", "rented")
    assert (change.changed_at, change.changed_by, change.reason) == (
        AT,
        "前台 王",
        "租给李先生",
    )


def test_a_change_the_scheme_does_not_define_is_refused_and_changes_nothing():
    unit = _unit("sold")

    with pytest.raises(TransitionNotAllowedError) as raised:
        unit.change_status("rented", scheme=DEFAULT_SCHEME, at=AT, by="admin")

    assert unit.status == "sold"
    assert raised.value.problem.field == "status"


def test_an_unknown_status_is_refused():
    with pytest.raises(Exception, match="status"):
        _unit().change_status("demolished", scheme=DEFAULT_SCHEME, at=AT, by="x")


def test_a_scheme_with_a_transition_to_an_undefined_status_cannot_be_built():
    statuses = [StatusDef("empty", {"en": "Empty"}, occupied=False)]

    with pytest.raises(ValueError, match="unknown status"):
        StatusScheme.build(statuses, {"empty": ["full"]}, "empty")


def test_every_default_status_can_be_left_and_reached():
    for code in DEFAULT_SCHEME.codes:
        assert DEFAULT_SCHEME.targets(code)
        assert any(code in DEFAULT_SCHEME.targets(c) for c in DEFAULT_SCHEME.codes)


class UnitStatusMachine(RuleBasedStateMachine):
    """Random attempts at changing a unit's status, allowed or not."""

    def __init__(self) -> None:
        super().__init__()
        self.unit = _unit()
        self.history = []
        self.at = AT

    @rule(target_status=st.sampled_from(DEFAULT_SCHEME.codes))
    def try_change(self, target_status):
        before = self.unit.status
        self.at += timedelta(minutes=1)
        allowed = (before, target_status) in DEFAULT_SCHEME.transitions
        try:
            change = self.unit.change_status(
                target_status, scheme=DEFAULT_SCHEME, at=self.at, by="t"
            )
        except TransitionNotAllowedError:
            assert not allowed
            assert self.unit.status == before
        else:
            assert allowed
            self.history.append(change)

    @invariant()
    def history_is_an_unbroken_chain_ending_at_the_current_status(self):
        statuses = ["vacant"] + [c.to_status for c in self.history]
        assert [c.from_status for c in self.history] == statuses[:-1]
        assert statuses[-1] == self.unit.status
        assert self.unit.status in DEFAULT_SCHEME.codes


TestUnitStatusMachine = UnitStatusMachine.TestCase
