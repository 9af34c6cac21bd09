"""references extractor: citations of other documents, with canonical keys and anaphora.

Grammar (Vietnamese administrative writing):

  <type word> [số] <number> [, ngày <date>] [của|do <issuer>]
  number  = 30c/NQ-CP | 36/2013/NĐ-CP | 5277/UBND-KSTT | 12-CTr/TU | 06 /CT-UBND | nđ-cp ...
  lists   = "các Nghị định số 130/2005/NĐ-CP và 43/2006/NĐ-CP" (the type word is shared)
  named   = Luật <name> [năm Y] [ngày D], Hiến pháp năm Y, Nghị quyết Trung ương 5 (Khóa X),
            Chương trình / Kế hoạch <name> giai đoạn Y1-Y2, standards (TCVN ISO 9001:2008)
  anaphor = "<type word> này" (this document) | "<type word> trên / nói trên" (latest cited)
            | a bare type word after "thực hiện"/"thi hành" ("hướng dẫn thi hành Luật;")

All words and codes live in data/references.toml.  Public helpers: `canonical_key`,
`key_fold`, `extract`.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vanban.extractors.page import furniture, inside as inside_page
from vanban.pipeline.document import Document
from vanban.schema import Reference
from vanban.text import (
    DATE_RE, anchored_finditer, collapse_ws, digit_run_starts, matches_at, fold as _fold_text, fold_text, parse_date_match,
    soft_breaks_as_spaces,
)

# folding is called on the same short words and keys over and over
fold = lru_cache(maxsize=8192)(_fold_text)

__all__ = ["extract", "canonical_key", "key_fold", "parse_number_symbol", "DATA"]

DATA = tomllib.loads((Path(__file__).parent / "data" / "references.toml").read_text(encoding="utf-8"))
_SPELL: dict[str, str] = DATA["spelling"]
_CODE_TYPES: dict[str, str] = DATA["code_types"]
_LETTER_TYPE: str = DATA["misc"]["letter_type"]
_SELF_KEY: str = DATA["misc"]["self_key"]
_GENERIC_TW = {fold(t) for t in DATA["misc"]["generic_type_words"]}
_TYPE_WORDS: list[str] = sorted(DATA["type_words"], key=len, reverse=True)
_TYPE_BY_FOLD = {fold(t): t for t in _TYPE_WORDS}
_NAMED = DATA["named"]
_STOP = set(_NAMED["stop_words"])
_NOT_LAW = set(_NAMED["not_law"])
_ANA = DATA["anaphora"]
_TREN_NOT = tuple(_ANA["tren_not"])
_REL = DATA["relations"]
_NAME_EXPAND = DATA["name_expand"]

_L = "A-Za-zÀ-ỹ"  # Latin letters incl. Vietnamese (Đ/đ, ơ, ư ... lie in this range)
# a code is letters; the National Assembly's carries its legislature ("193/2025/QH15")
_CODE = rf"(?:(?:UBTVQH|QH)\d{{1,2}}|[{_L}][{_L}&]*)"
_SEP = r"[^\S\n]*[/\-–][^\S\n]*"
_NUMBER_RX = (
    rf"(?P<num>\d{{1,5}}[a-zA-Z]?)(?P<sep1>{_SEP})(?:(?P<year>(?:19|20)\d{{2}})[^\S\n]*/[^\S\n]*)?"
    rf"(?P<sym>{_CODE}(?:{_SEP}{_CODE}){{0,5}})(?!\w)"
)
_NUMBER = re.compile(rf"(?<![\w/.\-–]){_NUMBER_RX}")
_NUMBER_FULL = re.compile(rf"\s*(?:(?i:số)\s*:?\s*)?{_NUMBER_RX}\s*")
_SYM_PART = re.compile(rf"(?P<sep>{_SEP})?(?P<code>{_CODE})")
_TW_ALT = "|".join(re.escape(t) for t in _TYPE_WORDS)
# What may stand right before a number: "<type word> [số]" or "số"/"Số:".
_BEFORE = re.compile(rf"(?:(?<!\w)(?P<tw>(?i:{_TW_ALT}))\s+)?(?:(?P<so>(?i:số))[^\S\n]*:?[^\S\n]*)?\Z")
_CONTINUE = re.compile(r"\s*(?:,|;|và|hoặc|cùng)\s*(?:các\s+)?(?:(?i:số)\s*)?\Z")
_DATE_AFTER = re.compile(r"[^\S\n]*,?[^\S\n]*(?:(?:ban hành|ký)[^\S\n]+)?(?i:ngày)[^\S\n]+(?:" + DATE_RE.pattern + ")")
_WORD = re.compile(r"[^\s,;:()\"“”!?.]+(?:\.\d+)*")
_HSPACE = re.compile(r"[^\S\n]+")
_ANYSPACE = re.compile(r"\s+")
_NEXT_CHAR = re.compile(r"[^\S\n]+(\S)")
_NEXT_TOKEN = re.compile(r"[^\S\n]+(\S+)")
_SENT_END = re.compile(r"[.!?](?:\s|$)|\n")
# The same matches, opening with a character set (which the regex engine scans for quickly).
_SENT_END_FAST = re.compile(r"[\n.!?](?:(?<=\n)|\s|$)")

# --------------------------------------------------------------------------- scanning
# A pattern that opens with a lookbehind ("(?<!\w)Luật") gets no literal-prefix help from the
# regex engine: `finditer` tries it at every position of the text.  Each such pattern has an
# anchor instead: a cheap pattern (literal first letters) for the first word of its matches,
# a run of word characters.  The pattern is tried, as a match, only where its anchor matches;
# since its own matches start at a word start, no start lies inside a skipped anchor match.
# Case-insensitive patterns are anchored on the lower-cased text (when lower-casing keeps every
# offset and the text has none of the letters the regex engine folds specially: ı ſ ẛ).
_TW_FIRST = sorted({t.split()[0] for t in _TYPE_WORDS}, key=len, reverse=True)
assert all(re.fullmatch(r"\w+", w) for w in _TW_FIRST)
_AT_TW = re.compile("|".join(re.escape(w) for w in _TW_FIRST))
_AT_TW_LOW = re.compile("|".join(re.escape(w) for w in sorted({w.lower() for w in _TW_FIRST}, key=len, reverse=True)))
_AT_BEFORE = re.compile(_AT_TW_LOW.pattern + "|số")


@lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    low = text.lower()
    if len(low) != len(text) or "\u0131" in text or "\u017f" in text or "\u1e9b" in text:
        return None
    return low


_scan = anchored_finditer


# --------------------------------------------------------------------------- keys

@lru_cache(maxsize=2048)
def _spell(code: str) -> str:
    s = _SPELL.get(fold(code))
    if s:
        return s
    return code.upper() if code.islower() else code


@lru_cache(maxsize=2048)
def _code_ok(code: str) -> bool:
    """A symbol code: a known one in any case, or an upper-case abbreviation (KSTT, TTg)."""
    if fold(code) in _SPELL or fold(code) in _CODE_TYPES:
        return True
    ups = sum(c.isupper() for c in code)
    return len(code) >= 2 and code[0].isupper() and ups * 2 >= len(code)


@dataclass
class _Num:
    start: int
    end: int  # end of the last accepted code
    key: str
    codes: list[str]
    spaced: bool  # a separator with spaces on both sides ("2015 - UBND")


def _parse_number(m: re.Match, base: int = 0) -> _Num | None:
    """Validate the symbol code by code; cut it at the first code that is not one."""
    sym, sym_start = m.group("sym"), m.start("sym")
    codes: list[str] = []
    seps: list[str] = []
    end = sym_start
    pos = 0
    while pos < len(sym):
        pm = _SYM_PART.match(sym, pos)
        if not pm:
            break
        sep, code = pm.group("sep"), pm.group("code")
        if codes and (not sep or (sep[0].isspace() and sep[-1].isspace())):
            break
        if not _code_ok(code):
            break
        if codes and code.islower() != codes[-1].islower() and fold(code) not in _SPELL:
            break
        codes.append(code)
        seps.append((sep or "").strip().replace("–", "-"))
        end = sym_start + pm.end()
        pos = pm.end()
    if not codes:
        return None
    sep1 = m.group("sep1")
    num = m.group("num")
    num = num[:-1] + num[-1].lower() if num[-1].isalpha() else num
    key = num + sep1.strip().replace("–", "-")
    if m.group("year"):
        key += m.group("year") + "/"
    key += _spell(codes[0]) + "".join(s + _spell(c) for s, c in zip(seps[1:], codes[1:]))
    spaced = sep1[:1].isspace() and sep1[-1:].isspace()
    return _Num(base + m.start(), base + end, key, codes, spaced)


def parse_number_symbol(raw: str) -> str | None:
    """The canonical key of a written number ("Số: 06 /CT-UBND" → "06/CT-UBND"), else None."""
    m = _NUMBER_FULL.fullmatch(raw or "")
    if not m:
        return None
    n = _parse_number(m)
    return n.key if n and n.end == m.end("sym") else None


_EXPAND_RX = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(_NAME_EXPAND, key=len, reverse=True)) + r")(?!\w)")


@lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    """Normalised key of a named document: abbreviations expanded, dashes and spaces tidied."""
    s = collapse_ws(name)
    s = re.sub(r"\s*\([A-ZĐ]{2,10}\)", "", s)  # "(QPPL)"
    # an abbreviation right after "Luật" starts the law's name: "Luật BHXH" → "Luật Bảo hiểm xã hội"
    s = _EXPAND_RX.sub(lambda m: _cap(_NAME_EXPAND[m.group()]) if _LAW_HEAD.fullmatch(s, 0, m.start())
                       else _NAME_EXPAND[m.group()], s)
    s = re.sub(r"(\d{4})\s*[-–—]\s*(\d{4})", r"\1-\2", s)
    s = re.sub(r"\s*,\s*(giai đoạn)", r" \1", s)
    s = re.sub(r"(?i)^ch[ưu]ơng\s+tr?ình", "Chương trình", s)
    return _cap(s)


_LAW_HEAD = re.compile(r"(?:Bộ\s+)?[Ll]uật\s+")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def canonical_key(raw: str) -> str:
    """Any spelling of a document number → its canonical key.

    "30c/NQ- CP", "30C/nq-cp", "số 30c/NQ-CP" → "30c/NQ-CP"; "36/2013/ND-CP" → "36/2013/NĐ-CP";
    "12 - CTr/TU" → "12-CTr/TU".  A named document ("Luật  Tổ chức CCHC") → its tidied name.
    """
    k = parse_number_symbol(raw)
    return k if k else _name_key(raw)


@lru_cache(maxsize=4096)
def key_fold(key: str) -> str:
    """Case-, diacritic- and space-insensitive form of a key: equal for all spellings of one."""
    k = canonical_key(key)
    if parse_number_symbol(k):
        return fold(k).replace(" ", "")
    return re.sub(r"[^\w/ -]", " ", fold(k)).replace("  ", " ").strip()


# --------------------------------------------------------------------------- issuers

_ISS = DATA["issuers"]
_ISS_HEAD = re.compile(r"(?:" + "|".join(_ISS["heads"]) + r")(?!\w)")
_ISS_VERB = re.compile(r"(?<=\s)(?:" + "|".join(re.escape(v) for v in _ISS["verbs_after"]) + r")(?!\w)")
_NAMED_HEADS = {fold(h) for h in _ISS["named_heads"]}
_LEVEL = re.compile(r"[^\S\n]+(?:các[^\S\n]+)?(?:" + "|".join(sorted(_ISS["levels"], key=len, reverse=True)) + r")(?!\w)")
_ISS_EXPAND_RX = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in _ISS["expand"]) + r")(?!\w)")
_TITLE = re.compile(r"(?:" + "|".join(_ISS["titles"]) + r")[^\S\n]+")
_LOCAL_HEADS = {fold(x) for x in ("Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Ban chỉ đạo", "BCĐ",
                                  "Chủ tịch Ủy ban nhân dân", "Chủ tịch UBND", "Thường trực Hội đồng nhân dân",
                                  "Thường trực HĐND")}


def _cap_words(text: str, pos: int, max_words: int, lower_per_word: int) -> int:
    """End of a run of capitalised name components ("Nội vụ", "Kế hoạch và Đầu tư", "Hòa Bình")."""
    end = pos
    n = 0
    lowers = 0
    while n < max_words:
        m = _HSPACE.match(text, end)
        if not m:
            break
        w = _WORD.match(text, m.end())
        if not w:
            break
        word = w.group()
        if word[0].isupper():
            lowers = 0
        elif word == "và" and n:
            nxt = _NEXT_CHAR.match(text, w.end())
            if not (nxt and nxt.group(1).isupper()):
                break
        elif n and lowers < lower_per_word and word.lower() not in _STOP and word.isalpha():
            lowers += 1
        else:
            break
        if fold(word) in _TYPE_BY_FOLD:
            break
        end = w.end()
        n += 1
    return end


def _issuer_at(text: str, pos: int) -> tuple[int, str] | None:
    """An issuer body starting at `pos`: (end, expanded name)."""
    m = _ISS_HEAD.match(text, pos)
    if not m:
        return None
    head = m.group()
    end = m.end()
    fh = fold(head)
    if fh in _NAMED_HEADS:
        e = _cap_words(text, end, 6, 2)
        if e == end:
            return None
        end = e
        # the lower-case words the name may end with: not the start of a verb after it
        for vm in _ISS_VERB.finditer(text, m.end(), end + 12):
            if vm.start() < end:
                end = vm.start()
                while end > m.end() and text[end - 1].isspace():
                    end -= 1
                break
    elif fh in _LOCAL_HEADS or fh.startswith("ban chi dao"):
        lv = _LEVEL.match(text, end)
        if lv:
            end = _cap_words(text, lv.end(), 4, 0)
    name = text[pos:end]
    name = _ISS_EXPAND_RX.sub(lambda x: _ISS["expand"][x.group()], name)
    return end, collapse_ws(name)


_ISSUER_AFTER = re.compile(r"[^\S\n]*,?[^\S\n]*(?:của|do)[^\S\n]+")


def _date_issuer_after(text: str, pos: int) -> tuple[int, bool, str | None, str | None]:
    """What a citation says right after its name or number: "ngày 08/11/2011" then
    "của Chính phủ".  Returns (end of the citation, whether a date is written, its ISO value
    (None when not a valid date), issuer or None)."""
    date = None
    dm = _DATE_AFTER.match(text, pos)
    if dm:
        date = parse_date_match(dm)
        pos = dm.end()
    im = _issuer_after(text, pos)
    if im:
        pos, issuer = im
        return pos, dm is not None, date, issuer
    return pos, dm is not None, date, None


def _issuer_after(text: str, pos: int) -> tuple[int, str] | None:
    m = _ISSUER_AFTER.match(text, pos)
    if not m:
        return None
    return _issuer_at(text, m.end())


_PRE_ISSUER = re.compile(r"(?:của|do)[^\S\n]+(?=\S)")


def _issuer_before(text: str, start: int) -> str | None:
    """"... của Giám đốc Sở Nội vụ tại Công văn số ..." → "Sở Nội vụ"."""
    lo = max(0, start - 120)
    window = text[lo:start]
    if not re.search(r"[^\S\n]tại[^\S\n]+\Z", window):
        return None
    for m in reversed(list(_PRE_ISSUER.finditer(window))):
        p = lo + m.end()
        t = _TITLE.match(text, p)
        if t:
            p = t.end()
        got = _issuer_at(text, p)
        if got and re.fullmatch(r"[^\S\n]+tại[^\S\n]+", text[got[0]:start]):
            return got[1]
        break
    return None


# --------------------------------------------------------------------------- helpers

def _folded_before(text: str, pos: int, n: int = 60) -> str:
    return fold_text(text)[max(0, pos - n):pos]


def _ends_with_cue(window_folded: str, cues: list[str]) -> bool:
    w = window_folded.rstrip()
    return any(w.endswith(c) and (len(w) == len(c) or not w[-len(c) - 1].isalnum()) for c in cues)


def _clause_window(text: str, start: int) -> str:
    """Folded text from the last clause boundary (; . newline) to `start`."""
    lo = max(0, start - 200)
    seg = text[lo:start]
    cut = max(seg.rfind(";"), seg.rfind("\n"), seg.rfind(". "))
    return fold_text(text)[lo + cut + 1:start]


# The relation cues (folded phrases) -> their relation, in the order they are tried: relation by
# relation, longest phrase first (the first that matches at a position wins).
_REL_OF: dict[str, str] = {}
for _rel in ("thay_the", "sua_doi", "bai_bo", "huong_dan", "trien_khai"):
    for _c in sorted(_REL[_rel], key=len, reverse=True):
        _REL_OF.setdefault(_c, _rel)
# Each phrase whole-word.  The "not after a word character" test stands after the phrase's first
# letter ("(?<!\w.)"), not before it: a pattern whose alternatives all open with a letter is
# scanned for quickly, one opening with "(?<!\w)" is tried at every position of the window.
_REL_RX = re.compile("|".join(re.escape(c[0]) + r"(?<!\w.)" + re.escape(c[1:]) + r"(?!\w)" for c in _REL_OF))


def _relation(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    head = fold_text(text)[line_start:line_start + 20].lstrip(" \t*-+•")
    if any(head.startswith(c) for c in _REL["can_cu_line"]):
        return "can_cu"
    best = "mention"
    for m in _REL_RX.finditer(_clause_window(text, start)):
        best = _REL_OF[m.group()]
    return best


@lru_cache(maxsize=1024)
def _type_of_word(word: str) -> str:
    return _TYPE_BY_FOLD.get(fold(word), collapse_ws(word))


def _type_from_codes(codes: list[str]) -> str | None:
    for c in codes[:2]:
        t = _CODE_TYPES.get(fold(c))
        if t:
            return t
    return _LETTER_TYPE if len(codes) >= 2 else None


@lru_cache(maxsize=4096)
def _tokens(s: str) -> frozenset[str]:
    return frozenset(re.sub(r"[^\w -]", " ", fold(_name_key(s))).split())


def _sentence_id(text: str, pos: int, ends: list[int]) -> int:
    return bisect.bisect_right(ends, pos)


# --------------------------------------------------------------------------- numbered citations

@dataclass
class _Cit:
    start: int
    end: int
    key: str
    type: str | None
    date: str | None
    issuer: str | None
    numbered: bool
    anaphor: bool = False
    relation: str | None = None
    head: int = -1  # index of the list head this item continues
    keep: bool = True
    num_end: int = 0
    rule: str = ""  # the rule that found it (a key of [confidence] in the data)


def _before(text: str, low: str | None, lo: int, hi: int) -> re.Match[str] | None:
    """`_BEFORE.search(text, lo, hi)`, tried only where a type word or "số" starts."""
    if low is None:
        return _BEFORE.search(text, lo, hi)
    for a in _AT_BEFORE.finditer(low, lo, hi):
        m = _BEFORE.match(text, a.start(), hi)
        if m:
            return m
    return _BEFORE.match(text, hi, hi)


def _numbered(text: str) -> list[_Cit]:
    out: list[_Cit] = []
    low = _lowered(text)
    for m in matches_at(_NUMBER, text, digit_run_starts(text)):
        n = _parse_number(m)
        if not n:
            continue
        before = _before(text, low, max(0, m.start() - 60), m.start())
        tw = before.group("tw") if before else None
        so = before.group("so") if before else None
        start = before.start() if (before and (tw or so)) else m.start()
        head = -1
        if not tw and out:
            prev = out[-1]
            if _CONTINUE.match(text, prev.end) and _CONTINUE.match(text, prev.end).end() == (before.start("so") if so else m.start()):
                head = prev.head if prev.head >= 0 else len(out) - 1
        if not (tw or so or head >= 0):
            if len(n.codes) < 2 or n.spaced:
                continue
        elif not tw and head < 0 and len(n.codes) < 2 and fold(n.codes[0]) not in _CODE_TYPES:
            continue
        if tw and fold(tw) not in _GENERIC_TW:
            typ = _type_of_word(tw)
        elif head >= 0 and not tw:
            typ = out[head].type
        else:
            typ = _type_from_codes(n.codes)
        if not tw and so:
            start = m.start()  # "số 123/..." without a type word: the citation is the number
        end, _, date, issuer = _date_issuer_after(text, n.end)
        if issuer is None and tw:
            issuer = _issuer_before(text, start)
        rule = ("numbered:type+number" if tw else "numbered:list-continuation" if head >= 0
                else "numbered:so+number" if so else "numbered:symbol-only")
        out.append(_Cit(start, end, n.key, typ, date, issuer, True, head=head, num_end=n.end, rule=rule))
    # A trailing issuer is shared by a list of citations written back to back
    # ("Nghị định số 36/... ngày ... và Nghị định số 41/... ngày ... của Chính phủ").
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.issuer is None and b.issuer and re.fullmatch(r"\s*(?:,|và|;)\s*", text[a.end:b.start]):
            a.issuer = b.issuer
    return out


# --------------------------------------------------------------------------- named documents

_TW_CAP = re.compile(rf"(?<!\w)(?P<tw>{_TW_ALT})(?!\w)")
_LAW = re.compile(r"(?<!\w)(?P<tw>Bộ luật|Luật|Bộ chỉ số|Pháp lệnh)(?!\w)")
_AT_LAW = re.compile(r"Bộ|Luật|Pháp")
_LAW_TAIL = re.compile(r"[^\S\n]*(?:$|[;.(\n]|(?:ngày|năm)(?!\w)|số[^\S\n]+\d)", re.M)
# "Luật Khám bệnh, chữa bệnh số 15/2023/QH15": a law written with its number is keyed by it.
_LAW_NUMBER_AFTER = re.compile(r"[^\S\n]+số[^\S\n]+(?P<n>\d+/(?:19|20)\d{2}/[A-ZĐ]+\d*)(?![\w/-])")
# The words after a comma in a law's name: a verb among them means the sentence has moved on
# ("chấp hành Luật Đất đai, ký cam kết ...", "... Luật Bảo hiểm y tế, Bộ Y tế đề nghị ...").
_LAW_COMMA_VERBS = tuple(_NAMED["comma_verbs"])
_ITEM_MARK = re.compile(r"^[^\S\n]*(?:[-+•*]|[a-zđ]\)|\d+(?:\.\d+)*[.)])?[^\S\n]*")
_AMEND = re.compile(r"[^\S\n]+(?:" + "|".join(r"[^\S\n]+".join(re.escape(w) for w in a.split())
                                                 for a in sorted(_NAMED["amending"], key=len, reverse=True))
                     + r")[^\S\n]+(?=Luật|Bộ luật|Pháp lệnh)")
_LAW_JOIN = re.compile(r"[^\S\n]*(?:,|và|,[^\S\n]*và)[^\S\n]*(?=Luật|Bộ luật|Pháp lệnh)")
_PAREN = re.compile(r"[^\S\n]*\([^()\n]{1,30}\)")
_YEAR_AFTER = re.compile(r"[^\S\n]+năm[^\S\n]+(?P<y>(?:19|20)\d{2})(?!\d)")
_PROG_TW = r"(?:[Cc]h[ưu]ơng[^\S\n]+tr?ình|Kế hoạch|Đề án)"
_AT_PROG = re.compile(r"Ch[ưu]ơng|ch[ưu]ơng|Kế|Đề")
_AT_CHUONG_LOW = re.compile(r"ch[ưu]ơng")
_HORIZON = "|".join(re.escape(h) for h in _NAMED["horizons"])
_FORBID = r"(?:của|theo|để|nhằm|đã|được|này|số(?=[^\S\n]*\d)|với|trong|tại|cho|khi|sau|nếu|thì|phải|cần|về việc)"
_PROG_PERIOD = re.compile(
    rf"(?<!\w)(?P<tw>{_PROG_TW})[^\S\n]+(?P<name>(?:(?!(?<!\w){_FORBID}(?!\w)|(?<!\w)(?:{_TW_ALT})(?!\w))[^;.()\"“”\n]){{2,160}}?)"
    r"[^\S\n]*,?[^\S\n]*giai[^\S\n]+đoạn[^\S\n]+(?P<nam>năm[^\S\n]+)?(?P<p1>(?:19|20)\d{2})[^\S\n]*[-–—][^\S\n]*(?P<p2>(?:19|20)\d{2})"
    # the horizon that completes the name: ", tầm nhìn đến năm 2030", ", định hướng đến năm 2030"
    rf"(?:[^\S\n]*,?[^\S\n]*(?P<hz>{_HORIZON})[^\S\n]+(?:đến|tới)[^\S\n]+năm[^\S\n]+(?P<p3>(?:19|20)\d{{2}})(?!\d))?"
    # a short name given in brackets: "(Đề án 06)"
    rf"(?:[^\S\n]*\((?P<alias>{_PROG_TW}[^\S\n]+\d{{1,4}}[a-zA-Z]?)\))?"
)
# "Đề án 06": a programme named by its number, the short name a document gives it.
_PROG_ALIAS = re.compile(rf"(?<!\w)(?P<tw>{_PROG_TW})[^\S\n]+(?P<n>\d{{1,4}}[a-zA-Z]?)(?![\w/\-]|[.,:]\w)")
_SPECIFIC = "|".join(re.escape(s) for s in _NAMED["specific"])
_PROG_SPECIFIC = re.compile(r"(?<!\w)(?P<tw>(?i:ch[ưu]ơng[^\S\n]+tr?ình))[^\S\n]+(?=\S)")
_PROG_TW_RX = re.compile(_PROG_TW, re.I)  # (the type word of a programme already found, in any case)
# verbs between a body's noun and the programme it works on: "Tổ công tác triển khai Đề án 06"
_ALIAS_BODY = re.compile(r"(?:\s+(?:trien khai|thuc hien|quan ly|dieu hanh))+\s*$")
_PROG_SHORT = re.compile(rf"(?<!\w)(?P<tw>{_PROG_TW})[^\S\n]+(?=\S)")
_PATTERNS = [(p["type"], re.compile(p["regex"]), p.get("upper", False), tuple(p.get("needs", ())), p["name"])
             for p in _NAMED.get("pattern", [])]
_LB = "(?<!\\w)"
# A pattern opening with "(?<!\w)" is searched for without it (the rest opens with a literal,
# which the regex engine finds quickly) and checked with it where found.
_PATTERN_BODY = {id(rx): re.compile(rx.pattern[len(_LB):], rx.flags) for _, rx, _, _, _ in _PATTERNS
                 if rx.pattern.startswith(_LB)}


def _finditer_body(rx: re.Pattern[str], text: str):
    """`rx.finditer(text)`: its body (`_PATTERN_BODY`) searched, `rx` matched where found."""
    body = _PATTERN_BODY.get(id(rx))
    if body is None:
        yield from rx.finditer(text)
        return
    pos = 0
    while True:
        b = body.search(text, pos)
        if not b:
            return
        m = rx.match(text, b.start())
        if m:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
        else:
            pos = b.start() + 1


def _name_end(text: str, pos: int, allow_nl: bool, max_words: int | None = None) -> tuple[int, int]:
    """Walk the words of a name from `pos`; (end, number of words)."""
    max_words = max_words or _NAMED["max_words"]
    end, n = pos, 0
    ws = _ANYSPACE if allow_nl else _HSPACE
    while n < max_words:
        m = ws.match(text, end)
        if not m or (not allow_nl and "\n" in m.group()):
            break
        w = _WORD.match(text, m.end())
        if not w:
            break
        word = w.group()
        fw = word.lower()
        if word == "và":
            nxt = _NEXT_TOKEN.match(text, w.end())
            if n and nxt and nxt.group(1)[0].isupper() and fold(nxt.group(1)) not in _TYPE_BY_FOLD \
                    and not _TW_CAP.match(text, nxt.start(1)):
                end = w.end()
                continue
            break
        if fw in _STOP or _TW_CAP.match(text, m.end()) or re.fullmatch(r"\d+", word):
            break
        end = w.end()
        n += 1
    return end, n


def _law_name_end(text: str, pos: int, allow_nl: bool) -> int | None:
    """End of a law's name after its type word at `pos`, or None."""
    end, n = _name_end(text, pos, allow_nl)
    if n == 0:
        return None
    # "Luật Cán bộ, công chức ngày ...", "Luật Thi đua, Khen thưởng": a comma inside the name
    # when the words after it run to the date, the year, the end of the clause or "và Luật".
    while end < len(text) and text[end] == ",":
        e2, n2 = _name_end(text, end + 1, allow_nl)
        nxt = _NEXT_TOKEN.match(text, end + 1)
        if n2 and (_LAW_TAIL.match(text, e2) or _LAW_JOIN.match(text, e2) or (nxt and nxt.group(1)[0].isupper())):
            words = " " + fold(text[end + 1:e2]).strip() + " "
            if any(" " + v + " " in words for v in _LAW_COMMA_VERBS):
                break
            end = e2
        else:
            break
    return end


