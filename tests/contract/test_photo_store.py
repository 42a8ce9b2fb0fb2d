"""The photo store port, on the fake and on a directory."""

from io import BytesIO

import pytest
from PIL import Image

from propcore.errors import InvalidInputError, NotFoundError
from propcore_files.photos import DirectoryPhotoStore
from tests.fakes.incidents import FakePhotoStore

SIGNATURES = {"JPEG": b"\xff\xd8\xff", "PNG": b"\x89PNG", "WEBP": b"RIFF"}


def picture(kind: str = "JPEG", size=(40, 30), exif: bytes | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = BytesIO()
    extra = {"exif": exif} if exif else {}
    image.save(out, format=kind, **extra)
    return out.getvalue()


@pytest.fixture(params=["fake", "directory"])
def photos(request, tmp_path):
    if request.param == "fake":
        return FakePhotoStore(limit=200_000)
    return DirectoryPhotoStore(tmp_path / "media", limit=200_000)


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_photo_is_kept_in_its_own_format(photos, kind):
    name = photos.save(picture(kind))

    kept = photos.load(name)

    assert kept.startswith(SIGNATURES[kind])


@pytest.mark.parametrize("data", [b"GIF89a" + b"0" * 40, b"%PDF-1.7", b""])
def test_anything_but_a_jpeg_png_or_webp_is_refused(photos, data):
    with pytest.raises(InvalidInputError) as refused:
        photos.save(data)

    assert refused.value.fields == ("photos",)


def test_a_photo_over_the_limit_is_refused(photos):
    with pytest.raises(InvalidInputError) as refused:
        photos.save(picture("PNG") + b"\0" * 200_000)

    assert refused.value.fields == ("photos",)


@pytest.mark.parametrize("name", ["missing.jpg", "../secret", "0" * 32 + ".jpg"])
def test_an_unknown_name_is_not_found(photos, name):
    with pytest.raises(NotFoundError):
        photos.load(name)
