"""Agencies: the bodies and office holders that act in a document.

Three steps, all driven by data/agencies.toml:

1. **Mentions.**  One compiled alternation over a same-length, case-keeping,
   diacritic-free copy of the text (so offsets are offsets into ``doc.text`` and
   proper names stay visible by their capitals).  It knows

   * office holders before a body ("Chủ tịch UBND tỉnh", "Giám đốc Sở Nội vụ");
   * people's councils and committees at every level ("UBND các huyện, thị xã,
     thành phố", "HĐND cấp xã", "UBND huyện Phú Lộc");
   * departments and ministries by field ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT",
     "Bộ Nội vụ"), and the lists that share the word Sở ("Sở Văn hóa - Thể thao
     và Du lịch, Giáo dục và Đào tạo, Y tế");
   * named bodies (Văn phòng UBND tỉnh, Thanh tra tỉnh, Công an tỉnh, Đài Phát
     thanh và Truyền hình, Báo <Name>, Cổng Thông tin điện tử, Ban Chỉ đạo ...,
     Ban <x> Tỉnh ủy, Chính phủ, Thủ tướng Chính phủ ...);
   * collective subjects: [holder] "các" member{, member} [qualifier]
     ("Thủ trưởng các sở, ban, ngành tỉnh", "các cơ quan, đơn vị có liên quan").

2. **Context.**  Mentions joined by "," "và" ";" form a group.  A group acts in its
   sentence when it follows a cue ("giao", "yêu cầu", "phối hợp với", "trình",
   "gửi" ...), when it is the subject (sentence start or after an introductory
   comma, followed by a predicate), when it heads a clause ("3. Sở Nội vụ"), or
   when it is an addressee of "Kính gửi:".  A group right after "của", "thuộc",
   "tại", "do" ... only owns or issues something; a group inside a citation
   (doc.facts["references"] spans) or in the header, "Nơi nhận" or signature
   blocks does not count.

3. **Entities.**  Mentions are merged by a key that ignores how they are written
   (abbreviations, separators, the province's name, default-scope qualifiers
   such as "thuộc tỉnh", the order of "sở, ban, ngành").  An entity is output when
   one of its mentions acts; its name is its most complete written form with
   abbreviations expanded, and every other written form is an alias.

The group analysis is shared with the assignments extractor (see `analyse`).
underthesea's CRF NER was measured on the corpus and not used: it tags almost no
administrative body as ORG (1 of 81 gold agencies) and costs seconds per document.
"""
from __future__ import annotations

import re
import string
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterable

from vanban.pipeline.document import Document
from vanban.schema import Agency
from vanban.text import _UNACCENT, pipe_tables, unaccent_same_length

_WS = re.compile(r"\s+")


def fold(s: str | None) -> str:
    """vanban.text.fold for NFC text (documents are NFC after ingest), by one str.translate."""
    if not s:
        return ""
    # " ".join(x.split()) == _WS.sub(" ", x).strip(): split and \s take the same white space
    return " ".join(unaccent_same_length(s).lower().split())

fold_name = lru_cache(maxsize=16384)(fold)  # names recur: their folds are kept


_DATA = Path(__file__).with_name("data") / "agencies.toml"

H = " "  # horizontal white space: every text matched has it mapped to " " (see _u)
_SEP = r"[ ,\-–&]+(?:va +)?"  # loose separator inside a name: " ", ", ", " - ", " & ", " và "
_PN_WORD = r"(?-i:[A-Z][a-z]*)"
_PN = rf"{_PN_WORD}(?:{H}+{_PN_WORD}){{0,3}}"  # a capitalised proper name (unaccented)


def _words(p: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+|&", unaccent_same_length(p))


@dataclass(frozen=True)
class _Lex:
    holders_rx: re.Pattern[str]
    after_holder: re.Pattern[str]
    scope_rx: re.Pattern[str]
    # (first words, regex or builder of a phrase subset, name of the rule: the data key it comes from)
    body_alts: list[tuple[set[str], object, str]]
    coll_alts: list[tuple[set[str], object, str]]
    start: frozenset[str]
    by_word: dict[str, re.Pattern[str]]
    field_so: re.Pattern[str]
    holder: re.Pattern[str]
    member: re.Pattern[str]
    qualifier: re.Pattern[str]
    ub: re.Pattern[str]
    abbr: re.Pattern[str]
    merge_holders: frozenset[str]
    default_scope: frozenset[str]
    not_alone: frozenset[str]
    scope_tail: re.Pattern[str]
    trigger: re.Pattern[str]
    owner: re.Pattern[str]
    not_predicate: re.Pattern[str]
    passive: re.Pattern[str]
    intro: re.Pattern[str]
    lead_in: re.Pattern[str]
    data: dict
    generic: "_Generic | None" = None
    accents: dict[str, frozenset[str]] = field(default_factory=dict)
    accent_memo: dict[tuple[str, str], str | bool] = field(default_factory=dict)  # see _accent_ok
    plural_holders: frozenset[str] = frozenset()
    accent_words: frozenset[str] = frozenset()
    holder_first: frozenset[str] | None = None  # words a holder can start with (None: any)
    agent: re.Pattern[str] | None = None  # "do X quyết định": X acts
    scope: re.Pattern[str] | None = None  # "Quy chế này áp dụng đối với ...": a scope article
    duty: re.Pattern[str] | None = None  # "các cơ quan, đơn vị có nhiệm vụ thu phí ..."
    duty_heading: re.Pattern[str] | None = None  # "trách nhiệm của" heading an article


def _abbr_alt(abbr: dict[str, str]) -> list[tuple[list[str], str]]:
    """(expansion words, regex of the abbreviation) longest expansion first."""
    out = []
    for a, exp in abbr.items():
        w = [x.lower() for x in _words(exp) if x.lower() != "va"]
        rx = re.escape(unaccent_same_length(a))
        out.append((w, rf"(?-i:{rx})"))
    out.sort(key=lambda t: -len(t[0]))
    return out


def _phrase(p: str, abbrs: list[tuple[list[str], str]], case: bool = False) -> str:
    """Loose regex for a phrase: flexible separators, optional "và", abbreviations."""
    return _SEP.join(_parts(p, abbrs, case))


def _parts(p: str, abbrs: list[tuple[list[str], str]], case: bool = False) -> list[str]:
    """The word regexes of a phrase (a run of words that has an abbreviation is one part)."""
    w = [x for x in _words(p) if x.lower() not in ("va", "&")]
    parts: list[str] = []
    i = 0
    while i < len(w):
        hit = None
        for ew, arx in abbrs:
            if len(ew) >= 2 and [x.lower() for x in w[i:i + len(ew)]] == ew:
                hit = (ew, arx)
                break
        if hit:
            full = _SEP.join(re.escape(x) for x in w[i:i + len(hit[0])])
            parts.append(f"(?:{full}|{hit[1]})")
            i += len(hit[0])
        else:
            x = re.escape(w[i])
            parts.append(f"(?-i:{x})" if case else x.lower())
            i += 1
    return parts


def _alt(ps: list[str], abbrs, case: bool = False) -> str:
    """One alternation of phrases, written as a trie of words: phrases that share their first
    words share them in the pattern (small patterns compile fast), and the longest phrase wins
    (the continuation after a shared prefix is greedy)."""
    trie: dict = {}
    for p in set(ps):
        node = trie
        for part in _parts(p, abbrs, case):
            node = node.setdefault(part, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    alts = []
    for part in sorted(k for k in node if k):
        kid = node[part]
        rest = _emit(kid) if any(k for k in kid) else ""
        if not rest:
            alts.append(part)
        elif "" in kid:
            alts.append(f"{part}(?:{_SEP}(?:{rest}))?")
        else:
            alts.append(f"{part}{_SEP}(?:{rest})")
    return "|".join(alts)


def _cue_alt(ps: list[str]) -> str:
    ps = sorted({fold(p) for p in ps}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ps)


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    with open(_DATA, "rb") as fh:
        d = tomllib.load(fh)
    abbrs = _abbr_alt(d["abbreviations"])
    ubnd = rf"(?:uy{H}+ban{H}+nhan{H}+dan|(?-i:UBND)|hoi{H}+dong{H}+nhan{H}+dan|(?-i:HDND))"
    unit = rf"(?:thi{H}+xa|thi{H}+tran|thanh{H}+pho|huyen|quan|xa|phuong|tinh)"
    unit_item = rf"(?:cac{H}+)?{unit}(?:{H}+{_PN})?"
    cap_item = rf"cap{H}+(?:tinh|huyen|xa)"
    lsep = rf"(?:{H}*,{H}*(?:va{H}+)?|{H}+va{H}+)"
    level = rf"(?:cac{H}+cap\b|{cap_item}(?:{lsep}{cap_item})*|{unit_item}(?:{lsep}{unit_item})*)"
    # "Hội đồng nhân dân, Ủy ban nhân dân các cấp": councils and committees sharing a level
    ub = rf"{ubnd}(?:{H}*,{H}*{ubnd}|{H}+va{H}+{ubnd})*{H}+{level}"
    f_so = _alt(d["fields"]["so"], abbrs)
    f_bo = _alt(d["fields"]["bo"], abbrs)
    so = rf"(?-i:S)o{H}+(?:{f_so})(?:{H}+tinh\b)?"
    bo = rf"(?-i:B)o{H}+(?:{f_bo})\b"
    b = d["bodies"]
    # one level ("tỉnh", "huyện Cam Lộ"), a proper name, or every unit of a level ("Công an các
    # huyện, thành phố")
    lvl_tail = (rf"(?:{H}+(?:cua{H}+)?(?:tinh|thanh{H}+pho|huyen|quan|thi{H}+xa|thi{H}+tran|phuong|xa(?!{H}+hoi\b)"
                rf"|cap{H}+(?:tinh|huyen|xa))\b(?:{H}+{_PN})?|{H}+cac{H}+{unit}\b(?:{lsep}{unit}\b)*|{H}+{_PN})?")
    ban = rf"(?-i:B)an{H}+(?:{_alt(b['ban'], abbrs)}){H}+(?:{_alt(b['ban_of'], abbrs)})"
    bcd = rf"(?-i:B)an{H}+chi{H}+dao(?:(?:{H}+[A-Za-z&]+){{0,8}}?{H}+(?:cua{H}+)?tinh\b)?"
    c = d["collective"]
    holder_one = _alt(d["holders"]["all"], abbrs)
    holders = rf"(?:{holder_one})(?:(?:{H}*,{H}*(?:cac{H}+)?|{H}+va{H}+)(?:{holder_one}))*"
    member = _alt(c["members"], abbrs)
    solo = _alt(c["solo"], abbrs)
    mlist = (rf"(?:(?:{solo})|(?:{member})(?:(?:{H}*,{H}*(?:cac{H}+)?|{H}+va{H}+)(?!(?:{solo})\b)(?:{member}))*)")
    qual_one = _alt(c["qualifiers"], abbrs)
    not_after = _alt(c["not_after"], abbrs)
    cap_list = rf"cap{H}+(?:tinh|huyen|xa)(?:{lsep}cap{H}+(?:tinh|huyen|xa))*"
    quals = rf"(?:{H}+(?:{cap_list}|{qual_one})\b)*(?!{H}+(?:{not_after})\b)"
    scope = rf"(?:{H}+(?:{_alt(c['scope_after_body'], abbrs)})\b)?"
    owned = _alt(c["owned_prefix"], abbrs)
    bare = _alt(c["bare"], abbrs)
    # A mention = [holders] then a body or a class of bodies.  Holders are matched first;
    # then only the alternatives that can start with the next word are tried.
    body_alts = [
        (_starts(["Ủy ban nhân dân", "Hội đồng nhân dân"], d), ub, "gazetteer:ubnd-level"),
        ({"so"}, so, "gazetteer:so"),
        ({"ban"}, ban, "gazetteer:ban"),
        ({"ban"}, bcd, "gazetteer:ban-chi-dao"),
        (_starts(b["proper"], d), _Family(b["proper"], d, lambda ps: rf"(?:{_alt(ps, abbrs, case=True)}){H}+{_PN}"),
         "gazetteer:proper"),
        (_starts(b["level"], d), _Family(b["level"], d, lambda ps: rf"(?=(?-i:[A-Z]))(?:{_alt(ps, abbrs)}){lvl_tail}"),
         "gazetteer:level"),
        ({"bo"}, bo, "gazetteer:bo"),
        (_starts(b["fixed"], d), _Family(b["fixed"], d, lambda ps: _alt(ps, abbrs)), "gazetteer:fixed"),
    ]
    coll_alts = [
        (_starts(c["owned_prefix"], d) | {"cac"}, rf"(?:(?:{owned}){H}+)?cac{H}+{mlist}{quals}", "collective:cac-class"),
        (_starts(c["bare"], d), rf"(?:{bare}){quals}", "collective:bare"),
    ]
    after_holder = re.compile(rf"(?:{mlist}){quals}(?![A-Za-z])", re.I)
    cues = d["cues"]
    accents = _accent_table(b["fixed"] + b["level"] + b["proper"] + d["holders"]["all"]
                            + d.get("generic", {}).get("heads", []))
    return _Lex(
        holders_rx=re.compile(rf"(?:{holders}){H}+", re.I),
        after_holder=after_holder,
        scope_rx=re.compile(rf"{scope}(?![A-Za-z])", re.I),
        body_alts=body_alts,
        coll_alts=coll_alts,
        start=frozenset(w for ws, _, _ in body_alts + coll_alts for w in ws) | _starts(d["holders"]["all"], d),
        by_word={},
        field_so=re.compile(rf"(?:{H}*,{H}*|{H}+va{H}+|{H}*:{H}*)(?P<f>{f_so})(?![A-Za-z])", re.I),
        holder=re.compile(rf"(?:{holders}){H}+", re.I),
        member=re.compile(rf"\b(?:{member})\b", re.I),
        qualifier=re.compile(rf"\b(?:{qual_one})\b", re.I),
        ub=re.compile(ub, re.I),
        abbr=re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(a) for a in sorted(d["abbreviations"], key=len, reverse=True))
                        + r")(?![\w&])"),
        merge_holders=frozenset(fold(x) for x in d["holders"]["merge_into_body"]),
        default_scope=frozenset(fold(x) for x in c["default_scope"]),
        not_alone=frozenset(fold(x) for x in c["not_alone"]),
        scope_tail=re.compile(rf"\s+(?:{_cue_alt(c['scope_after_body'])})$"),
        trigger=re.compile(rf"(?:^|[^\w])(?P<t>{_cue_alt(cues['trigger'])})[\s:*_]*$"),
        owner=re.compile(rf"(?:^|[^\w])(?P<t>{_cue_alt(cues['owner'])})[\s*_]*$"),
        # "là" links a name to a description, except the roles a body is named to ("Sở X là cơ quan
        # thường trực, chủ trì ..."): those are predicates
        not_predicate=re.compile(rf"^(?:[.;,)\]]|$|(?!theo\s+doi\b)(?!(?:{_cue_alt(cues['copula_roles'])})\b)"
                                 rf"(?:{_cue_alt(cues['not_predicate'])})\b)"),
        passive=re.compile(rf"^(?:(?:{_cue_alt(cues['passive'])})\s+)*(?:duoc|bi)\b"),
        intro=re.compile(rf"^[\s*_]*(?:{_cue_alt(cues['intro'])})\b"),
        lead_in=re.compile(rf"(?:(?:^|\s)(?:{_cue_alt(cues['subject_lead_in'])}|\d+(?:[.,]\d+)?\s*%))+\s*$"),
        data=d,
        generic=_Generic(d.get("generic", {}), d["fields"]["so"] + d["fields"]["bo"], d["holders"]["all"]),
        accents=accents,
        plural_holders=frozenset(fold(x) for x in d["holders"].get("plural", [])),
        accent_words=frozenset(w for w, _ in accents),
        holder_first=_first_letters(_starts(d["holders"]["all"], d)),
        agent=re.compile(rf"^(?:{_cue_alt(cues.get('agent_verb', []))})\b") if cues.get("agent_verb") else None,
        scope=re.compile(rf"^(?:{_cue_alt(cues.get('scope_subject', []))})\s+(?:{_cue_alt(cues.get('scope_verb', []))})\b")
        if cues.get("scope_subject") else None,
        duty=re.compile(rf"{H}+(?:{_cue_alt(c.get('duty_qualifier', []))}){H}+", re.I) if c.get("duty_qualifier") else None,
        duty_heading=re.compile(rf"(?:{_cue_alt(cues['duty_heading'])})\s+cua"),
    )


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


