"""Incidents in memory, and a photo store that checks only the signature."""

import uuid
from collections.abc import Iterator

from propcore.errors import InvalidInputError, NotFoundError
from tests.fakes.base import _Table

SIGNATURES = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


class FakeIncidentRepository(_Table):
    def for_estates(self, estate_ids):
        wanted = None if estate_ids is None else set(estate_ids)
        rows = self._all(lambda i: wanted is None or i.estate_id in wanted)
        return sorted(rows, key=lambda i: (i.reported_at, i.id), reverse=True)


class FakePhotoStore:
    """Keeps photos in a dict; accepts JPEG and PNG signatures up to
    ``limit`` bytes, like the real store refuses anything else."""

    def __init__(self, limit: int = 1000, names: Iterator[str] | None = None) -> None:
        self.kept: dict[str, bytes] = {}
        self._limit = limit
        self._names = names  # what to call the photos, in order (else random)

    def save(self, data: bytes) -> str:
        kind = next((k for s, k in SIGNATURES.items() if data.startswith(s)), None)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            kind = "webp"
        if kind is None:
            raise InvalidInputError.single(
                "photos", "must be a JPEG, PNG or WebP image"
            )
        if len(data) > self._limit:
            raise InvalidInputError.single("photos", "must be at most %(mb)s MB", mb=1)
        name = next(self._names) if self._names else f"{uuid.uuid4().hex}.{kind}"
        self.kept[name] = data
        return name

    def load(self, name: str) -> bytes:
        if name not in self.kept:
            raise NotFoundError("photo", name)
        return self.kept[name]
