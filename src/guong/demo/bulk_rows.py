"""The rows `guong demo --members` writes: a tree of units, and members spread over its cells.

Rows are plain tuples in the order of the *_COLUMNS below, produced lazily so that a million
members never sit in memory at once. Ids are given here, so that paths can be computed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from guong.core.text import fold, name_sort_key
from guong.members import imports as member_imports
from guong.members.models import Status
from guong.members.rules import add_months
from guong.org import tally
from guong.org.models import Unit
from guong.org.rules import child_path

from . import people

UNIT_COLUMNS = (
    "id",
    "code",
    "name",
    "name_folded",
    "kind",
    "grassroots",
    "sector",
    "parent_id",
    "path",
    "depth",
    "founded_on",
)
MEMBER_COLUMNS = ("id", *member_imports.MEMBER_COLUMNS, "created_at")
TALLY_COLUMNS = ("unit_id", *tally.COUNTED, *tally.SUBTREE_COLUMNS)

ROOT_NAME = "Đảng bộ Mẫu (dữ liệu đo hiệu năng)"
FOUNDED = dt.date(1991, 10, 1)
# Grassroots organizations by sector (weights), how each is named, and who its members are.
SECTORS = {
    Unit.Sector.COMMUNE: (40, "xã Mẫu", "village"),
    Unit.Sector.AGENCY: (25, "Cơ quan Mẫu", "working"),
    Unit.Sector.PUBLIC_SERVICE: (20, "Trường Mẫu", "working"),
    Unit.Sector.ENTERPRISE: (10, "Công ty Mẫu", "working"),
    Unit.Sector.ARMED_FORCES: (5, "Đơn vị Mẫu", "young"),
}
GRASSROOTS_CELL_SHARE = 0.3  # the rest are grassroots committees holding subordinate cells
EXEMPT_SHARE_OVER_70 = 0.35
DECEASED_SHARE_OVER_75 = 0.01
SUSPENDED_SHARE = 0.001


@dataclass
class Tree:
    rows: list[tuple] = field(default_factory=list)
    # Units that hold members: (id, profile, commune) for every cell; the commune its members
    # live in, or "" for a cell whose members live anywhere.
    cells: list[tuple[int, str, str]] = field(default_factory=list)
    communes: list[str] = field(default_factory=list)

    def add(
        self,
        parent: tuple | None,
        code: str,
        name: str,
        kind: str,
        *,
        grassroots: bool = False,
        sector: str = "",
    ) -> tuple:
        unit_id = len(self.rows) + 1
        parent_path = parent[8] if parent else ""
        path = child_path(Unit(path=parent_path) if parent else None, unit_id)
        row = (
            unit_id,
            code,
            name,
            fold(name),
            kind,
            grassroots,
            sector,
            parent[0] if parent else None,
            path,
            path.count(".") - 1,
            FOUNDED,
        )
        self.rows.append(row)
        return row


def plan_units(shape, rng: random.Random) -> Tree:
    """Root → `shape.committees` committees → grassroots organizations → cells."""
    tree = Tree()
    root = tree.add(None, "M", ROOT_NAME, Unit.Kind.COMMITTEE)
    committees = [
        tree.add(root, f"M{n:03d}", f"Đảng bộ khu vực Mẫu {n}", Unit.Kind.COMMITTEE)
        for n in range(1, shape.committees + 1)
    ]
    holders = []
    sectors, weights = list(SECTORS), [w for w, _, _ in SECTORS.values()]
    for n in range(1, shape.grassroots + 1):
        parent = committees[(n - 1) % len(committees)]
        sector = rng.choices(sectors, weights=weights)[0]
        _, place, profile = SECTORS[sector]
        as_cell = bool(holders) and rng.random() < GRASSROOTS_CELL_SHARE
        kind, prefix = (Unit.Kind.CELL, "Chi bộ") if as_cell else (Unit.Kind.COMMITTEE, "Đảng bộ")
        row = tree.add(
            parent, f"M{n:06d}", f"{prefix} {place} {n}", kind, grassroots=True, sector=sector
        )
        commune = f"{place} {n}" if sector == Unit.Sector.COMMUNE else ""
        if commune:
            tree.communes.append(commune)
        if as_cell:
            tree.cells.append((row[0], profile, commune))
        else:
            holders.append((row, profile, commune))
    counts: dict[int, int] = {}
    for n in range(1, shape.cells + 1):
        holder, profile, place = rng.choice(holders)
        counts[holder[0]] = counts.get(holder[0], 0) + 1
        row = tree.add(holder, f"C{n:07d}", f"Chi bộ số {counts[holder[0]]}", Unit.Kind.CELL)
        tree.cells.append((row[0], profile, place))
    return tree


def card_number(member_id: int) -> str:
    """Ten digits, unique per id, scattered so that a prefix finds members everywhere."""
    return f"1{(member_id * 7_654_321 + 13_579) % 10**9:09d}"


def member_rows(
    rng: random.Random, tree: Tree, members: int, today: dt.date, created_at: dt.datetime
) -> Iterator[tuple]:
    cells, communes = tree.cells, tree.communes or ["xã Mẫu"]
    sizes, total = [], 0.0
    for _ in cells:  # cells differ in size, as real ones do
        total += rng.uniform(0.4, 1.6)
        sizes.append(total)
    keys: dict[str, tuple[str, str]] = {}  # one ICU key per distinct name, not per member
    for member_id in range(1, members + 1):
        unit_id, profile, commune = rng.choices(cells, cum_weights=sizes)[0]
        residence = f"thôn {rng.randint(1, 12)}, {commune or rng.choice(communes)}"
        data = people.person(
            rng,
            profile=profile,
            card_number=card_number(member_id),
            residence=residence,
            today=today,
        )
        status, official, since = _standing(rng, data, today)
        name = data["full_name"]
        if name not in keys:
            keys[name] = (fold(name), name_sort_key(name))
        yield (
            member_id,
            data["card_number"],
            name,
            *keys[name],
            data["birth_date"],
            data["gender"],
            data["admitted_on"],
            official,
            status,
            since,
            unit_id,
            data["residence"],
            created_at,
        )


def counted(rows: Iterable[tuple], counts: Counter) -> Iterator[tuple]:
    """Pass member rows through, counting them by (unit id, status)."""
    unit, status = MEMBER_COLUMNS.index("unit_id"), MEMBER_COLUMNS.index("status")
    for row in rows:
        counts[row[unit], row[status]] += 1
        yield row


def tally_rows(tree: Tree, counts: Counter) -> Iterator[tuple]:
    """Each unit's direct member counts and its subtree totals (see org.models.UnitTally),
    computed here in one pass: adjusting 50,000 rows one service call at a time would not be."""
    totals: dict[int, Counter] = defaultdict(Counter)
    ancestors: dict[int, list[int]] = {}
    for row in tree.rows:
        unit = Unit(pk=row[0], path=row[8], kind=row[4], grassroots=row[5], sector=row[6])
        ancestors[unit.pk] = unit.ancestor_ids()
        for column, value in tally.contribution(unit).items():
            for ancestor_id in ancestors[unit.pk]:
                totals[ancestor_id][column] += value
    for (unit_id, status), count in counts.items():
        if status in tally.COUNTED:
            totals[unit_id][status] += count
            for ancestor_id in ancestors[unit_id]:
                totals[ancestor_id][f"sub_{status}"] += count
    for row in tree.rows:
        yield (row[0], *(totals[row[0]][column] for column in TALLY_COLUMNS[1:]))


def _standing(
    rng: random.Random, data: dict, today: dt.date
) -> tuple[str, dt.date | None, dt.date]:
    """(status, official_on, status_since) for a generated member."""
    admitted, official, birth = data["admitted_on"], data["official_on"], data["birth_date"]
    if official is None and add_months(admitted, 12) <= today:
        official = add_months(admitted, 12)  # recognized as full when the probation ended
    if official is None:
        return Status.PROBATIONARY, None, admitted
    draw = rng.random()
    if birth <= people.birthday(today, -75) and draw < DECEASED_SHARE_OVER_75:
        return Status.DECEASED, official, people.random_day(rng, official, today)
    if birth <= people.birthday(today, -70) and draw < EXEMPT_SHARE_OVER_70:
        of_age = people.birthday(birth, 60 if data["gender"] == "male" else 55)
        return Status.EXEMPT, official, max(of_age, official)
    if draw > 1 - SUSPENDED_SHARE:
        return Status.SUSPENDED, official, people.random_day(rng, official, today)
    return Status.FULL, official, official
