"""CSV as spreadsheet programs save it: UTF-8, with or without BOM, or GB18030.

Excel on a Chinese Windows saves "CSV" in the ANSI code page, GBK, which
GB18030 contains. Text that decodes as UTF-8 is taken as UTF-8: Chinese text
in GB18030 practically never is valid UTF-8. Only commas separate cells.
"""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from propcore.errors import InvalidInputError
from propcore.importing.service import Sheet
from propcore_files.rows import sheet_from_rows

ENCODINGS = ("utf-8-sig", "gb18030")


def read_csv(path: Path) -> Sheet:
    return sheet_from_rows(_records(_decode(path.read_bytes())))


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInputError.single("file", "is neither UTF-8 nor GB18030 text")


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error:
        raise InvalidInputError.single(
            "file", "is not valid CSV at line %(line)s", line=reader.line_num
        ) from None
