"""Photos on disk lose their metadata and keep their orientation."""

from io import BytesIO

from PIL import Image

from propcore_files.photos import DirectoryPhotoStore
from tests.contract.test_photo_store import picture


def _exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    if orientation:
        exif[0x0112] = orientation
    return exif.tobytes()


def test_a_kept_photo_carries_no_camera_metadata(tmp_path):
    store = DirectoryPhotoStore(tmp_path)

    name = store.save(picture("JPEG", exif=_exif()))

    kept = Image.open(BytesIO(store.load(name)))
    assert dict(kept.getexif()) == {}
    assert b"CameraMaker" not in store.load(name)


def test_a_rotated_phone_photo_is_kept_upright(tmp_path):
    store = DirectoryPhotoStore(tmp_path)

    name = store.save(picture("JPEG", size=(40, 30), exif=_exif(orientation=6)))

    assert Image.open(BytesIO(store.load(name))).size == (30, 40)


def test_a_kept_photo_is_a_file_in_the_media_directory(tmp_path):
    store = DirectoryPhotoStore(tmp_path / "media")

    name = store.save(picture("PNG"))

    assert [p.name for p in (tmp_path / "media").iterdir()] == [name]
