"""Files people download: CSV that Excel opens with Vietnamese intact, and XLSX.

Every string cell goes through ``safe_cell``, so that text typed by one user cannot run as a
formula on another user's computer (CSV/formula injection).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import chain, islice

from guong.core.text import format_date

# Excel, LibreOffice and Google Sheets start a formula with any of these; the full-width forms
# are turned into ASCII by some input methods and spreadsheet imports.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_CSV_CHUNK_ROWS = 1000
_WIDTH_SAMPLE_ROWS = 200
_XLSX_DATE = "DD/MM/YYYY"
_XLSX_DATETIME = "DD/MM/YYYY HH:MM"
# Characters XML 1.0 forbids; openpyxl refuses to write them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_cell(value: object) -> object:
    """Prefix an apostrophe to text a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# --- CSV ------------------------------------------------------------------------------------


def _csv_text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return f"{format_date(value)} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, int | float | Decimal):
        return value
    return safe_cell(str(value))  # lazy translations, UUIDs, enums


def iter_csv(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The CSV of ``write_csv`` in chunks, for a streaming HTTP response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_text(header) for header in headers])
    prefix = "\ufeff"  # the BOM: without it Excel reads UTF-8 as the ANSI code page
    rows = iter(rows)
    while True:
        chunk = list(islice(rows, _CSV_CHUNK_ROWS))
        writer.writerows([_csv_text(value) for value in row] for row in chunk)
        yield (prefix + buffer.getvalue()).encode("utf-8")
        if len(chunk) < _CSV_CHUNK_ROWS:
            return
        prefix = ""
        buffer.seek(0)
        buffer.truncate()


def write_csv(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV with a BOM, comma-separated, CRLF line ends, dates as dd/mm/yyyy."""
    return b"".join(iter_csv(headers, rows))


# --- XLSX -----------------------------------------------------------------------------------


def _sheet_title(title: str) -> str:
    return " ".join(_SHEET_TITLE_FORBIDDEN.sub(" ", title).split())[:31].strip() or "Sheet1"


def _xlsx_value(value: object) -> object:
    if value is None or isinstance(value, int | float | Decimal | datetime.date):
        return value
    return _XML_ILLEGAL.sub("", str(safe_cell(value if isinstance(value, str) else str(value))))


def _display_width(value: object) -> int:
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _column_widths(headers: Sequence[object], sample: list[Sequence[object]]) -> list[float]:
    widths = [_display_width(header) for header in headers]
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            if value is not None:
                widths[index] = max(widths[index], _display_width(value))
    return [min(max(width, 6) + 2, 60) for width in widths]


def _xlsx_cells(sheet, row: Sequence[object]) -> list[object]:
    """Plain values, except dates: cells carrying their dd/mm/yyyy display format."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[object] = []
    for raw in row:
        value = _xlsx_value(raw)
        if isinstance(value, datetime.date):
            value = WriteOnlyCell(sheet, value=value)
            is_datetime = isinstance(value.value, datetime.datetime)
            value.number_format = _XLSX_DATETIME if is_datetime else _XLSX_DATE
        cells.append(value)
    return cells


def write_xlsx(
    headers: Sequence[object], rows: Iterable[Sequence[object]], sheet_title: str = "Sheet1"
) -> bytes:
    """One-sheet workbook: bold frozen header, real Excel dates shown dd/mm/yyyy.

    Written with openpyxl's write-only mode, so rows are serialized as they come; column widths
    are estimated from the header and the first rows.
    """
    from openpyxl import Workbook  # imported here: most requests never export
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    rows = iter(rows)
    sample = list(islice(rows, _WIDTH_SAMPLE_ROWS))
    for index, width in enumerate(_column_widths(headers, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = [WriteOnlyCell(sheet, value=_xlsx_value(header)) for header in headers]
    for header_cell in header_cells:
        header_cell.font = bold
    sheet.append(header_cells)
    for row in chain(sample, rows):
        sheet.append(_xlsx_cells(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
