"""Units in a file people download: exactly those the user may export, in tree order.

The columns and words are those the units import reads, and parents come before their units,
so an exported file imports again (into another database).
"""

from __future__ import annotations

from collections.abc import Iterator

from guong.accounts.roles import EXPORT
from guong.core import exports, scope
from guong.core.errors import Forbidden

from .imports import COLUMNS, KIND_WORDS, SECTOR_WORDS, YES_NO_WORDS
from .models import PATH_STEP, Unit
from .queries import units_for

HEADERS = [
    COLUMNS[name].label
    for name in ("code", "name", "kind", "parent_code", "grassroots", "sector", "founded_on")
]
_VALUES = ("path", "code", "name", "kind", "parent__code", "grassroots", "sector", "founded_on")
_KIND = {value: words[0] for value, words in KIND_WORDS.items()}
_SECTOR = {value: words[0] for value, words in SECTOR_WORDS.items()}
_YES, _NO = YES_NO_WORDS["yes"][0], YES_NO_WORDS["no"][0]
SHEET_TITLE = "Tổ chức đảng"


def unit_rows(user, unit: Unit | None = None) -> Iterator[tuple]:
    """The active units `user` may export (within `unit`'s subtree if given), parents first.

    A parent the user may not see is left blank rather than named.
    """
    paths = scope.prefixes(user, EXPORT)
    if paths == []:
        raise Forbidden(EXPORT)
    queryset = units_for(user, EXPORT).active()
    if unit is not None:
        queryset = queryset.subtree(unit)
    return _rows(queryset.order_by("path").values_list(*_VALUES), paths)


def _rows(values, paths: list[str] | None) -> Iterator[tuple]:
    for path, code, name, kind, parent, grassroots, sector, founded in values.iterator(
        chunk_size=2000
    ):
        parent_path = path[: -(PATH_STEP + 1)]
        if paths is not None and not any(parent_path.startswith(p) for p in paths):
            parent = None
        yield (
            code,
            name,
            _KIND.get(kind, kind),
            parent,
            _YES if grassroots else _NO,
            _SECTOR.get(sector, sector),
            founded,
        )


def export_units(user, unit: Unit | None = None, file_format: str = "xlsx") -> bytes:
    rows = unit_rows(user, unit)
    if file_format == "csv":
        return exports.write_csv(HEADERS, rows)
    return exports.write_xlsx(HEADERS, rows, sheet_title=SHEET_TITLE)
