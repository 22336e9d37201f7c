"""A province-sized file: 100,000 members import in one go, and the counts add up."""

from guong.core.imports import run_import
from guong.core.models import AuditEvent
from guong.members.models import Member, Membership
from guong.org.queries import subtree_summary

from .conftest import good_members

ROWS = 100_000


def test_100000_members_import_and_the_summary_counts_them(world, members_file):
    rows = good_members(ROWS // 2, first_card=30_000_001, unit="CB-A1-1")
    rows += good_members(ROWS // 2, first_card=40_000_001, unit="CB-A1-2")
    for row in rows[::4]:
        row[6] = ""  # every fourth member is still on probation
    data = members_file(rows)

    sheet, result = run_import("members", data, "tinh.csv", actor=world.staff)

    assert (len(sheet.rows), result.created) == (ROWS, ROWS)
    assert result.by_unit == {"CB-A1-1": ROWS // 2, "CB-A1-2": ROWS // 2}
    assert Member.objects.count() == ROWS + 4
    assert Membership.objects.count() == ROWS + 4
    assert AuditEvent.objects.filter(action="member.imported").count() == ROWS
    summary = subtree_summary(world.commune)
    assert summary["members"] == ROWS + 3
    assert summary["probationary"] == ROWS // 4 + 1
    assert subtree_summary(world.cell_a2)["members"] == ROWS // 2 + 1
    assert subtree_summary(world.province)["members"] == ROWS + 4
