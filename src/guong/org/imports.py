"""Importing units from a file: the whole tree checked first, then created parents first.

A row's parent may be a unit already in the database or any row of the same file, above or
below it. Units are written level by level in bulk, each getting its path, depth, tally,
"created" history entry and audit event, as ``services.create_unit`` gives one unit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guong.accounts.roles import CHANGE_UNITS, IMPORT
from guong.core import audit, scope
from guong.core.bulk import chunked
from guong.core.errors import Forbidden, NotFound
from guong.core.imports import (
    Column,
    Dates,
    ImportResult,
    Problems,
    Sheet,
    SheetRow,
    check_length,
    choice,
    file_error,
    first_rows,
    import_completed,
    max_length,
    read_sheet,
    reject_formulas,
    text,
    unknown_unit,
    vocabulary,
)
from guong.core.text import fold

from . import rules, tally
from .models import Unit, UnitChange
from .services import UNIT_FIELDS

# The file's vocabulary is part of the import contract; exports write the first spelling.
COLUMNS: dict[str, Column] = {
    "code": Column(("Mã đơn vị", "Mã", "Code")),
    "name": Column(("Tên đơn vị", "Tên", "Name")),
    "kind": Column(("Loại", "Loại đơn vị", "Kind")),
    "parent_code": Column(("Mã đơn vị cấp trên", "Cấp trên", "Parent code", "Parent")),
    "grassroots": Column(("Cơ sở", "Tổ chức cơ sở đảng", "Grassroots"), required=False),
    "sector": Column(("Khối/Lĩnh vực", "Khối", "Lĩnh vực", "Sector"), required=False),
    "founded_on": Column(("Ngày thành lập", "Founded on"), required=False),
}
KIND_WORDS: dict[str, tuple[str, ...]] = {
    Unit.Kind.COMMITTEE: ("Đảng bộ", "Đảng bộ cơ sở", "Đảng bộ bộ phận"),
    Unit.Kind.CELL: ("Chi bộ", "Chi bộ cơ sở", "Chi bộ trực thuộc"),
}
YES_NO_WORDS: dict[str, tuple[str, ...]] = {
    "yes": ("Có", "1", "x", "true", "đúng"),
    "no": ("Không", "0", "false", "sai"),
}
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    Unit.Sector.COMMUNE: (
        "Xã, phường, thị trấn",
        "Xã/phường/thị trấn",
        "Xã",
        "Phường",
        "Thị trấn",
        "Xã, phường, đặc khu",
        "Đặc khu",
    ),
    Unit.Sector.AGENCY: ("Cơ quan", "Khối cơ quan", "Cơ quan hành chính"),
    Unit.Sector.PUBLIC_SERVICE: ("Đơn vị sự nghiệp", "Sự nghiệp", "Đơn vị sự nghiệp công lập"),
    Unit.Sector.ENTERPRISE: ("Doanh nghiệp", "Khối doanh nghiệp"),
    Unit.Sector.ARMED_FORCES: ("Lực lượng vũ trang", "Quân đội", "Công an"),
    Unit.Sector.OTHER: ("Khác",),
}
_KINDS = vocabulary(KIND_WORDS.items())
_YES_NO = vocabulary(YES_NO_WORDS.items())
_SECTORS = vocabulary(SECTOR_WORDS.items())
_CODE_LIMIT = max_length(Unit, "code")
_NAME_LIMIT = max_length(Unit, "name")


def read_units(data: bytes, filename: str) -> Sheet:
    """Read an uploaded units file; Invalid when it is not a table with the needed columns."""
    return read_sheet(data, filename, COLUMNS)


def import_units(rows: Sheet, *, actor, dry_run: bool = False) -> ImportResult:
    """Create every unit of `rows` (a file read by `read_units`), or none: Invalid lists
    every bad row and field.

    A parent in the database must lie where the actor may import and change units; only an
    administrator adds a top-level unit. With `dry_run`, everything is checked, nothing written.
    """
    sheet = rows
    planned = _Check(sheet, actor).run()
    if not dry_run:
        _write(planned, sheet, actor)
    by_parent = Counter(p.parent_code or "" for p in planned)
    return ImportResult(
        kind="units",
        rows=len(sheet.rows),
        created=len(planned),
        dry_run=dry_run,
        by_unit=dict(by_parent.most_common()),
    )


@dataclass
class _Planned:
    row: int
    unit: Unit
    parent_code: str
    parent: Unit | None  # a unit already in the database, or None (in the file, or top level)


@dataclass
class _Check:
    sheet: Sheet
    actor: object
    problems: Problems = field(default_factory=lambda: Problems(COLUMNS))
    existing: dict[str, Unit] = field(default_factory=dict)
    codes: dict[str, list[int]] = field(default_factory=dict)
    dates: Dates = field(default_factory=Dates)

    def run(self) -> list[_Planned]:
        if not self.sheet.rows:
            raise file_error(_("The file has no rows below its header."))
        self.existing = _existing_units(self.sheet)
        planned = [self.unit(row) for row in self.sheet.rows]
        in_file = {p.unit.code: p for p in planned if p.unit.code}
        for item in planned:
            self.check_parent(item, in_file)
        for cycle in _cycles(in_file):
            self.report_cycle(cycle)
        self.problems.check()
        return planned

    def unit(self, row: SheetRow) -> _Planned:
        reject_formulas(row, self.sheet, self.problems)
        values, add = row.values, self.problems.add
        code, name = text(values.get("code")), text(values.get("name"))
        self.check_code(row, code)
        if not name:
            add(row.number, "name", _("The name is required."))
        check_length(row, "name", name, _NAME_LIMIT, self.problems)
        kind = choice(values.get("kind"), _KINDS)
        if kind is None:
            add(row.number, "kind", _("The kind must be committee or cell (đảng bộ or chi bộ)."))
        unit = Unit(
            code=code,
            name=name,
            name_folded=fold(name),
            kind=kind or "",
            grassroots=self.yes_no(row),
            sector=self.sector(row),
            founded_on=self.dates.read(row, "founded_on", self.problems, required=False),
        )
        return _Planned(row.number, unit, text(values.get("parent_code")), None)

    def check_code(self, row: SheetRow, code: str) -> None:
        add = self.problems.add
        if not code:
            add(row.number, "code", _("The code is required."))
            return
        check_length(row, "code", code, _CODE_LIMIT, self.problems)
        first = first_rows(self.codes, code, row.number)
        if first is not None:
            add(
                row.number,
                "code",
                _("The code %(code)s is also on row %(row)d of this file.")
                % {"code": code, "row": first},
            )
        elif code in self.existing:
            add(row.number, "code", _("The code %(code)s is already used.") % {"code": code})

    def yes_no(self, row: SheetRow) -> bool:
        cell = row.values.get("grassroots")
        if cell is None or cell == "" or cell is False:
            return False
        if cell is True:
            return True
        answer = choice(cell, _YES_NO)
        if answer is None:
            self.problems.add(row.number, "grassroots", _("Write yes or no (có or không)."))
        return answer == "yes"

    def sector(self, row: SheetRow) -> str:
        cell = row.values.get("sector")
        if cell is None or cell == "":
            return ""
        sector = choice(cell, _SECTORS)
        if sector is None:
            self.problems.add(
                row.number, "sector", _("Unknown sector “%(value)s”.") % {"value": text(cell)}
            )
        return sector or ""

    def check_parent(self, item: _Planned, in_file: dict[str, _Planned]) -> None:
        add, code = self.problems.add, item.parent_code
        if not code:
            if not getattr(self.actor, "is_superuser", False):
                add(
                    item.row,
                    "parent_code",
                    _(
                        "Only an administrator can add a top-level unit; "
                        "give the code of the unit above it."
                    ),
                )
        elif code in in_file:
            if in_file[code].unit.kind == Unit.Kind.CELL:
                add(
                    item.row,
                    "parent_code",
                    _("A cell cannot contain other units; choose a party committee."),
                )
        else:
            item.parent = self.existing.get(code)
            for message in self.parent_errors(item.parent, code):
                add(item.row, "parent_code", message)

    def parent_errors(self, parent: Unit | None, code: str) -> list[str]:
        unknown = unknown_unit(code)
        if parent is None:
            return [unknown]
        try:
            scope.require(self.actor, IMPORT, parent)
            scope.require(self.actor, CHANGE_UNITS, parent)
        except NotFound:
            return [unknown]
        except Forbidden:
            return [_("Your role does not allow adding units under %(code)s.") % {"code": code}]
        return rules.parent_errors(None, parent)

    def report_cycle(self, cycle: list[_Planned]) -> None:
        chain = " → ".join([p.unit.code for p in cycle] + [cycle[0].unit.code])
        for item in cycle:
            self.problems.add(
                item.row,
                "parent_code",
                _("These units are placed under one another in a circle: %(chain)s.")
                % {"chain": chain},
            )


def _existing_units(sheet: Sheet) -> dict[str, Unit]:
    """Units already in the database whose code the file uses, as a code or as a parent."""
    codes = set()
    for row in sheet.rows:
        codes.add(text(row.values.get("code")))
        codes.add(text(row.values.get("parent_code")))
    found: dict[str, Unit] = {}
    for chunk in chunked(sorted(codes - {""})):
        found.update((unit.code, unit) for unit in Unit.objects.filter(code__in=chunk))
    return found


def _cycles(in_file: dict[str, _Planned]) -> list[list[_Planned]]:
    """Each circle of rows placed under one another ("A under B under A"), once."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    cycles = []
    for start in in_file:
        path: list[str] = []
        code = start
        while code in in_file and code not in state:
            state[code] = 1
            path.append(code)
            code = in_file[code].parent_code
        if state.get(code) == 1:  # the walk came back to a code on its own path
            cycles.append([in_file[c] for c in path[path.index(code) :]])
        for walked in path:
            state[walked] = 2
    return cycles