def _amended_end(text: str, pos: int, allow_nl: bool) -> int | None:
    """End of the laws an amending law names from `pos`: "Luật A và Luật B", "Luật A, Luật B"."""
    end = None
    while True:
        m = _LAW.match(text, pos)
        if not m:
            return end
        e = _law_name_end(text, m.end(), allow_nl)
        if e is None:
            return end
        end = e
        j = _LAW_JOIN.match(text, e)
        if not j:
            return end
        pos = j.end()


def _named(text: str, header_end: int) -> list[_Cit]:
    out: list[_Cit] = []
    inner: list[tuple[int, int]] = []  # the laws named inside an amending law's name
    # Laws, codes, ordinances, index sets: "Luật Tổ chức chính quyền địa phương [năm 2015] [ngày ...]".
    for m in _scan(_LAW, text, _AT_LAW):
        allow_nl = m.start() < header_end
        if any(a <= m.start() < b for a, b in inner):
            continue
        # "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": one law, named by the laws it amends
        am = _AMEND.match(text, m.end())
        end = _amended_end(text, am.end(), allow_nl) if am else None
        if end is not None:
            inner.append((am.end(), end))
            out.append(_law_cit(text, m, end, "named:law-amending"))
            continue
        first = _WORD.match(text, m.end() + 1) if m.end() < len(text) and text[m.end()] in " \t\xa0" else None
        if not first or first.group().lower() in _NOT_LAW:
            continue
        end = _law_name_end(text, m.end(), allow_nl)
        if end is None:
            continue
        out.append(_law_cit(text, m, end))
    _fixed_shapes(text, out)
    return out


