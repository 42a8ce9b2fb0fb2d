"""The organisation tree: a company, regions of any depth, estates (小区/项目)."""

import enum

import attrs

from propcore.errors import InvalidInputError
from propcore.ids import Id, new_id


class NodeKind(enum.StrEnum):
    COMPANY = "company"
    REGION = "region"
    ESTATE = "estate"


_ALLOWED_PARENTS = {
    NodeKind.COMPANY: (),
    NodeKind.REGION: (NodeKind.COMPANY, NodeKind.REGION),
    NodeKind.ESTATE: (NodeKind.COMPANY, NodeKind.REGION),
}


@attrs.define
class OrgNode:
    """A node of the tree. Staff are scoped to nodes, so a node's ancestors
    decide who may see what below it."""

    kind: NodeKind
    name: str
    parent_id: Id | None = None
    address: str = ""
    id: Id = attrs.field(factory=new_id)

    def check_parent(self, parent: "OrgNode | None") -> None:
        allowed = _ALLOWED_PARENTS[self.kind]
        if parent is None and allowed:
            raise InvalidInputError.single("parent_id", "is required")
        if parent is not None and parent.kind not in allowed:
            raise InvalidInputError.single(
                "parent_id", "a %(kind)s cannot be placed here", kind=self.kind.value
            )


@attrs.define
class Building:
    """A building (楼栋) of an estate."""

    estate_id: Id
    name: str
    address: str = ""
    id: Id = attrs.field(factory=new_id)
