"""Importing members from a file: every row checked in memory, then written in bulk.

A province loads 100,000–300,000 members at once, so rows are not created one by one through
``services.create_member``: the same rules (``rules.member_errors``) judge each row, two
queries fetch the units and the card numbers already registered, and the members, their unit
periods, their first standing and their audit events are written in bulk in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guong.accounts.roles import IMPORT
from guong.core import audit, rulesets, scope
from guong.core.bulk import chunked, insert_rows
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
    code,
    existing_values,
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
from guong.core.models import RuleSet
from guong.core.text import fold, name_sort_key
from guong.org import tally
from guong.org.models import Unit

from . import rules
from .models import ON_REGISTER, Gender, Member, Membership, Status, StatusChange
from .services import MEMBER_FIELDS

# The file's vocabulary is part of the import contract, like the column names: the first
# spelling of each is what exports write, so that an exported file imports again.
COLUMNS: dict[str, Column] = {
    "card_number": Column(("Số thẻ đảng viên", "Số thẻ", "Card number")),
    "full_name": Column(("Họ và tên", "Họ tên", "Full name", "Name")),
    "birth_date": Column(("Ngày sinh", "Birth date", "Date of birth")),
    "gender": Column(("Giới tính", "Gender", "Sex")),
    "unit_code": Column(("Mã chi bộ", "Mã đơn vị", "Unit code", "Unit")),
    "admitted_on": Column(("Ngày vào Đảng", "Ngày kết nạp", "Admitted on")),
    "official_on": Column(("Ngày chính thức", "Official on")),
    "residence": Column(("Nơi cư trú", "Nơi ở", "Residence"), required=False),
    "status": Column(("Trạng thái", "Status"), required=False),
}
GENDER_WORDS: dict[str, tuple[str, ...]] = {
    Gender.MALE: ("Nam", "m"),
    Gender.FEMALE: ("Nữ", "f"),
}
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    Status.PROBATIONARY: ("Dự bị", "Đảng viên dự bị"),
    Status.FULL: ("Chính thức", "Đảng viên chính thức", "full member"),
    Status.EXEMPT: ("Miễn công tác và sinh hoạt", "Miễn sinh hoạt"),
    Status.SUSPENDED: ("Đình chỉ sinh hoạt", "Tạm đình chỉ sinh hoạt"),
    Status.TRANSFERRED_OUT: ("Chuyển đi", "Chuyển sinh hoạt đi", "transferred"),
    Status.REMOVED: ("Xóa tên",),
    Status.EXPELLED: ("Khai trừ",),
    Status.DECEASED: ("Từ trần", "Đã mất"),
}
_GENDERS = vocabulary(GENDER_WORDS.items())
_STATUSES = vocabulary(STATUS_WORDS.items())
_NAME_LIMIT = max_length(Member, "full_name")
_RESIDENCE_LIMIT = max_length(Member, "residence")


def read_members(data: bytes, filename: str) -> Sheet:
    """Read an uploaded members file; Invalid when it is not a table with the needed columns."""
    return read_sheet(data, filename, COLUMNS)


def import_members(rows: Sheet, *, actor, dry_run: bool = False) -> ImportResult:
    """Create every member of `rows` (a file read by `read_members`), or none: Invalid lists
    every bad row and field.

    The actor needs `data.import` on each row's unit; a unit outside that scope is reported
    exactly like an unknown one. With `dry_run`, everything is checked and nothing written.
    """
    sheet = rows
    records, units = _Check(sheet, actor).run()
    if not dry_run:
        _write(records, units, sheet, actor)
    codes = {unit.pk: unit.code for unit in units}
    by_unit = Counter(codes[record["unit_id"]] for record in records)
    return ImportResult(
        kind="members",
        rows=len(sheet.rows),
        created=len(records),
        dry_run=dry_run,
        by_unit=dict(by_unit.most_common()),
    )


@dataclass
class _Check:
    """Reads and judges every row; a row that passes becomes a record of Member fields."""

    sheet: Sheet
    actor: object
    problems: Problems = field(default_factory=lambda: Problems(COLUMNS))
    today: dt.date = field(default_factory=timezone.localdate)
    rule_set: RuleSet | None = None
    dates: Dates = field(default_factory=Dates)
    names: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    registered: set[str] = field(default_factory=set)
    cards: dict[str, list[int]] = field(default_factory=dict)

    def run(self) -> tuple[list[dict], list[Unit]]:
        rows = self.sheet.rows
        if not rows:
            raise file_error(_("The file has no rows below its header."))
        self.rule_set = rulesets.in_force("membership", self.today)
        records = [self.read(row) for row in rows]
        self.units = _units_in_scope({r["unit_code"] for r in records}, self.actor)
        self.registered = existing_values(
            Member, "card_number", (r["card_number"] for r in records)
        )
        for row, record in zip(rows, records, strict=True):
            self.judge(row, record)
        self.problems.check()
        used = {record["unit_id"] for record in records}
        return records, [unit for unit in self.units.values() if unit.pk in used]

    def read(self, row: SheetRow) -> dict:
        """The row's cells as Member fields; cells that cannot be read are reported."""
        values, problems = row.values, self.problems
        reject_formulas(row, self.sheet, problems)
        gender = values.get("gender")
        full_name, name_folded, sort_key = self.name(values.get("full_name"))
        return {
            "card_number": code(values.get("card_number")),
            "full_name": full_name,
            "name_folded": name_folded,
            "sort_key": sort_key,
            "birth_date": self.dates.read(row, "birth_date", problems),
            "gender": choice(gender, _GENDERS) or text(gender),
            "admitted_on": self.dates.read(row, "admitted_on", problems),
            "official_on": self.dates.read(row, "official_on", problems, required=False),
            "residence": text(values.get("residence")),
            "unit_code": code(values.get("unit_code")),
        }

    def name(self, cell: object) -> tuple[str, str, str]:
        """(full name, its search form, its sort key); names repeat, so each is worked once."""
        known = self.names.get(cell)
        if known is None:
            full_name = text(cell)
            known = self.names[cell] = (full_name, fold(full_name), name_sort_key(full_name))
        return known

    def judge(self, row: SheetRow, record: dict) -> None:
        """Apply the membership rules and the file-wide checks; complete the record."""
        add = self.problems.add
        for error in rules.member_errors(record, today=self.today, rules=self.rule_set):
            add(row.number, error["field"], error["message"])
        check_length(row, "full_name", record["full_name"], _NAME_LIMIT, self.problems)
        check_length(row, "residence", record["residence"], _RESIDENCE_LIMIT, self.problems)
        self.check_card(row, record["card_number"])
        unit = self.unit(row, record["unit_code"])
        record["unit_id"] = unit.pk if unit else None
        record["status"] = self.status(row, record["official_on"])
        record["status_since"] = record["official_on"] or record["admitted_on"]

    def check_card(self, row: SheetRow, card: str) -> None:
        if not rules.CARD_NUMBER.match(card):
            return  # member_errors has said what is wrong with it
        first = first_rows(self.cards, card, row.number)
        if first is not None:
            self.problems.add(
                row.number,
                "card_number",
                _("The card number %(card)s is also on row %(row)d of this file.")
                % {"card": card, "row": first},
            )
        elif card in self.registered:
            self.problems.add(
                row.number,
                "card_number",
                _("The card number %(card)s is already registered.") % {"card": card},
            )

    def unit(self, row: SheetRow, unit_code: str) -> Unit | None:
        unit = self.units.get(unit_code)
        if not unit_code:
            self.problems.add(row.number, "unit_code", _("The unit code is required."))
        elif unit is None:
            self.problems.add(row.number, "unit_code", unknown_unit(unit_code))
        elif not unit.is_active:
            self.problems.add(
                row.number,
                "unit_code",
                _("The unit %(code)s (%(name)s) has ended.")
                % {"code": unit_code, "name": unit.name},
            )
        return unit

    def status(self, row: SheetRow, official_on: dt.date | None) -> str:
        cell = row.values.get("status")
        if cell is None or cell == "":
            return Status.FULL if official_on else Status.PROBATIONARY
        status = choice(cell, _STATUSES)
        if status is None:
            self.problems.add(
                row.number, "status", _("Unknown status “%(value)s”.") % {"value": text(cell)}
            )
        elif status == Status.PROBATIONARY and official_on:
            self.problems.add(
                row.number, "official_on", _("A probationary member has no official date yet.")
            )
        elif status == Status.FULL and row.values.get("official_on") in (None, ""):
            self.problems.add(
                row.number, "official_on", _("A full member needs the date they became official.")
            )
        return status or Status.PROBATIONARY