@lru_cache(maxsize=8192)
def _marks(word: str) -> str:
    """The diacritics of a word, whatever vowel carries them ("Ủy" and "Uỷ" are one word)."""
    import unicodedata
    return "".join(sorted(c for c in unicodedata.normalize("NFD", word.lower()) if c in _TONES))


def _first_letters(starts: set[str]) -> frozenset[str] | None:
    """The leading letters of each start word: a match of the holders' pattern at a candidate word
    w needs w among them (None when a start does not begin with a letter)."""
    out = set()
    for x in starts:
        m = re.match(r"[a-z]+", x)
        if not m:
            return None
        out.add(m.group(0))
    return frozenset(out)


def _accent_table(phrases: list[str]) -> dict[tuple[str, str], frozenset[str]]:
    """(first word, second word or "*"), unaccented → the first word's written diacritics:
    tells "Báo Hà Tĩnh" from "Bảo Lộc" while "Bảo hiểm xã hội" stays a body."""
    out: dict[tuple[str, str], set[str]] = {}
    for p in phrases:
        w = p.split()
        k = unaccent_same_length(w[1]).lower() if len(w) > 1 else "*"
        out.setdefault((unaccent_same_length(w[0]).lower(), k), set()).add(_marks(w[0]))
    return {k: frozenset(v) for k, v in out.items()}


def _accent_ok(lx: "_Lex", text: str, u: str, a: int, b: int) -> bool:
    seg = text[a:b]
    if seg.isascii():
        return True  # no diacritics to compare (_marks would be "")
    w = u[a:b].lower()
    m = lx.accent_memo.get((seg, w))
    if m is None:
        m = _accent_marks(lx, seg, w)
        if len(lx.accent_memo) > 20000:
            lx.accent_memo.clear()
        lx.accent_memo[(seg, w)] = m
    if m is True:
        return True
    nm = _WORD.match(u, b + 1) if u[b:b + 1] == " " else None
    allowed = lx.accents.get((w, nm.group(0).lower() if nm else "")) or lx.accents.get((w, "*"))
    if not allowed:
        return True
    return m in allowed


def _accent_marks(lx: "_Lex", seg: str, w: str) -> str | bool:
    """The diacritics of a written word seg (folded w) that _accent_ok compares with those the word
    after it allows, or True when the word passes whatever follows it."""
    m = _marks(seg)
    if not m:
        return True  # text written without diacritics passes
    if w not in lx.accent_words:
        return True
    # the diacritics every table entry of the word allows: no need to read the next word
    if all(m in v for (x, _), v in lx.accents.items() if x == w):
        return True
    return m


_TOK = re.compile(r"[A-Za-z0-9]+(?:[&/.][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")
# tokens _Generic.match reads past the current one: in every test (stop phrases of up to 3 words, a
# level word of 2), and in the branches that look further (a list after a comma or "và", a stop
# phrase then a level word within 4), plus a head's length where a head is looked for
_AHEAD = 4
_AHEAD_FAR = 12
_LEVEL = {"tinh": 1, "huyen": 1, "quan": 1, "xa": 1, "phuong": 1, "thanh pho": 2, "thi xa": 2, "thi tran": 2}


