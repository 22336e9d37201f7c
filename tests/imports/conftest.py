"""Files for import tests, built by the tests themselves: CSV in any encoding, XLSX."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest

from guong.core.text import encode_tcvn3

MEMBER_HEADER = [
    "card_number",
    "full_name",
    "birth_date",
    "gender",
    "unit_code",
    "admitted_on",
    "official_on",
    "residence",
]
UNIT_HEADER = ["code", "name", "kind", "parent_code", "grassroots", "sector"]


def member_row(
    card: str,
    name: str = "Nguyễn Văn Bình",
    *,
    unit: str = "CB-A1-1",
    birth: str = "15/08/1980",
    gender: str = "nam",
    admitted: str = "19/05/2005",
    official: str = "19/05/2006",
    residence: str = "Thôn Đông, xã A1",
) -> list[str]:
    return [card, name, birth, gender, unit, admitted, official, residence]


def csv_bytes(header: list[str], rows: list[list[object]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if encoding == "tcvn3":
        return encode_tcvn3(text)
    if encoding == "cp1258":
        return encode_cp1258(text)
    return text.encode(encoding)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """As Windows writes Vietnamese in code page 1258: a letter, then its tone mark apart."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_members(count: int, first_card: int = 20_000_001, unit: str = "CB-A1-1") -> list[list]:
    given = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Minh", "Nga", "Phúc", "Thảo"]
    return [
        member_row(str(first_card + i), f"Nguyễn Văn {given[i % len(given)]}", unit=unit)
        for i in range(count)
    ]


@pytest.fixture
def members_file():
    """members_file(rows, encoding="utf-8") → CSV bytes with the contract's English header."""
    return lambda rows, encoding="utf-8": csv_bytes(MEMBER_HEADER, rows, encoding)


@pytest.fixture
def units_file():
    return lambda rows, encoding="utf-8": csv_bytes(UNIT_HEADER, rows, encoding)
