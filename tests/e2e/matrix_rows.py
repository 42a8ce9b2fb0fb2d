"""The authorisation matrix's table: one row per route of the app.

Each row says, independently of the route's own declaration, which area and
action it is about and what kind of target its path names; the test derives
the expected answers from the policy.
"""

from uuid import uuid4

import attrs

from propcore.access.rules import Action, Area

P, R, V, E = Area.PROPERTY, Area.RESIDENTS, Action.VIEW, Action.EDIT
S = Area.STAFF
N, INC, EV = Area.NOTICES, Area.INCIDENTS, Area.EVENTS
PHOTO = "a" * 32 + ".jpg"  # the photo of incident A (matrix_world)
S, F, PAY = Area.STAFF, Area.FEES, Area.PAYMENTS
REJECTED = {"_": 0}  # an unknown field: every API body refuses it
TARGETS = {
    "node": ("estate_a", "estate_b", "company"),
    "building": ("building_a", "building_b"),
    "unit": ("unit_a", "unit_a2", "unit_b"),
    "person": ("person_owner", "person_tenant", "person_b_owner"),
    "occupancy": ("occupancy_owner", "occupancy_tenant", "occupancy_b_owner"),
    "message": ("message_a", "message_b"),
    "notice": ("notice_a", "notice_b"),
    "incident": ("incident_a", "incident_b"),
    "event": ("event_a", "event_b"),
    "estate": ("estate_a", "estate_b"),
    "bill": ("bill_a", "bill_a2", "bill_b"),
    "fee_item": ("fee_item_a", "fee_item_b"),
    "meter": ("meter_a", "meter_common_a", "meter_b"),
}


@attrs.frozen
class Row:
    """``kind``: a target kind, ``company``, or None for a collection;
    ``access``: ``rule`` (area/action apply), ``public`` or ``signed_in``."""

    area: Area | None = None
    action: Action = V
    kind: str | None = None
    form: dict = attrs.field(factory=dict)
    access: str = "rule"
    fixed: dict = attrs.field(factory=dict)
    ok: frozenset = frozenset()


def _rule(area, action, kind=None, /, **form) -> Row:
    return Row(area, action, kind, form)