class _Generic:
    """Body names outside the gazetteer, read by their grammar (data [generic])."""

    def __init__(self, g: dict, fields: list[str] = (), holders: list[str] = ()):
        def toks(p: str) -> tuple[str, ...]:
            return tuple(fold(p).split())
        # field names written with "và" ("tài nguyên và môi trường"): the "và" stays in a name
        # even when the field is written in lower case ("Trung tâm Công nghệ thông tin tài nguyên và môi trường")
        self.holder_first = {fold(h).split()[0] for h in holders}  # "..., Trưởng phòng X": a new mention
        self.va_fields = [(f, f.index("va")) for f in {tuple(fold(x).replace(",", " ").split()) for x in fields}
                          if "va" in f]
        self.heads = sorted({toks(h) for h in g.get("heads", [])} | {toks(h) for h in g.get("lower_heads", [])},
                            key=len, reverse=True)
        self.lower = {toks(h) for h in g.get("lower_heads", [])}
        self.lower_start = {toks(h) for h in g.get("lower_start", [])}  # may be written in lower case
        self.lower_rx = re.compile("(?:" + "|".join(" +".join(map(re.escape, h)) for h in self.lower_start)
                                   + ") +(?=[A-Z])") if self.lower_start else None
        # "phòng, chống": (words before the comma, words after it), folded
        self.pairs = [(tuple(toks(a)), tuple(toks(b))) for a, b in
                      (x.split(",", 1) for x in g.get("comma_pairs", []))]
        self.pair_left = {l for l, _ in self.pairs}
        self.keep = {toks(x) for x in g.get("keep", [])}
        self.keep_lens = sorted({len(k) for k in self.keep}, reverse=True)  # kept phrases run to 6 words
        # stops compare written words ("cửa" is no "của"); text without diacritics compares folded
        self.hard = {tuple(x.lower().split()) for x in g.get("hard_stops", [])}
        self.soft = {tuple(x.lower().split()) for x in g.get("soft_stops", [])}
        self.hard_f = {toks(x) for x in g.get("hard_stops", [])}
        self.purpose = {("thực", "hiện"), ("thuc", "hien")}  # "Tổ công tác thực hiện Đề án ..."
        self.soft_f = {toks(x) for x in g.get("soft_stops", [])}
        self.first = {h[0] for h in self.heads}
        self.by_first: dict[str, list[tuple[str, ...]]] = {}  # heads by first word, in self.heads' order
        for h in self.heads:
            self.by_first.setdefault(h[0], []).append(h)
        self.head_len = max((len(h) for h in self.heads), default=0)
        self.head_words = {(h[0], _marks(w)) for p in g.get("heads", []) + g.get("lower_heads", [])
                           + g.get("lower_start", []) for h, w in [(toks(p), p.split()[0])]}

    def _head_at(self, words: list[str], i: int, written: list[str] | None = None) -> bool:
        """Does a head ("Phòng", "Trạm", ...) start at word i (a new body, not the name going on)?
        With the written words, the head's diacritics must agree ("Bảo vệ" is no "Báo")."""
        if i >= len(words) or not any(tuple(words[i:i + len(h)]) == h for h in self.by_first.get(words[i], ())):
            return False
        mk = _marks(written[i]) if written is not None else ""
        return not mk or (words[i], mk) in self.head_words

    def _pair(self, words: list[str], i: int) -> bool:
        """Is the comma at i inside a field phrase written with a comma ("phòng, chống")?"""
        return any(tuple(words[max(0, i - len(l)):i]) == l and tuple(words[i + 1:i + 1 + len(r)]) == r
                   for l, r in self.pairs)

    def _fields(self, u: str, toks, words: list[str], i: int, n: int, written: list[str]) -> bool:
        """After a comma at i: a list of capitalised fields closed by "và <Field>" ("Trung tâm Văn hóa,
        Thông tin và Thể thao huyện"), not a second body ("..., Công an huyện và Ban ...")."""
        j = i + 1
        if j >= n or not u[toks[j][0]].isupper() or self._head_at(words, j, written) or self._level(words, j) \
                or words[j] in self.holder_first:
            return False
        for j in range(i + 2, min(n, i + 6)):
            w = words[j]
            if w == "va":
                return j + 1 < n and u[toks[j + 1][0]].isupper() and not self._head_at(words, j + 1, written)
            if not w[0].isalnum() or self._level(words, j) or (w,) in self.hard_f:
                return False
        return False

    def _units(self, words: list[str], toks, i: int, n: int) -> int:
        """End (token index) of a list of level words from i ("huyện, thị xã, thành phố"), or i."""
        j = i
        while True:
            lv = self._level(words, j)
            if not lv:
                return j
            j += lv
            if j + 1 < n and words[j] in (",", "va") and self._level(words, j + 1):
                j += 1
                continue
            return j

    @staticmethod
    def _stop(words: list[str], i: int, table: set[tuple[str, ...]], lens: Iterable[int] = (3, 2, 1)) -> int:
        for n in lens:
            if tuple(words[i:i + n]) in table and len(words[i:i + n]) == n:
                return n
        return 0

    def match(self, text: str, u: str, pos: int, end: int, lower: bool = False) -> int:
        """End of a generic body name starting at pos, or -1.  lower: the head may be written in
        lower case (after a holder: "Trưởng phòng Tài chính - Kế hoạch")."""
        if not lower and not u[pos:pos + 1].isupper() and (self.lower_rx is None or not self.lower_rx.match(u, pos)):
            return -1
        line_end = u.find("\n", pos, end)
        lim = min(end, pos + 220) if line_end < 0 else min(line_end, pos + 220)
        # the head first, from the first few words only (most candidates have none)
        it = _TOK.finditer(u, pos, lim)
        toks = [m.span() for m in islice(it, self.head_len)]
        words = [u[a:b].lower() for a, b in toks]
        head = next((h for h in self.by_first.get(words[0], ()) if tuple(words[:len(h)]) == h), None) if words else None
        if head is None or (head[0], _marks(text[toks[0][0]:toks[0][1]])) not in self.head_words \
                and _marks(text[toks[0][0]:toks[0][1]]):
            return -1
        if not u[pos].isupper() and (head not in self.lower_start and not lower or len(toks) <= len(head)
                                     or not u[toks[len(head)][0]].isupper()):
            return -1
        lower_ok = head in self.lower
        i = len(head)
        # the name's first word decides most candidates ("Tổ chức", "Ban hành"): read the tokens up to
        # it (len(head) + 2 of them when there are so many), the rest of the window only after it
        if len(toks) < i + 2:
            toks += [m.span() for m in islice(it, i + 2 - len(toks))]
            words += [u[a:b].lower() for a, b in toks[len(words):]]
        n = len(toks)
        if i + 1 < n and words[i] in ("-", "–") and u[toks[i + 1][0]].isupper():
            i += 1  # "Văn phòng - Thống kê phường"
        if i >= n:
            return -1
        first = u[toks[i][0]]
        if not (lower_ok or first.isupper() or first.isdigit()):
            return -1
        plain = text[pos:lim].isascii()
        written = words if plain else [text[a:b].lower() for a, b in toks]
        hard, soft = (self.hard_f, self.soft_f) if plain else (self.hard, self.soft)

        # The rest of the window is read as the name goes on: most names end after a few words.
        # Every test below reads at most _AHEAD tokens past i (the lists and the branches that look
        # further ask for more), so it sees what it would see with the whole window read.
        def read(k: int) -> int:
            """Read the tokens up to index k (all when there are fewer); how many are read."""
            if len(toks) <= k:
                more = [m.span() for m in islice(it, k + 1 - len(toks) + 8)]
                toks.extend(more)
                words.extend([u[a:b].lower() for a, b in more])
                if written is not words:
                    written.extend([text[a:b].lower() for a, b in more])
            return len(toks)

        last = toks[i - 1][1]
        taken = 0
        while i < (n := read(i + _AHEAD)) and taken < 16:
            w = words[i]
            a, b = toks[i]
            cap = u[a].isupper() or u[a].isdigit()
            if not w[0].isalnum():
                if w in "-–&" and i + 1 < n and u[toks[i + 1][0]].isupper():
                    i += 1
                    continue
                if w == ",":
                    n = read(i + _AHEAD_FAR + self.head_len)
                    if self._pair(words, i) or self._fields(u, toks, words, i, n, written):
                        i += 1
                        continue
                break
            if self.keep and self._stop(words, i, self.keep, self.keep_lens):
                k = self._stop(words, i, self.keep, self.keep_lens)
                last, i, taken = toks[i + k - 1][1], i + k, taken + k
                continue
            if cap and w != "va":
                last, i, taken = b, i + 1, taken + 1
                continue
            lv = self._level(words, i)
            if lv:
                last = toks[i + lv - 1][1]
                i += lv
                while i < read(i) and u[toks[i][0]].isupper() and words[i] != "va":  # "tỉnh Hà Tĩnh"
                    last, i = toks[i][1], i + 1
                break
            if written[i] in ("của", "thuộc", "cua", "thuoc") and self._level(words, i + 1):  # "Bộ phận Một cửa của huyện"
                i += 1
                continue
            if w == "va":
                n = read(i + _AHEAD_FAR + self.head_len)
                if i + 1 < n and (words[i + 1] == "ubnd" or tuple(words[i + 1:i + 3]) == ("uy", "ban")) \
                        and not (i >= 1 and words[i - 1] in ("hdnd", "dan")):
                    break  # "Phòng Tài chính - Kế hoạch và UBND các xã": a second body (but "Văn phòng
                    # Hội đồng nhân dân và Ủy ban nhân dân huyện" is one)
                if i + 1 < n and u[toks[i + 1][0]].isupper() and not self._head_at(words, i + 1, written):
                    i += 1
                    continue
                if i + 1 < n and any(tuple(words[i + 1:i + 1 + len(x)]) == x for x in self.pair_left):
                    i += 1  # "... chữa cháy và cứu nạn, cứu hộ"
                    continue
                fe = next((i - k + len(f) for f, k in self.va_fields
                           if i >= k and tuple(words[i - k:i - k + len(f)]) == f), 0)
                if fe > i + 1:  # "... tài nguyên và môi trường": a field name goes on
                    last, taken, i = toks[fe - 1][1], taken + fe - i, fe
                    continue
                # "phòng, chống thiên tai và tìm kiếm cứu nạn huyện": a level word closes the name
                lv = next((j for j in range(i + 1, min(n, i + 6)) if self._level(words, j)), -1)
                if lv > i + 1 and not any(not words[j][0].isalnum() or self._stop(written, j, hard)
                                          or self._head_at(words, j) for j in range(i + 1, lv)):
                    i += 1
                    continue
                break
            if w == "cac" and self._level(words, i + 1):  # "Phòng Tài nguyên và Môi trường các huyện, thị xã"
                n = read(lim)  # (all of them)
                j = self._units(words, toks, i + 1, n)
                last = toks[j - 1][1]
                break
            if self._stop(written, i, hard) and not (lower_ok and self._stop(written, i, self.purpose)):
                break
            k = self._stop(written, i, soft) or (lower_ok and self._stop(written, i, self.purpose))
            if k:
                n = read(i + _AHEAD_FAR)
                # crossed when a level word closes the name first ("... đầu tư xây dựng tỉnh"), or
                # after a lower-case head when a name follows ("Tổ công tác thực hiện Đề án 06")
                # a kept phrase on the way ("... xây dựng các công trình giao thông tỉnh") is read
                # as part of the name: its words neither stop it nor count against the window
                kept: set[int] = set()
                j = i + k
                while j < min(read(i + k + 4 + len(kept)), i + k + 4 + len(kept)):  # (the window grows with kept)
                    kk = self._stop(words, j, self.keep, self.keep_lens) if self.keep else 0
                    kept.update(range(j, j + kk))
                    j += kk or 1
                n = read(i + k + 4 + len(kept))
                lv = next((j for j in range(i + k, min(n, i + k + 4 + len(kept))) if self._level(words, j)), -1)
                if (lv >= 0 and not any(self._stop(written, j, hard) for j in range(i + k, lv) if j not in kept)) or (
                        lower_ok and any(u[toks[j][0]].isupper() for j in range(i + k, min(n, i + k + 2)))):
                    i += k
                    continue
                break
            last, i, taken = b, i + 1, taken + 1
        if not taken and lower_ok and len(head) >= 2 and u[pos].isupper():
            # "Đoàn kiểm tra", "Bộ phận một cửa huyện": a head that names the body, with its level
            k = len(head)
            lv = self._level(words, k) if k < read(k + 2) else 0
            return toks[k + lv - 1][1]
        return last if taken else -1

    @staticmethod
    def _level(words: list[str], i: int) -> int:
        if i >= len(words):
            return 0
        two = " ".join(words[i:i + 2])
        if _LEVEL.get(two) == 2:
            return 2
        return 1 if _LEVEL.get(words[i]) == 1 else 0


