"""header extractor: số ký hiệu, loại văn bản, cơ quan ban hành, ngày ban hành, trích yếu.

Layout of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I):

  ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  TỈNH HÒA BÌNH                Độc lập - Tự do - Hạnh phúc
  Số: 2843/QĐ-UBND             Hòa Bình, ngày 29 tháng 12 năm 2015
  [V/v ... (letters)]
                    QUYẾT ĐỊNH
              Về việc ban hành ... (trích yếu)

Text exports flatten the two columns into lines in varying order, with markdown bold and
web junk lines around; every field is therefore looked for on its own.  News pages have
a title and an update stamp ("Ngày cập nhật 26/10/2017") instead.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

from vanban.pipeline.document import Document
from vanban.schema import Header, Span
from vanban.text import DATE_RE, collapse_ws, parse_date_match

__all__ = ["extract", "title_after"]

_D = tomllib.loads((Path(__file__).parent / "data" / "header.toml").read_text(encoding="utf-8"))
_REF = tomllib.loads((Path(__file__).parent / "data" / "references.toml").read_text(encoding="utf-8"))
_TYPE_WORDS = sorted(_REF["type_words"], key=len, reverse=True)
_TYPE_BY_UPPER = {t.upper(): t for t in _TYPE_WORDS}

_MARK = r"[ \t*_#>]*"
_TYPE_LINE = re.compile(rf"^{_MARK}(?P<tw>" + "|".join(re.escape(t.upper()) for t in _TYPE_WORDS) + r")[ \t*_:]*$", re.M)
# A PDF export may keep the two header columns side by side on one line, separated by a wide
# gap: the number and the dateline are then read from either column (a cell starts at a line
# start or after a gap of 3+ blanks, and ends at a line end or at such a gap).
# A header layout table converted to text keeps its cells between pipes ("| Số: 76/KH-UBND |
# Ninh Bình, ngày 05 tháng 3 năm 2025 |"): a pipe starts and ends a cell too.
_GAP = r"(?:[ \t]{3,}|[ \t]*\|)"
_CELL_START = rf"(?:^{_MARK}(?:\|[ \t]*)?|(?<=[ \t]{{3}})|(?<=\|)[ \t]*)"
_NUMBER_LINE = re.compile(rf"{_CELL_START}Số[ \t]*:?[ \t]*(?P<raw>[^\n|]{{1,60}}?)[ \t*_]*(?:$|{_GAP})", re.M)
_DATELINE = re.compile(rf"{_CELL_START}(?:(?P<place>[^\n,\d|]{{2,40}}?)[ \t]*,[ \t]*)?(?i:ngày)[ \t]+(?:{DATE_RE.pattern})", re.M)
# A "ngày dd/mm/yyyy" that continues a citation ("Thông tư số 05/2017/TT-BTNMT\nngày 25/4/2017 của
# Bộ ...") is that document's date, never this one's: the rest of its line goes on with the issuer
# or the subject.
_CITED_DATE_TAIL = re.compile(_D["cited_date_tail"])
_STAMP = re.compile(rf"^{_MARK}{_D['news_stamp']}(?:{DATE_RE.pattern})", re.M)
_VV = re.compile(rf"^{_MARK}{re.escape(_D['letter_subject'])}\b", re.M)
_JUNK = re.compile("|".join(re.escape(j) for j in _D["junk"]))
_MOTTO = [m.upper() for m in _D["motto"]]
_BODY_HEAD = re.compile(r"^(?:" + "|".join(re.escape(h) for h in sorted(_D["body_heads"], key=len, reverse=True)) + r")(?!\w)")
_LOCAL = sorted(_D["local_heads"], key=len, reverse=True)
_LEVELS = sorted(_D["levels"], key=len, reverse=True)
_ISSUER_IN_TEXT = re.compile(_D["issuer_in_text"])
_TITLE_STOP = tuple(_D["title_stop"])
_PLACE_IN_TEXT = re.compile(r"(?<!\w)(?P<level>tỉnh|thành phố)[ \t]+(?P<name>[A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,2})")


def _clean(line: str) -> str:
    return line.strip().strip("*_#>| \t").strip()


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in text[start:end].splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


def _iter_lines(text: str, start: int, end: int):
    """`_lines(text, start, end)` one line at a time (a reader that stops early splits no further)."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl + 1
        # the same cut as str.splitlines (which also breaks at \r, \v, \f, \x1c-\x1e, \x85, \u2028/9)
        chunk = text[pos:stop]
        for line in chunk.splitlines(keepends=True):
            yield pos, pos + len(line.rstrip("\r\n"))
            pos += len(line)


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def title_after(text: str, pos: int, limit: int = 400) -> tuple[str | None, Span | None]:
    """The trích yếu after a type line (or a "V/v" line) at `pos`: the following non-blank
    lines up to a blank line, plus later lines that continue it in lower case; joined by
    single spaces."""
    parts: list[str] = []
    span_s = span_e = None
    blank = False
    for s, e in _iter_lines(text, pos, min(len(text), pos + 1500)):
        raw = text[s:e]
        line = _clean(raw)
        if not line or set(line) <= set("-–_=*"):
            if parts:
                blank = True
            continue
        if parts and (line.startswith(_TITLE_STOP) or _TYPE_LINE.match(raw)):
            break
        if not parts and (line.startswith(_TITLE_STOP) or _JUNK.search(line)):
            break
        if blank and not line[0].islower():
            break
        if parts and len(" ".join(parts)) + len(line) > limit:
            break
        if parts and _is_caps(line) and not _is_caps(parts[-1]):
            break
        parts.append(line)
        off = raw.find(line)
        span_s = s + off if span_s is None else span_s
        span_e = s + off + len(line)
        blank = False
    if not parts:
        return None, None
    return collapse_ws(" ".join(parts)), (span_s, span_e)


