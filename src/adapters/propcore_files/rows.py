"""What both readers share: finding the header among numbered rows."""

from collections.abc import Iterable

from propcore.errors import InvalidInputError
from propcore.importing.service import Sheet


def sheet_from_rows(rows: Iterable[tuple[int, list[str]]]) -> Sheet:
    """The first non-blank row is the header; blank rows are dropped."""
    filled = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise InvalidInputError.single("file", "has no header row")
    (header_line, header), *data = filled
    return Sheet(header_line, [cell.strip() for cell in header], data)