_WORD = re.compile(r"(?<![-/&\w])[A-Za-z]+")


class _Family:
    """A gazetteer list compiled per first word: a word only pays for the phrases it can start."""

    def __init__(self, phrases: list[str], d: dict, build):
        self.by_word: dict[str, list[str]] = {}
        for p in phrases:
            for w in _starts([p], d):
                self.by_word.setdefault(w, []).append(p)
        self.build = build

    def for_word(self, word: str) -> str:
        return self.build(self.by_word.get(word, []))


def _starts(phrases: list[str], d: dict) -> set[str]:
    """First words (unaccented, lower case) a phrase can be written with, abbreviations included."""
    out = set()
    exp = {a: [x.lower() for x in _words(e) if x.lower() != "va"] for a, e in d["abbreviations"].items()}
    for p in phrases:
        w = [x.lower() for x in _words(p) if x.lower() not in ("va", "&")]
        if not w:
            continue
        out.add(w[0])
        for a, ew in exp.items():
            if len(ew) >= 1 and w[:len(ew)] == ew:
                out.add(unaccent_same_length(a).lower())
    return out


_MISSING = object()


def _word_rx(lx: "_Lex", word: str, kinds: tuple[str, ...]
             ) -> tuple[re.Pattern[str], dict[str, str], frozenset[str]] | None:
    """The alternatives of `kinds` ("body" / "coll", tried in that order) that can start with `word`,
    compiled once into one pattern, each in a group of its own: (pattern, group name → rule name,
    names of the body groups); the match's lastgroup tells which one fired.  One kind's alternatives
    end with their own (?![A-Za-z]), so the pattern backtracks into the next kind exactly as a
    second match call would."""
    k = (kinds, word)
    hit = lx.by_word.get(k, _MISSING)
    if hit is not _MISSING:
        return hit
    names: dict[str, str] = {}
    body: set[str] = set()
    kind_rx = []
    for kind in kinds:
        alts = lx.body_alts if kind == "body" else lx.coll_alts
        parts = []
        for ws, r, nm in alts:
            if word in ws:
                g = f"r{len(names)}"
                names[g] = nm
                if kind == "body":
                    body.add(g)
                parts.append(f"(?P<{g}>{r if isinstance(r, str) else r.for_word(word)})")
        if parts:
            kind_rx.append(f"(?:{'|'.join(parts)})(?![A-Za-z])")
    lx.by_word[k] = (re.compile("|".join(kind_rx), re.I), names, frozenset(body)) if kind_rx else None
    return lx.by_word[k]


_BODY_FIRST = ("body", "coll")  # after a holder
_COLL_FIRST = ("coll", "body")


_NAMED = re.compile(r"(?-i:[A-Z])[a-z]* (?!va )(?-i:[A-Z])")  # a capitalised head, then a name
_HOLDER_SPLIT = re.compile(rf"{H}*,{H}*(?:cac{H}+)?|{H}+va{H}+(?:cac{H}+)?", re.I)


def _match_at(lx: "_Lex", u: str, pos: int, end: int, hm: re.Match[str] | None) -> tuple[int, str]:
    """(end of the mention starting at pos or -1, name of the rule that recognised it); hm: the
    holders' match at pos (None when none was tried or found)."""
    if hm and ("," in hm.group(0) or " va " in hm.group(0)) and len(
            {x[:1].isupper() for x in _HOLDER_SPLIT.split(hm.group(0).strip()) if x}) > 1:
        return -1, ""  # "ý kiến của các đại biểu, Phó Chủ tịch UBND tỉnh kết luận": two subjects, not one list
    p = hm.end() if hm else pos
    wm = _WORD.match(u, p, end)
    if not wm:
        return -1, ""
    rx = _word_rx(lx, wm.group(0).lower(), _BODY_FIRST if hm else _COLL_FIRST)
    m = rx[0].match(u, p, end) if rx else None
    if m:
        e = m.end()
        if m.lastgroup in rx[2]:  # a body: scope words may follow
            sm = lx.scope_rx.match(u, e, end)
            e = sm.end() if sm else e
        return e, rx[1][m.lastgroup]
    if hm:  # "Thủ trưởng cơ quan, đơn vị": a holder of a class written without "các"
        m = lx.after_holder.match(u, p, end)
        if m and not _NAMED.match(u, p):  # "thành viên Ban An toàn giao thông": a named body follows
            return m.end(), "collective:holder-class"
    return -1, ""


def _holder_generic(lx: "_Lex", text: str, u: str, s: int, end: int, hm=_MISSING) -> int:
    """End of an office holder of a body read by its grammar ("Giám đốc Ngân hàng Chính sách xã hội
    huyện"; "Trưởng phòng Tài chính - Kế hoạch": the holder's last word is the body's head), or -1.
    hm: the holders' match at s when already known."""
    if hm is _MISSING:
        hm = lx.holders_rx.match(u, s, end)
    if not hm or "," in hm.group(0) or " va " in hm.group(0).lower():
        return -1
    e = lx.generic.match(text, u, hm.end(), end)
    if e < 0:
        lw = u.rfind(" ", s, hm.end() - 1) + 1  # "phòng" of "Trưởng phòng"
        if lw > s:
            e = lx.generic.match(text, u, lw, end, lower=True)
    return e


# --------------------------------------------------------------------------- mentions

@dataclass
class Mention:
    start: int
    end: int
    written: str  # as in the text (white space collapsed)
    display: str  # expanded name this mention stands for
    key: str
    collective: bool
    holder: str = ""  # folded holder ("chu tich"), "" when none
    how: str = ""  # the rule that recognised it ("gazetteer:so", "name-grammar:head-noun" ...)


def expand(s: str, keep: frozenset[str] | tuple = ()) -> str:
    """Expand the abbreviations of a written name: "UBND tỉnh" → "Ủy ban nhân dân tỉnh" (those in
    keep stay as written)."""
    lx = _lex()
    s = lx.abbr.sub(lambda m: m.group(0) if m.group(0) in keep else lx.data["abbreviations"][m.group(0)], s)
    return re.sub(r"\s+", " ", s).strip()


_UNIT_CLASS = {"huyen": "H", "quan": "H", "thi xa": "H", "thanh pho": "H", "xa": "X", "phuong": "X",
               "thi tran": "X", "tinh": "T"}


def _strip_pn_display(display: str) -> str:
    """Drop the province's / districts' proper names from a level list:
    "tỉnh Hòa Bình" → "tỉnh"; "các huyện, thị xã Long Khánh, thành phố Biên Hòa" →
    "các huyện, thị xã, thành phố".  A single named district or city keeps its name."""
    u = unaccent_same_length(display)
    plural = re.search(r"\bcac\s+(?:huyen|quan|thi xa|thanh pho|xa|phuong)\b", u, re.I)
    out, last = [], 0
    for m in re.finditer(rf"\b(?P<u>tinh|huyen|quan|thi{H}+xa|thi{H}+tran|thanh{H}+pho|xa|phuong)(?P<pn>{H}+{_PN})", u):
        if m.group("u").lower() == "tinh" or plural:
            out.append(display[last:m.start("pn")])
            last = m.end("pn")
    out.append(display[last:])
    return "".join(out)


def _key(display: str, holder: str, collective: bool) -> str:
    lx = _lex()
    fd = fold(display)
    f = re.sub(r"[^\w&]+", " ", fd).strip()
    words = [w for w in f.split() if w != "va"]
    f = " ".join(words)
    body = f[len(holder):].strip() if holder and f.startswith(holder) else f
    hclass = holder
    if holder and ("thu truong" in holder or "giam doc" in holder or "nguoi dung dau" in holder):
        hclass = "head"
    bd = fd[len(holder):].strip(" ,") if holder and fd.startswith(holder) else fd
    bd = lx.scope_tail.sub("", bd)
    body = lx.scope_tail.sub("", body)
    m = lx.ub.match(bd) if bd else None
    if m and m.end() >= len(bd) - 1:
        kind = "hd" if body.startswith(("hoi dong", "hdnd")) else "ub"
        lv = body.split(" ", 4 if body.startswith(("uy ban", "hoi dong")) else 1)[-1]
        units = set()
        for u in re.findall(r"cac cap|thi xa|thi tran|thanh pho|huyen|quan|xa|phuong|tinh", lv):
            units.add("ALL" if u == "cac cap" else _UNIT_CLASS[u])
        single = not lv.startswith(("cac ", "cap ")) and len(units) == 1
        name = lv if single and "T" not in units else ""
        return f"U|{hclass}|{kind}|{','.join(sorted(units))}|{name}"
    tm = _ALL_UNITS_TAIL.search(body) if not body.startswith("cac ") else None
    if tm and tm.start() > 0 and display[:1].isupper():
        # "Phòng X các huyện, thị xã, thành phố" and "Phòng X cấp huyện" name the same offices
        units = {_UNIT_CLASS[x] for x in re.findall(r"thi xa|thi tran|thanh pho|huyen|quan|xa|phuong", tm.group(0))}
        return "B|" + (hclass + "|" if holder and holder not in lx.merge_holders else "") + body[:tm.start()] \
            + " @" + ",".join(sorted(units))
    if collective:
        members = {m.group(0).lower() for m in lx.member.finditer(body)}
        members = {re.sub(r"\s+", " ", m) for m in members}
        if members & {"so", "nganh"}:
            members.discard("ban")
            members.discard("don vi")
        if "lien quan" in body:
            members.add("+lq")
        for op in lx.data["collective"]["owned_prefix"]:
            if body.startswith(fold(op)):
                members.add("@" + fold(op))
        rest = lx.member.sub(" ", body)
        quals = {q.group(0).lower() for q in lx.qualifier.finditer(rest)}
        quals = {re.sub(r"\s+", " ", q) for q in quals} - lx.default_scope - {"co lien quan", "lien quan"}
        dm = lx.duty.search(" " + body) if lx.duty is not None else None
        if dm:  # "các cơ quan, đơn vị có nhiệm vụ thu phí": a class of its own
            quals.add(" ".join(body[dm.start():].split()))
        return "C|" + hclass + "|" + ",".join(sorted(members)) + "|" + ",".join(sorted(quals))
    if holder and holder in lx.merge_holders:
        return "B|" + body
    return "B|" + (hclass + "|" if holder else "") + body


_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()


def _letter_counts(text: str, a: int, b: int) -> tuple[int, int]:
    """(letters, capital letters) in text[a:b].  The unaccented copy has a letter for every letter and
    a capital for every capital: where its span is ASCII they are counted by bytes.translate."""
    x = _unaccented(text)[a:b]
    if x.isascii():
        y = x.encode("ascii")
        return len(y) - len(y.translate(None, _ASCII_LETTERS)), len(y) - len(y.translate(None, _ASCII_UPPER))
    letters = list(filter(str.isalpha, text[a:b]))
    return len(letters), sum(map(str.isupper, letters))


