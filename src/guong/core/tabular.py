"""Reading the spreadsheets people upload (XLSX, CSV in any Vietnamese encoding) into rows.

Values are kept as the file has them (strings trimmed and NFC, dates as ``date``); turning them
into model fields and reporting per-row problems is the importer's job, which is why every row
carries the row number the user sees in Excel.
"""

import contextlib
import csv
import datetime
import gc
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext

from guong.core.text import clean_spaces, decode_text, fold, nfc

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx protected by a password
_DELIMITERS = (",", ";", "\t")


class TableError(ValueError):
    """The file cannot be read as a table; the message is meant for the person who uploaded it."""


@dataclass(slots=True)
class Row:
    number: int  # as Excel shows it: the header is row 1 when it is the first line
    values: dict[str, object]  # keyed by the header text exactly as in the file (NFC, trimmed)
    formula_cells: set[str] = field(default_factory=set)  # headers whose cell holds a formula


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    encoding: str | None  # the text encoding of a CSV; None for XLSX


def read_table(data: bytes, filename: str) -> Table:
    """Read an uploaded .xlsx or CSV (the default for any other name) into a Table."""
    if not data or data.isspace():
        raise TableError(gettext("The file is empty."))
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "xls" or data.startswith(_OLE_MAGIC):
        raise TableError(
            gettext(
                "Old Excel files (.xls) and password-protected workbooks cannot be read. "
                "Open the file in Excel and save it as “Excel Workbook (.xlsx)” or as CSV."
            )
        )
    with _collector_paused():
        if suffix in ("xlsx", "xlsm") or data.startswith(_ZIP_MAGIC):
            return _read_xlsx(data)
        return _read_csv(data)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while rows are built: with 100,000 rows it rescans
    hundreds of thousands of new containers over and over, nearly doubling the time. Any cycle
    made meanwhile is collected after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- XLSX -----------------------------------------------------------------------------------


# What openpyxl raises on a damaged or foreign zip (XML parse errors are SyntaxErrors).
_BROKEN_XLSX = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError)


def _read_xlsx(data: bytes) -> Table:
    import openpyxl  # imported here: a CSV-only import should not pay for loading it

    invalid = gettext("This is not a valid XLSX file.")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except _BROKEN_XLSX as error:
        raise TableError(invalid) from error
    try:
        sheet = workbook.active or workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong dimensions; read what is there
        return _build_table(_xlsx_rows(sheet), encoding=None)
    except TableError:
        raise
    except _BROKEN_XLSX as error:  # sheets are parsed lazily, so damage can show up only here
        raise TableError(invalid) from error
    finally:
        workbook.close()


def _xlsx_rows(sheet) -> Iterator[tuple[int, list[object], set[int]]]:
    """(row number, values, indexes of formula cells) for each row that is not empty."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values: list[object] = []
        formulas: set[int] = set()
        for index, cell in enumerate(cells):
            value = cell.value
            if getattr(cell, "data_type", None) == "f":
                formulas.add(index)
                value = getattr(value, "text", value)  # array formulas come as objects
            values.append(_xlsx_value(value))
        if any(v is not None for v in values):
            yield number, values, formulas


def _xlsx_value(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # card numbers typed as numbers come back as 1234.0
    if isinstance(value, str):
        return nfc(value).strip() or None
    return value


# --- CSV ------------------------------------------------------------------------------------


def _read_csv(data: bytes) -> Table:
    if b"\0" in data:
        raise TableError(gettext("This file is not a spreadsheet or a CSV file."))
    text, encoding = decode_text(data)
    first_line = next((line for line in text[:65536].splitlines() if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _build_table(_csv_rows(reader), encoding=encoding)
    except csv.Error as error:
        raise TableError(
            gettext("The CSV file is damaged near row %(row)d.") % {"row": reader.line_num}
        ) from error


def _csv_rows(reader: Iterable[list[str]]) -> Iterator[tuple[int, list[object], set[int]]]:
    no_formulas: set[int] = set()
    for number, cells in enumerate(reader, start=1):
        values: list[object] = [cell.strip() or None for cell in cells]
        if any(values):
            yield number, values, no_formulas


# --- both -----------------------------------------------------------------------------------


def _build_table(rows: Iterator[tuple[int, list[object], set[int]]], encoding: str | None) -> Table:
    header_row = next(rows, None)
    if header_row is None:
        raise TableError(gettext("The file has no header row."))
    columns = _header_columns(header_row[1])
    headers = [header for _, header in columns]
    table = Table(headers=headers, rows=[], encoding=encoding)
    indexes = [index for index, _ in columns]
    contiguous = indexes == list(range(len(indexes)))
    for number, values, formulas in rows:
        if contiguous:
            if len(values) < len(headers):
                values.extend([None] * (len(headers) - len(values)))
            row = Row(number, dict(zip(headers, values, strict=False)))
        else:
            width = len(values)
            row = Row(number, {header: values[i] if i < width else None for i, header in columns})
        if formulas:
            row.formula_cells = {header for i, header in columns if i in formulas}
        table.rows.append(row)
    return table


def _header_columns(cells: list[object]) -> list[tuple[int, str]]:
    """(column index, header text) for every column that has a header."""
    columns: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        header = clean_spaces(str(cell)) if cell is not None else ""
        if not header:
            continue
        if header in seen:
            raise TableError(
                gettext("The column “%(header)s” appears more than once in the header row.")
                % {"header": header}
            )
        seen.add(header)
        columns.append((index, header))
    return columns


# --- matching headers to fields -------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")


def _header_key(label: str) -> str:
    """ "Số thẻ đảng viên", "SO_THE_DANG_VIEN", "so the dang vien" all give "sothedangvien"."""
    return _NOT_ALNUM.sub("", fold(label))


def match_headers(
    headers: list[str], fields: dict[str, list[str]]
) -> tuple[dict[str, str], list[str]]:
    """Map each header to the field whose name or label it matches, ignoring case, diacritics,
    spaces and punctuation: (original header → field name, headers that matched nothing).

    A second header for a field already matched is reported as unknown rather than overwriting it.
    """
    by_key: dict[str, str] = {}
    for name, labels in fields.items():
        for label in (name, *labels):
            by_key.setdefault(_header_key(label), name)
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    for header in headers:
        name = by_key.get(_header_key(header))
        if name is None or name in mapping.values():
            unknown.append(header)
        else:
            mapping[header] = name
    return mapping, unknown
