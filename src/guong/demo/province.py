"""The demo province's tree as it stood before the 2025 reform, built through `org.services`.

The shape comes from `data/province.toml`; this module turns it into units and says, for each
cell, who its members are (profile), where they live and how many of them to expect.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field

from guong.org import services as org_services
from guong.org.models import Unit

from .names import DATA_DIR

COMMITTEE, CELL = Unit.Kind.COMMITTEE, Unit.Kind.CELL

# Relative size of each kind of cell: a village cell has about twice the members of a school.
WEIGHTS = {
    "village": 30,
    "office": 18,
    "militia": 6,
    "school": 10,
    "grassroots_cell": 20,
    "subordinate": 16,
    "district_office": 14,
}


@dataclass
class Cell:
    """A cell the demo fills with members."""

    unit: Unit
    profile: str  # "village" | "working" | "young" (see people.AGES)
    weight: int
    places: list[str]  # where its members live
    admitted_before: dt.date | None = None  # members of a cell that ends must predate its end


@dataclass
class Province:
    config: dict
    root: Unit
    cells: list[Cell] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)  # every village address, for agencies
    # The code of a commune's own cells by (commune code, "office" | "militia" | "school").
    commune_cells: dict[tuple[str, str], str] = field(default_factory=dict)

    @staticmethod
    def unit(code: str) -> Unit:
        """The unit as it stands now: restructuring rewrites paths and end dates."""
        return Unit.objects.get(code=code)


@functools.cache
def load_config() -> dict:
    with (DATA_DIR / "province.toml").open("rb") as handle:
        return tomllib.load(handle)


def build_tree(*, actor) -> Province:
    """Create the province, its agencies, its districts and their communes and cells."""
    config = load_config()
    spec = config["province"]
    root = org_services.create_unit(
        actor=actor,
        code=spec["code"],
        name=spec["name"],
        kind=COMMITTEE,
        parent=None,
        founded_on=spec["founded_on"],
    )
    province = Province(config=config, root=root)
    for district in config["districts"]:
        _build_district(province, district, actor)
    for block in config["blocks"]:
        _build_block(province, block, actor)
    return province


def current_place(config: dict, commune_code: str, place: str) -> str:
    """The commune's name in addresses written today, after the 2025 mergers and renames."""
    for merger in config.get("mergers", []):
        if commune_code in merger["sources"]:
            return merger["into"]["place"]
    for rename in config.get("renames", []):
        if rename["code"] == commune_code:
            return rename["place"]
    return place


def _unit(
    province: Province,
    actor,
    parent: Unit,
    code: str,
    name: str,
    *,
    kind: str = CELL,
    grassroots: bool = False,
    sector: str = "",
    founded_on: dt.date | None = None,
) -> Unit:
    return org_services.create_unit(
        actor=actor,
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        grassroots=grassroots,
        sector=sector,
        founded_on=founded_on or province.root.founded_on,
    )


def _build_district(province: Province, spec: dict, actor) -> None:
    district = _unit(province, actor, province.root, spec["code"], spec["name"], kind=COMMITTEE)
    for commune in spec["communes"]:
        _build_commune(province, district, commune, actor)
    first_commune = spec["communes"][0]
    office = _unit(
        province,
        actor,
        district,
        f"{spec['code']}-VP",
        f"Chi bộ Cơ quan Ủy ban nhân dân {spec['place']}",
        grassroots=True,
        sector=Unit.Sector.AGENCY,
    )
    province.cells.append(
        Cell(
            office,
            "working",
            WEIGHTS["district_office"],
            _commune_addresses(province, first_commune),
            admitted_before=_day_before_reform(province),
        )
    )


def _day_before_reform(province: Province) -> dt.date:
    return province.config["reform"]["ended_on"] - dt.timedelta(days=1)


def _build_commune(province: Province, district: Unit, spec: dict, actor) -> None:
    commune = _unit(
        province,
        actor,
        district,
        spec["code"],
        spec["name"],
        kind=COMMITTEE,
        grassroots=True,
        sector=Unit.Sector.COMMUNE,
    )
    addresses = _commune_addresses(province, spec)
    province.addresses += addresses
    cells = [
        (f"Chi bộ {village}", "village", "village", [address])
        for village, address in zip(spec["villages"], addresses, strict=True)
    ]
    cells += [
        (f"Chi bộ Cơ quan {spec['place']}", "working", "office", addresses),
        (f"Chi bộ Quân sự {spec['place']}", "young", "militia", addresses),
        (f"Chi bộ Trường Tiểu học {_short(spec['place'])}", "working", "school", addresses),
    ]
    # The office and militia cells of a commune merged into another one merge too, on the day
    # of the reform, so their members must have joined before it.
    merged_away = any(spec["code"] in m["sources"][1:] for m in province.config["mergers"])
    for number, (name, profile, kind, places) in enumerate(cells, start=1):
        unit = _unit(province, actor, commune, f"{spec['code']}-{number:02d}", name)
        ends = merged_away and kind in ("office", "militia")
        province.cells.append(
            Cell(
                unit,
                profile,
                WEIGHTS[kind],
                places,
                admitted_before=_day_before_reform(province) if ends else None,
            )
        )
        if kind != "village":
            province.commune_cells[spec["code"], kind] = unit.code


def _short(place: str) -> str:
    """ "xã Yên Phú" → "Yên Phú": the name a school or a market takes after its commune."""
    for prefix in ("thị trấn ", "xã ", "phường "):
        if place.startswith(prefix):
            return place[len(prefix) :]
    return place


def _commune_addresses(province: Province, spec: dict) -> list[str]:
    place = current_place(province.config, spec["code"], spec["place"])
    return [
        f"{village}, {place}, {province.config['province']['place']}"
        for village in spec["villages"]
    ]


def _build_block(province: Province, spec: dict, actor) -> None:
    block = _unit(
        province,
        actor,
        province.root,
        spec["code"],
        spec["name"],
        kind=COMMITTEE,
        founded_on=spec["founded_on"],
    )
    for item in spec["grassroots"]:
        profile = item.get("profile", "working")
        if "cells" not in item:
            unit = _unit(
                province,
                actor,
                block,
                item["code"],
                item["name"],
                grassroots=True,
                sector=item["sector"],
            )
            province.cells.append(Cell(unit, profile, WEIGHTS["grassroots_cell"], []))
            continue
        committee = _unit(
            province,
            actor,
            block,
            item["code"],
            item["name"],
            kind=COMMITTEE,
            grassroots=True,
            sector=item["sector"],
        )
        for number, name in enumerate(item["cells"], start=1):
            unit = _unit(province, actor, committee, f"{item['code']}-{number:02d}", name)
            province.cells.append(Cell(unit, profile, WEIGHTS["subordinate"], []))
