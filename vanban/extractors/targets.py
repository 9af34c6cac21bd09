"""Targets: numeric goals and measured indicators ("trên 80% TTHC ... được giải quyết ...").

One record per figure: a percentage ("trên 80%"), a fraction ("17/20 Sở, ngành"), money
("100 tỷ đồng") or a count with a unit after a cue ("giảm 30 ngày").  For each figure:

* comparator — from the phrase right before it ("trên", "ít nhất", "không quá" ...) or right
  after it ("trở lên"); a range "từ 70% đến 80%" gives two records (>= 70, <= 80);
* kind — ``baseline`` (state reported: "mới đạt", "hiện nay", a THỰC TRẠNG section) or
  ``target`` (to be reached: "phấn đấu", "đến năm 2020", a MỤC TIÊU section; the default);
* year — a year stated in the sentence ("đến năm 2020", "Năm 2015, ..."), else, for targets,
  one in a heading above ("II. MỤC TIÊU ĐẾN NĂM 2020");
* text — the figure with the subject it measures, bounded by the clause (";", sentence end,
  "và" before the next figure).

Cue words live in data/targets.toml.  Work is done on a same-length folded copy of the text,
so every offset found there is an offset into ``doc.text``.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vanban.extractors.page import furniture, inside as inside_page
from vanban.pipeline.document import Document, Segments
from vanban.pipeline.segment import segment, sentences
from vanban.schema import Target
from vanban.text import DATE_RE, digit_run_starts, digit_runs, fold, fold_text, matches_at, parse_date_match, parse_number

_DATA = Path(__file__).with_name("data") / "targets.toml"

# A number as written: 1.500 / 17,8 / 80 / 0.5
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_W = r"[\w%]"  # word characters for boundaries (folded text is ASCII letters, digits, _)


def _alts(phrases: list[str]) -> str:
    """Regex alternation of folded phrases, longest first, spaces flexible."""
    ph = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ph)


@dataclass(frozen=True)
class _Rules:
    cmp_before: re.Pattern[str]
    cmp_before_map: dict[str, str]
    base_after: re.Pattern[str]  # "vẫn" after the figure in its clause
    base_opener: re.Pattern[str]  # "Hiện ..." opening the sentence
    compound_head: re.Pattern[str]  # "chứng " before "chỉ đạt": a compound, not the cue
    base_label: re.Pattern[str]  # "kết quả ... :" opening a sentence
    cmp_negated: dict[str, str]  # cue -> comparator under a negation earlier in the clause
    negation: re.Pattern[str]
    cmp_after: re.Pattern[str]
    cmp_after_near: re.Pattern[str]
    cmp_after_map: dict[str, str]
    figure: re.Pattern[str]
    fraction: re.Pattern[str]
    count: re.Pattern[str]
    money_units: frozenset[str]
    yearly_rate: re.Pattern[str]
    measure_units: frozenset[str]
    count_units: frozenset[str]
    count_cue: re.Pattern[str]
    excl_before: re.Pattern[str]
    excl_units: re.Pattern[str]
    excl_context: re.Pattern[str]
    frac_before: re.Pattern[str]
    base_cue: re.Pattern[str]
    base_weak: re.Pattern[str]
    target_cue: re.Pattern[str]
    base_section: re.Pattern[str]
    target_section: re.Pattern[str]
    measure_noun: re.Pattern[str]
    strip_lead: re.Pattern[str]
    predicate_end: re.Pattern[str]
    cut_comma: re.Pattern[str]
    range_sep: str
    year_block: re.Pattern[str]
    cite_sentence: re.Pattern[str]
    baseline_doc_types: frozenset[str]
    measured_verb: re.Pattern[str]
    generic_count: re.Pattern[str]
    generic_not: frozenset[str]
    tail_close: re.Pattern[str]
    tail_compare: re.Pattern[str]
    base_moi: re.Pattern[str]
    target_modal: re.Pattern[str]
    target_comparator: re.Pattern[str]
    gloss_before: re.Pattern[str]
    physical_units: frozenset[str]
    quantity_noun: re.Pattern[str]  # "diện tích ..." earlier in the clause of a physical unit
    physical_not_noun: frozenset[str]
    frac_time: re.Pattern[str]
    confidence: dict[str, float]  # [confidence] of the data: rule and evidence -> score / adjustment


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    with open(_DATA, "rb") as fh:
        d = tomllib.load(fh)
    cb = {fold(p): c for p, c in d["comparator"]["before"]}
    ca = {fold(p): c for p, c in d["comparator"]["after"]}
    u = d["units"]
    money = [fold(x) for x in u["money"]]
    measure = [fold(x) for x in u["measure"]]
    counts = [fold(x) for x in u["count_nouns"]]
    unit_alts = _alts(money + measure + counts)
    sep = "|".join(re.escape(fold(s)) for s in d["comparator"]["range_sep"])
    ex = d["exclude"]
    k = d["kind"]
    t = d["text"]
    conf = {k: float(v) for k, v in d["confidence"].items()}
    return _Rules(
        confidence=conf,
        # "<cue> [mức [là]] " immediately before the figure
        cmp_before=re.compile(r"(?<![\w])(?P<cue>" + _alts(list(cb)) + r")\s+(?:muc\s+(?:la\s+)?)?$"),
        cmp_before_map=cb,
        cmp_negated={fold(p): c for p, c in d["comparator"]["negated"]},
        negation=re.compile(r"(?<!\w)(?:" + _alts(d["comparator"]["negations"]) + r")(?!\w)"),
        cmp_after=re.compile(r"\s*(?P<cue>" + _alts(list(ca)) + r")(?!\w)"),
        # the counted noun between: "từ 1.100 đảng viên mới trở lên" (a few words, no figure, no break)
        cmp_after_near=re.compile(r"(?:\s+[^\W\d]+){1,4}?\s+(?P<cue>" + _alts([fold(x) for x in d["comparator"]["after_near"]])
                                  + r")(?!\w)"),
        cmp_after_map=ca,
        # a percentage, optionally the low end of a range written "70 - 80%" / "70% - 80%"
        figure=re.compile(
            r"(?<![\w.,/:])(?:(?P<lo>" + _NUM + r")\s*%?\s*(?P<sep>" + sep + r")\s*)?"
            r"(?P<num>" + _NUM + r")\s*(?:%|phan\s+tram(?!\w))"
        ),
        fraction=re.compile(r"(?<![\w.,/:\-])(?P<num>\d{1,3}(?:\.\d{3})+|\d{1,5})/(?P<tot>\d{1,3}(?:\.\d{3})+|\d{1,5})(?![\w/.\-:]|[.,]\d)(?=\s+[^\W\d_])"),
        count=re.compile(r"(?<![\w.,/:\-])(?P<num>" + _NUM + r")\s+(?P<unit>" + unit_alts + r")(?!\w)"),
        money_units=frozenset(money),
        # money a head (or a hectare) a year: "thu nhập bình quân đầu người đạt 82 triệu đồng/người/năm"
        yearly_rate=re.compile(r"(?:\s*/\s*(?:" + _alts([fold(x) for x in u["rate_per"]]) + r"))?\s*/\s*nam(?!\w)"),
        measure_units=frozenset(measure),
        count_units=frozenset(counts),
        count_cue=re.compile(r"(?<!\w)(?:" + _alts(u["count_cues"] + [p for p, _ in d["comparator"]["before"]])
                             + r")\s+(?:(?:muc|xuong|len|con|khoang|la)\s+)*$"),
        excl_before=re.compile(r"(?<!\w)(?:" + _alts(ex["before"]) + r")\s*[:.]?\s*$"),
        excl_units=re.compile(r"\s*(?:" + _alts(ex["units"]) + r")(?!\w)"),
        excl_context=re.compile(_alts(ex["contexts"])),
        frac_before=re.compile(r"(?<!\w)(?:" + _alts(ex["fraction_before"]) + r")\s*$"),
        base_after=re.compile(r"(?<!\w)(?:" + _alts(k["baseline_after"]) + r")(?!\w)"),
        base_opener=re.compile(r"(?P<w>" + _alts(k["baseline_openers"]) + r")(?!\w)"),
        compound_head=re.compile(r"(?<!\w)(?:" + _alts(k["cue_compound_heads"]) + r")\s+$"),
        base_label=re.compile(r"(?P<label>" + _alts(k["baseline_labels"]) + r")(?:\s+[a-z0-9]+){0,8}\s*:"),
        base_cue=re.compile(r"(?<!\w)(?:" + _alts(k["baseline"]) + r")(?!\w)"),
        base_weak=re.compile(r"(?<!\w)(?:" + _alts(k["baseline"] + k["baseline_weak"]) + r")(?!\w)"),
        target_cue=re.compile(r"(?<!\w)(?:" + _alts(k["target"]) + r")(?!\w)"),
        base_section=re.compile(r"(?<!\w)(?:" + _alts(k["baseline_sections"]) + r")(?!\w)"),
        target_section=re.compile(r"(?<!\w)(?:" + _alts(k["target_sections"]) + r")(?!\w)"),
        measure_noun=re.compile(r"(?<!\w)(?:" + _alts(t["measure_nouns"]) + r")(?!\w)"),
        strip_lead=re.compile(r"(?:(?:" + _alts(t["strip_lead"]) + r")(?!\w)[\s,:]*)+"),
        predicate_end=re.compile(r"(?<!\w)(?:" + _alts(t["predicates"]) + r")\s*$"),
        cut_comma=re.compile(r",\s*(?:" + _alts(t["cut_after_comma"]) + r")(?!\w)"),
        range_sep=sep,
        # the window before "năm 2019" / "2019": "so với năm", "Luật Đất đai năm"
        year_block=re.compile(r"(?<!\w)(?:(?:" + _alts(ex["year_after"]) + r")|(?:" + _alts(ex["year_after_names"])
                              + r")(?:\s+[^\s,;.:()]+){0,10})\s+(?:nam\s+)?$"),
        cite_sentence=re.compile(r"[\s\-*_•+]*(?:" + _alts(ex["citation_sentences"]) + r")(?!\w)"),
        baseline_doc_types=frozenset(fold(x) for x in k["baseline_doc_types"]),
        # "tiếp nhận 12.845 hồ sơ", "đã đăng tải 36 tin, bài": a verb of measured work, then the count
        measured_verb=re.compile(r"(?<!\w)(?:" + _alts(u["measured_verbs"]) + r")\s+(?:(?:duoc|la|tong\s+cong|tong\s+so)\s+)*$"),
        # a count of any noun: the number and a lower-case word that is not a unit of time or times
        generic_count=re.compile(r"(?<![\w.,/:\-])(?P<num>" + _NUM + r")\s+(?P<unit>[a-z]+(?:\s+[a-z]+)?)(?!\w)"),
        generic_not=frozenset(w.lower() for w in ex["units"] + ex["generic_not"]),
        # a phrase after the figure that only anchors it in time ends the measured phrase:
        # "không quá 3 ngày làm việc kể từ khi nhận đủ hồ sơ"
        tail_close=re.compile(r"\s*(?:,\s*)?(?:(?:vao|den|toi|trong)\s+(?:het\s+|cuoi\s+)?nam\s+(?:19|20)\d{2}|(?:"
                              + _alts(t["tail_anchors"]) + r")(?!\w)|\()"),
        # the base a change is measured against closes the phrase too, and stays in it: "số cơ sở
        # giáo dục nghề nghiệp công lập giảm 25% so với năm 2020 thông qua sắp xếp, tổ chức lại"
        tail_compare=re.compile(r"\s*(?:" + _alts(t["compare_bases"]) + r")\s+(?:(?:nam|giai doan)\s+)?(?:19|20)\d{2}"
                                r"(?:\s*[-–]\s*(?:19|20)\d{2})?(?!\w)"),
        target_modal=re.compile(r"(?<!\w)(?:" + _alts(k["target_modal"]) + r")(?!\w)"),
        target_comparator=re.compile(r"(?:" + _alts(k["target_comparators"]) + r")(?!\w)"),
        base_moi=re.compile(r"(?<!\w)(?:" + _alts(k["baseline_moi"]) + r")\s+(?:[a-z]+\s+){1,3}?duoc(?!\w)"),
        gloss_before=re.compile(r"(?<!\w)(?:" + _alts(k["target_gloss_nouns"]) + r")(?:\s+[^\W\d_]+){0,3}\s*\($"),
        physical_units=frozenset(fold(x) for x in u["physical"]),
        quantity_noun=re.compile(r"(?<!\w)(?:" + _alts(u["quantity_nouns"]) + r")(?!\w)[^;.:\n]*$"),
        physical_not_noun=frozenset(w.lower() for w in u["physical_not_noun"]),
        frac_time=re.compile(r"\s*(?:" + _alts(ex["fraction_time_units"]) + r")(?!\w)"),
    )


# Years: "năm 2020", "đến 2020", "vào năm 2020", "giai đoạn 2016-2020" (→ 2020).
_YEAR_RE = re.compile(
    r"(?<!\w)(?:(?P<kw>nam|den|toi|cuoi)\s+(?P<y>(?:19|20)\d{2})(?![\w/\-]))"
    r"|(?<!\w)(?:giai\s+doan|thoi\s+ky)\s+(?:19|20)\d{2}\s*[-–]\s*(?P<y2>(?:19|20)\d{2})(?!\w)"
)
# Clause separators inside a sentence.
_CLAUSE_SEP = re.compile(r";|:\s|\n")
_WORD_RE = re.compile(r"[^\W_]+", re.U)
# A list marker opening a clause: "a) ", "2. ", "1.2. ", "IV. ", "- ", "+ ", "* ".
_MARKER = re.compile(r"(?:(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*|[ivxlc]{1,5})[.)]|\(?[a-zđ\d]{1,2}\))\s+(?!%)")
_DIGITS = re.compile(r"(?<!\d)\d")
_COMMA_LEAD = re.compile(r",\s*")
_COORD = re.compile(r"(?<!\w)va(?!\w)|,")
# "Năm 2015, ...", "Đến năm 2020, ...", "Trong năm 2016 ..." opening a clause.
_INTRO_YEAR = re.compile(
    r"(?:(?:den|toi|trong|vao|cuoi|den\s+het|den\s+cuoi)\s+)?(?:nam\s+)?(?:19|20)\d{2}(?!\w)\s*,?"
    r"|(?:[^\s,;.]+\s+){1,6}?(?:19|20)\d{2}\s*,"  # "Trong 6 tháng đầu năm 2021,"
)


def _run_starts(text: str, lo: int, hi: int | None = None) -> list[int]:
    """Where a digit run starts in [lo, hi) (a run begun before lo is not counted); `text` is
    the document's text or a copy of it folded to the same length (same digits)."""
    out = digit_run_starts(text, lo, hi)
    if out and out[0] == lo and lo > 0 and text[lo - 1].isdecimal():
        del out[0]  # the run began before lo
    return out


