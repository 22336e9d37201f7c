"""The 2025 reform as the demo province lived it, through `org.services` and `members.services`.

On 30/6/2025 the district level ended (294-QĐ/TW; districts abolished from 1/7/2025): each
district's office cell was dissolved, its members moving to a commune; each district merged
into the province, so its communes now sit directly under it; some communes merged into new
ones and some were renamed. Every step leaves its history (UnitChange, Membership, audit).
"""

from __future__ import annotations

from guong.members import services as member_services
from guong.members.models import Member
from guong.org import services as org_services
from guong.org.models import Unit

from .province import Province


def apply(province: Province, *, actor) -> None:
    config = province.config
    reform = config["reform"]
    for district in config["districts"]:
        _close_district_office(province, district, actor)
        org_services.merge_units(
            [province.unit(district["code"])],
            actor=actor,
            into=province.unit(province.root.code),
            on=reform["ended_on"],
            decision=reform["decision"],
        )
    for merger in config.get("mergers", []):
        _merge_communes(province, merger, actor)
    for rename in config.get("renames", []):
        org_services.rename_unit(
            province.unit(rename["code"]),
            actor=actor,
            name=rename["name"],
            on=reform["founded_on"],
            decision=reform["decision"],
        )


def _close_district_office(province: Province, district: dict, actor) -> None:
    """Move the district office's members to the office of its first commune, then dissolve
    the cell (a cell with members on its register cannot be dissolved)."""
    reform = province.config["reform"]
    office = province.unit(f"{district['code']}-VP")
    target = province.unit(province.commune_cells[district["communes"][0]["code"], "office"])
    reason = f"Giải thể {office.name}"
    for member in Member.objects.filter(unit=office).on_register().order_by("pk"):
        member_services.transfer_member(
            member, target, actor=actor, on=reform["ended_on"], reason=reason
        )
    org_services.dissolve_unit(
        office, actor=actor, on=reform["ended_on"], decision=reform["decision"]
    )


def _merge_communes(province: Province, merger: dict, actor) -> None:
    """Found the new commune, merge the old ones into it, and merge their office and militia
    cells into the first commune's, named after the new commune."""
    reform = province.config["reform"]
    spec = merger["into"]
    commune = org_services.create_unit(
        actor=actor,
        code=spec["code"],
        name=spec["name"],
        kind=Unit.Kind.COMMITTEE,
        parent=province.unit(province.root.code),
        grassroots=True,
        sector=Unit.Sector.COMMUNE,
        founded_on=reform["founded_on"],
        decision=reform["decision"],
    )
    sources = [province.unit(code) for code in merger["sources"]]
    org_services.merge_units(
        sources, actor=actor, into=commune, on=reform["ended_on"], decision=reform["decision"]
    )
    for kind, name in (("office", "Chi bộ Cơ quan"), ("militia", "Chi bộ Quân sự")):
        first, *others = [
            province.unit(province.commune_cells[code, kind]) for code in merger["sources"]
        ]
        org_services.merge_units(
            others, actor=actor, into=first, on=reform["ended_on"], decision=reform["decision"]
        )
        org_services.rename_unit(
            province.unit(first.code),
            actor=actor,
            name=f"{name} {spec['place']}",
            on=reform["founded_on"],
            decision=reform["decision"],
        )
