"""The SQLite a deployment runs on is checked when the engine is made."""

import sqlite3

import pytest

from propcore_sql.engine import make_engine, require_sqlite


class OldSqlite:
    """The parts of the sqlite3 module that the check reads, from a build
    without the JSON functions or older than the migrations need."""

    OperationalError = sqlite3.OperationalError

    def __init__(self, version: str, json: bool) -> None:
        self.sqlite_version = version
        self.sqlite_version_info = tuple(int(p) for p in version.split("."))
        self._json = json

    def connect(self, name: str):
        return sqlite3.connect(name) if self._json else WithoutJson()


class WithoutJson:
    """A connection of a build without the JSON functions: asked for
    ``json_each``, it answers as such a build does."""

    def execute(self, statement: str):
        raise sqlite3.OperationalError("no such table: json_each")

    def close(self) -> None:
        pass


def test_this_pythons_sqlite_is_enough(sqlite_url) -> None:
    require_sqlite(sqlite3)
    engine = make_engine(sqlite_url)
    with engine.connect() as db:
        assert db.exec_driver_sql("SELECT count(*) FROM json_each('[1, 2]')").scalar()
    engine.dispose()


@pytest.mark.parametrize(("version", "json"), [("3.31.1", True), ("3.40.1", False)])
def test_an_older_sqlite_or_one_without_json_is_named(version, json) -> None:
    with pytest.raises(RuntimeError) as refused:
        require_sqlite(OldSqlite(version, json))

    assert str(refused.value) == (
        "propcore needs SQLite 3.35 or newer with the JSON functions; "
        f"this Python's SQLite is {version}"
    )