def _is_caps_line(text: str, s: int, e: int) -> bool:
    if e - s > 200:  # a heading or a stamp is short
        return False
    n_letters, n_upper = _letter_counts(text, s, e)
    return n_letters >= 4 and n_upper / n_letters > 0.85


def _make(text: str, s: int, e: int, display_src: str | None = None, how: str = "") -> Mention:
    written = " ".join(text[s:e].split())
    src = display_src if display_src is not None else written
    display, key, collective, holder = _describe(src)
    return Mention(s, e, written, display, key, collective, holder, how)


# "Phòng Tài nguyên và Môi trường các huyện, thị xã" / "... cấp huyện": one office in every district
_ALL_UNITS = re.compile(r"(?i)\b(?:cac|cap)\s+(?:huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)\b")
_ALL_UNITS_TAIL = re.compile(r" (?:cac (?:huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)"
                             r"(?: (?:huyen|quan|thi xa|thanh pho|xa|phuong|thi tran))*|cap (?:huyen|xa))$")


@lru_cache(maxsize=8192)
def _describe(src: str) -> tuple[str, str, bool, str]:
    """(display name, merge key, collective, holder) of a written mention."""
    lx = _lex()
    hm = lx.holder.match(unaccent_same_length(src))
    holder = fold(hm.group(0)).strip() if hm else ""
    u = unaccent_same_length(src)
    rest = u[hm.end():] if hm else u
    collective = bool(re.match(r"(?i)(?:(?:trang|cong) thong tin dien tu\s+)?cac\s", rest)) or bool(
        lx.ub.match(rest) and re.search(r"(?i)\b(?:cac|cap)\s", rest[:60])) or bool(
        hm and lx.member.match(rest) and not lx.ub.match(rest) and not _NAMED.match(rest)
        and not re.match(r"(?-i:S)o\s|(?-i:B)o\s", rest)) or bool(
        re.match(r"(?i)(?:to chuc chinh tri|cap uy|chinh quyen)", rest)) or bool(_ALL_UNITS.search(rest))
    if hm and (re.search(r"(?i)\bcac\b", fold(hm.group(0))) or holder in lx.plural_holders):
        collective = True
    display = _strip_pn_display(expand(src))
    if display.startswith("Các "):
        display = "c" + display[1:]
    # "các thành viên Ban An toàn giao thông": the members of one named body, keyed by the body
    key = _key(display, holder, collective and not (holder in lx.plural_holders and _NAMED.match(rest)))
    if holder and holder in lx.merge_holders and not collective and key.startswith("B|"):
        src = src[hm.end():]
        display = _strip_pn_display(expand(src))
    brands = lx.data.get("names", {}).get("keep_written", ())
    if brands and any(b in src for b in brands):  # "VNPT Ninh Bình" keeps its name (key as expanded)
        display = _strip_pn_display(expand(src, frozenset(brands)))
    return display, key, collective, holder


_HWS = {c: " " for c in (0x09, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
                          0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000)}
_HWS_CHARS = tuple(map(chr, _HWS))
_U_CACHE: dict[int, tuple[str, str, str]] = {}  # id(text) → (text, _u(text), _unaccented(text))


def _u(text: str) -> str:
    """The same-length matching copy of a text: diacritics stripped, case kept, horizontal white
    space as " " (so the patterns need no white-space classes).  Cached for the last texts."""
    hit = _U_CACHE.get(id(text))
    if hit and hit[0] is text:
        return hit[1]
    return _copies(text)[1]


def _unaccented(text: str) -> str:
    """text with diacritics stripped, case and white space kept (same length)."""
    hit = _U_CACHE.get(id(text))
    if hit and hit[0] is text:
        return hit[2]
    _copies(text)
    return _U_CACHE[id(text)][2]


_UNACCENT_LIST = list(range(0x1F00))  # unaccent_same_length's table as a list: translates faster
for _k, _v in _UNACCENT.items():
    _UNACCENT_LIST[_k] = ord(_v)  # (code points past the list are left as they are, as by the dict)
assert max(_UNACCENT) < len(_UNACCENT_LIST)


def _copies(text: str) -> tuple[str, str, str | None]:
    ua = text if text.isascii() else text.translate(_UNACCENT_LIST)
    u = ua
    for c in _HWS_CHARS:  # ua.translate(_HWS), which reads every character of a non-ASCII text one by one
        if c in u:
            u = u.replace(c, " ")
    if "\n" in u:  # a hard line break inside a sentence (PDF text) reads as a space
        u = _join_soft_breaks(u)
    # the folded copy: fold(text[a:b]) == collapsed white space of f[a:b] when lower-casing keeps
    # one char per char and depends on no context (the final-sigma rule)
    f = ua.lower()
    if len(f) != len(text) or "Σ" in text:
        f = None
    if len(_U_CACHE) > 8:
        _U_CACHE.clear()
        _F_CACHE.clear()
    _U_CACHE[id(text)] = (text, u, ua)
    _F_CACHE[id(text)] = (text, f)
    return text, u, f


_F_CACHE: dict[int, tuple[str, str | None]] = {}
# a single line break followed by a lower-case word that is no list marker ("a)", "ii.") continues
# the line: "Phòng Tài nguyên và Môi\ntrường" is one name
_SOFT_LA = r"(?=[ ]*(?![ivx]+[.)])[a-z]{2,}|[ ]*[a-z] )"
# (a letter or comma, spaces, the break): the pattern of what becomes one " "
_SOFT_BREAK = re.compile(rf" (?<=[A-Za-z,] )[ ]*\n{_SOFT_LA}|\n(?<=[A-Za-z,]\n){_SOFT_LA}")
# the break alone: a literal start, the scan is a fast search for "\n"
_SOFT_NL = re.compile(rf"\n{_SOFT_LA}")
_SOFT_BEFORE = frozenset(string.ascii_letters + ",")


def _join_soft_breaks(u: str) -> str:
    """_SOFT_BREAK.sub(" ", u), found from the breaks: each is replaced with the spaces before it
    when a letter or comma comes before those."""
    out: list[str] = []
    last = 0
    for m in _SOFT_NL.finditer(u):
        i = j = m.start()
        while j and u[j - 1] == " ":
            j -= 1
        if j and u[j - 1] in _SOFT_BEFORE:
            out.append(u[last:j])
            out.append(" ")
            last = i + 1
    if not out:
        return u
    out.append(u[last:])
    return "".join(out)


def _folded(text: str) -> str | None:
    """The same-length folded (unaccented, lower-case) copy of a text, or None where none exists."""
    hit = _F_CACHE.get(id(text))
    if hit and hit[0] is text:
        return hit[1]
    return _copies(text)[2]


def fold_span(text: str, a: int, b: int) -> str:
    """fold(text[a:b]), read from the document's folded copy."""
    f = _folded(text)
    if f is None:
        return fold(text[a:b])
    x = f[a:b].strip()
    # white space already collapsed (the usual case) needs no split and join: " " is the only
    # printable white space character
    if "  " not in x and x.isprintable():
        return x
    return " ".join(x.split())


@lru_cache(maxsize=8192)
def _shape(display: str) -> tuple[str, str | None]:
    """(display without "các" / a portal prefix, "so" / "bo" when the name is a Sở / Bộ one)."""
    f = fold(display)
    core = re.sub(r"^(?:(?:trang|cong) thong tin dien tu )?cac ", "", f)
    # "Sở Văn hóa - Thể thao và Du lịch, Giáo dục và Đào tạo, Y tế", "các Sở: Nội vụ, Tài chính":
    # capitalised fields after a department share its word "Sở" / "Bộ".
    head = re.fullmatch(r"(?:(?:giam doc|thu truong)\s+)?(?:cac\s+)?(so|bo)(?:\s.*)?", f)
    return core, head.group(1) if head else None


_HEAD_OF_ALL = re.compile(r"(?:giam doc|thu truong) cac (?:so|bo)")  # "Giám đốc các sở: Công Thương, ..."
# the lead-in of a field list between two subjects: "...; Giám đốc các sở: Công Thương, Tài chính"
_FIELD_LEAD = re.compile(rf"{H}*[,;]{H}*(?:va{H}+)?(?:(?:giam{H}+doc|thu{H}+truong){H}+)?(?:cac{H}+)?(?:so|bo){H}*:{H}*", re.I)


