"""Shared Vietnamese text helpers: folding, numbers, roman numerals, dates.

Every extractor and both index backends fold text the same way, so a query typed
without diacritics ("so noi vu") meets the stored text ("Sở Nội vụ") on equal terms.
`fold_same_length` keeps one output character per input character so offsets found
in folded text are valid in the original.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = [
    "nfc", "fold", "fold_same_length", "parse_number", "roman_to_int", "make_date",
    "iso_date", "collapse_ws", "DATE_RE", "parse_date_match", "unaccent_same_length", "pipe_tables",
]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)
    base = "".join(ch for ch in base if unicodedata.category(ch) != "Mn")
    base = base.lower()
    # Some characters fold to more than one char (e.g. 'ß'); keep length stable.
    if len(base) != 1:
        return c.lower() if len(c.lower()) == 1 else c
    return base


def fold_same_length(s: str) -> str:
    """Lower-case and strip diacritics (đ→d), one output char per input char."""
    if s.isascii():
        return s.lower()
    return "".join(map(_fold_char, s))


# The lower-case letters of Vietnamese that carry diacritics: folding Vietnamese text is
# lower-casing it and replacing these (see `fold_text`).
_VI_MARKED = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_VI_FOLD = tuple((c, _fold_char(c)) for c in _VI_MARKED)


@lru_cache(maxsize=8)
def fold_text(text: str) -> str:
    """`fold_same_length(text)` of a whole document, cached (several extractors read it).

    Folding is done with a few whole-string operations instead of one call per character:
    `str.lower()`, then one `str.replace` per Vietnamese marked letter.  That equals
    `fold_same_length` when lower-casing keeps every offset, the text has no "Σ" (whose lower
    case depends on its neighbours), and what is left is in NFD, i.e. holds no other letter
    with a mark: every other character then folds to its lower case, which it already is
    (checked over all of Unicode: folding a character and its lower case agree, and lower
    case is idempotent).  Any other text takes the general way."""
    low = text.lower()
    if len(low) == len(text) and "Σ" not in text:
        for c, f in _VI_FOLD:
            low = low.replace(c, f)
        if unicodedata.is_normalized("NFD", low):
            return low
    return _fold_by_replace(text)


def _fold_by_replace(text: str) -> str:
    """fold_same_length, one str.replace per character present that folds to another (many
    times faster than str.translate); one translate table when a folded character is itself
    folded further (replacing in turn would then differ from folding each character once)."""
    chars = "".join(set(text))
    folded = fold_same_length(chars)
    pairs = [(c, f) for c, f in zip(chars, folded) if c != f]
    keys = {c for c, _ in pairs}
    if any(f in keys for _, f in pairs):
        return text.translate(str.maketrans(chars, folded))
    for c, f in pairs:
        text = text.replace(c, f)
    return text


def fold(s: str | None) -> str:
    """Lower-case, strip diacritics (đ→d) and collapse whitespace."""
    if not s:
        return ""
    s = nfc(s)
    return re.sub(r"\s+", " ", fold_same_length(s)).strip()


def collapse_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


_NUM_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(s: str) -> float | int | None:
    """Read a Vietnamese-written number: '17,8' → 17.8, '1.500' → 1500, '05' → 5.

    A dot followed by exactly three digits is a thousands separator (Vietnamese
    convention); a comma is the decimal mark.
    """
    s = s.strip().replace(" ", "")
    if not s or not _NUM_RE.match(s):
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        return None
    return int(v) if v.is_integer() else v


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "M": 1000}


def roman_to_int(s: str) -> int | None:
    s = s.strip().upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        if i + 1 < len(s) and _ROMAN[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def make_date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def iso_date(year: int, month: int, day: int) -> str | None:
    d = make_date(year, month, day)
    return d.isoformat() if d else None


# A date literal as written in administrative text: 08/11/2011, 8-11-2011, 8.11.2011,
# "ngày 10 tháng 9 năm 2013".  Named groups: d, m, y  (or d2, m2, y2 for the long form).
DATE_RE = re.compile(
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d{2})",
    re.IGNORECASE,
)


def parse_date_match(m: re.Match) -> str | None:
    if m.group("d"):
        return iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return iso_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))


_PERIOD_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<rest>Q[1-4]|H[12]|\d{2}(?:-\d{2})?))?$")


def deadline_bounds(value: str | None) -> tuple[_dt.date, _dt.date] | None:
    """First and last day covered by a normalised deadline value.

    '2013-11-30' → that day; '2020-Q3' → Jul 1..Sep 30; '2021-H1' → Jan 1..Jun 30;
    '2019-12' → the month; '2020' → the year; '2016/2020' → 2016-01-01..2020-12-31.
    Recurrences ('P3M') and unknown values → None.
    """
    if not value:
        return None
    value = value.strip()
    if "/" in value:
        a, _, b = value.partition("/")
        ba, bb = deadline_bounds(a), deadline_bounds(b)
        return (ba[0], bb[1]) if ba and bb else None
    m = _PERIOD_RE.match(value)
    if not m:
        return None
    y = int(m.group("y"))
    rest = m.group("rest")
    try:
        if rest is None:
            return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        if rest.startswith("Q"):
            q = int(rest[1])
            first = _dt.date(y, 3 * q - 2, 1)
            last = _dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - _dt.timedelta(days=1)
            return first, last
        if rest.startswith("H"):
            return (_dt.date(y, 1, 1), _dt.date(y, 6, 30)) if rest == "H1" else (_dt.date(y, 7, 1), _dt.date(y, 12, 31))
        if len(rest) == 2:
            mth = int(rest)
            first = _dt.date(y, mth, 1)
            last = _dt.date(y + (mth == 12), mth % 12 + 1, 1) - _dt.timedelta(days=1)
            return first, last
        d = _dt.date.fromisoformat(value)
        return d, d
    except ValueError:
        return None


def deadline_due(value: str | None) -> str | None:
    """ISO date by which a deadline value is due (its last day), or None."""
    b = deadline_bounds(value)
    return b[1].isoformat() if b else None


def _unaccent_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        base = "".join(ch for ch in unicodedata.normalize("NFD", c) if unicodedata.category(ch) != "Mn")
        if len(base) == 1 and base != c:
            table[cp] = base
    return table


_UNACCENT = _unaccent_table()


def unaccent_same_length(s: str) -> str:
    """Strip diacritics (đ→d, Đ→D) but keep case, one output char per input char.

    Lets a regex match keywords case-insensitively while still seeing which
    words are capitalised (proper names: "thị xã Long Khánh", "Báo Hòa Bình")."""
    if s.isascii():
        return s
    return s.translate(_UNACCENT)


# One rendered table row: "| cell | cell |" on a line of its own (the ingest layer's
# rendering of DOCX/PDF tables; consecutive rows form one table, header row first).
# A line break inside a sentence (text hard-wrapped by a PDF or an OCR engine): after a letter,
# digit or comma, before a lower-case word or a number that is not a list marker ("số\n193/2025/QH15",
# "Chương trình\nhành động này") — never before a capital, a bullet, "a)" or "2." / "3)".
_SOFT_AFTER = re.compile(r"[ \t]*(?:(?![a-zđ][ \t]*[).])[a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                         r"ùúủũụưừứửữựỳýỷỹỵđ]|\d+(?![\d.)]|[ \t]*[.)]))")


def soft_breaks_as_spaces(text: str) -> str:
    """text with its in-sentence line breaks written as spaces (same length, so spans stay valid)."""
    cut: list[int] = []
    i = text.find("\n")
    while i >= 0:
        k = i - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        if k >= 0 and (text[k].isalnum() or text[k] == ",") and _SOFT_AFTER.match(text, i + 1):
            cut.append(i)
        i = text.find("\n", i + 1)
    if not cut:
        return text
    chars = list(text)
    for i in cut:
        chars[i] = " "
    return "".join(chars)


_PIPE_ROW = re.compile(r"^[ \t]*\|(?P<body>.*)\|[ \t]*$", re.M)


def pipe_tables(text: str, start: int = 0, end: int | None = None) -> list[list[list[tuple[int, int]]]]:
    """Pipe-rendered tables in text[start:end]: tables → rows → cell spans.

    A cell span is [start, end) of the cell text with surrounding blanks stripped
    (an empty cell gives an empty span at its position).  Separator rows such as
    "|---|---|" are skipped.  Rows on consecutive lines form one table."""
    end = len(text) if end is None else end
    tables: list[list[list[tuple[int, int]]]] = []
    prev_line_end = -2
    for m in _PIPE_ROW.finditer(text, start, end):
        b0 = m.start("body")
        body = m.group("body")
        if re.fullmatch(r"[\s|:\-–=+]*", body):
            prev_line_end = m.end()
            continue
        cells, pos = [], b0
        for part in body.split("|"):
            s, e = pos, pos + len(part)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            cells.append((s, e))
            pos += len(part) + 1
        gap = text[prev_line_end:m.start()] if prev_line_end >= 0 else "x"
        if tables and prev_line_end >= 0 and gap.strip() == "" and gap.count("\n") <= 1:
            tables[-1].append(cells)
        else:
            tables.append([cells])
        prev_line_end = m.end()
    return tables


def matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int],
               end: int | None = None) -> Iterator[re.Match[str]]:
    """The non-overlapping matches of `rx` in `text[:end]` that begin at one of `starts`
    (ascending): `rx.finditer(text, 0, end)` when every match is known to begin at one of them."""
    end = len(text) if end is None else end
    last = 0
    for p in starts:
        if p < last:
            continue
        m = rx.match(text, p, end)
        if m:
            last = m.end()
            yield m


def anchored_finditer(rx: re.Pattern[str], text: str, anchor: re.Pattern[str],
                      anchor_text: str | None = None) -> Iterator[re.Match[str]]:
    """The non-overlapping matches of `rx` in `text`, tried only where `anchor` matches
    (`anchor_text`, default `text`, same length).  Python's regex engine cannot skip ahead for a
    pattern that opens with a lookbehind, so `rx.finditer` would try every position; a cheap
    anchor (a digit run, a first word) finds the few places a match can start."""
    return matches_at(rx, text, (a.start() for a in anchor.finditer(text if anchor_text is None else anchor_text)))


_DIGIT_RUN = re.compile(r"\d\d*")  # (not "\d+": a leading repeat gets no fast scan from the regex engine)


@lru_cache(maxsize=8)
def digit_runs(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(starts, ends) of the runs of digits in `text`, in order.

    Every extractor anchors its number and date patterns on digit runs; the scan is done once
    per text (cached), not once per pattern.  The positions hold for a lower-cased or folded
    copy of the same length too: no character becomes a digit, or stops being one, in
    `str.lower` or `fold_same_length` (checked over all of Unicode)."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _DIGIT_RUN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return tuple(starts), tuple(ends)


def digit_run_starts(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """`[m.start() for m in re.compile(r"\\d+").finditer(text, lo, hi)]`, from `digit_runs`: the
    runs starting in [lo, hi), led by `lo` itself when a run begun before it goes on past it."""
    hi = len(text) if hi is None else min(hi, len(text))
    if lo >= hi:
        return []
    starts, ends = digit_runs(text)
    k = bisect.bisect_left(starts, lo)
    out = list(starts[k:bisect.bisect_left(starts, hi, k)])
    if k > 0 and ends[k - 1] > lo:
        out.insert(0, lo)
    return out