def _body_name(block: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH" → "Ủy ban nhân dân tỉnh Hòa Bình"; "SỞ NỘI VỤ" → "Sở Nội vụ"."""
    b = collapse_ws(block)
    for local in _LOCAL:
        if b.startswith(local):
            head = _D["expand"].get(local, local.capitalize())
            rest = b[len(local):].strip()
            for lv in _LEVELS:
                if rest.startswith(lv + " ") or rest == lv:
                    place = rest[len(lv):].strip().title()
                    return collapse_ws(f"{head} {lv.lower()} {place}")
            return collapse_ws(f"{head} {rest.title()}")
    words = b.split(" ")
    out = [words[0].capitalize()]
    cap_next = True
    for w in words[1:]:
        if w in ("VÀ", "&"):
            out.append(w.lower())
            cap_next = True
            continue
        out.append(w.capitalize() if cap_next else w.lower())
        cap_next = False
    return " ".join(out).replace("Ủy", "Ủy")


def _issuer_block(text: str, end: int) -> tuple[str, Span] | None:
    """The last issuing body in the top-left block: caps lines before the number/motto."""
    bodies: list[tuple[str, int, int]] = []
    cur: list[tuple[str, int, int]] = []
    for s, e in _lines(text, 0, end):
        lead = len(text[s:e]) - len(text[s:e].lstrip(" \t|"))  # a table row's opening pipe
        gap = re.search(_GAP, text[s + lead:e].rstrip())
        if gap:  # columns side by side: the issuer is the left one
            e = s + lead + gap.start()
        raw = text[s:e]
        line = _clean(raw)
        if not line or set(line) <= set("-–_=*"):
            if cur:
                bodies.append((" ".join(x for x, _, _ in cur), cur[0][1], cur[-1][2]))
                cur = []
            continue
        up = line.upper()
        if any(up.startswith(m.upper()) for m in _MOTTO) or _TYPE_LINE.match(raw) or line.startswith("Số"):
            if cur:
                bodies.append((" ".join(x for x, _, _ in cur), cur[0][1], cur[-1][2]))
                cur = []
            if bodies:
                break
            continue
        if not _is_caps(line):
            if cur:
                bodies.append((" ".join(x for x, _, _ in cur), cur[0][1], cur[-1][2]))
                cur = []
            continue
        off = raw.find(line)
        if _BODY_HEAD.match(line) and cur:
            bodies.append((" ".join(x for x, _, _ in cur), cur[0][1], cur[-1][2]))
            cur = []
        cur.append((line, s + off, s + off + len(line)))
    if cur:
        bodies.append((" ".join(x for x, _, _ in cur), cur[0][1], cur[-1][2]))
    bodies = [b for b in bodies if _BODY_HEAD.match(b[0])]
    if not bodies:
        return None
    name, s, e = bodies[-1]
    return _body_name(name), (s, e)


def _leading_caps(name: str) -> str:
    words = []
    for w in name.split():
        if not w[0].isupper():
            break
        words.append(w)
    return " ".join(words)


def _issuer_from_text(text: str, place: str | None) -> tuple[str, Span] | None:
    """No header block: the body that speaks in the text, with the place of the dateline or
    the province the text names most."""
    m = _ISSUER_IN_TEXT.search(text)
    if not m:
        return None
    body = _D["expand"].get(m.group("body"), m.group("body"))
    level = m.group("level")
    if not place:
        names = Counter(_leading_caps(pm.group("name")) for pm in _PLACE_IN_TEXT.finditer(text)
                        if pm.group("level") == level and _leading_caps(pm.group("name")))
        place = names.most_common(1)[0][0] if names else None
    name = f"{body} {level}" + (f" {place}" if place else "")
    return name, (m.start("body"), m.end("level"))


def extract(doc: Document) -> Header:
    text = doc.text
    h = Header()
    # The header zone: up to the end of the title block, and at least the top of the page.
    seg_end = doc.segments.header[1] if doc.segments else 0
    zone = max(seg_end, min(len(text), 1200))
    tl = _TYPE_LINE.search(text, 0, min(len(text), 4000))
    vv = _VV.search(text, 0, min(len(text), 3000))
    if tl:
        zone = max(zone, min(len(text), tl.end() + 50))

    nm = _NUMBER_LINE.search(text, 0, zone)
    if nm:
        from vanban.extractors.references import parse_number_symbol

        key = parse_number_symbol(nm.group("raw"))
        if key:
            h.number = key
            h.spans["number"] = (nm.start("raw"), nm.end("raw"))

    place = None
    dm = _DATELINE.search(text, 0, zone)
    while dm and not dm.group("place") and _CITED_DATE_TAIL.match(text, dm.end()):
        dm = _DATELINE.search(text, dm.end(), zone)
    stamp = _STAMP.search(text, 0, zone)
    if dm and (not stamp or dm.start() < stamp.start()):
        h.issued_date = parse_date_match(dm)
        h.spans["issued_date"] = (dm.start() + len(dm.group()) - len(dm.group().lstrip(" \t*_#>")), dm.end())
        if dm.group("place") and not _JUNK.search(dm.group("place")):
            place = _clean(dm.group("place"))
    elif stamp:
        h.issued_date = parse_date_match(stamp)
        h.spans["issued_date"] = (stamp.start(), stamp.end())

    if tl:
        h.type = _TYPE_BY_UPPER[tl.group("tw")]
        h.spans["type"] = (tl.start("tw"), tl.end("tw"))
        title, span = title_after(text, tl.end())
        if title:
            h.title, h.spans["title"] = title, span
    if vv and (not tl or vv.start() < tl.start()):
        if not tl:
            h.type = _D["letter_type"]
            h.spans["type"] = (vv.start(), vv.start() + len(vv.group()))
        title, span = title_after(text, vv.start() + len(vv.group()) - len(_D["letter_subject"]))
        if title and not h.title:
            h.title, h.spans["title"] = title, span
    if not tl and not vv and not h.number:
        # A news page: the title is the line just above the update stamp.
        h.type = _D["news_type"]
        if stamp:
            h.spans["type"] = (stamp.start(), stamp.end())
            prev = [ln for ln in _lines(text, 0, stamp.start()) if _clean(text[ln[0]:ln[1]])]
            if prev:
                s, e = prev[-1]
                line = _clean(text[s:e])
                if not _JUNK.fullmatch(line):
                    off = text[s:e].find(line)
                    h.title, h.spans["title"] = line, (s + off, s + off + len(line))
        return h

    block_end = nm.start() if nm else (tl.start() if tl else zone)
    got = _issuer_block(text, max(block_end, min(zone, 1200)))
    if not got:
        got = _issuer_from_text(text, place)
    if got:
        h.issuer, h.spans["issuer"] = got
    return h
