"""What every in-memory table shares."""

import copy

from propcore.errors import NotFoundError
from propcore.ids import Id


class _Table:
    def __init__(self, store: dict, kind: str) -> None:
        self._rows: dict[Id, object] = store.setdefault(kind, {})
        self._kind = kind

    def add(self, item) -> None:
        self._rows[item.id] = copy.deepcopy(item)

    def update(self, item) -> None:
        self.get(item.id)
        self._rows[item.id] = copy.deepcopy(item)

    def get(self, item_id: Id):
        if item_id not in self._rows:
            raise NotFoundError(self._kind, item_id)
        return copy.deepcopy(self._rows[item_id])

    def _remove_where(self, where) -> int:
        """Remove the rows ``where`` accepts; return how many."""
        doomed = [key for key, row in self._rows.items() if where(row)]
        for key in doomed:
            del self._rows[key]
        return len(doomed)

    def _all(self, where=lambda row: True) -> list:
        """Copies of the rows ``where`` accepts; it only reads the stored rows."""
        return [copy.deepcopy(r) for r in self._rows.values() if where(r)]


def _newest_first(rows, key):
    return sorted(rows, key=lambda r: (key(r), r.id), reverse=True)


def _snapshot(store: dict) -> dict:
    """Copy the tables, not the rows: a stored row is never changed in place
    (every write stores a fresh copy), so sharing rows between copies is safe."""
    return {kind: copy.copy(table) for kind, table in store.items()}
