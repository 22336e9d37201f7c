"""What every import shares: reading a file into rows keyed by field, turning cells into values,
collecting every problem with its row number, and writing many rows at once.

An import is all or nothing. Importers (``org.imports``, ``members.imports``) read the whole
file, check every row, and raise one ``Invalid`` listing every bad row and field, with the row
number a person sees in Excel (the header is row 1), before they write anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from . import audit
from .bulk import chunked
from .errors import Invalid
from .tabular import TableError, match_headers, read_table
from .text import clean_spaces, fold, parse_date

HEADER_ROW = 1
_VOCABULARY_LIMIT = 10_000  # spellings remembered per vocabulary
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Column:
    """A field an import reads: the labels its header may carry besides the field name."""

    labels: tuple[str, ...]
    required: bool = True

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else ""


@dataclass(slots=True)
class SheetRow:
    number: int  # as Excel shows it
    values: dict[str, object]  # field name → the cell as read (None when empty)
    formulas: list[str] = field(default_factory=list)  # fields whose cell holds a formula


@dataclass
class Sheet:
    """An uploaded file read into rows keyed by field name, with what identifies the file."""

    name: str
    sha256: str
    rows: list[SheetRow]
    headers: dict[str, str]  # field name → the header as written in the file
    ignored: list[str] = field(default_factory=list)  # headers that match no field
    encoding: str | None = None


@dataclass
class ImportResult:
    """What an import created (or, with dry_run, would create)."""

    kind: str  # "units" or "members"
    rows: int
    created: int
    dry_run: bool
    by_unit: dict[str, int] = field(default_factory=dict)  # unit code → rows placed there


KINDS = ("units", "members")


def importer(kind: str) -> tuple[Callable[[bytes, str], Sheet], Callable[..., ImportResult]]:
    """(read the file, import its rows) for `kind`, "units" or "members"."""
    from guong.members.imports import import_members, read_members
    from guong.org.imports import import_units, read_units

    return {"units": (read_units, import_units), "members": (read_members, import_members)}[kind]


def run_import(
    kind: str, data: bytes, filename: str, *, actor, dry_run: bool = False
) -> tuple[Sheet, ImportResult]:
    """Read and import a file of `kind`, all or nothing (the command and the page)."""
    read, run = importer(kind)
    sheet = read(data, filename)
    return sheet, run(sheet, actor=actor, dry_run=dry_run)


_SUMMARIES = {
    ("units", True): ngettext_lazy(
        "%(rows)d rows checked: %(n)d unit is ready to be created.",
        "%(rows)d rows checked: %(n)d units are ready to be created.",
        "n",
    ),
    ("units", False): ngettext_lazy("%(n)d unit imported.", "%(n)d units imported.", "n"),
    ("members", True): ngettext_lazy(
        "%(rows)d rows checked: %(n)d member is ready to be added to %(units)s.",
        "%(rows)d rows checked: %(n)d members are ready to be added to %(units)s.",
        "n",
    ),
    ("members", False): ngettext_lazy(
        "%(n)d member imported into %(units)s.", "%(n)d members imported into %(units)s.", "n"
    ),
}
_UNIT_COUNT = ngettext_lazy("%(count)d unit", "%(count)d units", "count")


def summary(result: ImportResult) -> str:
    """One sentence saying what an import did, or with dry_run what it would do."""
    units = _UNIT_COUNT % {"count": len(result.by_unit)}
    return _SUMMARIES[result.kind, result.dry_run] % {
        "rows": result.rows,
        "n": result.created,
        "units": units,
    }


class Problems:
    """Collects every bad row and field of a file; ``check()`` raises them all at once."""

    def __init__(self, order: Iterable[str] = ()) -> None:
        self.items: list[dict] = []
        self.rows: set[int] = set()  # the numbers of the bad rows
        self.order = {name: index for index, name in enumerate(order)}  # columns, left first

    def add(self, row: int, field_name: str, message: str) -> None:
        self.items.append({"row": row, "field": field_name, "message": str(message)})
        self.rows.add(row)

    def check(self, detail: str | None = None) -> None:
        if self.items:
            last = len(self.order)
            self.items.sort(key=lambda item: (item["row"], self.order.get(item["field"], last)))
            raise Invalid(self.items, detail or _("Nothing was imported: correct these rows."))


def file_error(message: str) -> Invalid:
    """A problem with the file as a whole, not with one of its rows."""
    return Invalid(
        [{"field": "file", "message": str(message)}],
        _("Nothing was imported: the file cannot be used."),
    )


# --- reading a file -------------------------------------------------------------------------


def read_sheet(data: bytes, filename: str, columns: dict[str, Column]) -> Sheet:
    """Read an uploaded CSV or XLSX and key its rows by field; Invalid if it has no such table."""
    try:
        table = read_table(data, filename)
    except TableError as error:
        raise file_error(str(error)) from None
    mapping, ignored = match_headers(table.headers, {n: list(c.labels) for n, c in columns.items()})
    headers = {name: header for header, name in mapping.items()}
    missing = [name for name, column in columns.items() if column.required and name not in headers]
    if missing:
        message = _("The column “%(label)s” (%(name)s) is missing.")
        errors = [
            {
                "row": HEADER_ROW,
                "field": name,
                "message": message % {"label": columns[name].label, "name": name},
            }
            for name in missing
        ]
        raise Invalid(errors, _("The file does not have the columns this import needs."))
    pairs = list(mapping.items())
    rows = []
    for row in table.rows:
        values = row.values
        sheet_row = SheetRow(row.number, {name: values.get(header) for header, name in pairs})
        if row.formula_cells:
            sheet_row.formulas = [name for header, name in pairs if header in row.formula_cells]
        rows.append(sheet_row)
    return Sheet(
        name=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        rows=rows,
        headers=headers,
        ignored=ignored,
        encoding=table.encoding,
    )


def reject_formulas(row: SheetRow, sheet: Sheet, problems: Problems) -> None:
    for name in row.formulas:
        problems.add(
            row.number,
            name,
            _(
                "The cell in column “%(column)s” holds a formula; imports take values only. "
                "Copy the column and paste it as values."
            )
            % {"column": sheet.headers.get(name, name)},
        )


# --- cells to values ------------------------------------------------------------------------


def text(value: object) -> str:
    """A cell as trimmed NFC text; numbers typed into Excel come back without ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_spaces(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return clean_spaces(str(value))


def code(value: object) -> str:
    """A code or number cell (card number, unit code) as text; cheaper than ``text``, since
    such cells have no inner spaces to clean."""
    if isinstance(value, str):
        return value.strip()
    return text(value)


class Dates:
    """Reads date cells, remembering each distinct text it has parsed: a province's 100,000
    rows hold far fewer distinct dates, and parsing is most of the cost of checking a row."""

    def __init__(self) -> None:
        self._seen: dict[object, tuple[dt.date | None, str]] = {}

    def read(
        self, row: SheetRow, name: str, problems: Problems, *, required: bool = True
    ) -> dt.date | None:
        value = row.values.get(name)
        if value is None or value == "":
            if required:
                problems.add(row.number, name, _("This date is required."))
            return None
        if isinstance(value, dt.date):
            return value.date() if isinstance(value, dt.datetime) else value
        found = self._seen.get(value)
        if found is None:
            try:
                found = (parse_date(text(value)), "")
            except ValueError as error:
                found = (None, str(error))
            self._seen[value] = found
        if found[1]:
            problems.add(row.number, name, found[1])
        return found[0]


def _word_key(spelling: str) -> str:
    return _NOT_ALNUM.sub("", fold(spelling))


def vocabulary(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Spelling key → value, from (value, its spellings); the value is a spelling too."""
    words: dict[str, str] = {}
    for value, spellings in pairs:
        for spelling in (value, *spellings):
            words[_word_key(str(spelling))] = value
    return words


def choice(value: object, words: dict[str, str]) -> str | None:
    """The value a cell names, ignoring case, diacritics, spaces and punctuation ("Chi bộ",
    "chi bo", "CHI-BO"); None if it names none. A spelling once understood is remembered."""
    found = words.get(value) if isinstance(value, str) else None
    if found is None:
        found = words.get(_word_key(text(value)))
        if found is not None and isinstance(value, str) and len(words) < _VOCABULARY_LIMIT:
            words[value] = found
    return found


def unknown_unit(code: str) -> str:
    """Said alike of a code that exists nowhere and of one outside the actor's scope."""
    return _("There is no unit with the code %(code)s that you may import into.") % {"code": code}


def max_length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def check_length(row: SheetRow, name: str, value: str, limit: int, problems: Problems) -> None:
    if len(value) > limit:
        problems.add(
            row.number,
            name,
            _("At most %(limit)d characters (this one has %(n)d).")
            % {"limit": limit, "n": len(value)},
        )


def first_rows(values: dict[str, list[int]], value: str, number: int) -> int | None:
    """Remember that `value` appears on row `number`; the row it first appeared on, if any."""
    seen = values.setdefault(value, [])
    seen.append(number)
    return seen[0] if len(seen) > 1 else None


def import_completed(kind: str, sheet: Sheet, created: int) -> audit.Change:
    """The audit event closing an import: which file (by SHA-256), how many rows, created."""
    return audit.Change(
        "import.completed",
        None,
        object_type="import",
        object_id=sheet.sha256[:40],
        object_repr=sheet.name,
        after={
            "kind": kind,
            "file": sheet.name,
            "sha256": sheet.sha256,
            "rows": len(sheet.rows),
            "created": created,
        },
    )


# --- reading and writing many rows ----------------------------------------------------------


def existing_values(model: type[models.Model], name: str, values: Iterable[str]) -> set[str]:
    """Which of `values` the column `name` of `model` already holds (card numbers, codes).

    On PostgreSQL one `= ANY(array)` query per 20,000 values: `IN (…)` with thousands of
    placeholders costs more to build than to run.
    """
    values = sorted(set(values) - {""})
    if connection.vendor != "postgresql":
        found: set[str] = set()
        for chunk in chunked(values):
            found.update(
                model.objects.filter(**{f"{name}__in": chunk}).values_list(name, flat=True)
            )
        return found
    quote = connection.ops.quote_name
    column, table = quote(model._meta.get_field(name).column), quote(model._meta.db_table)
    found = set()
    with connection.cursor() as cursor:
        for chunk in chunked(values, 20_000):
            cursor.execute(f"SELECT {column} FROM {table} WHERE {column} = ANY(%s)", [chunk])
            found.update(value for (value,) in cursor.fetchall())
    return found