def _law_cit(text: str, m: re.Match[str], end: int, rule: str = "named:law") -> _Cit:
    """A law named text[m.start():end], with its year, date and issuer when written after it."""
    key = text[m.start():end]
    p = _PAREN.match(text, end)
    if p:
        end = p.end()
    date = None
    y = _YEAR_AFTER.match(text, end)
    if y:
        key += " năm " + y.group("y")
        date = y.group("y")
        end = y.end()
    end, dated, written_date, issuer = _date_issuer_after(text, end)
    if dated:  # a written date replaces the year of the name
        date = written_date
    nm = _LAW_NUMBER_AFTER.match(text, end)
    if nm:
        number = parse_number_symbol(nm.group("n")) or nm.group("n")
        return _Cit(m.start(), nm.end(), number, m.group("tw"), date, issuer or _law_issuer(number), False,
                    rule=rule + ":number")
    return _Cit(m.start(), end, _name_key(key), m.group("tw"), date, issuer, False, rule=rule)


def _law_issuer(number: str) -> str | None:
    """The body a law's symbol names ("15/2023/QH15" → Quốc hội)."""
    sym = number.rsplit("/", 1)[-1]
    return next((b for p, b in _NAMED["law_symbol_issuers"].items() if sym.startswith(p)), None)


def _fixed_shapes(text: str, out: list[_Cit]) -> None:
    # Fixed shapes from the data file (the constitution, party resolutions, standards).
    low = text.lower()
    for typ, rx, upper, needs, name in _PATTERNS:
        if needs and not any(n in low for n in needs):
            continue  # cheap test first: the pattern cannot match
        for m in _finditer_body(rx, text):
            key = text[m.start():m.end()]
            if "x" in rx.groupindex and m.group("x"):
                key = text[m.end("x"):m.end()]
            key = collapse_ws(key)
            key = re.sub(r"\s*:\s*", ":", key)
            if upper:
                key = key.upper()
            date = m.group("y") if "y" in rx.groupindex and m.group("y") else None
            if "drop" in rx.groupindex and m.group("drop"):
                key = collapse_ws(key.replace(collapse_ws(m.group("drop")), ""))
            out.append(_Cit(m.start(), m.end(), _name_key(key) if not upper else key, typ, date, None, False,
                            rule="named:pattern:" + name))


