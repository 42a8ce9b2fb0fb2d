"""Rows whose id is among many, and the values a bill run reads back, on
both databases."""

import uuid

from sqlalchemy import insert, select

from propcore_sql.engine import make_engine
from propcore_sql.selecting import among
from propcore_sql.tables import org_nodes


def test_rows_among_many_ids_and_among_none(engine) -> None:
    ids = [uuid.uuid4() for _ in range(1_200)]
    with engine.begin() as db:
        db.execute(insert(org_nodes), [
            {"id": i, "kind": "company", "name": f"公司{n}", "address": ""}
            for n, i in enumerate(ids)
        ])  # fmt: skip
        wanted = [*ids[::3], uuid.uuid4()]
        found = set(db.scalars(select(org_nodes.c.id).where(
            among(db, org_nodes.c.id, wanted)
        )))  # fmt: skip
        nothing = list(db.scalars(select(org_nodes.c.id).where(
            among(db, org_nodes.c.id, [])
        )))  # fmt: skip
        first, again = (
            db.scalar(select(org_nodes.c.id).where(org_nodes.c.id == ids[0]))
            for _ in range(2)
        )
    assert found == set(ids[::3])
    assert nothing == []
    assert first == again == ids[0]
    if engine.dialect.name == "sqlite":
        assert first is again  # text parsed once, then shared


def test_values_are_matched_as_the_column_stores_them(engine) -> None:
    ids = [uuid.uuid4() for _ in range(3)]
    with engine.begin() as db:
        db.execute(insert(org_nodes), [
            {"id": i, "kind": "company", "name": name, "address": ""}
            for i, name in zip(ids, ["甲", "乙 \"引号\"", "丙"], strict=True)
        ])  # fmt: skip
        named = set(db.scalars(select(org_nodes.c.id).where(
            among(db, org_nodes.c.name, ["乙 \"引号\"", "丙", "丁"])
        )))  # fmt: skip
    assert named == set(ids[1:])


def test_sqlite_looks_each_value_up_in_the_index(sqlite_url) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as db:
        query = select(org_nodes.c.name).where(
            among(db, org_nodes.c.id, [uuid.uuid4(), uuid.uuid4()])
        )
        compiled = query.compile(dialect=db.dialect)
        plan = db.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {compiled}", tuple(compiled.params.values())
        ).all()
    engine.dispose()
    steps = " / ".join(row[-1] for row in plan)
    assert "SEARCH org_nodes USING INDEX" in steps, steps
