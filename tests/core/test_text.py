import datetime
import unicodedata
from decimal import Decimal

import pytest
from django.utils import translation

from guong.core.text import (
    clean_spaces,
    decode_tcvn3,
    decode_text,
    encode_tcvn3,
    fold,
    format_date,
    format_number,
    format_percent,
    format_ratio,
    name_sort_key,
    nfc,
    normalize_tone_placement,
    parse_date,
    sort_key,
    split_name,
)

TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"


def windows_1258(text: str) -> bytes:
    """Encode as Windows does: letters with ă â ê ô ơ ư precomposed, tone marks combining."""
    out = b""
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = nfc("".join(c for c in parts if c not in TONE_MARKS))
            tone = "".join(c for c in parts if c in TONE_MARKS)
            out += (base + tone).encode("cp1258")
    return out


# --- normalization and search -----------------------------------------------------------------


def test_fold_ignores_diacritics_and_case():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĐẢNG BỘ XÃ HÀ TĨNH") == "dang bo xa ha tinh"
    assert fold("Trần Thị Hồng Nhung") == "tran thi hong nhung"


def test_fold_collapses_non_breaking_and_repeated_spaces():
    assert fold("  Lê\u00a0\u00a0Văn \t Anh\u200b ") == "le van anh"


def test_fold_handles_decomposed_text_and_legacy_d_lookalikes():
    assert fold(unicodedata.normalize("NFD", "Nguyễn Văn Đức")) == "nguyen van duc"
    assert fold("Ðức") == "duc"  # Latin eth, left by old converters in place of Đ


def test_fold_treats_old_and_new_tone_placement_alike():
    assert fold("hoá") == fold("hóa") == "hoa"
    assert fold("thuỷ") == fold("thủy") == "thuy"
    assert fold("khoẻ") == fold("khỏe") == "khoe"


def test_fold_of_other_scripts_is_casefolded():
    assert fold("Straße") == "strasse"


def test_clean_spaces_normalizes_to_nfc_and_single_spaces():
    decomposed = unicodedata.normalize("NFD", " Hà \u00a0 Tĩnh ")
    assert clean_spaces(decomposed) == "Hà Tĩnh"
    assert clean_spaces(decomposed) == nfc("Hà Tĩnh")


def test_tone_placement_is_rewritten_to_modern_style():
    assert normalize_tone_placement("Hoá học") == "Hóa học"
    assert normalize_tone_placement("Thuỷ, khoẻ, hoà") == "Thủy, khỏe, hòa"
    assert normalize_tone_placement("THANH HOÁ") == "THANH HÓA"
    assert normalize_tone_placement(unicodedata.normalize("NFD", "Thuỷ")) == "Thủy"


def test_tone_placement_leaves_closed_syllables_and_qu_alone():
    text = "Hoàng Quý Quỳnh thuyền khoét quá"
    assert normalize_tone_placement(text) == text


# --- collation ------------------------------------------------------------------------------


def test_names_sort_by_given_name_then_family_vietnamese_order():
    expected = [
        "Nguyễn Văn An",
        "Lê Văn Anh",
        "Đỗ Thị Ánh",
        "Trần Thị Ân",
        "Phạm Văn Bình",
        "Hoàng Văn Dũng",
        "Ngô Văn Đạt",
        "Lê Thị Hoa",
        "Nguyễn Thị Hoa",
        "Trần Thị Hòa",
        "Vũ Văn Uy",
        "Bùi Văn Ước",
        "Đinh Thị Yến",
    ]
    shuffled = expected[::-1][1:] + expected[-1:]
    assert sorted(shuffled, key=name_sort_key) == expected


def test_sort_key_orders_d_before_dd_and_a_before_a_breve_before_a_circumflex():
    words = ["Đạt", "Dũng", "Ân", "Ăn", "Anh", "Zê"]
    assert sorted(words, key=sort_key) == ["Anh", "Ăn", "Ân", "Dũng", "Đạt", "Zê"]


def test_sort_key_is_lowercase_hex_ending_with_the_terminator():
    key = sort_key("Đạt")
    assert key == key.lower()
    assert bytes.fromhex(key).endswith(b"\x00")


def test_split_name_takes_the_last_word_as_given_name():
    assert split_name(" Trần  Thị Hồng Nhung ") == ("Trần Thị Hồng", "Nhung")
    assert split_name("Nhung") == ("", "Nhung")


# --- display formats ------------------------------------------------------------------------


def test_numbers_are_formatted_vietnamese_style():
    assert format_number(6612) == "6.612"
    assert format_number(12.25, decimals=1) == "12,3"
    assert format_number(Decimal("1234567.891"), decimals=2) == "1.234.567,89"
    assert format_number(-1500) == "-1.500"
    assert format_number(6612, lang="en") == "6,612"
    assert format_number(12.25, decimals=1, lang="en") == "12.3"


def test_percentages_are_formatted_and_division_by_zero_shows_a_dash():
    assert format_percent(61, 500) == "12,2%"
    assert format_percent(1, 3, decimals=0) == "33%"
    assert format_percent(5, 0) == "—"
    assert format_percent(61, 500, lang="en") == "12.2%"


def test_dates_and_ratios_are_formatted():
    assert format_date(datetime.date(1945, 9, 2)) == "02/09/1945"
    assert format_date(datetime.date(1945, 9, 2), lang="en") == "1945-09-02"
    assert format_date(None) == "—"
    assert format_ratio(15, 15) == "15/15"
    assert format_ratio(1500, 2000) == "1.500/2.000"