@dataclass
class _Prog:
    cit: _Cit
    kind: str  # period | specific | short
    words_end: list[int]
    alias: str = ""  # the short name given in brackets ("Đề án 06")


def _programmes(text: str, header_end: int) -> list[_Prog]:
    found: list[_Prog] = []
    starts: set[int] = set()
    # A title may wrap over lines: read the header with its line breaks as spaces.
    flat = re.sub(r"\s", " ", text[:header_end]) + text[header_end:]
    for m in _scan(_PROG_PERIOD, flat, _AT_PROG):
        name = m.group("name")
        first = name.split()[0].lower() if name.split() else ""
        if not first or first in _STOP or re.match(r"\d", first):
            continue
        key = f"{m.group('tw')} {name} giai đoạn {m.group('nam') or ''}{m.group('p1')}-{m.group('p2')}"
        if m.group("hz"):
            key += f", {m.group('hz')} đến năm {m.group('p3')}"
        c = _Cit(m.start(), m.end(), _name_key(key), None, None, None, False, rule="named:programme:period")
        im = _issuer_after(text, c.end)
        if im:
            c.end, c.issuer = im
        found.append(_Prog(c, "period", [], collapse_ws(m.group("alias") or "")))
        starts.add(m.start())
    low = _lowered(text)
    for rx, kind in ((_PROG_SPECIFIC, "specific"), (_PROG_SHORT, "short")):
        if rx is _PROG_SHORT:
            found_ms = _scan(rx, text, _AT_PROG)
        elif low is not None:
            found_ms = _scan(rx, text, _AT_CHUONG_LOW, low)
        else:
            found_ms = rx.finditer(text)
        for m in found_ms:
            if m.start() in starts:
                continue
            allow_nl = m.start() < header_end
            if kind == "specific" and not re.match(rf"(?:{_SPECIFIC})(?!\w)", fold_text(text)[m.end():m.end() + 40]):
                continue
            # word ends, to cut a short mention at its longest known prefix later
            ends: list[int] = []
            pos = m.start("tw") + len(m.group("tw"))
            n_words = 0
            while True:
                e, n = _name_end(text, pos, allow_nl, 1)
                if n == 0:
                    break
                ends.append(e)
                pos = e
                n_words += 1
                if n_words >= _NAMED["max_words"]:
                    break
            if not ends:
                continue
            c = _Cit(m.start(), ends[-1], _name_key(text[m.start():ends[-1]]), None, None, None, False,
                     rule="named:programme:" + kind)
            found.append(_Prog(c, kind, ends))
            starts.add(m.start())
    for p in found:
        tw = _PROG_TW_RX.match(text, p.cit.start)
        p.cit.type = _type_of_word(tw.group()) if tw and not fold(tw.group()).startswith("chu") else "Chương trình"
    return found


