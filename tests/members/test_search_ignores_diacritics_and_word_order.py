"""Search ignores diacritics and case and takes the name's words in any order, the last word
typed may be unfinished: the same answers on SQLite and on PostgreSQL (a word index there)."""

import pytest

from guong.members.models import Member
from guong.members.queries import MemberFilter


def found(q: str) -> list[str]:
    return list(MemberFilter(q=q).apply(Member.objects.all()).values_list("full_name", flat=True))


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("nguyen thi anh", ["Nguyễn Thị Ánh"]),
        ("NGUYỄN THỊ ÁNH", ["Nguyễn Thị Ánh"]),
        ("an tran", ["Trần Văn An"]),
        ("duc", ["Lê Văn Đức"]),
        ("van", ["Trần Văn An", "Lê Văn Đức", "Phạm Văn Bình"]),
        ("tran va", ["Trần Văn An"]),
        ("tra van", []),
        ("an", ["Trần Văn An", "Nguyễn Thị Ánh"]),
        ("an van", ["Trần Văn An"]),
        ("guyen", []),
        ("1000000", ["Nguyễn Thị Ánh", "Trần Văn An", "Lê Văn Đức", "Phạm Văn Bình"]),
        ("10000004", ["Phạm Văn Bình"]),
        ("!!", []),
    ],
)
def test_search(world, q, names):
    assert sorted(found(q)) == sorted(names)


def test_results_follow_vietnamese_order_by_given_name(world):
    assert found("van") == ["Trần Văn An", "Phạm Văn Bình", "Lê Văn Đức"]
