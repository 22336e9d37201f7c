"""Members in a file people download: exactly those the user may export, in Vietnamese.

The columns and words are those the members import reads, so an exported file imports again.
"""

from __future__ import annotations

from collections.abc import Iterator

from guong.accounts.roles import EXPORT
from guong.core import exports, scope
from guong.core.errors import Forbidden

from .imports import COLUMNS, GENDER_WORDS, STATUS_WORDS
from .queries import MemberFilter, members_for

UNIT_NAME_HEADER = "Tên đơn vị"
HEADERS = [
    COLUMNS["card_number"].label,
    COLUMNS["full_name"].label,
    COLUMNS["birth_date"].label,
    COLUMNS["gender"].label,
    COLUMNS["unit_code"].label,
    UNIT_NAME_HEADER,
    COLUMNS["admitted_on"].label,
    COLUMNS["official_on"].label,
    COLUMNS["status"].label,
    COLUMNS["residence"].label,
]
_VALUES = (
    "card_number",
    "full_name",
    "birth_date",
    "gender",
    "unit__code",
    "unit__name",
    "admitted_on",
    "official_on",
    "status",
    "residence",
)
_GENDER = {value: words[0] for value, words in GENDER_WORDS.items()}
_STATUS = {value: words[0] for value, words in STATUS_WORDS.items()}
SHEET_TITLE = "Đảng viên"


def member_rows(user, member_filter: MemberFilter) -> Iterator[tuple]:
    """The rows of the export: the members `user` may export that `member_filter` keeps."""
    if scope.prefixes(user, EXPORT) == []:
        raise Forbidden(EXPORT)
    queryset = member_filter.apply(members_for(user, EXPORT)).values_list(*_VALUES)
    return map(_row, queryset.iterator(chunk_size=2000))


def _row(values: tuple) -> tuple:
    card, name, birth, gender, code, unit, admitted, official, status, home = values
    return (
        card,
        name,
        birth,
        _GENDER.get(gender, gender),
        code,
        unit,
        admitted,
        official,
        _STATUS.get(status, status),
        home,
    )


def export_members(user, member_filter: MemberFilter, file_format: str = "xlsx") -> bytes:
    """The file (XLSX or CSV) of the members `user` may export that `member_filter` keeps.

    Text cells a spreadsheet would run as formulas are neutralized by ``core.exports``.
    """
    rows = member_rows(user, member_filter)
    if file_format == "csv":
        return exports.write_csv(HEADERS, rows)
    return exports.write_xlsx(HEADERS, rows, sheet_title=SHEET_TITLE)