# --------------------------------------------------------------------------- self names

_TYPE_LINE = re.compile(
    r"^[ \t*#]*(?P<tw>" + "|".join(re.escape(t.upper()) for t in _TYPE_WORDS) + r")[ \t*:]*$", re.M)


def _self_names(doc: Document) -> list[tuple[str, set[str]]]:
    """(type, title tokens) of this document and of any document it carries (a plan issued
    by a decision): mentions of those are the document itself, not citations."""
    from vanban.extractors.header import title_after  # shared title reader

    text = doc.text
    out: list[tuple[str, set[str]]] = []
    for m in _TYPE_LINE.finditer(text):
        title, _ = title_after(text, m.end())
        if title:
            out.append((_type_of_word(m.group("tw")), _tokens(title)))
    if doc.header and doc.header.type and doc.header.title:
        out.append((doc.header.type, _tokens(doc.header.title)))
    return out


# --------------------------------------------------------------------------- anaphora

_DEMS = sorted(_ANA["this"] + _ANA["previous"], key=len, reverse=True)
# a type word, up to three lower-case words, then "như sau": "Kế hoạch (kiểm tra) như sau"
_AS_FOLLOWS = re.compile(rf"(?<!\w)(?P<tw>{_TW_ALT})(?:[^\S\n]+[a-zà-ỹđ]+){{0,3}}[^\S\n]+như[^\S\n]+sau(?!\w)")