def _date_spans(text: str, ft: str) -> list[tuple[int, int]]:
    """Spans of `DATE_RE.finditer(ft)`, tried only at the last two digits of each digit run
    (a date opens with one or two digits followed by a separator, never by a digit); `ft` is
    `text` folded (same digits)."""
    out: list[tuple[int, int]] = []
    last = 0
    for a, b in zip(*digit_runs(text)):
        after = ft[b:b + 1]
        if not after or not (after in "/.-" or after.isspace()):
            continue  # the day's digits go on with a separator or a blank, or it is no date
        for p in (b - 2, b - 1):
            if p >= a and p >= last:
                m = DATE_RE.match(ft, p)
                if m:
                    out.append(m.span())
                    last = m.end()
                    break
    return out


def _spans_of(doc: Document, kind: str) -> list[tuple[int, int]]:
    out = []
    for r in doc.facts.get(kind, []) or []:
        sp = getattr(r, "span", None) or (r.get("span") if isinstance(r, dict) else None)
        if sp:
            out.append((int(sp[0]), int(sp[1])))
    return out


class _SpanSet:
    """`_inside(pos, spans)` by bisection: spans sorted by start, with the running maximum end."""

    def __init__(self, spans: list[tuple[int, int]]):
        ss = sorted(spans)
        self.starts = [a for a, _ in ss]
        self.max_end: list[int] = []
        m = -1
        for _, b in ss:
            m = max(m, b)
            self.max_end.append(m)

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and self.max_end[i - 1] > pos