def _char_trie(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            rest = emit(node[ch])
            alts.append(ch + (f"(?:{rest}){'?' if '' in node[ch] else ''}" if rest else ""))
        return "|".join(alts)
    return emit(trie)


_UB_PRE = re.compile(rf"(?:.*?\b(?:uy{H}+ban{H}+nhan{H}+dan|(?-i:UBND)|hoi{H}+dong{H}+nhan{H}+dan|(?-i:HDND))){H}+", re.I)
_UNIT_PN = re.compile(rf"(?:thi{H}+xa|thi{H}+tran|thanh{H}+pho|huyen|quan|xa|phuong){H}+{_PN}", re.I)
_UNIT_SEP = re.compile(rf"{H}*,{H}*(?:va{H}+)?|{H}+va{H}+", re.I)


def _named_units(text: str, u: str, s: int, e: int) -> list[Mention]:
    """A committee of several named units, the level word repeated ("Ủy ban nhân dân xã Ea Phê và
    xã Ea Kly", "UBND huyện A, huyện B"): one mention per unit, [] when the mention is one body."""
    pm = _UB_PRE.match(u, s, e)
    if not pm:
        return []
    spans, pos = [], pm.end()
    while True:
        um = _UNIT_PN.match(u, pos, e)
        if not um:
            return []
        spans.append((um.start(), um.end()))
        if um.end() >= e:
            break
        sm = _UNIT_SEP.match(u, um.end(), e)
        if not sm:
            return []
        pos = sm.end()
    if len(spans) < 2:
        return []
    pre = " ".join(text[s:pm.end()].split())
    how = "gazetteer:ubnd-unit-list"
    return [_make(text, s, spans[0][1], how=how)] + [_make(text, a, b, display_src=f"{pre} {text[a:b]}", how=how)
                                                     for a, b in spans[1:]]


def _duty_end(lx: "_Lex", text: str, u: str, e: int, end: int) -> int:
    """End of a duty qualifier after a class ("có nhiệm vụ thu phí, lệ phí" before "xây dựng ..."):
    its object runs to the predicate's verb; e when none follows."""
    dm = lx.duty.match(u, e, end)
    gen = lx.generic
    if not dm or gen is None:
        return e
    line_end = u.find("\n", dm.end(), end)
    lim = min(end if line_end < 0 else line_end, dm.end() + 120)
    toks = [(m.start(), m.end()) for m in _TOK.finditer(u, dm.end(), lim)]
    words = [u[a:b].lower() for a, b in toks]
    last, i = e, 0
    while i < len(words) and i < 8:
        w = words[i]
        if not w[0].isalnum():
            if w != "," or i == 0:
                return e
            i += 1
            continue
        if gen._stop(words, i, gen.hard_f) or gen._stop(words, i, gen.soft_f):
            return last if i > 0 and last > e else e
        last, i = toks[i][1], i + 1
    return e


def _plan(lx: _Lex) -> dict[str, tuple[bool, bool, bool, bool, bool, bool]]:
    """Start word → what find_mentions tries at it: (only a generic name starts with it, so a lower-case
    one starts nothing ("trăm", "đối", "lúc"); its diacritics are checked; a gazetteer or collective
    mention may start with it; a generic name may; a holder may; a generic name may start with it
    written in lower case ([generic] lower_start))."""
    first = lx.start
    gen = lx.generic
    gfirst = gen.first if gen is not None else frozenset()
    lower_first = {h[0] for h in gen.lower_start} if gen is not None else set()
    gen_only = gfirst - first - lower_first if gen is not None else frozenset()
    hf = lx.holder_first
    return {w: (w in gen_only, w in lx.accent_words, w in first, gen is not None and w in gfirst,
                w in first and (hf is None or w in hf), w in lower_first) for w in first | gfirst}


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every agency mention in text[start:end], document order, no overlaps."""
    lx = _lex()
    end = len(text) if end is None else end
    u = _u(text)
    out: list[Mention] = []
    pos = start
    first = lx.start
    gen = lx.generic
    gfirst = gen.first if gen else frozenset()
    if "cand_f" not in lx.by_word:  # only the words that can start a mention are visited
        words = sorted(first | gfirst, key=len, reverse=True)
        # over the folded copy: a character trie, case-sensitive (much faster to scan)
        lx.by_word["cand_f"] = re.compile(r"(?<![-/&\w])(?:" + _char_trie(words) + r")(?![a-z])") \
            if all(re.fullmatch(r"[a-z]+", w) for w in words) else None
    ftext = _folded(text)
    # [A-Za-z] under IGNORECASE also takes "ı" and "ſ", which lower-casing keeps
    if ftext is not None and lx.by_word["cand_f"] is not None and "ı" not in ftext and "ſ" not in ftext:
        if ftext.isascii():  # \w is [a-zA-Z0-9_]: the ASCII pattern scans faster
            if "cand_a" not in lx.by_word:
                lx.by_word["cand_a"] = re.compile(lx.by_word["cand_f"].pattern, re.ASCII)
            cands = lx.by_word["cand_a"].finditer(ftext, start, end)
        else:
            cands = lx.by_word["cand_f"].finditer(ftext, start, end)
        lower = False  # the folded copy is in lower case
    else:
        if "cand" not in lx.by_word:
            words = sorted(first | gfirst, key=len, reverse=True)
            lx.by_word["cand"] = re.compile(r"(?<![-/&\w])(?:" + "|".join(words) + r")(?![A-Za-z])", re.I)
        cands = lx.by_word["cand"].finditer(u, start, end)
        lower = True  # the matched word may be written in capitals
    plan = lx.by_word.get("plan")
    if plan is None:
        plan = lx.by_word["plan"] = _plan(lx)
    holders_rx = lx.holders_rx
    # Most candidates start nothing.  Where the copies are aligned and no Kelvin sign folds to "k",
    # the word _match_at reads at s is the candidate itself, and a mention can start at s only if a
    # holder does, the word's own pattern matches (_match_at without a holder), or a generic name may
    # (a capital, or a head written in lower case): those are tested first, with the same patterns,
    # before anything else is done.
    quick = not lower and len(u) == len(text) and "\u212a" not in text
    coll_first = lx.by_word.setdefault("coll_first", {})  # word → _word_rx(lx, word, _COLL_FIRST)
    for cand in cands:
        s = cand.start()
        if s < pos:
            continue
        w = cand.group().lower() if lower else cand.group()
        p = plan.get(w)
        if p is None:
            continue  # ("ı" read as "i") no start word
        gen_only, acc, in_first, in_gfirst, holder, lower_gen = p
        if gen_only and not u[s].isupper():
            continue
        if quick:
            hm = holders_rx.match(u, s, end) if holder else None
            if hm is None and not (in_gfirst and (lower_gen or u[s].isupper())):
                rx = coll_first.get(w, _MISSING)
                if rx is _MISSING:
                    rx = coll_first[w] = _word_rx(lx, w, _COLL_FIRST) if in_first else None
                if rx is None or not rx[0].match(u, s, end):
                    continue  # nothing starts here
        if acc and not _accent_ok(lx, text, u, s, cand.end()):
            continue  # "Bảo Lộc" is no "Báo"
        if in_first:
            if not quick:
                hm = holders_rx.match(u, s, end) if holder else None
            e, how = _match_at(lx, u, s, end, hm)
        else:
            e, how = -1, ""
        generic = False
        if e < 0 and in_gfirst:
            e = gen.match(text, u, s, end)
            generic = e >= 0
            how = "name-grammar:head-noun" if u[s].isupper() else "name-grammar:lower-start"
        if e < 0 and holder and gen is not None:
            e = _holder_generic(lx, text, u, s, end, hm)
            if e >= 0:  # "các thành viên Ban An toàn giao thông tỉnh": "các" joins it below
                generic, how = True, "name-grammar:head-noun"
        if e < 0:
            continue
        pos = e
        while e > s and u[e - 1] in " ,-–":
            e -= 1
        mt = _make(text, s, e, how=how)
        if generic and s >= 4 and u[s - 4:s].lower() == "cac " and (s == 4 or not u[s - 5].isalnum()):
            # "các Chi nhánh Văn phòng đăng ký đất đai": every branch of a named kind, one entity with
            # the name written without "các"
            one = mt
            mt = _make(text, s - 4, e, how="name-grammar:cac-head-noun")
            mt.key, mt.collective = one.key, True
        if not mt.collective and (" va " in u[s:e] or "," in u[s:e]):
            named = _named_units(text, u, s, e)
            if named:  # "UBND xã Ea Phê và xã Ea Kly": one committee per named commune
                out.extend(named)
                continue
        core, head = _shape(mt.display)
        sub: list[Mention] = []
        if head and (not mt.collective or core in ("so", "bo") or _HEAD_OF_ALL.fullmatch(core)):
            word = "Sở" if head == "so" else "Bộ"
            pos = e
            while True:
                fm = lx.field_so.match(u, pos)
                if not fm or not text[fm.start("f")].isupper():
                    break
                fs, fe = fm.start("f"), fm.end("f")
                sub.append(_make(text, fs, fe, display_src=f"{word} {text[fs:fe]}", how=f"gazetteer:{head}-list"))
                pos = fe
        if mt.collective and sub:
            out.extend(sub)  # "các Sở: Nội vụ, Tài chính" → the departments themselves
            continue
        if mt.collective and not mt.holder and core in lx.not_alone:
            continue
        if mt.collective and lx.duty is not None and u.startswith(" co", e):
            de = _duty_end(lx, text, u, e, end)
            if de > e:
                mt = _make(text, s, de, how=how + "+duty-qualifier")
                pos = max(pos, de)
        out.append(mt)
        out.extend(sub)
    out.sort(key=lambda x: x.start)
    res: list[Mention] = []
    for x in out:
        if res and x.start < res[-1].end:
            continue
        res.append(x)
    return res


# --------------------------------------------------------------------------- context

@dataclass
class Group:
    """Mentions written together ("Sở Nội vụ, Sở Tài chính và các sở, ngành có liên quan")."""
    mentions: list[Mention]
    start: int
    end: int
    trigger: str = ""  # folded cue right before the group ("giao", "phoi hop voi" ...)
    owner: str = ""  # folded owner word before it ("cua", "thuoc" ...)
    subject: bool = False  # sentence subject followed by a predicate
    heading: bool = False  # the group is the whole heading of a clause ("3. Sở Nội vụ")
    addressee: bool = False  # a "Kính gửi:" line
    table_role: str = ""  # "lead" / "support": the group sits in that column of a table
    ignored: bool = False  # header, excluded block, citation, all-caps line, parentheses
    pred_start: int = -1  # where the predicate starts (after the group / parenthesis)
    marker: bool = False  # the group follows a clause marker ("3. Sở Nội vụ")
    clause_start: int = 0  # start of the sentence part the group is in

    @property
    def active(self) -> bool:
        return not self.ignored and not self.owner and bool(
            self.trigger or self.subject or self.heading or self.addressee or self.table_role)


_MARKER = re.compile(r"^\s*(?:[-–•+*]+|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\s*[).]|[IVXL]{1,5}\s*[.)]|Điều\s+\d+\s*[.:])\s*")
_JOIN = re.compile(rf"^(?:{H}*[,;]{H}*(?:va{H}+|cung{H}+)?|{H}+(?:va|cung|hoac|cung voi){H}+|{H}*,{H}*(?:va|cung){H}+)$", re.I)


# ", Bảo Lộc, Di Linh": proper names (capitalised words) going on after a mention
_NAME_TAIL = re.compile(r"(?:[ \t]*,[ \t]*([A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3}))+(?=[ \t]*[;,])")
_ABBR_DOT = re.compile(r"(?:\b[A-ZĐ]{1,4}|(?<![\w/.,])\d{1,2}(?:\.\d{1,2}){0,3})\.$")  # "TP.", "1.", "2.2." — not "4/2026."


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence part that ends at pos: after . ; : ! ? or a line break."""
    # the last stop that always ends a part
    hard = max(text.rfind("\n", floor, pos), text.rfind(";", floor, pos), text.rfind(":", floor, pos),
               text.rfind("!", floor, pos), text.rfind("?", floor, pos))
    j = pos
    while True:  # a "." after it ends one unless it closes an abbreviation or a number ("TP.", "1.")
        i = text.rfind(".", max(floor, hard + 1), j)
        if i < 0:
            break
        if (i + 1 >= len(text) or text[i + 1] in " \t\n") and not _ABBR_DOT.search(text[max(floor, i - 12):i + 1]):
            return i + 1
        j = i
    return hard + 1 if hard >= 0 else floor


_PAREN = re.compile(r"[ \t*_]*\((?:[^()\n]{0,200})\)[ \t*_]*")
_KG_LINE = re.compile(r"\s*[*_]*Kính\s+gửi", re.I)
_KG = re.compile(r"[*_]*Kính\s+gửi", re.I)
_BULLET = re.compile(r"[-–•+]")
_QUA = re.compile(r"\(\s*qua\s*$")


def _skip_paren(text: str, pos: int) -> int:
    m = _PAREN.match(text, pos, pos + 260)
    return m.end() if m else pos


def _in_paren(text: str, s: int, line_start: int) -> bool:
    seg = text[line_start:s]
    return seg.count("(") > seg.count(")")


def _kinh_gui(text: str, line_start: int) -> bool:
    """Is this line part of a "Kính gửi:" block (the line itself or a bullet below it)?"""
    if _KG_LINE.match(text[line_start:line_start + 40]):
        return True
    le = text.find("\n", line_start)
    cur = text[line_start:le if le >= 0 else len(text)].strip()
    if not _BULLET.match(cur) and len(cur) > 150:
        return False  # a paragraph of the body after the addressees
    i = line_start
    for _ in range(12):
        if i <= 0:
            return False
        j = text.rfind("\n", 0, i - 1) + 1
        line = text[j:i - 1].strip()
        if _KG.match(line):
            return True
        if line and not _BULLET.match(line):
            return False
        i = j
    return False


@dataclass
class Table:
    """A pipe-rendered table whose header names who carries the rows out."""
    rows: list[list[tuple[int, int]]]  # data rows (header excluded), cell spans
    cols: dict[str, int]  # "lead" | "support" | "task" | "deadline" | "product" | "number" → column
    span: tuple[int, int]  # from the header line's start to the last row's end


@lru_cache(maxsize=1)
def _table_syn() -> dict[str, list[str]]:
    return {k: [re.sub(r"\s+", " ", fold(x)) for x in v] for k, v in _lex().data["table"].items()}


def read_tables(text: str) -> list[Table]:
    """Tables with a lead (chủ trì / thực hiện) column, columns matched by header synonyms."""
    if "|" not in text:
        return []  # no pipe-rendered row
    syn = _table_syn()
    out: list[Table] = []
    for table in pipe_tables(text):
        if len(table) < 2:
            continue
        head = [fold_span(text, a, b).strip(" .:*") for a, b in table[0]]
        cols: dict[str, int] = {}
        for kind in ("support", "lead", "deadline", "product", "number", "task"):
            for i, h in enumerate(head):
                if i in cols.values() or not h:
                    continue
                if any(h == x or h.startswith(x + " ") or (len(x) > 6 and x in h) for x in syn[kind]):
                    cols[kind] = i
                    break
        if "lead" not in cols:
            continue
        start = text.rfind("\n", 0, table[0][0][0]) + 1
        end = text.find("\n", table[-1][-1][1])
        out.append(Table(rows=table[1:], cols=cols, span=(start, len(text) if end < 0 else end)))
    return out


@dataclass
class Analysis:
    mentions: list[Mention]
    groups: list[Group]
    tables: list[Table] = field(default_factory=list)
    names: dict[str, str] | None = None


_CACHE: dict[int, tuple[str, int, Analysis]] = {}


def _blocked_spans(doc: Document) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    seg = doc.segments
    if seg is not None:
        spans.append(seg.header)
        spans.extend(seg.excluded)
    for r in doc.facts.get("references", []) or []:
        sp = getattr(r, "span", None) or (r.get("span") if isinstance(r, dict) else None)
        if sp and not (getattr(r, "anaphor", False) or (isinstance(r, dict) and r.get("anaphor"))):
            spans.append((sp[0], sp[1]))
    return spans


class _Spans:
    """A union of [start, end) spans, for asking whether a position lies in one (by bisection)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(sp for sp in spans if sp[0] < sp[1]):
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def __contains__(self, x: int) -> bool:
        k = bisect_right(self.starts, x) - 1
        return k >= 0 and x < self.ends[k]


_KG_ANY = re.compile(r"Kính\s+gửi", re.I)  # what every match of _KG_LINE and _KG holds
# the same in the folded copy, where a literal start makes the search fast ("ı" matches "i" under re.I
# and folds to itself)
_KG_ANY_F = re.compile(r"kinh\s+gu[iı]")


class _DocInfo:
    """What the context rules ask of a document for every group, computed once per document."""

    def __init__(self, doc: Document, lx: _Lex):
        text = doc.text
        self.blocked = _Spans(_blocked_spans(doc))
        f = _folded(text)
        # no "Kính gửi" at all: no line is an addressee
        self.kinh_gui = bool(_KG_ANY_F.search(f) if f is not None else _KG_ANY.search(text))
        self.scope = lx.scope is not None and _scope_anywhere(lx, text)
        # line start → (all-caps line, "Kính gửi:" block, scope article, wide gap): the same for
        # every group of a line
        self.lines: dict[int, tuple[bool, bool, bool, bool]] = {}


def _scope_anywhere(lx: _Lex, text: str) -> bool:
    """May some line open a scope article?  Its subject ends with one of the words that end the
    [cues] scope_subject phrases, then comes a scope verb (lx.scope reads a line's folded start)."""
    rx = lx.by_word.get("scope_any")
    if rx is None:
        cues = lx.data["cues"]
        last = {fold(p).split()[-1] for p in cues["scope_subject"]}
        rx = lx.by_word["scope_any"] = re.compile(
            rf"(?:{'|'.join(sorted(map(re.escape, last)))})\s+(?:{_cue_alt(cues.get('scope_verb', []))})")
    f = _folded(text)
    return bool(rx.search(f if f is not None else fold(text)))


_OPEN = re.compile(r"[ \t]*\([ \t]*")
_CLOSE = re.compile(r"[ \t]*\)")


def _apposition(text: str, prev: Group, m: Mention, blocked: _Spans) -> bool:
    """Is m the whole of a parenthesis right after an acting group, naming the unit that acts for it?"""
    return (not prev.ignored and not prev.owner and bool(prev.trigger or prev.subject)
            and prev.trigger != "(" and bool(_OPEN.fullmatch(text, prev.end, m.start))
            and bool(_CLOSE.match(text, m.end)) and m.start not in blocked)


def analyse(doc: Document) -> Analysis:
    """Mentions and their groups with context, computed once per document."""
    n_refs = len(doc.facts.get("references", []) or [])
    hit = _CACHE.get(id(doc))
    if hit and hit[0] is doc.text and hit[1] == n_refs:
        return hit[2]
    text = doc.text
    lx = _lex()
    mentions = find_mentions(text)
    info = _DocInfo(doc, lx)
    tables = read_tables(text)
    role_cells = [(r[t.cols[k]], k) for t in tables for r in t.rows for k in ("lead", "support")
                  if k in t.cols and t.cols[k] < len(r)]
    groups: list[Group] = []
    for m in mentions:
        if groups:
            g = groups[-1]
            gap = _u(text)[g.end:m.start]
            if gap.startswith(",") and text[g.end - 1:g.end].isalpha():
                # more proper names of the list the last mention closes ("... các huyện, thành phố
                # Đà Lạt, Bảo Lộc; Chủ tịch ..."): the list goes on after them
                names = _NAME_TAIL.match(text, g.end, m.start)
                if names and text[names.start(1)].isupper():
                    gap = gap[names.end() - g.end:]
            intro_end = bool(g.owner) and gap.strip() == "," and lx.intro.match(fold_span(text, g.clause_start, g.start))
            # ";" joins a subject's list, or a list that opens its sentence part ("Điều 3. Chánh Văn
            # phòng UBND tỉnh; Giám đốc Sở Tư pháp; ... chịu trách nhiệm thi hành ...")
            if (_JOIN.match(gap) or _FIELD_LEAD.fullmatch(gap)) \
                    and not (";" in gap and not (g.subject or g.marker or g.clause_start == g.start)) \
                    and not g.table_role and not intro_end:
                g.mentions.append(m)
                g.end = m.end
                continue
        g = Group([m], m.start, m.end)
        _context(doc, g, info, lx)
        if g.ignored and groups and _apposition(text, groups[-1], m, info.blocked):
            g.ignored, g.trigger = False, "("  # "phản ánh về Sở Tài chính (Phòng Quản lý ngân sách)"
        for (a, b), k in role_cells:
            if a <= m.start < b:  # a body in the "chủ trì" / "phối hợp" column of a table
                g.table_role, g.owner, g.trigger, g.subject = k, "", "", False
        groups.append(g)
    for g in groups:  # the predicate follows the whole group
        _predicate(text, g, lx)
    an = Analysis(mentions, groups, tables)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(doc)] = (doc.text, n_refs, an)
    return an


# the rest of a running header / footer line: a wide gap, then a page number ("Trang 2/3", "2")
_PAGE_LINE = re.compile(r"[^\n]{0,80}?[ \t]{3,}(?:[Tt]rang[ \t]*)?\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?[ \t]*$", re.M)
_LEADERS_NOUN = re.compile(r"(?:^|\s)(?:co|giua|cua|cac|va|voi|gom|moi|dai dien)\s*$")
_PAST = re.compile(r"(?:^|\s)(?:da|dang|vua|tung|da tung)\s*$")
_BUDGET = re.compile(r"\b(?:kinh phi|ngan sach|du toan|nguon von|von|bien che)\b[^,;:]*$")
# a send / report verb, its object, then "về <recipient>" ("gửi báo cáo (kèm file) về", "phản ánh về")
_SEND_TO = re.compile(r"\b(?:gui|phan anh|chuyen|bao cao)\b[^,;:]{0,80}\sve\s*$")


def _cue_tails(lx: _Lex) -> tuple[tuple[str, ...] | None, ...]:
    """The last word of every trigger / owner / subject lead-in cue: a match of those patterns (each
    anchored at the end) needs the text, trailing white space and the pattern's filler characters
    set aside, to end with one (the lead-ins also with a "%")."""
    cues = lx.data["cues"]

    def last(ps: list[str], more: tuple[str, ...] = ()) -> tuple[str, ...] | None:
        # the letters a cue ends with ("qua" of "(qua"); None (always run the pattern) when one ends
        # with no letter
        ends = [re.search(r"[a-z]+$", fold(p)) for p in ps]
        return tuple(sorted({m.group(0) for m in ends})) + more if ps and all(ends) else None
    return last(cues["trigger"]), last(cues["owner"]), last(cues["subject_lead_in"], ("%",))


def _ends_with(s: str, tails: tuple[str, ...] | None, filler: str) -> bool:
    """Does s, trailing white space and filler characters set aside, end with one of tails (None: any)?"""
    if tails is None:
        return True
    i = len(s)
    while i and (s[i - 1] in filler or s[i - 1].isspace()):
        i -= 1
    return s.endswith(tails, 0, i)


def _context(doc: Document, g: Group, di: _DocInfo, lx: _Lex) -> None:
    text = doc.text
    s = g.start
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", s)
    line_end = len(text) if line_end < 0 else line_end
    info = di.lines.get(line_start)
    if info is None:
        line = text[line_start:line_end]
        info = di.lines[line_start] = (
            _is_caps_line(text, line_start, line_end),
            di.kinh_gui and _kinh_gui(text, line_start),
            di.scope and bool(lx.scope.match(fold_span(
                text, line_start, min(line_end, line_start + 80)).lstrip("-–•+*0123456789.) "))),
            "\t" in line or "   " in line)  # _PAGE_LINE's gap ([ \t]{3,}) is somewhere in the line
    if s in di.blocked or info[0] or info[3] and _PAGE_LINE.match(text, g.end, line_end):
        g.ignored = True  # a running footer: "Sở Tài nguyên và Môi trường Bình Định        2"
    cs = _clause_start(text, s, max(line_start, s - 400))
    g.clause_start = cs
    prev = text[cs:s]
    pm = _MARKER.match(prev)
    marker_only = bool(pm) and not prev[pm.end():].strip()
    pf = fold_span(text, cs + pm.end() if pm else cs, s).replace("*", " ").strip()
    if _in_paren(text, s, line_start):
        if _QUA.search(pf):
            g.trigger = "(qua"
        else:
            g.ignored = True
        return
    if info[2]:
        g.owner = "pham vi"  # "Quy chế này áp dụng đối với các cơ quan ...": the scope, not an actor
        return
    tails = lx.by_word.get("cue_tails")
    if tails is None:
        tails = lx.by_word["cue_tails"] = _cue_tails(lx)
    tm = lx.trigger.search(pf) if _ends_with(pf, tails[0], ":*_") else None
    om = lx.owner.search(pf) if _ends_with(pf, tails[1], "*_") else None
    if tm and (not om or tm.end("t") >= om.end("t")):
        g.trigger = _WS.sub(" ", tm.group("t"))
        before = pf[:tm.start("t")]
        if _PAST.search(before):
            g.trigger = "da"  # "Sở đã phối hợp với Tỉnh đoàn ...": reported on, assigned nothing
        elif g.trigger.startswith("giao") and _BUDGET.search(before):
            g.trigger, g.owner = "", "giao"  # "kinh phí ... giao cho Sở Nội vụ năm 2024": an allocation
        elif g.trigger == "lanh dao" and _LEADERS_NOUN.search(before):
            g.trigger = ""  # "dự họp có lãnh đạo các Sở": the leaders, a noun, not a directive
        elif g.trigger == "truoc" and before.rstrip().endswith("chiu trach nhiem"):
            g.trigger, g.owner = "", "truoc"  # "chịu trách nhiệm trước X": X is answered to, it does not act
    elif om:
        g.owner = _WS.sub(" ", om.group("t"))
        if g.owner == "cua" and cs == line_start and lx.duty_heading.fullmatch(pf):
            # "Điều 5. Trách nhiệm của Công an tỉnh": heads the items below it
            g.owner, g.heading, g.marker = "", True, bool(pm)
            return
    if (not g.trigger or g.trigger in ("ve", "bao cao ve", "bao cao")) and _ends_with(pf, ("ve",), "") \
            and _SEND_TO.search(pf):
        g.trigger, g.owner = "gui ve", ""  # "gửi báo cáo (...) về Sở Tư pháp", "phản ánh về Văn phòng Sở"
    core = (lx.lead_in.sub("", pf) if _ends_with(pf, tails[2], "") else pf).strip()
    g.subject = core == "" or core.endswith(",")
    if info[1]:
        g.addressee = True
    g.heading = marker_only or (core == "" and cs == line_start)
    g.marker = marker_only


# "X được giao chủ trì ...": a passive that assigns, X stays the subject (folded predicate start)
ASSIGNED = re.compile(r"(?:(?:da|cung|tiep tuc)\s+)*duoc\s+(?:giao|phan cong)\s+(?!nhiem vu\b|tai\b|theo\b)")


# Qualifiers between a subject and its verb: "theo chức năng, nhiệm vụ (được giao)", "trong phạm vi
# chức năng, nhiệm vụ của mình", "căn cứ nhiệm vụ được phân công tại Kế hoạch này".
_QUAL_REST = (
    r"[ \t]*,?[ \t]*(?:theo|trong pham vi|can cu(?: vao)?|tren co so)"
    r"(?:[ \t]*(?:,|va)?[ \t]*(?:chuc nang|nhiem vu|quyen han|tham quyen|linh vuc|pham vi|chuyen mon))+"
    r"(?:[ \t]+(?:duoc giao|duoc phan cong|cua minh|theo quy dinh|quan ly|cua don vi|cua co quan))*"
    r"(?:[ \t]+(?:tai|theo)[ \t]+(?:ke hoach|chi thi|quyet dinh|cong van|van ban|thong bao)[ \t]+nay)?"
    r"[ \t]*,?[ \t]*")
# the body's owner: "Phòng Việc làm - An toàn lao động thuộc Sở làm đầu mối …"
_QUAL_OWNER = r"[ \t]+(?:truc thuoc|thuoc)[ \t]+(?:so|bo|ubnd|uy ban nhan dan(?:[ \t]+(?:tinh|huyen|thanh pho|thi xa))?)(?=[ \t,])"
_QUALIFIER = re.compile(rf"(?:{_QUAL_OWNER}(?:{_QUAL_REST})?|{_QUAL_REST})")


def _predicate(text: str, g: Group, lx: _Lex) -> None:
    line_end = text.find("\n", g.end)
    line_end = len(text) if line_end < 0 else line_end
    p = _skip_paren(text, g.end)
    f = _folded(text)
    if f is not None:
        qm = _QUALIFIER.match(f, p, p + 160)
        q = qm.end() - p if qm else 0
    else:
        qm = _QUALIFIER.match(unaccent_same_length(text[p:p + 160]).lower())
        q = qm.end() if qm else 0
    if qm:  # "Sở Xây dựng theo chức năng, nhiệm vụ đẩy nhanh ...": the predicate follows the qualifier
        p += q
    g.pred_start = p
    nxt = fold_span(text, p, min(line_end, p + 60)).lstrip("*_ ")
    if g.owner == "do" and lx.agent is not None and lx.agent.match(nxt):
        g.owner, g.trigger = "", "do"  # "Mức khoán do Thủ trưởng đơn vị quyết định": the agent acts
        return
    is_pred = not lx.not_predicate.match(nxt) and not nxt.startswith(":")
    if g.trigger == "de" and (not is_pred or nxt.startswith(",")):
        g.trigger = ""  # "để X biết, thực hiện" names a doer; "để các tổ chức, cá nhân ..." does not
    if g.heading:
        # "3. Sở Nội vụ" / "3. Sở Nội vụ:" heads a clause; with a predicate it is a subject.  A bare
        # name on a line of its own heads only what a colon or a list below opens (else: a link, a menu)
        g.heading = nxt in ("", ":") or nxt.startswith(":") and not fold_span(text, p, line_end).strip(" :*")
        if g.heading and not g.marker and not nxt.startswith(":"):
            below = text[line_end:line_end + 200].lstrip()
            g.heading = bool(_MARKER.match(below)) and bool(below) and below[0] in "-–•+*abcdđeghiklmn123456789"
        if not g.heading and g.marker and nxt.startswith(":"):
            after = nxt[1:].lstrip(" *_")
            if after and not lx.not_predicate.match(after) and not lx.passive.match(after):
                # "3) Phòng Tài nguyên và Môi trường: chủ trì, phối hợp với ...": the item's actor,
                # its predicate after the colon on the same line
                g.subject = True
                return
        if not g.heading and not is_pred:
            g.subject = False
            return
    if g.subject and (not is_pred or lx.passive.match(nxt) and not ASSIGNED.match(nxt)):
        g.subject = False  # no predicate, or a passive one ("... đều được quy định"): not an actor


# --------------------------------------------------------------------------- entities

def extract(doc: Document) -> list[Agency]:
    return [a for _, a in _entities(doc)]


def _acts(g: Group) -> str:
    """Why a group counts, by the flag `Group.active` read (the strongest first)."""
    if g.table_role:
        return "table:" + g.table_role
    if g.trigger:
        return "cue:" + _CUE_NAMES.get(g.trigger, g.trigger.strip("( ").replace(" ", "-"))
    if g.addressee:
        return "addressee"
    if g.heading:
        return "clause-head"
    return "subject"


# triggers set by the code rather than read from [cues] trigger
_CUE_NAMES = {"(": "apposition", "da": "past", "do": "do-agent"}


def _why_tables() -> dict:
    return _lex().data["why"]


@lru_cache(maxsize=1024)
def confidence(kind: str, rule: str) -> float:
    """Confidence of a rule name ("gazetteer:so+subject", "lead:chu-tri+deadline:later-sentence"):
    the value of its first part in data [why.<kind>.base] times the factor of every other part
    in [why.<kind>.factor] (a part missing from a table falls back to its prefix before ":", then
    to `default`)."""
    t = _why_tables()[kind]
    first, *rest = rule.split("+")
    if first == "holder" and rest:  # "holder+gazetteer:so": the holder names the body's head
        first, rest = rest[0], ["holder"] + rest[1:]

    def look(table: dict, name: str) -> float:
        v = table.get(name)
        if v is None:
            v = table.get(name.split(":")[0], table["default"])
        return float(v)
    c = look(t["base"], first)
    for x in rest:
        c *= look(t["factor"], x)
    return round(min(1.0, max(0.0, c)), 3)


def _rule(m: Mention, g: Group) -> str:
    lx = _lex()
    parts = ["holder"] if m.holder else []
    parts.append(m.how or "unknown")
    if lx.abbr.search(m.written):
        parts.append("abbreviation")
    parts.append(_acts(g))
    return "+".join(parts)


def _entities(doc: Document) -> list[tuple[str, Agency]]:
    an = analyse(doc)
    by_key: dict[str, list[tuple[Mention, bool, Group]]] = {}
    for g in an.groups:
        if g.ignored:
            continue
        active = g.active
        for m in g.mentions:
            by_key.setdefault(m.key, []).append((m, active, g))
    out: list[tuple[str, Agency]] = []
    for key, ms in by_key.items():
        act = [(m, g) for m, a, g in ms if a]
        if not act:
            continue
        name = max((m.display for m, _ in act), key=lambda d: (len(d), d))
        aliases: list[str] = []
        seen = {fold_name(name)}
        for m, _, _ in ms:
            for a in (m.written, m.display):
                fa = fold_name(a)
                if fa not in seen:
                    seen.add(fa)
                    aliases.append(a)
        first, fg = min(act, key=lambda t: t[0].start)
        rule = _rule(first, fg)  # why: the first acting mention (the span), how it was read, why it acts
        out.append((key, Agency(name=name, span=(first.start, first.end), aliases=aliases,
                          collective=any(m.collective for m, _, _ in ms),
                          mentions=[(m.start, m.end) for m, _, _ in ms], rule=rule,
                          confidence=confidence("agency", rule))))
    out.sort(key=lambda t: t[1].span[0])
    if an.names is None:  # kept for entity_names (the assignments extractor)
        an.names = {k: a.name for k, a in out}
    return out


def entity_names(doc: Document) -> dict[str, str]:
    """Mention key → output name of its entity (for the assignments extractor)."""
    an = analyse(doc)
    if an.names is None:
        _entities(doc)
    return an.names