def _as_follows(text: str) -> list[re.Match[str]]:
    """Matches of _AS_FOLLOWS, looked for only in the few words before each "như sau"."""
    out: list[re.Match[str]] = []
    i = text.find("như sau")
    while i >= 0:
        out.extend(m for m in _AS_FOLLOWS.finditer(text, max(0, i - 60), i + 7) if m.end() == i + 7)
        i = text.find("như sau", i + 7)
    return out


_ANAPHOR = re.compile(rf"(?<!\w)(?P<tw>(?i:{_TW_ALT}))[^\S\n]+(?P<dem>{'|'.join(re.escape(d) for d in _DEMS)})(?!\w)")
_DEM_FIRST = tuple(sorted({d.split()[0] for d in _DEMS}))
_TW_LOW_BY_LEN: dict[int, set[str]] = {}
for _t in _TYPE_WORDS:
    _TW_LOW_BY_LEN.setdefault(len(_t.lower()), set()).add(_t.lower())


def _anaphor_starts(text: str, low: str) -> list[int]:
    """Where an `_ANAPHOR` match can start: a type word (any case) ending right before the
    blanks before a demonstrative ("Quyết định này")."""
    out: set[int] = set()
    for d in _DEM_FIRST:
        q = text.find(d)
        while q >= 0:
            e = q
            while e > 0 and text[e - 1].isspace() and text[e - 1] != "\n":  # [^\S\n]
                e -= 1
            if e < q:
                for n, words in _TW_LOW_BY_LEN.items():
                    if n <= e and low[e - n:e] in words:
                        out.add(e - n)
            q = text.find(d, q + 1)
    return sorted(out)


