"""Incident photos on disk: checked by content, re-encoded without metadata.

A photo is accepted when Pillow recognises it as a JPEG, PNG or WebP (what
the bytes are, not what a file name or browser says) and it is no larger
than the limit. It is then decoded and encoded again in its own format from
the pixels alone, so location, camera and other metadata do not survive;
the orientation a phone recorded is applied to the pixels first.
"""

import os
import re
import uuid
import warnings
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from propcore.errors import InvalidInputError, NotFoundError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
DEFAULT_LIMIT = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger images are refused, not decoded
_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp)$")
_NOT_AN_IMAGE = "must be a JPEG, PNG or WebP image"


def clean_image(data: bytes, limit: int = DEFAULT_LIMIT) -> tuple[bytes, str]:
    """The image re-encoded without metadata, and its file extension."""
    if len(data) > limit:
        raise InvalidInputError.single(
            "photos", "must be at most %(mb)s MB", mb=limit // (1024 * 1024)
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _reencode(data)
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            SyntaxError,
            ValueError,
        ):
            raise InvalidInputError.single("photos", _NOT_AN_IMAGE) from None


def _reencode(data: bytes) -> tuple[bytes, str]:
    with Image.open(BytesIO(data)) as image:
        kind = image.format or ""
        if kind not in FORMATS or image.width * image.height > MAX_PIXELS:
            raise InvalidInputError.single("photos", _NOT_AN_IMAGE)
        upright = ImageOps.exif_transpose(image)
        pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if pixels.mode == "P":
        pixels = pixels.convert("RGBA")
    out = BytesIO()
    pixels.save(out, format=kind)
    return out.getvalue(), FORMATS[kind]


class DirectoryPhotoStore:
    """Photos as files under ``directory``, named by random ids."""

    def __init__(self, directory: Path, limit: int = DEFAULT_LIMIT) -> None:
        self._directory = Path(directory)
        self._limit = limit

    def save(self, data: bytes) -> str:
        clean, extension = clean_image(data, self._limit)
        name = f"{uuid.uuid4().hex}.{extension}"
        self._directory.mkdir(parents=True, exist_ok=True)
        partial = self._directory / f".{name}.part"
        partial.write_bytes(clean)
        os.replace(partial, self._directory / name)
        return name

    def load(self, name: str) -> bytes:
        if not _NAME.match(name):
            raise NotFoundError("photo", name)
        try:
            return (self._directory / name).read_bytes()
        except FileNotFoundError:
            raise NotFoundError("photo", name) from None