PUBLIC, SIGNED_IN = Row(access="public"), Row(access="signed_in")
_TOKEN = {"token": "not-a-link"}
ROWS = {
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("GET", "/login/code"): PUBLIC,
    ("POST", "/login/code"): PUBLIC,
    ("POST", "/login/code/verify"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("GET", "/activate/{token:str}"): attrs.evolve(PUBLIC, fixed=_TOKEN),
    ("POST", "/activate/{token:str}"): attrs.evolve(PUBLIC, fixed=_TOKEN),
    ("GET", "/reset"): PUBLIC,
    ("POST", "/reset"): PUBLIC,
    ("GET", "/reset/{token:str}"): attrs.evolve(PUBLIC, fixed=_TOKEN),
    ("POST", "/reset/{token:str}"): attrs.evolve(PUBLIC, fixed=_TOKEN),
    ("GET", "/language/{code:str}"): attrs.evolve(PUBLIC, fixed={"code": "en"}),
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/static/{file_path:path}"): attrs.evolve(
        PUBLIC, fixed={"file_path": "style.css"}
    ),
    ("HEAD", "/static/{file_path:path}"): attrs.evolve(
        PUBLIC, fixed={"file_path": "style.css"}
    ),
    ("GET", "/api/schema/assets/{file_path:path}"): attrs.evolve(
        PUBLIC, fixed={"file_path": "swagger-ui.css"}
    ),
    ("HEAD", "/api/schema/assets/{file_path:path}"): attrs.evolve(
        PUBLIC, fixed={"file_path": "swagger-ui.css"}
    ),
    ("GET", "/api/schema"): SIGNED_IN,
    ("GET", "/api/schema/{path:str}"): attrs.evolve(
        SIGNED_IN, fixed={"path": "openapi.json"}
    ),
    ("GET", "/api/schema/openapi.json"): SIGNED_IN,
    ("GET", "/api/schema/oauth2-redirect.html"): SIGNED_IN,
    ("GET", "/account"): SIGNED_IN,
    ("POST", "/account/password"): SIGNED_IN,
    ("POST", "/account/totp"): SIGNED_IN,
    ("POST", "/account/totp/confirm"): SIGNED_IN,
    ("POST", "/account/tokens"): SIGNED_IN,
    ("POST", "/account/tokens/{token_id:uuid}/revoke"): attrs.evolve(
        SIGNED_IN, fixed={"token_id": uuid4()}, ok=frozenset({404})
    ),
    # pages
    ("GET", "/"): _rule(P, V),
    ("POST", "/nodes"): _rule(P, E, "company", kind=""),
    ("GET", "/nodes/{node_id:uuid}"): _rule(P, V, "node"),
    ("POST", "/nodes/{node_id:uuid}"): _rule(P, E, "node", name=""),
    ("POST", "/nodes/{node_id:uuid}/buildings"): _rule(P, E, "node", name=""),
    ("GET", "/buildings/{building_id:uuid}"): _rule(P, V, "building"),
    ("POST", "/buildings/{building_id:uuid}"): _rule(P, E, "building", name=""),
    ("POST", "/buildings/{building_id:uuid}/units"): _rule(P, E, "building"),
    ("GET", "/units/{unit_id:uuid}"): _rule(P, V, "unit"),
    ("POST", "/units/{unit_id:uuid}"): _rule(P, E, "unit"),
    ("POST", "/units/{unit_id:uuid}/status"): _rule(P, E, "unit", to_status="x"),
    ("POST", "/units/{unit_id:uuid}/occupancies"): _rule(R, E, "unit"),
    ("POST", "/occupancies/{occupancy_id:uuid}/end"): _rule(
        R, E, "occupancy", end="never"
    ),
    ("GET", "/people"): _rule(R, V),
    ("POST", "/people"): _rule(R, E),
    ("GET", "/people/{person_id:uuid}"): _rule(R, V, "person"),
    ("POST", "/people/{person_id:uuid}"): _rule(R, E, "person", name=""),
    ("GET", "/search"): _rule(P, V),
    # the resident portal: staff accounts have none (sent home, or 404)
    ("GET", "/portal"): SIGNED_IN,
    ("POST", "/portal/contact"): attrs.evolve(
        SIGNED_IN, form={"email": "not-mail"}, ok=frozenset({404})
    ),
    ("POST", "/portal/households/{occupancy_id:uuid}/family"): _rule(
        R, E, "occupancy", name=""
    ),
    ("POST", "/portal/family/{occupancy_id:uuid}/grants"): _rule(
        R, E, "occupancy", grants="staff"
    ),
    ("POST", "/portal/family/{occupancy_id:uuid}/end"): _rule(
        R, E, "occupancy", end="never"
    ),
    # notices, incidents and events; the portal's are the residents'
    ("GET", "/notices"): _rule(N, V),
    ("POST", "/nodes/{node_id:uuid}/notices"): _rule(N, E, "node", title=""),
    ("POST", "/notices/{notice_id:uuid}/publish"): _rule(N, E, "notice"),
    ("GET", "/portal/notices"): SIGNED_IN,
    ("GET", "/portal/notices/{notice_id:uuid}"): _rule(N, V, "notice"),
    ("GET", "/portal/events"): SIGNED_IN,
    ("POST", "/portal/events/{event_id:uuid}/signup"): _rule(EV, E, "event"),
    ("POST", "/portal/events/{event_id:uuid}/cancel"): _rule(EV, E, "event"),
    ("GET", "/events"): _rule(EV, V),
    ("POST", "/nodes/{node_id:uuid}/events"): _rule(EV, E, "node", title=""),
    ("GET", "/events/{event_id:uuid}"): _rule(EV, V, "event"),
    ("GET", "/incidents"): _rule(INC, V),
    ("GET", "/incidents/new"): _rule(INC, E),
    ("POST", "/incidents"): _rule(INC, E, None, place=""),
    ("GET", "/incidents/{incident_id:uuid}"): _rule(INC, V, "incident"),
    ("POST", "/incidents/{incident_id:uuid}/assign"): _rule(INC, E, "incident"),
    ("POST", "/incidents/{incident_id:uuid}/notes"): _rule(INC, E, "incident"),
    ("POST", "/incidents/{incident_id:uuid}/close"): _rule(
        INC, E, "incident", text="x" * 2001
    ),
    ("POST", "/incidents/{incident_id:uuid}/notice"): _rule(N, E, "incident"),
    ("GET", "/incidents/{incident_id:uuid}/photos/{name:str}"): attrs.evolve(
        _rule(INC, V, "incident"), fixed={"name": PHOTO}
    ),
    # billing: bill runs, collection, aging and arrears per estate; bills
    ("GET", "/billing"): _rule(F, V),
    ("GET", "/estates/{estate_id:uuid}/billing"): _rule(F, V, "estate"),
    ("POST", "/estates/{estate_id:uuid}/billing/preview"): _rule(
        F, E, "estate", month="x"
    ),
    ("POST", "/estates/{estate_id:uuid}/billing/run"): _rule(F, E, "estate", month="x"),
    ("POST", "/estates/{estate_id:uuid}/billing/day"): _rule(
        F, E, "estate", run_day="x"
    ),
    ("GET", "/estates/{estate_id:uuid}/aging"): _rule(F, V, "estate"),
    ("GET", "/estates/{estate_id:uuid}/arrears"): _rule(F, V, "estate"),
    ("GET", "/estates/{estate_id:uuid}/fees"): _rule(F, V, "estate"),
    ("POST", "/estates/{estate_id:uuid}/fees"): _rule(F, E, "estate", code=""),
    ("POST", "/fee-items/{fee_item_id:uuid}/rates"): _rule(F, E, "fee_item", rate="x"),
    ("GET", "/estates/{estate_id:uuid}/meters"): _rule(F, V, "estate"),
    ("POST", "/estates/{estate_id:uuid}/meters"): _rule(F, E, "estate", kind="x"),
    ("POST", "/estates/{estate_id:uuid}/meter-readings"): _rule(F, E, "estate"),
    ("POST", "/units/{unit_id:uuid}/meters"): _rule(F, E, "unit", kind="x"),
    ("GET", "/meters/{meter_id:uuid}"): _rule(F, V, "meter"),
    ("POST", "/meters/{meter_id:uuid}/readings"): _rule(F, E, "meter", value="x"),
    ("POST", "/meters/{meter_id:uuid}/corrections"): _rule(F, E, "meter", value="x"),
    ("POST", "/meters/{meter_id:uuid}"): _rule(F, E, "meter", places="x"),
    ("POST", "/meters/{meter_id:uuid}/retirement"): _rule(
        F, E, "meter", retired_on="x"
    ),
    ("GET", "/bills/{bill_id:uuid}"): _rule(F, V, "bill"),
    ("POST", "/bills/{bill_id:uuid}/payments"): _rule(PAY, E, "bill", amount="x"),
    ("POST", "/bills/{bill_id:uuid}/reversals"): _rule(PAY, E, "bill", payment_id="x"),
    ("POST", "/bills/{bill_id:uuid}/refunds"): _rule(PAY, E, "bill", amount="x"),
    ("GET", "/portal/bills"): SIGNED_IN,
    # staff accounts and the audit log: accounts and roles are company-wide
    ("GET", "/staff"): _rule(S, V),
    ("POST", "/staff"): _rule(S, E, "company", username=""),
    ("POST", "/staff/{account_id:uuid}/roles"): attrs.evolve(
        _rule(S, E, "company", role=""), fixed={"account_id": uuid4()}
    ),
    ("POST", "/staff/{account_id:uuid}/roles/{assignment_id:uuid}/revoke"): Row(
        S,
        E,
        "company",
        fixed={"account_id": uuid4(), "assignment_id": uuid4()},
        ok=frozenset({404}),
    ),
    ("POST", "/staff/{account_id:uuid}/deactivate"): Row(
        S, E, "company", fixed={"account_id": uuid4()}, ok=frozenset({404})
    ),
    ("GET", "/audit"): _rule(Area.AUDIT, V, "company"),
    # messages: every account's own inbox and settings; failed ones for staff
    ("GET", "/portal/messages"): SIGNED_IN,
    ("POST", "/portal/messages/{item_id:uuid}/read"): attrs.evolve(
        SIGNED_IN, fixed={"item_id": uuid4()}, ok=frozenset({404})
    ),
    ("GET", "/portal/preferences"): SIGNED_IN,
    ("POST", "/portal/preferences"): attrs.evolve(
        SIGNED_IN, form={"opted_out": "bill"}
    ),
    ("GET", "/messages/failed"): _rule(Area.MESSAGES, V),
    # resending the same message twice: the second time it is no longer failed
    ("POST", "/messages/{message_id:int}/resend"): Row(
        Area.MESSAGES, E, "message", ok=frozenset({409})
    ),
    # the API
    ("GET", "/api/v1/nodes"): _rule(P, V),
    ("POST", "/api/v1/nodes"): _rule(P, E, "company"),
    ("GET", "/api/v1/nodes/{node_id:uuid}"): _rule(P, V, "node"),
    ("PUT", "/api/v1/nodes/{node_id:uuid}"): _rule(P, E, "node"),
    ("GET", "/api/v1/estates/{estate_id:uuid}/figures"): _rule(P, V, "node"),
    ("GET", "/api/v1/estates/{estate_id:uuid}/buildings"): _rule(P, V, "node"),
    ("POST", "/api/v1/estates/{estate_id:uuid}/buildings"): _rule(P, E, "node"),
    ("GET", "/api/v1/buildings/{building_id:uuid}"): _rule(P, V, "building"),
    ("PUT", "/api/v1/buildings/{building_id:uuid}"): _rule(P, E, "building"),
    ("GET", "/api/v1/buildings/{building_id:uuid}/figures"): _rule(P, V, "building"),
    ("GET", "/api/v1/buildings/{building_id:uuid}/units"): _rule(P, V, "building"),
    ("POST", "/api/v1/buildings/{building_id:uuid}/units"): _rule(P, E, "building"),
    ("GET", "/api/v1/units"): _rule(P, V),
    ("GET", "/api/v1/units/{unit_id:uuid}"): _rule(P, V, "unit"),
    ("PUT", "/api/v1/units/{unit_id:uuid}"): _rule(P, E, "unit"),
    ("POST", "/api/v1/units/{unit_id:uuid}/status"): _rule(P, E, "unit"),
    ("GET", "/api/v1/units/{unit_id:uuid}/history"): _rule(P, V, "unit"),
    ("GET", "/api/v1/people"): _rule(R, V),
    ("POST", "/api/v1/people"): _rule(R, E),
    ("GET", "/api/v1/people/{person_id:uuid}"): _rule(R, V, "person"),
    ("PUT", "/api/v1/people/{person_id:uuid}"): _rule(R, E, "person"),
    ("GET", "/api/v1/people/{person_id:uuid}/units"): _rule(R, V, "person"),
    ("GET", "/api/v1/units/{unit_id:uuid}/household"): _rule(R, V, "unit"),
    ("POST", "/api/v1/units/{unit_id:uuid}/occupancies"): _rule(R, E, "unit"),
    ("POST", "/api/v1/occupancies/{occupancy_id:uuid}/end"): _rule(R, E, "occupancy"),
    ("GET", "/api/v1/buildings/{building_id:uuid}/roster"): _rule(R, V, "building"),
    ("POST", "/api/v1/meters/{meter_id:uuid}/readings"): _rule(F, E, "meter"),
    ("PUT", "/api/v1/meters/{meter_id:uuid}"): _rule(F, E, "meter"),
    ("POST", "/api/v1/meters/{meter_id:uuid}/retirement"): _rule(F, E, "meter"),
    ("GET", "/api/v1/units/{unit_id:uuid}/bills"): _rule(P, V, "unit"),
    ("GET", "/api/v1/bills/{bill_id:uuid}"): _rule(F, V, "bill"),
    ("POST", "/api/v1/bills/{bill_id:uuid}/payments"): _rule(PAY, E, "bill"),
    ("POST", "/api/v1/bills/{bill_id:uuid}/reversals"): _rule(PAY, E, "bill"),
    ("POST", "/api/v1/bills/{bill_id:uuid}/refunds"): _rule(PAY, E, "bill"),
}
