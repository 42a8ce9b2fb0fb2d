"""XLSX workbooks, read with openpyxl in read-only mode.

Cells come back as the text a person typed or sees: numbers without float
artefacts, dates as ISO 8601. Formulas give the value Excel last saved;
a workbook never opened in Excel has none, so such cells read as blank.
"""

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from propcore.errors import InvalidInputError
from propcore.importing.service import Sheet
from propcore_files.rows import sheet_from_rows

EXCEL_DIGITS = 15


def read_xlsx(path: Path) -> Sheet:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError):
        raise InvalidInputError.single("file", "is not an XLSX workbook") from None
    try:
        worksheet = workbook.worksheets[0]
        worksheet.reset_dimensions()
        return sheet_from_rows(list(_rows(worksheet)))
    finally:
        workbook.close()


def _rows(worksheet: Any) -> Iterator[tuple[int, list[str]]]:
    # min_row=1 makes openpyxl yield missing rows as empty, keeping numbers right.
    rows = worksheet.iter_rows(min_row=1, values_only=True)
    for line, values in enumerate(rows, start=1):
        yield line, [cell_text(value) for value in values]


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def number_text(value: float) -> str:
    """The number as Excel shows it, to 15 significant digits: 120.5 gives
    "120.5" and 12.0 gives "12", never "120.50000000000001" or "12.0"."""
    if value.is_integer():
        return str(int(value))
    return format(Decimal(format(value, f".{EXCEL_DIGITS}g")), "f")


def _moment(value: datetime) -> str:
    if value.time() == time(0):
        return value.date().isoformat()
    return value.isoformat(sep=" ")