def _units_in_scope(codes: set[str], actor) -> dict[str, Unit]:
    """The units named in the file that the actor may import into, by code."""
    found: dict[str, Unit] = {}
    for chunk in chunked(sorted(codes - {""})):
        for unit in Unit.objects.filter(code__in=chunk):
            try:
                scope.require(actor, IMPORT, unit)
            except (NotFound, Forbidden):
                continue  # reported as unknown: its existence is not revealed
            found[unit.code] = unit
    return found


_OBJECT_TYPE = Member._meta.label_lower
# The member columns a file fills (the writers add id and created_at).
MEMBER_COLUMNS = (
    "card_number",
    "full_name",
    "name_folded",
    "sort_key",
    "birth_date",
    "gender",
    "admitted_on",
    "official_on",
    "status",
    "status_since",
    "unit_id",
    "residence",
)


def _write(records: list[dict], units: list[Unit], sheet: Sheet, actor) -> None:
    """Members, their unit periods, first standings, tallies and audit events: one transaction."""
    try:
        with transaction.atomic():
            now = timezone.now()
            ids = insert_rows(
                Member,
                (*MEMBER_COLUMNS, "created_at"),
                [(*(r[c] for c in MEMBER_COLUMNS), now) for r in records],
            )
            _insert_history(records, ids, sheet)
            by_id = {unit.pk: unit for unit in units}
            tally.adjust_many(Counter((by_id[r["unit_id"]], r["status"]) for r in records))
            changes = [
                audit.Change(
                    "member.imported",
                    None,
                    after={f: r[f] for f in MEMBER_FIELDS},
                    object_type=_OBJECT_TYPE,
                    object_id=str(pk),
                    object_repr=f"{r['full_name']} ({r['card_number']})",
                )
                for pk, r in zip(ids, records, strict=True)
            ]
            changes.append(import_completed("members", sheet, len(records)))
            audit.record_many(actor, changes)
    except IntegrityError:
        raise file_error(
            _(
                "Some of these members were registered by someone else while the file was being "
                "imported. Nothing was imported; import the file again."
            )
        ) from None


def _insert_history(records: list[dict], ids: list[int], sheet: Sheet) -> None:
    insert_rows(
        Membership,
        ("member_id", "unit_id", "started_on", "ended_on", "reason"),
        [
            (
                pk,
                r["unit_id"],
                r["admitted_on"],
                None if r["status"] in ON_REGISTER else r["status_since"],
                "",
            )
            for pk, r in zip(ids, records, strict=True)
        ],
    )
    reason = (_("Imported from %(file)s") % {"file": sheet.name})[:255]
    insert_rows(
        StatusChange,
        ("member_id", "old_status", "new_status", "on", "reason", "decision", "rule_set_id"),
        [
            (pk, "", r["status"], r["status_since"], reason, "", None)
            for pk, r in zip(ids, records, strict=True)
        ],
    )
