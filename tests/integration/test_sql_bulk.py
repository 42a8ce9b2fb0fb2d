"""Many new rows at once, skipping those that break a unique constraint, on
both databases."""

import uuid

from sqlalchemy import func, insert, select

from propcore_sql import bulk
from propcore_sql.tables import buildings, org_nodes


def _estate(db) -> uuid.UUID:
    estate_id = uuid.uuid4()
    db.execute(insert(org_nodes).values(id=estate_id, kind="estate", name="小区",
                                        address=""))  # fmt: skip
    return estate_id


def _building(estate_id: uuid.UUID, name: str) -> dict:
    return {"id": uuid.uuid4(), "estate_id": estate_id, "name": name, "address": ""}


def test_rows_whose_keys_are_taken_are_skipped_and_the_rest_named(engine) -> None:
    with engine.begin() as db:
        estate_id = _estate(db)
        there = [_building(estate_id, f"{n}栋") for n in (2, 5)]
        db.execute(insert(buildings), there)
    rows = [_building(estate_id, f"{n}栋") for n in range(1, 7)]
    with engine.begin() as db:
        kept = bulk.insert_new(db, buildings, rows, ("estate_id", "name"))
        # the transaction goes on after rows were skipped
        bulk.insert_rows(db, buildings, [_building(estate_id, "7栋")])
    with engine.connect() as db:
        stored = dict(db.execute(select(buildings.c.name, buildings.c.id)).all())
        count = db.scalar(select(func.count()).select_from(buildings))
    new = [row for row in rows if row["name"] not in ("2栋", "5栋")]
    assert kept == {row["id"] for row in new}
    assert count == 7
    assert {stored[row["name"]] for row in there} == {row["id"] for row in there}


def test_rows_all_new_go_in_at_once(engine) -> None:
    with engine.begin() as db:
        estate_id = _estate(db)
        rows = [_building(estate_id, f"{n}栋") for n in range(1, 5)]
        kept = bulk.insert_new(db, buildings, rows, ("estate_id", "name"))
    with engine.connect() as db:
        stored = set(db.scalars(select(buildings.c.id)))
    assert kept == {row["id"] for row in rows} == stored
