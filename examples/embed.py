"""Using propcore from another program: no web server, just the core on SQLite.

Run it with ``python examples/embed.py [database-url]``; by default it works on
a throw-away SQLite file.
"""

import sys
import tempfile
from pathlib import Path

from propcore.property.tree import NodeKind
from propcore_bootstrap import open_core


def main(database_url: str) -> None:
    core = open_core(database_url)

    company = core.property.create_node(NodeKind.COMPANY, {"name": "示例物业"})
    estate = core.property.create_node(
        NodeKind.ESTATE,
        {"name": "示例小区", "parent_id": str(company.id), "address": "上海市浦东新区"},
    )
    building = core.property.create_building(estate.id, {"name": "1号楼"})
    unit = core.property.create_unit(
        building.id,
        {
            "entrance": "1",
            "floor": "3",
            "room": "301",
            "gross_area": "95.20",
            "layout": "2室1厅1卫",
        },
        actor="example",
    )
    owner = core.residents.create_person({"name": "陈静", "phone": "13700000001"})
    core.residents.add_occupancy(
        unit.id, {"person_id": str(owner.id), "role": "owner", "share": "100"}
    )
    core.property.change_status(
        unit.id, "self_occupied", actor="example", reason="业主入住"
    )

    figures = core.property.estate_figures(estate.id)
    (row,) = core.residents.roster(building.id)
    print(
        f"{row.unit.label}: {row.unit.status}, "
        f"{', '.join(o.person.name for o in row.occupants)}"
    )
    print(f"vacancy rate of {estate.name}: {figures.vacancy_rate}%")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as folder:
            main(f"sqlite:///{Path(folder) / 'example.db'}")