_KIND_LIST = re.compile(rf"[^\S\n]*,[^\S\n]*(?:{_TW_ALT})(?!\w)")
# ... closing its phrase: before punctuation, or before a copula ("Tổng kinh phí thực hiện Kế
# hoạch là 4,2 tỷ đồng")
# the type word alone, its phrase closed by punctuation, a copula or a preposition ("phổ biến Kế
# hoạch đến từng hộ", "đăng tải Kế hoạch và các tài liệu"), never by a name going on
_ISSUED_WITH = re.compile(rf"(?<!\w)(?P<tw>{_TW_ALT})(?:(?!ban hành)[^;\n]){{0,200}}ban hành kèm theo[^\S\n]*\Z")
_BARE = re.compile(rf"(?<!\w)(?P<tw>{_TW_ALT})(?=[^\S\n]*(?:[,;.]|$)|[^\S\n]+(?:là|gồm|theo|đến|tới|cho|tại|lên|và các)(?!\w))",
                   re.M)


def _same_type(a: str | None, b: str | None) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa == fb or fa.startswith(fb + " ") or fb.startswith(fa + " "))


# --------------------------------------------------------------------------- extract

def extract(doc: Document) -> list[Reference]:
    as_written = doc.text
    # matched over the text with its in-sentence line breaks as spaces (a PDF's hard wrap inside
    # "Nghị quyết số\n193/2025/QH15"); same length, so every span holds; texts are cut as written
    text = soft_breaks_as_spaces(as_written)
    seg = doc.segments
    header_end = seg.header[1] if seg else 0
    self_number = doc.header.number if doc.header else None
    self_fold = key_fold(self_number) if self_number else None
    self_key = self_number or _SELF_KEY
    self_names = _self_names(doc)
    self_types = {fold(t) for t, _ in self_names}
    if doc.header and doc.header.type:  # a document without a title line still has its type
        self_types.add(fold(doc.header.type))

    page = furniture(text)

    def excluded(pos: int) -> bool:
        return bool(seg and seg.is_excluded(pos)) or (bool(page) and inside_page(pos, page))

    numbered = [c for c in _numbered(text) if not excluded(c.start)]
    for c in numbered:
        if self_fold and key_fold(c.key) == self_fold:
            c.keep = False
    taken: list[tuple[int, int]] = []

    def take(s: int, e: int) -> None:
        bisect.insort(taken, (s, e))

    def overlaps(s: int, e: int) -> bool:
        i = bisect.bisect_left(taken, (e, -1))
        return any(taken[j][1] > s for j in range(max(0, i - 8), i))

    for c in numbered:
        take(c.start, c.end)

    num_ends = sorted(c.end for c in numbered)

    def describes_previous(pos: int) -> bool:
        """Inside the trích yếu of the citation just before ("... ban hành Chương trình ...")."""
        i = bisect.bisect_right(num_ends, pos) - 1
        if i < 0:
            return False
        gap = text[num_ends[i]:pos]
        if len(gap) > 200 or re.search(r"[;\n]|\.\s", gap):
            return False
        g = fold(gap).lstrip(" ,")
        return any(g.startswith(o + " ") or g == o for o in _NAMED["description_openers"])

    named = [c for c in _named(text, header_end) if not excluded(c.start) and not overlaps(c.start, c.end)]
    for c in named:
        take(c.start, c.end)  # a law named in a citation's trích yếu still counts (shared/heldout2 gold)

    # Programmes and plans named without a number.
    progs = [p for p in _programmes(text, header_end) if not excluded(p.cit.start)]
    sent_ends = [m.start() for m in _SENT_END_FAST.finditer(text)]

    def is_self(tokens: set[str], typ: str | None) -> bool:
        return any(_same_type(t, typ) and tokens and tokens <= toks for t, toks in self_names)

    def creating(pos: int) -> bool:
        if _ends_with_cue(_folded_before(text, pos, 40), _NAMED["creating"]):
            return True
        # "a) Ban hành Kế hoạch ...": a task item that makes the document, not a citation of it
        ls = text.rfind("\n", 0, pos) + 1
        lead = _ITEM_MARK.sub("", fold(text[ls:pos])).strip()
        return lead in _NAMED["creating_at_item_start"]

    full: list[tuple[set[str], str, int]] = []  # (tokens, key, sentence) of full programme names
    prog_out: list[_Cit] = []
    for p in progs:
        if p.kind == "short" or overlaps(p.cit.start, p.cit.end):
            continue
        toks = _tokens(p.cit.key) - _tokens(p.cit.type or "")
        if is_self(toks, p.cit.type):
            continue
        full.append((_tokens(p.cit.key), p.cit.key, _sentence_id(text, p.cit.start, sent_ends)))
        if creating(p.cit.start) or describes_previous(p.cit.start):
            continue
        prog_out.append(p.cit)
    # A specific name written without its period ("Chương trình mục tiêu quốc gia ...") takes
    # the key of the fuller name the document also gives.
    for c in prog_out:
        own = _tokens(c.key)
        longer = [(len(t), k) for t, k, _ in full if own < t]
        if longer:
            c.key = max(longer)[1]
    for p in progs:
        if p.kind != "short" or overlaps(p.cit.start, p.cit.end) or creating(p.cit.start):
            continue
        sid = _sentence_id(text, p.cit.start, sent_ends)
        for e in reversed(p.words_end[1:]):
            toks = _tokens(text[p.cit.start:e])
            if is_self(toks - _tokens(p.cit.type or ""), p.cit.type):
                break
            hit = next((k for t, k, s in full if s != sid and toks <= t), None)
            if hit:
                if not describes_previous(p.cit.start):
                    c = _Cit(p.cit.start, e, hit, p.cit.type, None, None, False, rule="named:programme:short")
                    im = _issuer_after(text, e)
                    if im:
                        c.end, c.issuer = im
                    prog_out.append(c)
                break
    for c in prog_out:
        if not overlaps(c.start, c.end):
            named.append(c)
            take(c.start, c.end)
    # Short names given in brackets ("... giai đoạn 2022 - 2025 (Đề án 06)") and programmes
    # named by their number alone: "các chỉ tiêu của Đề án 06".  Inside the name of a body
    # ("Tổ công tác triển khai Đề án 06") the mention names the body, not the document.
    alias_key = {fold(p.alias): p.cit.key for p in progs if p.alias and p.kind == "period"}
    for m in _scan(_PROG_ALIAS, text, _AT_PROG):
        s, e = m.start(), m.end()
        if excluded(s) or overlaps(s, e):
            continue
        if _ends_with_cue(_ALIAS_BODY.sub(" ", _folded_before(text, s, 50)), _NAMED["body_before"]):
            continue
        written = collapse_ws(m.group())
        c = _Cit(s, e, alias_key.get(fold(written), written), _type_of_word(m.group("tw")), None, None, False,
                 rule="named:programme:alias" if fold(written) in alias_key else "named:programme:number-only")
        named.append(c)
        take(s, e)

    cits = sorted([c for c in numbered] + named, key=lambda c: c.start)

    # Anaphora.
    anas: list[_Cit] = []

    def latest(typ: str, pos: int) -> _Cit | None:
        for c in reversed(cits):
            if c.start < pos and c.keep and _same_type(c.type, typ):
                return c
        return None

    # "Quy định … ban hành kèm theo Quyết định số 18/2021/QĐ-UBND": a regulation known by the
    # decision that issued it — "Quy định này" in an amending decision (quoting the regulation)
    # and "Điều 11 của Quy định" mean that regulation, not this decision
    issued_with: dict[str, tuple[int, str]] = {}
    for c in cits:
        if c.keep and text.rfind("kèm theo", max(0, c.start - 12), c.start) >= 0:
            im = _ISSUED_WITH.search(text, max(0, c.start - 240), c.start)
            if im:
                issued_with.setdefault(fold(_type_of_word(im.group("tw"))), (c.start, c.key))

    def issued(typ: str, pos: int) -> str | None:
        hit = issued_with.get(fold(typ))
        return hit[1] if hit and hit[0] < pos else None

    low = _lowered(text)
    for m in (matches_at(_ANAPHOR, text, _anaphor_starts(text, low)) if low is not None else _ANAPHOR.finditer(text)):
        s, e = m.start(), m.end()
        if excluded(s) or overlaps(s, e):
            continue
        dem = m.group("dem")
        typ = _type_of_word(m.group("tw"))
        if dem in _ANA["this"]:
            key = self_key
            rule = "anaphor:this-document"
            if fold(typ) not in self_types and not (doc.header and _same_type(doc.header.type, typ)):
                rule = "anaphor:this-document-unconfirmed"  # neither a title nor the header has its type
                # "... Luật Bảo vệ môi trường năm 2020 và các văn bản hướng dẫn Luật này": a type
                # this document is not names the one just cited in the same sentence
                prev = latest(typ, s)
                if prev and _sentence_id(text, prev.start, sent_ends) == _sentence_id(text, s, sent_ends):
                    key = prev.key
                    rule = "anaphor:this-cited-in-sentence"
                elif issued(typ, s):
                    key, rule = issued(typ, s), "anaphor:issued-with"
        else:
            if dem == "trên":
                rest = fold_text(text)[e:e + 20].lstrip()
                if rest.startswith(_TREN_NOT):
                    continue
            prev = latest(typ, s)
            if prev:
                key = prev.key
                rule = "anaphor:previous-of-type"
            elif fold(typ) in self_types:
                key = self_key  # "Chỉ thị nói trên" with no other Chỉ thị cited: this one
                rule = "anaphor:previous-is-this-document"
            else:
                continue
        anas.append(_Cit(s, e, key, typ, None, None, False, anaphor=True, rule=rule))
    for m in _scan(_BARE, text, _AT_TW):
        s, e = m.start(), m.end()
        if excluded(s) or overlaps(s, e) or any(a.start <= s < a.end for a in anas):
            continue
        typ = _type_of_word(m.group("tw"))
        if issued(typ, s) and fold(typ) not in self_types and _ends_with_cue(_folded_before(text, s, 30), ("cua",)):
            anas.append(_Cit(s, e, issued(typ, s), typ, None, None, False, anaphor=True, rule="anaphor:issued-with"))
            continue  # "Bãi bỏ Điều 11 của Quy định"
        if not _ends_with_cue(_folded_before(text, s, 30), _ANA["bare_after"]):
            continue
        if _KIND_LIST.match(text, e):
            continue  # "Chương trình, Kế hoạch ..." — a kind of document, not one
        typ = _type_of_word(m.group("tw"))
        if fold(typ) in self_types:
            key = self_key
            rule = "anaphor:bare-this-document"
        else:
            prev = latest(typ, s)
            if not prev:
                continue
            key = prev.key
            rule = "anaphor:bare-previous-of-type"
        anas.append(_Cit(s, e, key, typ, None, None, False, anaphor=True, rule=rule))

    # "Sở Tư pháp ban hành Kế hoạch thực hiện như sau:": this document introducing itself
    for m in _as_follows(text):
        s, e = m.start(), m.end()
        typ = _type_of_word(m.group("tw"))
        if excluded(s) or overlaps(s, e) or any(a.start <= s < a.end for a in anas) or fold(typ) not in self_types:
            continue
        anas.append(_Cit(s, e, self_key, typ, None, None, False, anaphor=True, rule="anaphor:this-document-as-follows"))

    out: list[Reference] = []
    items = sorted([c for c in cits if c.keep] + anas, key=lambda c: c.start)
    rel_of: dict[int, str] = {}
    for i, c in enumerate(numbered):
        rel_of[id(c)] = _relation(text, numbered[c.head].start if c.head >= 0 else c.start)
    for c in items:
        rel = rel_of.get(id(c)) or _relation(text, c.start)
        out.append(Reference(
            text=as_written[c.start:c.end], key=c.key, span=(c.start, c.end), type=c.type,
            issued_date=c.date, issuer=c.issuer, anaphor=c.anaphor, relation=rel,
            clause=seg.clause_path(c.start) if seg else "", rule=c.rule, confidence=_confidence(c),
        ))
    return out


_CONF: dict[str, float] = {k: float(v) for k, v in DATA["confidence"].items()}


def _confidence(c: _Cit) -> float:
    """The rule's score, plus the evidence written with the citation (a date, an issuer),
    capped; the scale is [confidence] in references.toml."""
    v = _CONF[c.rule]
    if c.date:
        v += _CONF["evidence:date"]
    if c.issuer:
        v += _CONF["evidence:issuer"]
    return round(min(_CONF["cap"], v), 2)
