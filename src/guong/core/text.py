"""Vietnamese text: normalization, search folding, collation, display formats, legacy encodings.

Every piece of code that compares, sorts, formats or decodes Vietnamese text goes through here,
so that one rule holds everywhere (NFC storage, ICU ``vi`` ordering, dd/mm/yyyy dates).
"""

import codecs
import datetime
import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import icu
from django.utils.translation import gettext

# --- normalization --------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def clean_spaces(s: str) -> str:
    """NFC, trimmed, every run of whitespace (non-breaking spaces too) made one plain space."""
    return " ".join(nfc(s).translate(_INVISIBLE).split())


# --- the Vietnamese alphabet ----------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _alphabet() -> tuple[frozenset[str], frozenset[str]]:
    """(every non-ASCII Vietnamese letter in both cases, the subset that carries a tone mark)."""
    letters, toned = set("ăâêôơưđ"), set()
    for vowel in _VOWELS:
        for tone in _TONE_MARKS:
            toned.add(nfc(vowel + tone))
    letters |= toned
    letters |= {c.upper() for c in letters}
    toned |= {c.upper() for c in toned}
    return frozenset(letters), frozenset(toned)


VIETNAMESE_LETTERS, _TONED = _alphabet()
_TONED_CAPITALS = frozenset(c for c in _TONED if c.isupper())

# --- search folding -------------------------------------------------------------------------


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if c.isascii())
        if len(base) == 1 and base.isalpha():
            table[code] = base.lower()
    # Đ and its look-alikes left behind by legacy converters (Latin eth, African D).
    table.update({ord(c): "d" for c in "ĐđÐðƉɖ"})
    table.update(dict.fromkeys(range(0x0300, 0x0370)))
    table.update({code: " " for code in range(0x10000) if chr(code).isspace()})
    table.update(_INVISIBLE)
    return table


_FOLD = _fold_table()


def fold(s: str) -> str:
    """Lowercase, diacritic-free, single-spaced form for diacritics-insensitive search.

    A precomputed ``str.translate`` table covers Latin letters, so the common case never touches
    ``unicodedata`` per character; other scripts fall back to NFKD + casefold.
    """
    folded = s.translate(_FOLD)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded.casefold())
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)
    return " ".join(folded.split())


# --- tone-mark placement --------------------------------------------------------------------

# Old style puts the tone on the last vowel of open "oa", "oe", "uy" syllables (hoá, khoẻ, thuỷ);
# the style of Decree 30/2020 and of most modern software puts it on the first (hóa, khỏe, thủy).
_OLD_TO_NEW_TONE = {
    pair[0] + nfc(pair[1] + tone): nfc(pair[0] + tone) + pair[1]
    for pair in ("oa", "oe", "uy", "Oa", "Oe", "Uy", "OA", "OE", "UY")
    for tone in _TONE_MARKS
}
# Only at the end of a word, and not after q ("quý", "quá" keep their tone where it is).
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(_OLD_TO_NEW_TONE) + r")(?![^\W\d_])",
)


def normalize_tone_placement(s: str) -> str:
    """Rewrite old-style tone placement ("hoá", "thuỷ", "khoẻ") to "hóa", "thủy", "khỏe"."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TO_NEW_TONE[m.group(1)], nfc(s))


# --- collation ------------------------------------------------------------------------------


@functools.cache
def collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def _icu_key(s: str) -> bytes:
    # ICU keys end with 0x00 and never contain it elsewhere: concatenations order field by field.
    return collator().getSortKey(nfc(s))


def sort_key(s: str) -> str:
    """ICU Vietnamese sort key as lowercase hex: ordering keys as strings is Vietnamese order."""
    return _icu_key(s).hex()


def split_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name): the given name is the last word."""
    family, _, given = clean_spaces(full_name).rpartition(" ")
    return family, given


def name_sort_key(full_name: str) -> str:
    """Key ordering people Vietnamese-style: by given name, then by family and middle names."""
    family, given = split_name(full_name)
    return (_icu_key(given) + _icu_key(family)).hex()


# --- display formats ------------------------------------------------------------------------

_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)
DASH = "—"


def _language(lang: str) -> str:
    """ "en", "en-us", "en_GB" → "en"; anything but English is formatted the Vietnamese way."""
    return "en" if lang.replace("_", "-").split("-")[0].lower() == "en" else "vi"


def format_number(value: int | float | Decimal, decimals: int = 0, lang: str = "vi") -> str:
    """6612 → "6.612", 12.25 → "12,3" (decimals=1): half-up rounding, as people round by hand."""
    exact = Decimal(value) if isinstance(value, int) else Decimal(str(value))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    thousands, point = _SEPARATORS[_language(lang)]
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", thousands)


def format_percent(
    part: int | float | Decimal, whole: int | float | Decimal, decimals: int = 1, lang: str = "vi"
) -> str:
    """part/whole as a percentage ("12,2%"); "—" when there is nothing to divide by."""
    if not whole:
        return DASH
    ratio = Decimal(str(part)) * 100 / Decimal(str(whole))
    return format_number(ratio, decimals, lang) + "%"


