"""API: the organisation tree (company, regions, estates) and buildings."""

from litestar import Router
from litestar.params import JSONBody

from propcore.access.rules import Area
from propcore.inputs import parse_choice
from propcore.property.tree import NodeKind
from propcore_web.api.bodies import BuildingBody, NodeCreate, NodeUpdate
from propcore_web.api.views import BuildingView, FiguresView, NodeView
from propcore_web.guard import COMPANY, edit, view
from propcore_web.routing import Core, OptionalQuery, PathId, See, get, post, put

P = Area.PROPERTY
NODE, ESTATE, BUILDING = (
    ("node", "node_id"),
    ("node", "estate_id"),
    (
        "building",
        "building_id",
    ),
)


@get("/nodes", opt=view(P))
def list_nodes(core: Core, viewer: See, kind: OptionalQuery = None) -> list[NodeView]:
    chosen = parse_choice(NodeKind)(kind, "kind") if kind else None
    return [NodeView.of(n) for n in viewer.nodes(core.property.nodes(chosen))]


@post("/nodes", opt=edit(P, (COMPANY, "")))
def create_node(core: Core, data: JSONBody[NodeCreate]) -> NodeView:
    kind = parse_choice(NodeKind)(data.kind, "kind")
    return NodeView.of(core.property.create_node(kind, data.fields()))


@get("/nodes/{node_id:uuid}", opt=view(P, NODE))
def get_node(core: Core, node_id: PathId) -> NodeView:
    return NodeView.of(core.property.node(node_id))


@put("/nodes/{node_id:uuid}", opt=edit(P, NODE))
def update_node(core: Core, node_id: PathId, data: JSONBody[NodeUpdate]) -> NodeView:
    return NodeView.of(core.property.update_node(node_id, data.fields()))


@get("/estates/{estate_id:uuid}/figures", opt=view(P, ESTATE))
def estate_figures(core: Core, estate_id: PathId) -> FiguresView:
    core.property.estate(estate_id)
    return FiguresView.of(core.property.estate_figures(estate_id))


@get("/estates/{estate_id:uuid}/buildings", opt=view(P, ESTATE))
def list_buildings(core: Core, estate_id: PathId) -> list[BuildingView]:
    return [BuildingView.of(b) for b in core.property.buildings(estate_id)]


@post("/estates/{estate_id:uuid}/buildings", opt=edit(P, ESTATE))
def create_building(
    core: Core, estate_id: PathId, data: JSONBody[BuildingBody]
) -> BuildingView:
    return BuildingView.of(core.property.create_building(estate_id, data.fields()))


@get("/buildings/{building_id:uuid}", opt=view(P, BUILDING))
def get_building(core: Core, building_id: PathId) -> BuildingView:
    return BuildingView.of(core.property.building(building_id))


@put("/buildings/{building_id:uuid}", opt=edit(P, BUILDING))
def update_building(
    core: Core, building_id: PathId, data: JSONBody[BuildingBody]
) -> BuildingView:
    return BuildingView.of(core.property.update_building(building_id, data.fields()))


@get("/buildings/{building_id:uuid}/figures", opt=view(P, BUILDING))
def building_figures(core: Core, building_id: PathId) -> FiguresView:
    return FiguresView.of(core.property.building_figures(building_id))


router = Router(
    "/",
    tags=["property"],
    route_handlers=[
        list_nodes,
        create_node,
        get_node,
        update_node,
        estate_figures,
        list_buildings,
        create_building,
        get_building,
        update_building,
        building_figures,
    ],
)
