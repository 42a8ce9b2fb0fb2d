"""What the incident use cases need: storage, and a place for photos."""

from collections.abc import Iterable
from typing import Protocol

from propcore.errors import InvalidInputError, NotFoundError
from propcore.ids import Id
from propcore.incidents.model import Incident


class IncidentRepository(Protocol):
    def add(self, incident: Incident) -> None: ...
    def update(self, incident: Incident) -> None:
        """Store the incident's state and the timeline entries not stored yet
        (entries are never changed once stored)."""

    def get(self, incident_id: Id) -> Incident:
        """With its timeline, oldest entry first; NotFoundError if unknown."""

    def for_estates(self, estate_ids: Iterable[Id] | None) -> list[Incident]:
        """Newest first; ``None``: every estate."""


class PhotoStore(Protocol):
    """Keeps incident photos outside the database."""

    def save(self, data: bytes) -> str:
        """Check and clean a photo, keep it, return the name to find it by.

        Raise InvalidInputError on ``photos`` when the bytes are not a JPEG,
        PNG or WebP image, or are larger than the store accepts. What is kept
        carries no metadata (no location, no camera).
        """

    def load(self, name: str) -> bytes:
        """Raise NotFoundError when nothing is kept under ``name``."""


class NoPhotos:
    """A store for deployments that keep no photos: it refuses them all."""

    def save(self, data: bytes) -> str:
        raise InvalidInputError.single("photos", "photos are not accepted here")

    def load(self, name: str) -> bytes:
        raise NotFoundError("photo", name)