_APPENDIX_HEAD = re.compile(r"^[ \t*_#]*(?:PHỤ LỤC|PHỤ LỤC)(?:[ \t]+[IVXLC\d]+)?[ \t*_.:]*$", re.M)


def _appendix_spans(text: str, seg: Segments) -> list[tuple[int, int]]:
    """An appendix ("PHỤ LỤC" on its own line) written right after the signature block, with no
    blank line between, is swallowed by that block's exclusion: its lines are read again
    ("1. Xã Bản Lầu: giảm 45 hộ nghèo;")."""
    out = []
    for a, b in seg.excluded:
        m = _APPENDIX_HEAD.search(text, a, b)
        if m:
            out.append((m.start(), b))
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


class _Ctx:
    """Per-document state: folded text, sentence spans, no-go spans, headings."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.ft = fold_text(doc.text)
        lt = doc.text.lower()
        self.lt = lt if len(lt) == len(doc.text) else doc.text
        self.page = furniture(doc.text)
        self._headings: dict[int, list[str]] = {}
        self.seg: Segments = doc.segments or segment(doc.text)
        self._line_starts = [a for a, _ in self.seg.lines]
        self.body_start = self.seg.body[0] if self.seg.header[1] else 0
        self.refs = _spans_of(doc, "references")
        # no figure inside a citation, a date or a deadline ("trước 15/12"); no year inside the
        # first two (a deadline "đến năm 2020" is exactly where a target's year is written)
        self.dates = _date_spans(self.text, self.ft)
        self.nogo = self.refs + self.dates + _spans_of(doc, "deadlines")
        self.nogo_set = _SpanSet(self.nogo)
        self.appendix = _appendix_spans(doc.text, self.seg)
        # Sentences as the segmenter cuts them, re-joined across ";" (a list of targets
        # separated by semicolons is one sentence here; clauses are found separately).
        self.sents: list[tuple[int, int]] = []
        for a, b in sentences(self.text, self.body_start, len(self.text)):
            if self.sents and self.text[self.sents[-1][1] - 1] == ";" and "\n" not in self.text[self.sents[-1][1]:a]:
                self.sents[-1] = (self.sents[-1][0], b)
            else:
                self.sents.append((a, b))
        self.doc_year = None
        iso = getattr(doc.header, "issued_date", None)
        if iso and iso[:4].isdigit():
            self.doc_year = int(iso[:4])

    def sentence(self, pos: int) -> tuple[int, int]:
        lo, hi = 0, len(self.sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            a, b = self.sents[mid]
            if pos < a:
                hi = mid - 1
            elif pos >= b:
                lo = mid + 1
            else:
                return a, b
        ln = self.line_at(pos) or (pos, pos + 1)
        return ln

    def line_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._line_starts, pos) - 1
        return self.seg.lines[i] if i >= 0 else None

    def headings(self, pos: int) -> list[str]:
        """Folded heading-like lines above `pos`: clause ancestors' headings (nearest first),
        then the nearest short unnumbered heading line."""
        i = bisect.bisect_right(self._line_starts, pos) - 1
        if i in self._headings:
            return self._headings[i]
        out: list[str] = []
        lines = self.seg.lines
        own_line = lines[i][0] if i >= 0 else -1
        anc = [c for c in self.seg.clauses if c.start <= pos < c.end and c.start != own_line]
        for c in sorted(anc, key=lambda c: -c.level):
            if _heading_like(c.heading):
                out.append(fold(c.heading))
        # nearest preceding short standalone line (news articles: "Mục tiêu", "Kết quả đạt được")
        for s, e in reversed(lines[max(0, i - 40):max(0, i)]):
            raw = self.text[s:e].strip()
            if not raw:
                continue
            if _heading_like(raw) and len(raw.split()) <= 10:
                h = fold(raw)
                rr = _rules()
                if rr.target_section.search(h) or rr.base_section.search(h):
                    out.append(h)
                    break
        self._headings[i] = out
        return out


def _heading_like(h: str) -> bool:
    h = h.strip().strip("*_#").strip()
    if not h or len(h) > 120:
        return False
    if h[-1] in ".;,":
        return False
    letters = [c for c in h if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    return len(h.split()) <= 12


def _clause_bounds(ctx: _Ctx, pos: int, sent: tuple[int, int]) -> tuple[int, int]:
    """The clause of the sentence holding `pos`: between ';' / ': ' / line breaks."""
    s, e = sent
    start = s
    for m in _CLAUSE_SEP.finditer(ctx.ft, s, pos):
        start = m.end()
    m = _CLAUSE_SEP.search(ctx.ft, pos, e)
    end = m.start() if m else e
    # a figure in brackets is a clause of its own: "đạt 100% (năm 2022 đạt 46,7%)"
    op = ctx.ft.rfind("(", start, pos)
    if op >= 0 and ctx.ft.find(")", op, pos) < 0:
        cl = ctx.ft.find(")", pos, end)
        if cl >= 0:
            return op + 1, cl
    # ... and a bracket after the figure is not part of its clause
    op = ctx.ft.find("(", pos, end)
    if op >= 0:
        end = op
    return start, end


def _year_in(ctx: _Ctx, r: _Rules, a: int, b: int, pos: int) -> int | None:
    """The year written in ft[a:b] nearest to pos, outside citations and dates."""
    best, dist = None, None
    for m in _YEAR_RE.finditer(ctx.ft, a, b):
        if _inside(m.start(), ctx.refs) or _inside(m.start("y") if m.group("y") else m.start("y2"), ctx.dates):
            continue
        if m.group("y") and r.year_block.search(ctx.ft, max(0, m.start("y") - 80), m.start("y")):
            continue
        if m.group("y2") and r.year_block.search(ctx.ft, max(0, m.start() - 80), m.start()):
            continue  # "so với bình quân giai đoạn 2017-2021": the period compared with
        op = ctx.ft.rfind("(", a, m.start())
        if op >= 0 and ctx.ft.find(")", op, m.start()) < 0 and not (op < pos < ctx.ft.find(")", m.start(), b) or pos > op and ctx.ft.find(")", m.start(), b) < 0):
            continue  # a year inside brackets the figure is not in: "đạt 90% (năm 2023 đạt 52,5%)"
        y = int(m.group("y") or m.group("y2"))
        d = abs(m.start() - pos)
        if dist is None or d < dist:
            best, dist = y, d
    return best


def _comparator(ctx: _Ctx, r: _Rules, start: int, end: int, clause_start: int) -> tuple[str, int, int]:
    """(comparator, new start, new end): cue before the figure and "trở lên" after it."""
    comp, s, e = "=", start, end
    window = ctx.ft[max(clause_start, start - 40):start]
    m = r.cmp_before.search(window)
    if m:
        cue = re.sub(r"\s+", " ", m.group("cue"))
        comp = r.cmp_before_map[cue]
        s = start - len(window) + m.start("cue")
        if cue == "tu":
            # "từ" alone is a starting point ("tăng từ 50% lên 70%"); ">=" needs "trở lên"
            comp = "="
        elif cue in r.cmp_negated and r.negation.search(ctx.ft, max(clause_start, s - 60), s):
            comp = r.cmp_negated[cue]  # "không để ... quá 30 hộ": at most 30
    m = r.cmp_after.match(ctx.ft, end, min(len(ctx.ft), end + 20)) \
        or r.cmp_after_near.match(ctx.ft, end, min(len(ctx.ft), end + 40))
    if m:
        comp = r.cmp_after_map[re.sub(r"\s+", " ", m.group("cue"))]
        e = m.end()
    return comp, s, e


def _kind(ctx: _Ctx, r: _Rules, fig_start: int, clause: tuple[int, int], sent: tuple[int, int],
          year: int | None, clause_year: int | None = None) -> str:
    return _kind_why(ctx, r, fig_start, clause, sent, year, clause_year)[0]


def _kind_why(ctx: _Ctx, r: _Rules, fig_start: int, clause: tuple[int, int], sent: tuple[int, int],
              year: int | None, clause_year: int | None = None) -> tuple[str, str]:
    """(kind, reason): the reason names the step below that decided (see [confidence] in the data)."""
    # 1. a cue in the same clause before the figure; the nearest wins
    def nearest(a: int, b: int, base: re.Pattern[str]) -> str | None:
        best, at = None, -1
        for rx, k in ((base, "baseline"), (r.target_cue, "target"), (r.target_modal, "modal")):
            for m in rx.finditer(ctx.ft, a, b):
                if m.start() >= at and _written(ctx, m.start(), m.end()) \
                        and not r.compound_head.search(ctx.ft, max(0, m.start() - 12), m.start()):
                    best, at = k, m.start()
        # "mới cấp được 1.245/1.580 hồ sơ": only so far ("mới" as written, not "mỗi")
        if "moi" in ctx.ft[a:b]:
            for m in r.base_moi.finditer(ctx.ft, a, b):
                if m.start() >= at and (ctx.lt.startswith("mới", m.start()) or ctx.lt[m.start():m.end()].isascii()):
                    best, at = "baseline", m.start()
        return best

    k = nearest(clause[0], fig_start, r.base_cue)
    why = "cue"
    if k == "modal":
        k, why = "target", "modal"
        for h in ctx.headings(fig_start):
            if r.target_section.search(h):
                break
            if r.base_section.search(h):
                return "baseline", "modal-in-results"
    if k:
        return k, why
    if _results_label(ctx, r, sent, fig_start):
        return "baseline", "results-label"
    om = r.base_opener.match(ctx.ft, _sentence_body(ctx, sent), fig_start)
    if om and _written(ctx, *om.span("w")):
        return "baseline", "present-opener"
    am = r.base_after.search(ctx.ft, fig_start, clause[1])
    if am and _written(ctx, am.start(), am.end()):
        return "baseline", "state-after"
    # "giảm ít nhất 5% số người chết": a prescriptive comparator is itself a target cue, even
    # in a report's headline (kind.target_comparators)
    tc = r.target_comparator.match(ctx.ft, fig_start)
    if tc and _written(ctx, tc.start(), tc.end()):
        return "target", "comparator"
    # "thấp hơn chỉ tiêu tỉnh giao (trên 80%)": a bracket after the name of a target gives its value
    if clause[0] > 0 and ctx.ft[clause[0] - 1] == "(" and r.gloss_before.search(
            ctx.ft, max(0, clause[0] - 60), clause[0]):
        return "target", "gloss"
    # 2. a year after the document's own, in the clause or sentence ("đạt 80% vào năm 2020");
    # a year before it in the clause itself ("năm 2023, Trang ... đã đăng tải 36 tin, bài",
    # "(năm 2022 đạt 46,7%)") reports what was reached, whatever the section
    if year and ctx.doc_year and year > ctx.doc_year:
        return "target", "future-year"
    if clause_year and ctx.doc_year and clause_year < ctx.doc_year:
        return "baseline", "past-clause-year"
    # a past time opening the sentence scopes all its clauses: "Năm 2021, ... đạt 71,4%; 58 xã
    # chưa có ...", "Mùa khô 2022 - 2023, trên địa bàn tỉnh xảy ra 14 vụ cháy rừng, ..."; so does
    # a status date before the figure: "đến ngày 31/5/2023 (already past) mới cấp được ..."
    if ctx.doc_year and (_past_intro(ctx, sent) or _past_status_date(ctx, sent[0], fig_start)):
        return "baseline", "past-intro"
    # 3. the section the figure sits in ("II. MỤC TIÊU", "I. THỰC TRẠNG")
    for h in ctx.headings(fig_start):
        if r.target_section.search(h):
            return "target", "section"
        if r.base_section.search(h):
            return "baseline", "section"
    # 4. a cue elsewhere in the sentence before the figure
    k = nearest(sent[0], fig_start, r.base_weak)
    if k:
        return ("target" if k == "modal" else k), "weak-cue"
    # 5. a year in the past relative to the document
    if year and ctx.doc_year and year < ctx.doc_year:
        return "baseline", "past-year"
    if fold(getattr(ctx.doc.header, "type", None) or "") in r.baseline_doc_types:
        return "baseline", "doc-type"
    return "target", "default"


# A time adverbial opening a sentence: up to four words, a year or a span of years, a comma;
# or a label of up to six words ending in a year and a colon ("Kết quả rà soát cuối năm 2022:").
_SENT_INTRO = re.compile(r"(?P<w>(?:[a-z0-9]+\s+){0,6}?)(?P<a>(?:19|20)\d{2})(?:\s*[-–]\s*(?P<b>(?:19|20)\d{2}))?"
                         r"\s*(?P<t>[,:])")
# "(tính) đến ngày 31/5/2023", "đến hết ngày ...": the date figures are reported at.
_STATUS_DATE = re.compile(r"(?<!\w)(?:den|toi)\s+(?:het\s+)?ngay\s+(?=\d)")


def _past_intro(ctx: _Ctx, sent: tuple[int, int]) -> bool:
    """The sentence opens with a time wholly or mostly past when the document was issued."""
    p = _sentence_body(ctx, sent)
    m = _SENT_INTRO.match(ctx.ft, p, min(sent[1], p + 60))
    if not m:
        return False
    w = m.group("w").split()
    if m.group("t") == "," and len(w) > 4:
        return False
    if w and w[0] in ("den", "toi", "truoc", "tu", "sau", "vao"):
        return False  # "Đến năm 2025, ...": a horizon
    a, b = int(m.group("a")), int(m.group("b") or m.group("a"))
    return a < ctx.doc_year and b <= ctx.doc_year


def _sentence_body(ctx: _Ctx, sent: tuple[int, int]) -> int:
    """Where the words of a sentence start: after bullets and a clause marker."""
    p = sent[0]
    while p < sent[1] and ctx.ft[p] in " \t-+*•–":
        p += 1
    mk = _MARKER.match(ctx.ft, p, sent[1])
    return mk.end() if mk else p


def _results_label(ctx: _Ctx, r: _Rules, sent: tuple[int, int], fig_start: int) -> bool:
    """The sentence opens with a label of results ending in a colon before the figure."""
    m = r.base_label.match(ctx.ft, _sentence_body(ctx, sent), fig_start)
    # "Kết quả cần đạt:", "Kết quả phấn đấu năm 2025:" name targets
    return (m is not None and _written(ctx, m.start("label"), m.end("label"))
            and not r.target_cue.search(ctx.ft, m.start(), m.end()) and not r.target_modal.search(ctx.ft, m.start(), m.end()))


def _past_status_date(ctx: _Ctx, a: int, b: int) -> bool:
    iso = getattr(ctx.doc.header, "issued_date", None)
    if not iso or "ngay" not in ctx.ft[a:b]:
        return False
    for m in _STATUS_DATE.finditer(ctx.ft, a, b):
        d = DATE_RE.match(ctx.ft, m.end())
        if d:
            v = parse_date_match(d)
            if v and v < iso:
                return True
    return False


def _text_span(ctx: _Ctx, r: _Rules, s: int, e: int, clause: tuple[int, int],
               next_fig: int | None, prev_fig_end: int | None, clause_floor: int = -1) -> tuple[int, int]:
    """Extent of the text: the figure with the subject it measures."""
    ft = ctx.ft
    cs, ce = clause
    cs_last = cs
    # Coordinated figures share a clause: "100% A và 40% B", "100% A, 50% B".  A phrase that
    # opens with its figure starts after the last "và" / "," since the previous figure; a
    # phrase that closes with it ("..., tỷ lệ B của cá nhân, tổ chức đạt 95%") after the first.
    if prev_fig_end is not None and prev_fig_end > cs:
        seps = list(_COORD.finditer(ft, prev_fig_end, s))
        if seps:
            cs, cs_last = seps[0].end(), seps[-1].end()
    if next_fig is not None and next_fig < ce:
        seps = list(_COORD.finditer(ft, e, next_fig))
        if seps:
            ce = seps[-1].start()
    # Sentence-final full stop and trailing spaces.
    while ce > e and ft[ce - 1] in " \t.,":
        ce -= 1
    # Opening words that are not part of the measured phrase: "Phấn đấu", "Tuy nhiên,",
    # "Năm 2015,", "Đến năm 2020,".
    # "Kinh phí thực hiện: 2.500 triệu đồng": a short label before a colon is the subject.
    if not ft[cs:s].strip() and cs >= 2 and ft[cs - 2:cs].startswith(":"):
        ls = max(ft.rfind("\n", 0, cs - 2), ft.rfind(";", 0, cs - 2), clause_floor) + 1
        if len(_WORD_RE.findall(ft[ls:cs])) <= 10:
            cs = cs_last = ls
    lead_end, lead_last = _skip_lead(ft, r, cs, s), _skip_lead(ft, r, cs_last, s)
    # "..., trong đó giải quyết đúng hạn đạt 98,2%": a comma and an opener start a new phrase.
    for m in _COMMA_LEAD.finditer(ft, lead_end, s):
        if r.strip_lead.match(ft, m.end(), s):
            lead_end = _skip_lead(ft, r, m.end(), s)
    head_words = _WORD_RE.findall(ft[lead_last:s])
    after = ft[e:ce]
    # the figure closes its clause: "... mới đạt 17,8%", "... đạt trên 80% vào năm 2020"
    compare = r.tail_compare.match(ft, e, ce)
    tail_empty = not after.strip(" ,.") or after.lstrip()[:1] in ",." or bool(r.tail_close.match(after)) \
        or compare is not None
    mn = None
    for m in r.measure_noun.finditer(ft, lead_end, s):
        if " ".join(ctx.lt[m.start():m.end()].split()) in r_measure_written():
            if mn is None or ft[mn.end():m.start()].strip():
                mn = m  # "tỷ lệ diện tích đất lúa ...": one noun phrase, it starts at the first
    if mn is not None and len(_WORD_RE.findall(ft[mn.end():s])) <= 1:
        mn = None  # "đạt tỷ lệ 94,9%": the noun names the figure, the subject is before it
    if tail_empty:
        start = mn.start() if mn is not None else lead_end
        end = compare.end() if compare is not None else e
    else:
        if mn is not None and len(_WORD_RE.findall(ft[mn.start():s])) <= 14:
            start = mn.start()  # "mức độ hài lòng của tổ chức, cá nhân trên 80% đối với ..."
        elif len(head_words) <= 6:
            start = lead_last  # "thống nhất áp dụng ở 100% xã, phường"
        else:
            start = s  # "... được duy trì tại 17/20 Sở, ngành"
        m = r.cut_comma.search(ft, e, ce)
        end = m.start() if m else ce
        m = r.tail_close.search(ft, e, end)
        if m:
            end = m.start()
    while end > start and ft[end - 1] in " \t,;:":
        end -= 1
    while start < end and ft[start] in " \t,;:-+*•–":
        start += 1
    return start, max(end, e)


def _written(ctx: "_Ctx", a: int, b: int) -> bool:
    """A cue found on the folded text is the word written, not a homograph without its marks
    ("cần" vs "căn cước", "số" vs "hồ sơ"), unless the text is written without diacritics."""
    w = " ".join(ctx.lt[a:b].split()).rstrip(",:")
    return w.isascii() or w in r_cues_written()


@lru_cache(maxsize=1)
def r_cues_written() -> frozenset[str]:
    with open(_DATA, "rb") as fh:
        d = tomllib.load(fh)
    k, t = d["kind"], d["text"]
    return frozenset(w.lower().rstrip(",:") for w in k["baseline"] + k["baseline_weak"] + k["baseline_labels"] + k["baseline_after"] + k["baseline_openers"] + k["target"] + k["target_modal"]
                     + t["measure_nouns"])


@lru_cache(maxsize=1)
def r_measure_written() -> frozenset[str]:
    """The measure nouns as written (lower case, with diacritics), spaces normalised to one."""
    with open(_DATA, "rb") as fh:
        d = tomllib.load(fh)
    return frozenset(w.lower() for w in d["text"]["measure_nouns"])


def _skip_lead(ft: str, r: _Rules, pos: int, limit: int) -> int:
    while True:
        while pos < limit and ft[pos] in " \t,;:-+*•–":
            pos += 1
        m = (_MARKER.match(ft, pos, limit) or r.strip_lead.match(ft, pos, limit)
             or _INTRO_YEAR.match(ft, pos, limit))
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def _figures(ctx: _Ctx, r: _Rules) -> list[dict]:
    """Every candidate figure: dict(start, end, value, unit, total, lo) in text order."""
    ft = ctx.ft
    out: list[dict] = []
    b0 = ctx.body_start

    def ok(pos: int) -> bool:
        return ((not ctx.seg.is_excluded(pos) or _inside(pos, ctx.appendix)) and pos not in ctx.nogo_set
                and not (ctx.page and inside_page(pos, ctx.page)))

    # Every pattern opens with a number: try them only where a digit run starts (much faster
    # than letting each regex scan the whole text).  The title of the document is read too
    # ("..., đặt mục tiêu 80% hồ sơ được số hóa").
    starts = _run_starts(ctx.text, b0)
    title = ctx.doc.header.spans.get("title") if ctx.doc.header else None
    if title and title[1] <= b0:
        starts = _run_starts(ctx.text, title[0], title[1]) + starts

    def scan(rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return matches_at(rx, ft, starts)

    for m in scan(r.figure):
        if not ok(m.start("num")):
            continue
        v = parse_number(m.group("num"))
        if v is None:
            continue
        lo = parse_number(m.group("lo")) if m.group("lo") else None
        if lo is not None and lo >= v:
            lo = None
        ctxwin = ft[max(0, m.start() - 25):m.end() + 25]
        if r.excl_context.search(ctxwin):
            continue
        start = m.start("lo") if lo is not None else m.start("num")
        # "từ 70% đến 80%": the low end written with its own percent sign is read with the range
        out.append(dict(start=start, end=m.end(), num_start=m.start("num"), value=v, unit="%", total=None, lo=lo,
                        rule="percent"))
    for m in scan(r.fraction):
        if not ok(m.start()):
            continue
        num, tot = parse_number(m.group("num")), parse_number(m.group("tot"))
        if num is None or tot is None:
            continue
        if tot == 0 or num > tot or tot >= 1900:
            continue
        if r.frac_before.search(ft, max(0, m.start() - 15), m.start()):
            continue
        if r.excl_context.search(ft[max(0, m.start() - 25):m.end() + 25]):
            continue
        if r.excl_units.match(ft, m.end()) or r.frac_time.match(ft, m.end()):
            continue  # "02/3 năm", "trực ban 24/24 giờ": a duration or a schedule
        out.append(dict(start=m.start(), end=m.end(), num_start=m.start(), value=num, unit="count", total=tot, lo=None,
                        rule="fraction"))
    taken = [(f["start"], f["end"]) for f in out]
    for m in scan(r.count):
        if not ok(m.start()) or _inside(m.start(), taken):
            continue
        unit_f = re.sub(r"\s+", " ", m.group("unit"))
        v = parse_number(m.group("num"))
        if v is None:
            continue
        pre = ft[max(0, m.start() - 30):m.start()]
        if _excluded_before(ctx, r, m.start()) and not (unit_f in r.count_units and r.measured_verb.search(pre)):
            continue  # "đúng hạn 12.488 hồ sơ" is a count, "hạn 15/12" not
        if re.search(r"(?:19|20)\d\d$", m.group("num")) and v >= 1900 and unit_f not in r.money_units:
            continue
        if v == 1 and re.search(r"(?<!\w)(?:tren|moi|cho)\s+$", pre):
            continue  # "giá trị sản xuất trên 1 ha": per hectare, not a quantity
        need_base = False
        rule = "count:cue"
        yearly = r.yearly_rate.match(ft, m.end()) if unit_f in r.money_units else None
        if unit_f in r.money_units and ft[m.end():m.end() + 1] == "/" and ft[m.end() + 1:m.end() + 2].isalpha() \
                and not yearly:
            continue  # "hỗ trợ 200 triệu đồng/km": a rate per unit, not an amount (a yearly one is: below)
        if unit_f in r.money_units:
            rule = "count:money"
        elif not r.count_cue.search(pre):
            if unit_f in r.physical_units and _measured_noun_after(ctx, r, m.end()):
                rule = "unit:physical"  # "kiên cố hóa 8,5 km đê bao": a quantity of the thing named
            elif unit_f in r.physical_units and r.quantity_noun.search(ft, max(0, m.start() - 90), m.start()):
                rule = "unit:quantity-noun"
            elif r.measured_verb.search(pre) or _elliptic(ft, m.start()):
                # "tiếp nhận 12.845 hồ sơ", "tiêm 15.420 liều": a result when reported; in a plan,
                # a task ("tổ chức 02 lớp"); "...; đàn trâu, bò 21.350 con" shares its predicate
                need_base = True
                rule = "count:result-verb"
            elif (prev := _coordinated(ft, m.start(), out)) is not None:
                need_base, rule = prev["need_base"], "count:coordinated"
            else:
                continue
        if r.excl_context.search(ft[max(0, m.start() - 25):m.end() + 25]):
            continue
        unit = ctx.text[m.start("unit"):m.end("unit") if not yearly else yearly.end()]
        unit = "count" if unit_f in r.count_units else re.sub(r"\s+", " ", unit)
        end = yearly.end() if yearly else m.end()  # "76,5 triệu đồng/người/năm": income a head a year
        # a count of entities needs at least two: "01 văn bản" is an instruction, not an indicator
        if unit == "count" and v < 2:
            continue
        if rule == "count:cue" and unit != "count":
            rule = "unit:measure"  # "rút ngắn còn 10 ngày", "tăng 5 tỷ đồng" (a cue before a unit)
        out.append(dict(start=m.start(), end=end, num_start=m.start(), value=v, unit=unit, total=None, lo=None,
                        need_base=need_base, rule=rule))
    # Counts of other nouns ("ít nhất 48 tin, bài", "kích hoạt 412.300 tài khoản"): a comparator
    # right before the number, or a verb of measured work (a result, kept only as a baseline).
    taken = [(f["start"], f["end"]) for f in out]
    for m in scan(r.generic_count):
        if not ok(m.start()) or _inside(m.start(), taken):
            continue
        v = parse_number(m.group("num"))
        if v is None or v < 2 or (v >= 1900 and re.fullmatch(r"(?:19|20)\d\d", m.group("num"))):
            continue
        # not a time, a duration, an age or a level: judged on the words as written ("giấy" is
        # no "giây"), or folded when the text has no diacritics
        written = ctx.lt[m.start("unit"):m.end("unit")].split()
        if not written or written[0] in r.generic_not or " ".join(written) in r.generic_not or (
                " ".join(written).isascii() and {fold(x) for x in written[:1]} & {fold(x) for x in r.generic_not}):
            continue
        pre = ft[max(0, m.start() - 30):m.start()]
        if _excluded_before(ctx, r, m.start()) or r.excl_context.search(ft[max(0, m.start() - 25):m.end() + 25]):
            continue
        cm = r.cmp_before.search(pre)
        if cm and re.sub(r"\s+", " ", cm.group("cue")) != "tu":
            need_base = False
            rule = "count:comparator"
        elif r.measured_verb.search(pre) or r.count_cue.search(pre) or _elliptic(ft, m.start()):
            need_base = True  # "xảy ra 14 vụ cháy rừng", "giảm 21 ổ dịch": reported results
            rule = "count:result-verb"
        elif (prev := _coordinated(ft, m.start(), out)) is not None:
            need_base, rule = prev["need_base"], "count:coordinated"
        else:
            continue
        out.append(dict(start=m.start(), end=m.end(), num_start=m.start(), value=v, unit="count", total=None, lo=None,
                        need_base=need_base, rule=rule))
    out.sort(key=lambda f: f["start"])
    return out


# Between two figures of one predicate: "143 ca ..., trong đó 58 ca", "624 tổ chức với 52.418 đảng
# viên", "xảy ra 14 vụ phạm pháp hình sự (...) và 06 vụ tai nạn giao thông" (folded text).
_COORD_GAP = re.compile(r"[^;.:\n\d]{0,80}?(?:(?<![a-z])(?:va|voi|trong do|gom)|,)\s*$")


def _excluded_before(ctx: "_Ctx", r: _Rules, pos: int) -> bool:
    """A word before the figure that makes it no quantity ([exclude] before), as written: the
    folded "do" of "trong đó 58 ca" is no "độ" (a level)."""
    lo = max(0, pos - 30)
    m = r.excl_before.search(ctx.ft, lo, pos)
    if m is None:
        return False
    w = " ".join(ctx.lt[m.start():m.end()].split()).rstrip(":. ")
    return w.isascii() or w in r_excl_written()


@lru_cache(maxsize=1)
def r_excl_written() -> frozenset[str]:
    """The [exclude] before words as written (lower case, with diacritics)."""
    with open(_DATA, "rb") as fh:
        d = tomllib.load(fh)
    return frozenset(" ".join(w.lower().split()) for w in d["exclude"]["before"])


def _coordinated(ft: str, pos: int, figs: list[dict]) -> dict | None:
    """The counted figure this one is coordinated with, read the same way (or None)."""
    prev = max((f for f in figs if f["end"] <= pos and pos - f["end"] <= 90), key=lambda f: f["end"], default=None)
    if prev is not None and "need_base" not in prev:
        return None  # a percent or a fraction: its predicate says nothing of a count after it
    if prev is None or not _COORD_GAP.fullmatch(ft, prev["end"], pos):
        return None
    return prev


_ELLIPTIC = re.compile(r"[;,]\s*(?:[^\W\d_]+,?\s+){0,3}$")


def _elliptic(ft: str, pos: int) -> bool:
    """A count opening a clause after ";" (its subject at most three words), with another figure
    in the clause before: the predicate is shared ("ước đạt 48.600 con, ...; đàn trâu, bò
    21.350 con", "đã tiêm 15.420 liều ...; 9.870 liều ...")."""
    sc = ft.rfind(";", max(0, pos - 40), pos)
    if sc < 0 or not _ELLIPTIC.match(ft, sc, pos):
        return False
    prev = max(ft.rfind(".", 0, sc), ft.rfind(";", 0, sc), ft.rfind("\n", 0, sc))
    while prev > 0 and ft[prev] == "." and ft[prev - 1].isdigit() and ft[prev + 1:prev + 2].isdigit():
        prev = max(ft.rfind(".", 0, prev), ft.rfind(";", 0, prev), ft.rfind("\n", 0, prev))  # "48.600"
    return any(c.isdigit() for c in ft[prev + 1:sc])


def _measured_noun_after(ctx: _Ctx, r: _Rules, end: int) -> bool:
    """The word after a unit is a noun it measures ("8,5 km đê bao"), not a preposition."""
    m = _WORD_RE.match(ctx.lt, end + 1) if ctx.lt[end:end + 1] == " " else None
    return bool(m) and not m.group().isdigit() and m.group() not in r.physical_not_noun and m.group().islower()


def extract(doc: Document) -> list[Target]:
    r = _rules()
    ctx = _Ctx(doc)
    figs = _figures(ctx, r)
    results: list[Target] = []
    for i, f in enumerate(figs):
        s, e = f["start"], f["end"]
        sent = ctx.sentence(f["num_start"])
        clause = _clause_bounds(ctx, f["num_start"], sent)
        comp, cs, ce = _comparator(ctx, r, s, e, clause[0])
        nxt = figs[i + 1]["start"] if i + 1 < len(figs) else None
        prv = figs[i - 1]["end"] if i > 0 else None
        if nxt is not None and nxt >= clause[1]:
            nxt = None
        if prv is not None and prv <= clause[0]:
            prv = None
        if nxt is not None:
            # the next figure's own comparator cue belongs to it
            m = r.cmp_before.search(ctx.ft[max(e, nxt - 40):nxt])
            if m:
                nxt = nxt - len(ctx.ft[max(e, nxt - 40):nxt]) + m.start("cue")
        line = ctx.line_at(f["num_start"])
        ts, te = _text_span(ctx, r, cs, ce, clause, nxt, prv, min(sent[0], line[0] if line else sent[0]) - 1)
        if r.cite_sentence.match(ctx.ft, sent[0]):
            continue
        cy = _year_in(ctx, r, clause[0], clause[1], f["num_start"])
        year = cy or _year_in(ctx, r, sent[0], sent[1], f["num_start"])
        kind, why = _kind_why(ctx, r, cs, clause, sent, year, cy)
        if f.get("need_base") and kind != "baseline":
            continue
        if year is None and kind == "target":
            # "Phấn đấu hoàn thành trong năm 2022 các mục tiêu sau:" — a list's lead-in gives
            # its year to every item below it
            year = _lead_in_year(ctx, r, f["num_start"])
        if year is None:
            # a target takes the year of its section ("II. MỤC TIÊU ĐẾN NĂM 2020"); a baseline
            # only that of a results section ("I. KẾT QUẢ THỰC HIỆN NĂM 2020")
            for h in ctx.headings(f["num_start"]):
                y = _year_in_heading(h)
                if y and (kind == "target" or r.base_section.search(h)):
                    year = y
                    break
        path = ctx.seg.clause_path(f["num_start"])
        text = doc.text[ts:te]
        rule = f"{f['rule']};{kind}:{why}"
        if f["lo"] is not None:
            results.append(Target(text=text, kind=kind, comparator=">=", value=f["lo"], unit=f["unit"],
                                  span=(ts, te), year=year, total=f["total"], clause=path,
                                  rule=rule, confidence=_confidence(r, f["rule"], why, True)))
            comp = "<="
        results.append(Target(text=text, kind=kind, comparator=comp, value=f["value"], unit=f["unit"],
                              span=(ts, te), year=year, total=f["total"], clause=path,
                              rule=rule, confidence=_confidence(r, f["rule"], why, comp != "=")))
    return results


def _confidence(r: _Rules, rule: str, why: str, comparator: bool) -> float:
    """The figure's score, plus the kind decision's and an explicit comparator's adjustments,
    kept in [0, 1] (the scale is [confidence] in targets.toml)."""
    c = r.confidence
    v = c[rule] + c.get("kind:" + why, 0.0) + (c["evidence:comparator"] if comparator else 0.0)
    return round(min(c["cap"], max(0.0, v)), 2)


# A list item's marker, by style: a dash, "1." / "1.2.", "a)", "1)".
_ITEM_START = re.compile(r"[ \t]*(?:(?P<dash>[-+*•–])|(?P<num>\d{1,2}(?:\.\d{1,2})*\.)|(?P<let>[a-zđ]\))|(?P<nump>\d{1,2}\)))\s")


def _item_style(ft: str, a: int) -> str | None:
    m = _ITEM_START.match(ft, a)
    if not m:
        return None
    return m.group("dash") or next(k for k in ("num", "let", "nump") if m.group(k))


def _lead_in_year(ctx: _Ctx, r: _Rules, pos: int) -> int | None:
    """The year of the lead-in sentence (ending in ":") of the list whose item holds pos."""
    i = bisect.bisect_right(ctx._line_starts, pos) - 1
    key = ("lead", i)
    if key in ctx._headings:
        return ctx._headings[key]  # type: ignore[return-value]
    lines, ft = ctx.seg.lines, ctx.ft
    out = None
    style = _item_style(ft, lines[i][0]) if i >= 0 else None
    if style:
        # back over the items of the same list (same marker style) to the line before them
        for j in range(i - 1, max(-1, i - 40), -1):
            a, b = lines[j]
            if not ft[a:b].strip():
                continue
            st = _item_style(ft, a)
            if st == style:
                continue
            seg = ft[a:b].rstrip()
            if st is None and seg.endswith(":") and not re.match(r"\s*(?:dieu|chuong|muc|phan)\s+\w+[.:]", seg):
                colon = a + len(seg) - 1
                sa, _ = ctx.sentence(colon)
                out = _year_in(ctx, r, max(sa, a), colon, colon)
            break
    ctx._headings[key] = out  # type: ignore[index]
    return out


def _year_in_heading(h: str) -> int | None:
    m = _YEAR_RE.search(h)
    if not m:
        return None
    return int(m.group("y") or m.group("y2"))
