"""Spreadsheet files (CSV, XLSX) read into the core's import sheets.

Only the first worksheet of a workbook is read. The header is the first
non-blank row; line numbers are those a person sees in Excel or an editor.
"""

from collections.abc import Callable
from pathlib import Path

from propcore.errors import InvalidInputError
from propcore.importing.service import Sheet
from propcore_files.csv_reader import read_csv
from propcore_files.xlsx_reader import read_xlsx

READERS: dict[str, Callable[[Path], Sheet]] = {".csv": read_csv, ".xlsx": read_xlsx}

__all__ = ["READERS", "read_sheet"]


def read_sheet(path: Path) -> Sheet:
    """Read ``path`` by its suffix (case-insensitive).

    Raises InvalidInputError on field ``file`` for an unknown suffix or a
    file that cannot be read as what its suffix says; OSError (e.g. a
    missing file) passes through.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InvalidInputError.single(
            "file",
            "must be a %(suffixes)s file",
            suffixes=" or ".join(sorted(READERS)),
        )
    return reader(path)