def format_date(d: datetime.date | None, lang: str = "vi") -> str:
    """dd/mm/yyyy in Vietnamese; ISO 8601 (yyyy-mm-dd) for English, which has no shared order."""
    if d is None:
        return DASH
    if _language(lang) == "en":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_ratio(done: int, total: int) -> str:
    return f"{format_number(done)}/{format_number(total)}"


# --- date parsing ---------------------------------------------------------------------------

_DMY_RE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def parse_date(value: object) -> datetime.date:
    """A date from a date, a datetime, "dd/mm/yyyy" (also with - or .) or ISO "yyyy-mm-dd".

    Two-digit years are refused: "01/02/45" could be 1945 or 2045, and party records hold both.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = clean_spaces(value) if isinstance(value, str) else ""
    if match := _DMY_RE.fullmatch(text):
        day, _, month, year = match.groups()
    elif match := _ISO_RE.fullmatch(text):
        year, month, day = match.groups()
    else:
        raise ValueError(
            gettext("“%(value)s” is not a date: write it as dd/mm/yyyy, for example 02/09/1945.")
            % {"value": value}
        )
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(
            gettext("“%(value)s” is not a real date: check the day and the month.")
            % {"value": text}
        ) from None


# --- legacy 8-bit encodings -----------------------------------------------------------------

# TCVN 5712:1993 VN3 ("ABC", .VnTime fonts), bytes 0xA0-0xFF, one row of 16 per line. VN3 has no
# capital letters with tone marks: capital fonts draw them from the lowercase codes. Its unused
# slots are decoded as TCVN 5712 VN1 defines them (as glibc's TCVN5712-1 does), and are never
# produced by encode_tcvn3.
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)
_VN1_ONLY = frozenset(
    b for b, c in enumerate(_TCVN3_HIGH, 0xA0) if unicodedata.combining(c) or c in _TONED_CAPITALS
)


def _tcvn3_decoding_table() -> str:
    # 0x80-0x9F: Windows-1252 punctuation (curly quotes, dashes), as typed on Windows with ABC.
    middle = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)
    )
    return "".join(map(chr, range(0x80))) + middle + _TCVN3_HIGH


def _tcvn3_encoding_map() -> dict[int, int]:
    table = _tcvn3_decoding_table()
    mapping = {ord(c): b for b, c in enumerate(table) if b not in _VN1_ONLY}
    for char, byte in list(mapping.items()):
        upper = chr(char).upper()
        if len(upper) == 1 and ord(upper) not in mapping:
            mapping[ord(upper)] = byte  # Ấ → the byte of ấ: what a capital VN3 font shows as Ấ
    return mapping


_TCVN3_DECODE = _tcvn3_decoding_table()
_TCVN3_ENCODE = _tcvn3_encoding_map()


def decode_tcvn3(data: bytes) -> str:
    """Bytes in TCVN3 (VN3) → NFC text; capitals with tone marks come out lowercase."""
    return nfc(codecs.charmap_decode(data, "strict", _TCVN3_DECODE)[0])


def encode_tcvn3(s: str, errors: str = "strict") -> bytes:
    """NFC text → TCVN3 bytes, for legacy systems; errors as in ``str.encode``."""
    return codecs.charmap_encode(nfc(s), errors, _TCVN3_ENCODE)[0]


# --- detecting the encoding of an uploaded file ---------------------------------------------

# A "word" here is a run of anything but whitespace and ASCII digits/punctuation, so that stray
# symbols from a wrong guess (TCVN3 read as Windows-1258 gives "V¨n", "§øc") stay inside words.
_WORD_RE = re.compile(r"[^\s\x00-\x40\x5b-\x60\x7b-\x7f]+")
_SAMPLE_BYTES = 64 * 1024


def _is_syllable(word: str) -> bool:
    """Could this be Vietnamese: only its letters, at most one tone mark, sensible capitals?

    Sensible capitals: lowercase or Title ("Đức"), or capitals with no ASCII lowercase letter
    ("ĐỨC", or "ĐứC" from a TCVN3 capital font); never "NguyÔn" or "YƠn".
    """
    if any(c not in VIETNAMESE_LETTERS and not (c.isascii() and c.isalpha()) for c in word):
        return False
    if sum(c in _TONED for c in word) > 1:
        return False
    tail_has_capital = any(c.isupper() for c in word[1:])
    return not tail_has_capital or not any("a" <= c <= "z" for c in word)


def _plausibility(text: str) -> int:
    score = 0
    for word in _WORD_RE.findall(text):
        if not word.isascii():
            score += 1 if _is_syllable(word) else -2
    return score


def _decode_cp1258(data: bytes) -> str:
    return nfc(data.decode("cp1258", errors="replace"))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode an uploaded text file: (NFC text, encoding name).

    Names: "utf-8-sig", "utf-16" (Excel's "Unicode Text", always with a BOM), "utf-8",
    "windows-1258", "tcvn3". The two 8-bit encodings are told apart by which reading gives more
    plausible Vietnamese words; ties go to Windows-1258, which is then also right for plain Latin.
    """
    if data.startswith(codecs.BOM_UTF8):
        return nfc(data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return nfc(data.decode("utf-16", errors="replace")), "utf-16"
    try:
        return nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE_BYTES]
    if _plausibility(decode_tcvn3(sample)) > _plausibility(_decode_cp1258(sample)):
        return decode_tcvn3(data), "tcvn3"
    return _decode_cp1258(data), "windows-1258"
