"""Pages: the organisation tree (房产资源管理) and each company, region or estate."""

from typing import Any

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Area
from propcore.errors import ConflictError, InvalidInputError
from propcore.inputs import parse_choice
from propcore.property.tree import NodeKind, OrgNode
from propcore_web.context import page
from propcore_web.guard import COMPANY, edit, view
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.routing import Core, PathId, See, get, post

P, NODE = Area.PROPERTY, ("node", "node_id")


def _tree(nodes: list[OrgNode]) -> list[tuple[int, OrgNode]]:
    """Nodes in tree order with their depth, roots first."""
    children: dict[Any, list[OrgNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    known = {n.id for n in nodes}
    roots = [n for n in nodes if n.parent_id not in known]
    ordered: list[tuple[int, OrgNode]] = []

    def visit(node: OrgNode, depth: int) -> None:
        ordered.append((depth, node))
        for child in children.get(node.id, []):
            visit(child, depth + 1)

    for root in roots:
        visit(root, 0)
    return ordered


def _tree_page(
    request: Request, core: Core, viewer: See, forms: FormState, status: int = 200
) -> Template:
    nodes = viewer.nodes(core.property.nodes())
    figures = {
        n.id: core.property.estate_figures(n.id)
        for n in nodes
        if n.kind is NodeKind.ESTATE
    }
    return page(
        request,
        "tree.html",
        status=status,
        tree=_tree(nodes),
        figures=figures,
        parents=[n for n in nodes if n.kind is not NodeKind.ESTATE],
        forms=forms,
    )


@get("/", opt=view(P))
def tree(request: Request, core: Core, viewer: See) -> Template:
    return _tree_page(request, core, viewer, FormState({"node": {"kind": "estate"}}))


@post("/nodes", opt=edit(P, (COMPANY, "")))
def create_node(request: Request, core: Core, viewer: See, data: Form) -> Response:
    raw = fields(data)
    try:
        kind = parse_choice(NodeKind)(raw.get("kind", ""), "kind")
        node = core.property.create_node(kind, raw)
    except (InvalidInputError, ConflictError) as error:
        forms = FormState({}, "node", raw, mistakes(request, error))
        return _tree_page(request, core, viewer, forms, REJECTED)
    return see_other(f"/nodes/{node.id}")


def _node_page(
    request: Request,
    core: Core,
    node_id: PathId,
    failed: str | None = None,
    raw: dict | None = None,
    errors: dict | None = None,
) -> Template:
    node = core.property.node(node_id)
    estate = node.kind is NodeKind.ESTATE
    defaults = {"node": {"name": node.name, "address": node.address}}
    return page(
        request,
        "node.html",
        status=REJECTED if failed else 200,
        node=node,
        buildings=core.property.buildings(node.id) if estate else [],
        figures=core.property.estate_figures(node.id) if estate else None,
        forms=FormState(defaults, failed, raw, errors),
    )


@get("/nodes/{node_id:uuid}", opt=view(P, NODE))
def show_node(request: Request, core: Core, node_id: PathId) -> Template:
    return _node_page(request, core, node_id)


@post("/nodes/{node_id:uuid}", opt=edit(P, NODE))
def edit_node(request: Request, core: Core, node_id: PathId, data: Form) -> Response:
    raw = fields(data)
    try:
        core.property.update_node(node_id, raw)
    except (InvalidInputError, ConflictError) as error:
        return _node_page(request, core, node_id, "node", raw, mistakes(request, error))
    return see_other(f"/nodes/{node_id}")


@post("/nodes/{node_id:uuid}/buildings", opt=edit(P, NODE))
def create_building(
    request: Request, core: Core, node_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    try:
        building = core.property.create_building(node_id, raw)
    except (InvalidInputError, ConflictError) as error:
        errors = mistakes(request, error)
        return _node_page(request, core, node_id, "building", raw, errors)
    return see_other(f"/buildings/{building.id}")


ROUTES = [tree, create_node, show_node, edit_node, create_building]
