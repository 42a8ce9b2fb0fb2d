"""Page: the audit log (审计日志), newest first, a page at a time.

Events name their subject by kind and id (``account:…``) and carry no
personal data; the page looks the names up as it shows them.
"""

from datetime import datetime

import attrs
from litestar import Request
from litestar.params import FromQuery
from litestar.response import Template

from propcore.access.audit import AuditEvent
from propcore.access.rules import Area
from propcore.application import Propcore
from propcore.errors import NotFoundError
from propcore.ids import parse_id
from propcore_web.context import page, translator_of
from propcore_web.guard import COMPANY, view
from propcore_web.i18n import Translator
from propcore_web.routing import Core, get

PAGE_SIZE = 50


@attrs.frozen
class Names:
    """Display names for the ids a page of events mentions."""

    core: Propcore
    found: dict[str, str] = attrs.field(factory=dict)

    def of(self, reference: str | None) -> str:
        """``account:<id>``, ``person:<id>`` or a bare account id → a name;
        the reference itself when it names nothing known."""
        if not reference:
            return ""
        if reference not in self.found:
            self.found[reference] = self._look_up(reference)
        return self.found[reference]

    def _look_up(self, reference: str) -> str:
        kind, _, raw_id = reference.rpartition(":")
        try:
            item_id = parse_id(raw_id, "id")
            if kind == "person":
                return self.core.residents.person(item_id).name
            if kind in ("account", ""):
                return self.core.accounts.account(item_id).display_name
            if kind == "node":
                return self._place(item_id)
        except (NotFoundError, ValueError):
            pass
        return reference

    def _place(self, node_id) -> str:
        try:
            return self.core.property.node(node_id).name
        except NotFoundError:
            return self.core.property.building(node_id).name


def _next_before(events: list[AuditEvent]) -> str | None:
    return events[PAGE_SIZE - 1].at.isoformat() if len(events) > PAGE_SIZE else None


def _details(event: AuditEvent, names: Names, t: Translator) -> list[tuple[str, str]]:
    return [
        (t.label("detail", key), _detail(key, value, names, t))
        for key, value in sorted(event.details.items())
    ]


def _detail(key: str, value: str, names: Names, t: Translator) -> str:
    if key == "node":
        return names.of(f"node:{value}")
    if key == "role":
        return t.label("staff_role", value)
    if key == "kind":
        return t.label("account", value)
    if key == "grants":
        return ", ".join(t.label("area", area) for area in value.split(",") if area)
    return value


@get("/audit", opt=view(Area.AUDIT, (COMPANY, "")))
def audit(
    request: Request, core: Core, before: FromQuery[datetime | None] = None
) -> Template:
    """``before``: show events strictly older than this moment (ISO 8601)."""
    events = core.accounts.audit_log(PAGE_SIZE + 1, before)
    names, t = Names(core), translator_of(request)
    response = page(
        request,
        "audit.html",
        events=events[:PAGE_SIZE],
        names=names,
        details=lambda event: _details(event, names, t),
        next_before=_next_before(events),
        first=before is None,
    )
    response.headers["cache-control"] = "no-store"
    return response


ROUTES = [audit]
