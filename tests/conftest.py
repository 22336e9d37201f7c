"""Shared fixtures: a small province with people whose names say what they may see.

TINH (province committee)
├── HUYEN-A (district committee)
│   └── XA-A1 (commune committee, grassroots, commune)
│       ├── CB-A1-1 (cell)   ← secretary_of_cell_a, member_alice
│       └── CB-A1-2 (cell)
└── HUYEN-B (district committee)
    └── CB-B (grassroots cell, agency)  ← outsider (its secretary)
"""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

import pytest
from django.utils import translation

from guong.accounts.models import Role
from guong.core.models import RuleSet
from guong.core.rulesets import sync_from_files

from .factories import make_cell, make_member, make_unit, make_user, system_user

PASSWORD = "Mat-khau-2026!"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_messages(request, settings):
    """Tests assert the English msgids, which stay put when a translation is reworded;
    tests/i18n proves that Vietnamese is what users get by default."""
    if request.node.get_closest_marker("vietnamese"):
        yield
        return
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def rule_sets(db):
    """The rule sets the migrations load; a live-server test's flush removes them, so tests
    that run after one put them back."""
    if not RuleSet.objects.exists():
        sync_from_files()


@pytest.fixture
def world(db, rule_sets):
    province = make_unit("TINH", None, name="Đảng bộ tỉnh Mẫu")
    district_a = make_unit("HUYEN-A", province, name="Đảng bộ huyện A")
    commune = make_unit(
        "XA-A1", district_a, name="Đảng bộ xã A1", grassroots=True, sector="commune"
    )
    cell_a = make_cell("CB-A1-1", commune, name="Chi bộ thôn Đông")
    cell_a2 = make_cell("CB-A1-2", commune, name="Chi bộ thôn Tây")
    district_b = make_unit("HUYEN-B", province, name="Đảng bộ huyện B")
    cell_b = make_cell(
        "CB-B", district_b, name="Chi bộ Sở Tư pháp", grassroots=True, sector="agency"
    )
    alice = make_member(cell_a, full_name="Nguyễn Thị Ánh", card_number="10000001")
    an = make_member(cell_a, full_name="Trần Văn An", card_number="10000002")
    probationer = make_member(
        cell_a2,
        full_name="Lê Văn Đức",
        card_number="10000003",
        admitted_on=dt.date(2026, 3, 2),
        official_on=None,
        birth_date=dt.date(1998, 4, 1),
    )
    bob = make_member(cell_b, full_name="Phạm Văn Bình", card_number="10000004")
    return SimpleNamespace(
        province=province,
        district_a=district_a,
        commune=commune,
        cell_a=cell_a,
        cell_a2=cell_a2,
        district_b=district_b,
        cell_b=cell_b,
        alice=alice,
        an=an,
        probationer=probationer,
        bob=bob,
        system=system_user(),
        admin=make_user("admin_of_province", Role.ADMIN, province),
        leader=make_user("leader_of_province", Role.LEADER, province),
        staff=make_user("staff_of_district_a", Role.COMMITTEE_STAFF, district_a),
        inspector=make_user("inspector_of_district_a", Role.INSPECTOR, district_a),
        secretary=make_user("secretary_of_cell_a", Role.CELL_SECRETARY, cell_a),
        member_user=make_user("member_alice", Role.MEMBER, cell_a, member=alice),
        outsider=make_user("secretary_of_cell_b", Role.CELL_SECRETARY, cell_b),
        nobody=make_user("no_role"),
    )


def pytest_sessionfinish(session, exitstatus):
    """With GUONG_STRICT=1 (CI), a skipped test fails the run: a database or browser that
    could not be reached must not pass quietly."""
    if os.environ.get("GUONG_STRICT") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0:
        reporter.write_line(f"GUONG_STRICT: {skipped} test(s) skipped; failing the run.", red=True)
        session.exitstatus = 1