def _levels(planned: list[_Planned]) -> list[list[_Planned]]:
    """The rows in generations: those under existing units (or at the top) first."""
    children: dict[str, list[_Planned]] = {}
    level = []
    for item in planned:
        if item.parent is not None or not item.parent_code:
            level.append(item)
        else:
            children.setdefault(item.parent_code, []).append(item)
    levels = []
    while level:
        levels.append(level)
        level = [child for item in level for child in children.get(item.unit.code, [])]
    return levels


def _write(planned: list[_Planned], sheet: Sheet, actor) -> None:
    try:
        with transaction.atomic():
            units = _insert_tree(planned)
            tally.add_units(units)
            today = timezone.localdate()
            UnitChange.objects.bulk_create(
                [
                    UnitChange(
                        unit=unit,
                        kind=UnitChange.Kind.CREATED,
                        on=unit.founded_on or today,
                        new_value=unit.name,
                    )
                    for unit in units
                ]
            )
            changes = [
                audit.Change("unit.created", unit, after=audit.snapshot(unit, UNIT_FIELDS))
                for unit in units
            ]
            changes.append(import_completed("units", sheet, len(units)))
            audit.record_many(actor, changes)
    except IntegrityError:
        raise file_error(
            _(
                "Some of these codes were used by someone else while the file was being imported. "
                "Nothing was imported; import the file again."
            )
        ) from None


def _insert_tree(planned: list[_Planned]) -> list[Unit]:
    """Insert generation by generation, so each unit's parent has its id and path first."""
    created: dict[str, Unit] = {}
    for level in _levels(planned):
        units = []
        for item in level:
            item.unit.parent = item.parent or created.get(item.parent_code)
            units.append(item.unit)
        Unit.objects.bulk_create(units)
        for unit in units:
            unit.path = rules.child_path(unit.parent, unit.pk)
            unit.depth = unit.parent.depth + 1 if unit.parent else 0
            created[unit.code] = unit
        Unit.objects.bulk_update(units, ["path", "depth"], batch_size=1000)
    return list(created.values())
