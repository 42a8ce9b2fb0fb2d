"""What the notice, incident and event pages share: the estates a staff
member works in, and local times from forms."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from propcore.access.policy import Resource, staff_scope
from propcore.access.rules import Action, Area
from propcore.ids import Id
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore_web.i18n import Translator
from propcore_web.visible import Viewer


@attrs.frozen
class Estate:
    """An estate with its buildings and each building's entrances."""

    node: OrgNode
    buildings: tuple[tuple[Building, tuple[str, ...]], ...]


def estate_ids(viewer: Viewer, area: Area) -> frozenset[Id] | None:
    """The estates whose ``area`` the actor's staff roles see; None: all."""
    scope = staff_scope(viewer.actor, area, Action.VIEW)
    return None if scope.everything else scope.estate_ids


def estates(
    viewer: Viewer, area: Area, action: Action = Action.EDIT, detail: bool = False
) -> list[Estate]:
    """The estates where the actor may ``action`` in ``area``; with
    ``detail``, each with its buildings and their entrances."""
    nodes = viewer.core.property.nodes(NodeKind.ESTATE)
    allowed = [n for n in nodes if viewer.may(Resource(area, estate_id=n.id), action)]
    return [Estate(n, _buildings(viewer, n.id) if detail else ()) for n in allowed]


def _buildings(viewer: Viewer, estate_id: Id) -> tuple:
    property_ = viewer.core.property
    return tuple(
        (b, tuple(sorted({u.entrance for u in property_.units(b.id) if u.entrance})))
        for b in property_.buildings(estate_id)
    )


def names(found: Iterable[Estate]) -> dict[Id, str]:
    return {e.node.id: e.node.name for e in found}


def local_times(
    raw: Mapping[str, Any], names_: Iterable[str], t: Translator
) -> dict[str, Any]:
    """Form times (``2026-12-02T09:00``, no zone) read in the deployment's
    zone, so the core gets moments it can compare."""
    changed = dict(raw)
    for name in names_:
        value = str(raw.get(name, "")).strip()
        try:
            moment = datetime.fromisoformat(value) if value else None
        except ValueError:
            continue  # the core names the field
        if moment is not None and moment.tzinfo is None:
            changed[name] = moment.replace(tzinfo=t.zone).isoformat()
    return changed


def form_time(moment: datetime | None, t: Translator) -> str:
    """A moment as a ``datetime-local`` input shows it."""
    if moment is None:
        return ""
    return moment.astimezone(t.zone).strftime("%Y-%m-%dT%H:%M")