# --- date parsing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "02/09/1945",
        "2/9/1945",
        "02-09-1945",
        "02.09.1945",
        " 02/09/1945 ",
        "1945-09-02",
        "1945-09-02 00:00:00",
        datetime.date(1945, 9, 2),
        datetime.datetime(1945, 9, 2, 10, 30),
    ],
)
def test_accepted_date_forms(value):
    assert parse_date(value) == datetime.date(1945, 9, 2)


def test_impossible_date_is_rejected():
    with translation.override("en"), pytest.raises(ValueError) as error:
        parse_date("31/02/2024")
    assert str(error.value) == "“31/02/2024” is not a real date: check the day and the month."


@pytest.mark.parametrize("value", ["2024/13/01", "02/09/45", "02/09-1945", "hôm qua", "", 19450902])
def test_unreadable_date_is_rejected(value):
    with translation.override("en"), pytest.raises(ValueError) as error:
        parse_date(value)
    assert str(error.value) == (
        f"“{value}” is not a date: write it as dd/mm/yyyy, for example 02/09/1945."
    )


# --- encodings ------------------------------------------------------------------------------


def test_tcvn3_bytes_decode_to_unicode():
    # Hand-checked against the TCVN 5712:1993 VN3 chart.
    assert decode_tcvn3(b"Nguy\xd4n V\xa8n \xa7\xf8c") == "Nguyễn Văn Đức"
    assert decode_tcvn3(b"H\xb5 T\xdcnh") == "Hà Tĩnh"
    assert decode_tcvn3(b"Tr\xc7n Th\xde H\xe5ng Nhung") == "Trần Thị Hồng Nhung"
    assert decode_tcvn3(b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7") == "ĂÂÊÔƠƯĐ"
    assert decode_tcvn3(b"\xad\xacng \x93x\x94 \x96") == "ương “x” –"


def test_tcvn3_encoder_writes_the_chart_bytes():
    assert encode_tcvn3("Nguyễn Văn Đức") == b"Nguy\xd4n V\xa8n \xa7\xf8c"
    assert encode_tcvn3("Hà Tĩnh") == b"H\xb5 T\xdcnh"
    assert encode_tcvn3("Trần Thị Hồng Nhung") == b"Tr\xc7n Th\xde H\xe5ng Nhung"


def test_tcvn3_round_trips_every_lowercase_vietnamese_letter():
    letters = "".join(nfc(vowel + tone) for vowel in "aăâeêioôơuưy" for tone in ["", *TONE_MARKS])
    text = letters + "đ ĂÂÊÔƠƯĐ"
    assert decode_tcvn3(encode_tcvn3(text)) == text
    assert len(encode_tcvn3(text)) == len(text)


def test_tcvn3_capitals_with_tone_marks_come_back_lowercase():
    # VN3 has no code for Ả: capital fonts draw it from the code of ả.
    assert encode_tcvn3("ĐẢNG") == b"\xa7\xb6NG"
    assert decode_tcvn3(b"\xa7\xb6NG") == "ĐảNG"


def test_tcvn3_encoder_refuses_what_it_cannot_write():
    with pytest.raises(UnicodeEncodeError):
        encode_tcvn3("漢")
    assert encode_tcvn3("漢", errors="replace") == b"?"


def test_tcvn3_file_is_decoded():
    text = "Họ và tên;Ngày sinh;Quê quán\nNguyễn Văn Đức;02/09/1970;Hà Tĩnh\n"
    assert decode_text(encode_tcvn3(text)) == (text, "tcvn3")


def test_windows_1258_combining_marks_become_nfc():
    data = b"Nguy\xea\xden V\xe3n \xd0\xfd\xecc"  # ễ = ê + combining tilde, ứ = ư + acute
    text, encoding = decode_text(data)
    assert encoding == "windows-1258"
    assert text == "Nguyễn Văn Đức"
    assert text == unicodedata.normalize("NFC", text)


SHORT_FILES = [
    "Họ và tên,Ngày sinh,Chi bộ\n"
    "Nguyễn Văn Đức,02/09/1970,Chi bộ 1\n"
    "Trần Thị Hồng Nhung,01/01/1980,Chi bộ 2\n"
    "Lê Văn Anh,03/03/1990,Chi bộ 1\n",
    "STT;Ho ten;Que quan\n1;Phạm Văn Bình;Hà Tĩnh\n2;Ngô Văn Đạt;Nghệ An\n3;Bùi Thị Ước;Huế\n",
    "HỌ VÀ TÊN,ĐƠN VỊ\nNGUYỄN VĂN ĐỨC,CHI BỘ 1\nHOÀNG THỊ YẾN,CHI BỘ 2\nVŨ VĂN UY,CHI BỘ 3\n",
]


@pytest.mark.parametrize("text", SHORT_FILES)
def test_short_files_in_either_8_bit_encoding_are_told_apart(text):
    assert decode_text(windows_1258(text)) == (text, "windows-1258")
    assert decode_text(encode_tcvn3(text)) == (decode_tcvn3(encode_tcvn3(text)), "tcvn3")


def test_utf8_with_and_without_bom_is_detected():
    text = "Họ và tên\nNguyễn Văn Đức\n"
    assert decode_text(text.encode()) == (text, "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode()) == (text, "utf-8-sig")
    assert decode_text(text.encode("utf-16")) == (text, "utf-16")
    decomposed = unicodedata.normalize("NFD", text).encode()
    assert decode_text(decomposed) == (text, "utf-8")
