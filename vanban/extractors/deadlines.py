"""Deadlines: when something must be done, reached or reported.

Reads the time expressions of Vietnamese administrative writing and normalises
them to the values of GUIDELINES.md:

=====================================  =========  =================
written                                kind       value
=====================================  =========  =================
trước / chậm nhất / trước ngày 30/11   by         2013-11-30
trong quý III/2020, quý 3 năm 2020     within     2020-Q3
6 tháng đầu (cuối) năm 2021            within     2021-H1 (H2)
tháng 12/2019, trong tháng 12 năm 2019 within     2019-12
đến năm 2020, Đến 2020, vào năm 2020   by         2020
Phấn đấu năm 2016 ... (target horizon) by         2016
từ năm 2015                            from       2015
giai đoạn 2016-2020, thời kỳ 2016–2020 period     2016/2020
định kỳ hằng quý, 6 tháng, hằng năm    recurring  P3M,P6M,P1Y
hàng năm, hằng tháng                   recurring  P1Y, P1M
trước ngày 15 hằng tháng               recurring  P1M
=====================================  =========  =================

"trước ngày 15 hằng tháng" is a deadline that comes back every month: the
guideline's kinds have no "recurring deadline", and a single `by` value cannot be
written for it, so it is `recurring` with the period of the recurrence (P1M) and
the day kept in the text.

Not deadlines (GUIDELINES: "counted only when the expression bounds an action, a
target or a report"):

* the date of a cited document — inside `doc.facts["references"]` spans when the
  references extractor ran, and by a local rule ("số 30c/NQ-CP ngày 08/11/2011",
  "ngày 08/11/2011 của Chính phủ") so it works without them;
* the title of a cited document ("Kế hoạch số 01/KH-BCĐ ... về ... đến năm 2015");
* the signing date, update stamps, data cut-offs ("tính đến ngày"), effective
  dates ("có hiệu lực kể từ ngày");
* text of the header block and of excluded blocks (Nơi nhận, signature);
* what describes the past: clauses with "đến nay", "vừa qua", "mới đạt", ... and
  sections headed "Thực trạng", "Kết quả đạt được", ...;
* a bare year with no deadline cue ("Hiến pháp năm 2013");
* a plan period that started more than a year before the document was issued:
  it names an existing programme ("Chương trình tổng thể ... giai đoạn 2011-2020"),
  it does not bound a task of this document — unless written "trong giai đoạn";
* a recurrence that qualifies the name of an existing document that is only to be
  carried out ("quán triệt ... Kế hoạch kiểm soát TTHC hàng năm"); when the
  document is to be drawn up ("xây dựng Kế hoạch CCHC hằng năm") it counts.

Years left out ("trước ngày 15/12", "trong quý III") come from the issue date
(`doc.header.issued_date`; else the dateline, an update stamp, or the latest date
of a cited document), moving to the next year when that day has already passed.

Date literals are read with regular expressions, not dateparser: measured on the
forms this module meets, dateparser (1.5) reads "tháng 12/2019" as 2019-12-05,
returns nothing for "quý III/2020" or "trước ngày 30/11/2013", costs ~200 ms to
import and ~1.6 ms per call; the regexes read every form exactly in microseconds.

Public API: `extract(doc) -> list[Deadline]` and `parse(text, issued=None)` which
runs the same rules over a bare string (for other extractors and for tests).
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from vanban.extractors.page import furniture, inside as inside_page
from vanban.pipeline.document import Document
from vanban.schema import Deadline
from vanban.text import (DATE_RE, deadline_due, digit_run_starts, fold as _fold_text, iso_date, make_date,
                         matches_at, parse_date_match, roman_to_int)

# folding is called on the same short cue words over and over
fold = lru_cache(maxsize=8192)(_fold_text)

__all__ = ["extract", "parse", "rules"]

DATA_FILE = Path(__file__).parent / "data" / "deadlines.toml"

YEAR = r"(?:19|20)\d{2}"
_F = re.IGNORECASE


def _words(words: Iterable[str]) -> str:
    """Alternation of phrases, longest first, spaces matching any run of spaces."""
    uniq = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in uniq)


@dataclass(frozen=True)
class _Rules:
    data: dict[str, Any]
    cue: re.Pattern[str]  # a cue ending right before an anchor
    cue_full: re.Pattern[str]  # the same, also without marks and with a time of day before the anchor
    cue_hint: re.Pattern[str]  # a sign that cue_full may match where cue does not
    cue_kind: dict[str, str]  # folded cue phrase -> by | in | from | target
    anchor: re.Pattern[str]
    period: re.Pattern[str]
    span_range: re.Pattern[str]
    recurrence: re.Pattern[str]
    rec_item: re.Pattern[str]
    units: dict[str, str]
    numbers: dict[str, int]
    citation: re.Pattern[str]
    title_intro: re.Pattern[str]
    cited_date_before: re.Pattern[str]
    cited_date_after: re.Pattern[str]
    not_before: re.Pattern[str]
    past: re.Pattern[str]
    status: tuple[str, ...]
    doc_name: re.Pattern[str]
    name_closer: re.Pattern[str]
    doc_type_start: re.Pattern[str]
    doc_type_any: re.Pattern[str]
    verb: re.Pattern[str]
    create_verbs: frozenset[str]
    target_verb: re.Pattern[str]
    dateline: re.Pattern[str]
    target_cues: frozenset[str]
    stamp: re.Pattern[str]
    periodic_start: re.Pattern[str]
    report_of: re.Pattern[str]
    report_forward: re.Pattern[str]
    budget_label: re.Pattern[str]
    daily: re.Pattern[str]
    daily_verb: re.Pattern[str]
    rec_due: re.Pattern[str]
    label_only_cues: frozenset[str]  # folded target cues that count only opening a line / sentence
    cycle: re.Pattern[str]  # a cue, then year-less dates of a cycle: "trước ngày 15/6 và 15/12"
    cycle_starts: tuple[str, ...]  # the first words of those cues
    period_starts: tuple[str, ...]  # the words a period can start with
    recurrence_at: re.Pattern[str]  # the first words a recurrence can start with


_DAY_MONTH = re.compile(r"\d{1,2}\s*/\s*(\d{1,2})")
_DM = r"\d{1,2}[^\S\n]*/[^\S\n]*\d{1,2}(?![\d/])"  # a day and month, no year after it


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The compiled rules of deadlines.toml (compiled once per process)."""
    with open(DATA_FILE, "rb") as fh:
        d = tomllib.load(fh)
    cues = d["cues"]
    cue_kind = {fold(w): k for k in ("by", "in", "from", "target") for w in cues[k]}
    hour = (r"(?:\s+\d{1,2}\s*(?:" + _words(cues["hour_units"]) + r")(?:\s*\d{1,2}(?:\s*(?:"
            + _words(cues["minute_units"]) + r"))?)?\s*,?)?")
    cue_words = [w for k in ("by", "in", "from", "target") for w in cues[k]]
    cue = re.compile(r"(?<!\w)(?P<cue>" + _words(cue_words) + r")\s+$", _F)
    # the rarer forms, tried only where a hint of them is written before the anchor: a time of
    # day ("trước 16 giờ ngày ..."), or a cue typed without its marks ("truoc ngày 15/3/2025")
    bare = sorted({fold(w) for w in cue_words} - {w.lower() for w in cue_words})
    cue_full = re.compile(r"(?<!\w)(?P<cue>" + _words(cue_words + bare) + r")" + hour + r"\s+$", _F)
    cue_hint = re.compile(r"\d[^\S\n]*(?:" + _words(cues["hour_units"]) + r")(?![^\W\d_])|(?<!\w)(?:"
                          + _words(sorted({w.split()[0] for w in bare})) + r")(?!\w)", _F)

    q = d["quarters"]
    qnum = _words(sorted(q["numerals"], key=len, reverse=True))
    h = d["halves"]
    anchor = re.compile(
        # a cheap test first (word start, first letters): the alternation below is costly
        r"(?<!\w)(?=\d|[nN][gG][àÀ][yY]|[nN][ăĂ][mM]|[tT][hH][áÁ][nN]|[qQ][uU][ýÝ]|[sS][áÁ][uU])"
        # full dates: 30/11/2013, 30-11-2013, ngày 10 tháng 9 năm 2013
        r"(?P<date>(?:ngày\s+)?(?:" + DATE_RE.pattern + r"))(?!\d)"
        # half years: 6 tháng đầu năm 2021
        r"|(?P<half>(?P<hm>" + _words(h["months"] + h["quarter_months"]) + r")\s+tháng\s+(?P<hw>" + _words(h["first"] + h["second"])
        + r")\s+năm(?:\s+(?P<hy>" + YEAR + r"))?(?![\w/]))"
        # quarters: quý III/2020, quý 3 năm 2020, quý IV
        r"|(?P<quarter>" + q["word"] + r"\s+(?P<q>" + qnum + r")(?![\w])(?:\s*(?:/|-|năm)\s*(?P<qy>" + YEAR + r")(?!\d))?)"
        # months: tháng 12/2019, tháng 12 năm 2019, tháng 12
        r"|(?P<month>tháng\s+(?P<mo>\d{1,2})(?:(?:\s*[/\-]\s*|\s+năm\s+)(?P<moy>" + YEAR + r"))?(?![\d/\-]|\s+năm\s+\d))"
        # day and month without a year: ngày 15/12, 15/12, ngày 15 tháng 12
        r"|(?P<pdate>(?:ngày\s+)?(?P<pd>\d{1,2})\s*/\s*(?P<pm>\d{1,2})(?![\d/]|\s*[/.\-]\s*\d)"
        r"|ngày\s+(?P<pd2>\d{1,2})\s+tháng\s+(?P<pm2>\d{1,2})(?!\d|\s+năm\s+\d))"
        # years: năm 2020; a bare 2020 only after a cue
        r"|(?P<year>năm\s+(?P<yr>" + YEAR + r"))(?![\d/]|[.,]\d)"
        r"|(?<![\d/.\-])(?P<ybare>" + YEAR + r")(?![\d/]|[.,]\d|\s*[-–—]\s*\d)",
        0,  # matched on the lower-cased text (see _candidates)
    )
    per = d["periods"]
    joins = _words(cues["range_join"])
    period = re.compile(
        r"(?=[tTgGmMnN])(?P<intro>(?:trong\s+)?)(?P<body>(?:" + _words(per["words"] + per["seasons"]) + r")\s+(?:năm\s+)?(?:từ\s+)?(?:năm\s+)?"
        r"(?P<a>" + YEAR + r")\s*(?:[-–—]|\s(?:" + joins + r")\s)\s*(?:năm\s+)?(?P<b>" + YEAR + r"))(?!\d)",
        0,  # matched on the lower-cased text (see _candidates)
    )
    span_range = re.compile(
        r"từ(?<!\wtừ)\s+(?:năm\s+)?(?P<a>" + YEAR + r")\s+(?:" + joins + r")\s+(?:năm\s+)?(?P<b>" + YEAR + r")(?!\d)"
    )

    rec = d["recurrence"]
    units = {fold(k): v for k, v in rec["units"].items()}
    numbers = {k: int(v) for k, v in d.get("numbers", {}).items()}
    unit_re = _words(rec["units"])
    num_re = r"\d{1,2}|" + _words(numbers) if numbers else r"\d{1,2}"
    # "năm" as a unit must not be the "năm" of "năm 2020" or of "6 tháng đầu năm"
    unit_tail = r"(?!\s*\d)(?!\s+(?:đầu|cuối)\s)"
    item = (r"(?:(?:" + _words(rec["prefixes"]) + r")\s+(?:" + unit_re + r")|(?:" + num_re + r")\s+(?:" + unit_re + r")"
            r"|(?:" + unit_re + r"))" + unit_tail + r"(?!\w)")
    lst = item + r"(?:\s*(?:,|/|\s(?:và|hoặc)\s)\s*" + item + r")*"
    bare_item = r"(?:" + _words(rec["prefixes"]) + r")\s+(?:" + _words(rec["bare_units"]["allowed"]) + r")" + unit_tail + r"(?!\w)"
    day = (r"(?:(?P<dcue>" + _words(cues["by"] + cues["in"]) + r")\s+)?ngày\s+\d{1,2}(?:\s*/\s*\d{1,2}|\s+tháng\s+\d{1,2})?"
           r"\s+(?:của\s+)?")
    recurrence = re.compile(
        r"(?<!\w)(?=" + _words(rec["prefixes"] + rec["periodic"] + ["ngày"] + cues["by"] + cues["in"]) + r")(?:(?P<day>" + day + r")(?P<dunit>(?:" + _words(rec["prefixes"]) + r")\s+(?:tháng|quý|năm)|tháng\s+(?:cuối|đầu)\s+(?:mỗi\s+|hằng\s+|hàng\s+|của\s+)?quý(?:\s+(?:sau|tiếp\s+theo|kế\s+tiếp))?)"
        r"|(?P<periodic>(?:" + _words(rec["periodic"]) + r")\s*(?:\(\s*" + lst + r"\s*\)|" + lst + r"))"
        r"|(?P<bare>" + bare_item + r"(?:\s*(?:,|\s(?:và|hoặc)\s)\s*" + item + r")*))",
        0,  # matched on the lower-cased text (see _candidates)
    )
    rec_item = re.compile(r"(?:(?P<pre>" + _words(rec["prefixes"]) + r")\s+|(?P<n>" + num_re + r")\s+)?(?P<u>" + unit_re + r")" + unit_tail + r"(?!\w)", _F)

    ctx = d["context"]
    doc_types = _words(ctx["doc_types"])
    # a cited document: type word, optional "số", a number and symbol (30c/NQ-CP, 36/2013/NĐ-CP, 12-CTr/TU)
    number = r"\d{1,5}[a-zđ]?(?:/\d{4})?\s*[/\-]\s*[A-ZĐ][A-Za-zĐđ]*(?:\s*[/\-&]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*"
    citation = re.compile(r"(?<![\w/.\-])(?=\d)" + number)
    title_intro = re.compile(r"[^;,\n]{0,160}?(?<!\w)(?:về|ban hành|phê duyệt|quy định|hướng dẫn|triển khai|thực hiện)(?!\w)", _F)
    cited_date_before = re.compile(number + r"\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)?$")
    cited_date_after = re.compile(r"\s*(?:của|do)\s+(?:[A-ZĐÀ-Ỹ]|ủy|bộ|sở)", re.UNICODE)
    not_before = re.compile(r"(?<!\w)(?:" + _words(ctx["not_deadline_before"]) + r")(?:\s+(?:kể\s+)?từ)?\s+(?:ngày\s+)?$", _F)
    past = re.compile(r"(?<!\w)(?:" + _words(ctx["past"]) + r")(?!\w)", _F)
    doc_name = re.compile(r"(?<!\w)(?:" + _words(ctx["doc_names"]) + r")(?!\w)")  # case-sensitive: names are capitalised
    doc_type_start = re.compile(r"\W*(?:" + doc_types + r")(?!\w)")
    doc_type_any = re.compile(r"(?<!\w)(?:" + doc_types + r")(?!\w)")
    verbs = ctx["create_verbs"] + ctx["carry_out_verbs"]
    verb = re.compile(r"(?<![\w])(?<!độc )(?P<v>" + _words(verbs) + r")(?!\w)", _F)
    target_verb = re.compile(r"(?<!\w)(?:" + _words(ctx["target_verbs"]) + r")(?!\w)", _F)
    dateline = re.compile(r"^[^\S\n]*[^\d\n,]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(" + YEAR + r")", re.M | _F)
    stamp = re.compile(r"(?:cập nhật|ngày ban hành|ban hành ngày)\s*:?\s*(?:ngày\s+)?(" + DATE_RE.pattern + r")", _F)
    rec_first = sorted({w.split()[0] for w in rec["prefixes"] + rec["periodic"] + ["ngày"] + cues["by"] + cues["in"]},
                       key=len, reverse=True)
    assert all(re.fullmatch(r"\w+", w) for w in rec_first)
    return _Rules(
        period_starts=tuple(sorted({"trong"} | {w.split()[0] for w in per["words"] + per["seasons"]})),
        recurrence_at=re.compile("|".join(re.escape(w) for w in rec_first)),
        data=d, cue=cue, cue_full=cue_full, cue_hint=cue_hint, cue_kind=cue_kind, anchor=anchor, period=period, span_range=span_range,
        recurrence=recurrence, rec_item=rec_item, units=units, numbers=numbers, citation=citation,
        title_intro=title_intro, cited_date_before=cited_date_before, cited_date_after=cited_date_after,
        not_before=not_before, past=past, status=tuple(fold(s) for s in ctx["status_headings"]),
        doc_name=doc_name, doc_type_start=doc_type_start,
        name_closer=re.compile(r"(?<!\w)(?:" + _words(ctx["name_closers"]) + r")(?!\w)", _F), doc_type_any=doc_type_any, verb=verb,
        create_verbs=frozenset(fold(v) for v in ctx["create_verbs"]), target_verb=target_verb,
        dateline=dateline, stamp=stamp, target_cues=frozenset(fold(w) for w in cues["target"]),
        periodic_start=re.compile(r"(?:" + _words(rec["periodic"]) + r")(?!\w)", _F),
        report_of=re.compile(r"(?<!\w)(?:" + _words(ctx["report_of"]) + r")(?!\w)", _F),
        report_forward=re.compile(r",\s*(?:" + _words(ctx["report_forward"]) + r")(?!\w)", _F),
        budget_label=re.compile(r"(?<!\w)(?:" + _words(ctx["budget_labels"]) + r")(?:\s+[^\s,;.:()]+){0,8}?\s+$", _F),
        daily=re.compile(r"(?<!\w)(?:hằng|hàng)\s+ngày(?!\w)(?!\s+(?:\d|làm\s+việc))"),
        daily_verb=re.compile(r"(?<!\w)(?:" + _words(rec["bare_units"]["daily_verbs"]) + r")(?!\w)", _F),
        label_only_cues=frozenset(fold(w) for w in cues["target_label_only"]),
        cycle=re.compile(r"(?:" + _words(rec["date_cycle"]["cues"]) + r")[^\S\n]+(?:ngày[^\S\n]+)?(?P<dates>" + _DM
                         + r"(?:[^\S\n]*(?:,|và)[^\S\n]*(?:ngày[^\S\n]+)?" + _DM + r")+)"
                         r"(?:[^\S\n]+(?:hằng|hàng|mỗi)[^\S\n]+năm(?!\w))?", _F),
        cycle_starts=tuple(sorted({w.split()[0] for w in rec["date_cycle"]["cues"]})),
        # the due day of a recurring report, written after it: "định kỳ 6 tháng (trước ngày 15/6)"
        rec_due=re.compile(r"[^\S\n]*(?:\([^\S\n]*(?:(?:" + _words(cues["by"] + cues["in"]) + r")[^\S\n]+)?(?:ngày[^\S\n]+)?"
                           r"\d{1,2}[^\S\n]*/[^\S\n]*\d{1,2}[^\S\n]*\)|,?[^\S\n]*(?:" + _words(cues["by"] + cues["in"])
                           + r")[^\S\n]+ngày[^\S\n]+\d{1,2}(?:[^\S\n]*/[^\S\n]*\d{1,2}(?![\d/])|(?![\d/]|\s*tháng)(?!\w)(?![^\S\n]+(?:của|hằng|hàng|mỗi)(?!\w))))", _F),
        # ("hằng tháng, trước ngày 10": the day of each month, kept with its recurrence)
    )


# --------------------------------------------------------------------------- context


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    value: str
    soft: bool  # a period, recurrence or year: can be part of a document's name
    form: str  # period | range | recurrence | date | pdate | month | quarter | half | year
    prio: int = 0
    cue: str = ""  # folded cue word
    rule: str = ""  # set for periods and recurrences; anchors are named in `_why`
    inferred: bool = False  # the year was not written: taken from the document's date


_PART_END = re.compile(r";|\n|\.(?=\s|$)|:(?=\s)")


def _part(text: str, pos: int, ends: list[int]) -> tuple[int, int]:
    """The clause part around `pos`: between separators ; . : and line breaks."""
    i = bisect.bisect_right(ends, pos)
    start = ends[i - 1] + 1 if i > 0 else 0
    end = ends[i] if i < len(ends) else len(text)
    return start, end


def _issued(doc: Document) -> _dt.date | None:
    """The issue date: header, else dateline, else an update stamp, else the latest
    date of a cited document (a lower bound)."""
    h = doc.header.issued_date if doc.header else None
    if h:
        try:
            return _dt.date.fromisoformat(h[:10])
        except ValueError:
            pass
    r = rules()
    head = doc.text[:5000]
    m = r.dateline.search(head)
    if m:
        d = make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            return d
    m = r.stamp.search(doc.text[:2000])
    if m:
        v = parse_date_match(DATE_RE.match(m.group(1)))
        if v:
            return _dt.date.fromisoformat(v)
    best = None
    for cm in _citations(doc.text):
        dm = re.match(r"\s*,?\s*ngày\s*(" + DATE_RE.pattern + r")", doc.text[cm.end():cm.end() + 40], _F)
        if dm:
            v = parse_date_match(DATE_RE.match(dm.group(1)))
            if v and (best is None or v > best):
                best = v
    return _dt.date.fromisoformat(best) if best else None


def _ref_spans(doc: Document) -> list[tuple[int, int]]:
    out = []
    for ref in doc.facts.get("references", []) or []:
        span = getattr(ref, "span", None) if not isinstance(ref, dict) else ref.get("span")
        anaphor = getattr(ref, "anaphor", False) if not isinstance(ref, dict) else ref.get("anaphor", False)
        if span and not anaphor:
            out.append((int(span[0]), int(span[1])))
    return sorted(out)


def _citations(text: str):
    """`rules().citation.finditer(text)`, tried only where a digit run starts (a citation
    opens with a digit not preceded by a word character)."""
    return matches_at(rules().citation, text, digit_run_starts(text))


def _citation_regions(text: str, refs: list[tuple[int, int]], ends: list[int]) -> list[tuple[int, int]]:
    """Spans of cited documents with their titles ("... số 01/KH-BCĐ ngày ... của X về
    ... đến năm 2015"): a time word there belongs to the cited document."""
    r = rules()
    cites = [(m.start(), m.end()) for m in _citations(text)] + refs
    out = []
    for s, e in cites:
        ps, pe = _part(text, max(s, e - 1), ends)
        m = r.title_intro.match(text, e, pe)
        if m:
            # a hard line break inside the title (PDF text): the line after goes on in lower case
            for _ in range(4):
                if pe + 1 < len(text) and text[pe] == "\n" and (text[pe + 1].islower() or text[pe + 1].isdigit()):
                    pe = _part(text, pe + 1, ends)[1]
                else:
                    break
        out.append((s, pe if m else e))
    return out


def _status_sections(doc: Document) -> list[tuple[int, int]]:
    """Spans of the clauses headed as a status section ("Thực trạng", "Kết quả đạt được"):
    what lies in them describes the past."""
    segs = doc.segments
    if not segs:
        return []
    r = rules()
    out = []
    for c in segs.clauses:
        head = c.heading[len(c.label):] if c.heading.startswith(c.label) else c.heading
        if _status_heading(head.strip(" *_#.:"), r.status):
            out.append((c.start, c.end))
    return out


@lru_cache(maxsize=4096)
def _status_heading(head: str, status: tuple[str, ...]) -> bool:
    """`len(fold(head)) <= 100 and fold(head).startswith(status)`, most headings judged on the
    fold of their first words only: the fold of a prefix agrees with the fold of the whole
    except in its last character (composition, spaces at the cut)."""
    n = max(map(len, status), default=0)
    if len(head) > 3 * n:
        pre = fold(head[:3 * n])
        if len(pre) > n + 1 and not pre[:n].startswith(status):
            return False
    head = fold(head)
    return len(head) <= 100 and head.startswith(status)


def _document_only_carried_out(text: str, pos: int, ends: list[int]) -> bool:
    """A recurrence right after a document's name ("Kế hoạch CCHC hằng năm"): is the
    document only to be carried out (True), or to be drawn up (False)?

    The verb that governs the name decides: the last verb before it in its clause
    part, or, when the part is an item of a list of documents ("...; Kế hoạch ...;
    Kế hoạch ... hàng năm"), the verb before the first document of the list."""
    r = rules()
    ps, _ = _part(text, pos, ends)
    names = list(r.doc_name.finditer(text, max(ps, pos - 120), pos))
    if not names or r.name_closer.search(text, names[-1].end(), pos):
        return False  # no name, or the name was closed before the recurrence ("Kế hoạch này hằng tuần")
    cut = names[-1].start()
    for _ in range(12):
        verbs = list(r.verb.finditer(text, ps, cut))
        if verbs:
            return fold(verbs[-1].group("v")) not in r.create_verbs
        if ps < 2 or text[ps - 1] != ";" or not r.doc_type_start.match(text, ps):
            return False
        prev, _ = _part(text, ps - 2, ends)
        first = r.doc_type_any.search(text, prev, ps - 1)
        ps, cut = prev, (first.start() if first else ps - 1)
    return False


# --------------------------------------------------------------------------- values


def _infer_year(month: int, day: int | None, issued: _dt.date | None) -> int | None:
    """The year of a day (or month) written without one: the issue year, or the next
    year when that day (month) was already over when the document was issued."""
    if issued is None:
        return None
    if day is None:
        return issued.year + (month < issued.month)
    d = make_date(issued.year, month, day)
    if d is None:
        return None
    return issued.year + (d < issued)


def _duration(n: int, unit: str) -> str:
    if unit == "Q":
        return f"P{3 * n}M"
    return f"P{n}{unit}"


def _recurrence_value(s: str) -> str | None:
    r = rules()
    vals = []
    for m in r.rec_item.finditer(s):
        u = r.units.get(fold(m.group("u")))
        n = 1
        if m.group("n"):
            n = int(m.group("n")) if m.group("n").isdigit() else r.numbers.get(m.group("n").lower(), 1)
        if u and n:
            v = _duration(n, u)
            if v not in vals:
                vals.append(v)
    return ",".join(vals) or None


def _anchor_value(m: re.Match[str], issued: _dt.date | None) -> tuple[str, str] | None:
    """(form, value) of a time anchor."""
    r = rules()
    if m.group("date"):
        dm = DATE_RE.search(m.group("date"))
        v = parse_date_match(dm) if dm else None
        return ("date", v) if v else None
    if m.group("half"):
        y = int(m.group("hy")) if m.group("hy") else (issued.year if issued else None)
        if y is None:
            return None
        first = fold(m.group("hw")) in {fold(w) for w in r.data["halves"]["first"]}
        if fold(m.group("hm")) in {fold(w) for w in r.data["halves"]["quarter_months"]}:
            return "quarter", f"{y}-{'Q1' if first else 'Q4'}"
        return "half", f"{y}-{'H1' if first else 'H2'}"
    if m.group("quarter"):
        qn = r.data["quarters"]["numerals"].get(m.group("q").lower()) or roman_to_int(m.group("q"))
        y = int(m.group("qy")) if m.group("qy") else (_infer_year(3 * qn, None, issued) if qn else None)
        if y is None or not qn:
            return None
        return ("quarter" if m.group("qy") else "quarter?"), f"{y}-Q{qn}"
    if m.group("month"):
        mo = int(m.group("mo"))
        if not 1 <= mo <= 12:
            return None
        if m.group("moy"):
            return "month", f"{int(m.group('moy'))}-{mo:02d}"
        y = _infer_year(mo, None, issued)
        return ("month?", f"{y}-{mo:02d}") if y else None
    if m.group("pdate"):
        d, mo = (m.group("pd"), m.group("pm")) if m.group("pd") else (m.group("pd2"), m.group("pm2"))
        d, mo = int(d), int(mo)
        y = _infer_year(mo, d, issued)
        v = iso_date(y, mo, d) if y else None
        return ("pdate", v) if v else None
    if m.group("year"):
        return "year", m.group("yr")
    if m.group("ybare"):
        return "ybare", m.group("ybare")
    return None


# --------------------------------------------------------------------------- candidates


# Where an anchor can start (its first word or digit run): the anchor pattern is tried only
# there, as a match, instead of being searched at every position of the text.
_ANCHOR_AT = re.compile(r"\d+|ngày|năm|tháng|quý|sáu")
_ANCHOR_WORDS = ("ngày", "năm", "tháng", "quý", "sáu")


def _anchor_starts(text: str, lo: int, hi: int, orig: str) -> list[int]:
    """`[m.start() for m in _ANCHOR_AT.finditer(text, lo, hi)]`, faster: digit runs and the
    words never overlap (no word holds a digit or overlaps another), so the scan is their union.
    `text` is `orig` (the document's text, whose digit runs are known) or its lower-cased copy."""
    out = digit_run_starts(orig, lo, hi)
    for w in _ANCHOR_WORDS:
        i = text.find(w, lo, hi)
        while i >= 0:
            out.append(i)
            i = text.find(w, i + len(w), hi)
    out.sort()
    return out


# what may stand before a heading or label word: a clause number, a bullet, white space
_LABEL_LEAD = re.compile(r"[\s\-–•+*]*(?:(?:[ivxlc]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s*)?")


def _part_start(text: str, pos: int, lo: int) -> int:
    """Start of the line or sentence part that holds pos."""
    return max(lo, max(text.rfind(ch, lo, pos) for ch in ".;:\n") + 1)


def _occurrences(text: str, words: tuple[str, ...], lo: int, hi: int) -> list[int]:
    """Every position in [lo, hi) where one of `words` starts (overlapping ones too), sorted."""
    out: set[int] = set()
    for w in words:
        i = text.find(w, lo, hi)
        while i >= 0:
            out.add(i)
            i = text.find(w, i + 1, hi)
    return sorted(out)


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    """`text` lower-cased when that keeps every offset, else `text` (cached: the title and the
    body of a document are scanned in turn)."""
    low = text.lower()
    return low if len(low) == len(text) else text


def _candidates(text: str, lo: int, hi: int, issued: _dt.date | None) -> list[_Cand]:
    r = rules()
    out: list[_Cand] = []
    # The patterns are written in lower case and run over a lower-cased copy: case-insensitive
    # matching of Vietnamese letters costs the regex engine several times more.
    orig = text
    text = _lower(text)
    # a period starts with "trong" or its period word; a recurrence at one of its first words
    for m in matches_at(r.period, text, _occurrences(text, r.period_starts, lo, hi), hi):
        a, b = int(m.group("a")), int(m.group("b"))
        if text.startswith(("mùa", "niên"), m.start("body")) and text[m.end():m.end() + 3].lstrip().startswith("("):
            continue  # "mùa khô 2023 - 2024 (từ tháng 12/2023 đến tháng 5/2024)": the bracket says it
        if b > a:
            c = _Cand(m.start("body"), m.end("body"), "period", f"{a}/{b}", True, "period", 3)
            c.cue = "trong" if m.group("intro") else ""
            c.rule = _period_rule(m.group("body"))
            out.append(c)
    for m in r.span_range.finditer(text, lo, hi):
        a, b = int(m.group("a")), int(m.group("b"))
        if b > a:
            out.append(_Cand(m.start(), m.end(), "period", f"{a}/{b}", True, "range", 3, rule="period:tu-den"))
    for m in matches_at(r.recurrence, text, (a.start() for a in r.recurrence_at.finditer(text, lo, hi)), hi):
        if m.group("day"):
            unit = fold(m.group("dunit"))
            v = "P3M" if "quy" in unit else ("P1M" if "thang" in unit else "P1Y")
            out.append(_Cand(m.start(), m.end(), "recurring", v, False, "recurrence", 4, rule="recurring:day-of-period"))
            continue
        v = _recurrence_value(m.group(0))
        if v:
            due = r.rec_due.match(text, m.end(), hi)
            out.append(_Cand(m.start(), due.end() if due else m.end(), "recurring", v, True, "recurrence", 2,
                             rule=("recurring:" + _slug(m.group(0).split()[0]) if m.group("bare")
                                   else "recurring:dinh-ky")))
    # a cycle of due days: "trước ngày 15/6 và 15/12 hằng năm" → P6M (it wins over its dates)
    # (matched where a cue word starts: the text has few of them, and many digits)
    for m in matches_at(r.cycle, text, _occurrences(text, r.cycle_starts, lo, hi), hi):
        if m.start() > lo and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue
        months = sorted(int(mo) for mo in _DAY_MONTH.findall(m.group("dates")))
        steps = {b - a for a, b in zip(months, months[1:])}
        step = steps.pop() if len(steps) == 1 else 0
        if not step or months[-1] > 12 or step * len(months) != 12:
            continue
        out.append(_Cand(m.start(), m.end(), "recurring", f"P{step}M", False, "recurrence", 5,
                         rule="recurring:date-cycle"))
    # "hằng ngày" after a report or update verb in its clause
    for m in matches_at(r.daily, text, _occurrences(text, ("hằng", "hàng"), lo, hi), hi):
        w0 = max(lo, m.start() - 100)
        cut = max(text.rfind(ch, w0, m.start()) for ch in ";.\n,:")
        if r.daily_verb.search(text, max(w0, cut + 1), m.start()):
            out.append(_Cand(m.start(), m.end(), "recurring", "P1D", False, "recurrence", 2, rule="recurring:daily-verbs"))
    # a relative time limit: "trong vòng 24 giờ kể từ khi phát hiện" → by PT24H ([relative])
    rel = _relative_rx()
    for p0 in _occurrences(text, rel[1], lo, hi):
        m = rel[0].match(text, p0, hi)
        if not m:
            continue
        w0 = max(lo, m.start() - 80)
        cut = max(text.rfind(ch, w0, m.start()) for ch in ";.\n:")
        if rel[2].search(text, max(w0, cut + 1), m.start()):
            continue  # "ổ dịch chưa được xử lý trong vòng 48 giờ": a state reported, not a limit set
        u = rel[3][fold(" ".join(m.group("u").split()))]
        n = int(m.group("n"))
        v = f"PT{n}{u[1:]}" if u.startswith("T") else f"P{n}{u}"
        out.append(_Cand(m.start(), m.end(), "by", v, False, "relative", 2, rule="by:relative"))
    for m in matches_at(r.anchor, text, _anchor_starts(text, lo, hi, orig), hi):
        av = _anchor_value(m, issued)
        if not av:
            continue
        form, value = av
        start = m.start()
        cm = r.cue.search(text, max(lo, start - 30), start)
        if cm is None and r.cue_hint.search(text, max(lo, start - 45), start):
            cm = r.cue_full.search(text, max(lo, start - 45), start)
        cue = fold(cm.group("cue")) if cm else ""
        ckind = r.cue_kind.get(cue, "")
        if ckind == "target" and (_reported_period(text, cm.start(), lo) or (
                cue in r.label_only_cues and not _LABEL_LEAD.fullmatch(text, _part_start(text, cm.start(), lo), cm.start()))):
            continue  # "kết quả thực hiện chỉ tiêu năm 2022": the target a report covers
        if ckind == "from":
            kind = "from"
        elif ckind in ("by", "target"):
            kind = "by"
        elif ckind == "in":
            kind = "within" if form.startswith(("month", "quarter", "half")) else "by"
        elif form in ("month", "quarter", "half"):
            kind = "within"
        elif form == "year":
            kind = "year?"  # a bare "năm 2020": a horizon only in a target sentence
        else:
            continue  # a date, a day or a bare number with no cue
        if form in ("ybare", "month?", "quarter?", "pdate") and not cue:
            continue
        if cm and ckind != "target":
            start = cm.start()
        out.append(_Cand(start, m.end(), kind, value, form in ("year", "ybare"), form.rstrip("?"), 1, cue,
                         inferred=form.endswith("?") or form == "pdate" or (bool(m.group("half")) and not m.group("hy"))))
    return out


@lru_cache(maxsize=1)
def _relative_rx() -> tuple[re.Pattern[str], tuple[str, ...], re.Pattern[str], dict[str, str]]:
    """(pattern, opening words, status words, unit → ISO designator) of [relative] in the data."""
    d = rules().data["relative"]
    units = {fold(k): v for k, v in d["units"].items()}
    rx = re.compile(r"(?:" + _words(d["intro"]) + r")\s+(?P<n>\d{1,3})\s+(?P<u>"
                    + _words(sorted(d["units"], key=len, reverse=True)) + r")(?!\w)"
                    + r"(?:\s+(?:" + _words(d["tail"]) + r")\s+[^\W\d_]+(?:\s+[^\W\d_]+)?)?", _F)
    starts = tuple(sorted({w.split()[0].lower() for w in d["intro"]}))
    status = re.compile(r"(?<!\w)(?:" + _words(d["status_before"]) + r")(?!\w)", _F)
    return rx, starts, status, units


def _resolve(cands: list[_Cand], text: str) -> list[_Cand]:
    """Non-overlapping candidates: higher priority, then longer, wins.  "từ X đến Y"
    ("từ ngày 01/01/2021 đến ngày 31/3/2021") becomes one period X/Y."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: (c.start, c.end))
    joins = {fold(w) for w in rules().data["cues"]["range_join"]}
    out: list[_Cand] = []
    for c in chosen:
        p = out[-1] if out else None
        if (p and p.kind == "from" and c.kind == "by" and c.cue in joins and not text[p.end:c.start].strip()
                and p.value < c.value):
            out[-1] = _Cand(p.start, c.end, "period", f"{p.value}/{c.value}", p.soft, "range", 3, p.cue,
                            rule="period:from+" + _slug(c.cue))
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- own plan, report periods

_TOKEN = re.compile(r"[^\W_]+")
_ABBR_PAREN = re.compile(r"\(\s*[A-ZĐ][A-ZĐ&\-]{1,12}\s*\)")  # "(CCHC)": an alias, not a word of the name


def _toks(s: str) -> set[str]:
    return set(_TOKEN.findall(fold(_ABBR_PAREN.sub(" ", s))))


def _own_name_tokens(doc: Document) -> set[str] | None:
    """Words of this document's title when it names a plan of its own (a Kế hoạch, or a
    decision issuing one), else None."""
    h = doc.header
    if not h or not h.title:
        return None
    r = rules()
    plan_types = {fold(t) for t in r.data["context"]["plan_types"]}
    if fold(h.type or "") not in plan_types and not any(fold(w) in fold(h.title) for w in r.data["context"]["plan_types"]):
        return None
    return _toks(h.title) | {w for t in r.data["context"]["plan_types"] for w in _toks(t)}


def _names_own_plan(doc: Document, text: str, c: _Cand, ps: int, own: set[str], issued: _dt.date | None) -> bool:
    """"năm 2023" closing the name of this document's own plan: in its title, in "ban hành
    Kế hoạch ... năm 2023", or in the title line of the attached plan."""
    if not issued or int(c.value) not in (issued.year, issued.year + 1):
        return False
    r = rules()
    names = list(r.doc_name.finditer(text, ps, c.start))
    start = names[-1].start() if names else max(ps, text.rfind("\n", 0, c.start) + 1)
    words = _toks(text[start:c.start])
    if not words or len(words) < 3:
        return False
    return len(words & own) >= 0.8 * len(words)


def _started(value: str, issued: _dt.date | None) -> bool:
    """Had the period begun when the document was issued?  (A report covers such a period;
    "sơ kết 6 tháng cuối năm" written in February is work to do in that half.)"""
    if not issued:
        return False
    y = int(value[:4])
    rest = value[5:]
    month = 1
    if rest.startswith("H"):
        month = 1 if rest == "H1" else 7
    elif rest.startswith("Q"):
        month = 3 * int(rest[1:]) - 2
    elif rest.isdigit():
        month = int(rest)
    return (y, month) <= (issued.year, issued.month)


def _reported_period(text: str, pos: int, ps: int) -> bool:
    """The period is what a report covers: "kết quả thực hiện công tác ... 6 tháng đầu năm 2023"
    (a retrospective noun governs it, no "và" / comma in between)."""
    r = rules()
    lo = max(ps, pos - 120)
    window = text[lo:pos]
    cut = max(window.rfind(" và "), window.rfind(";"))
    for m in r.report_forward.finditer(window, cut + 1):
        cut = m.start()
    return bool(r.report_of.search(window, cut + 1))


# --------------------------------------------------------------------------- driver


def _find(doc: Document) -> list[_Cand]:
    text = doc.text
    r = rules()
    segs = doc.segments
    lo = segs.header[1] if segs else 0
    issued = _issued(doc)
    ends = [m.start() for m in _PART_END.finditer(text)]
    refs = _ref_spans(doc)
    regions = _citation_regions(text, refs, ends)
    keep = []
    cands = _candidates(text, lo, len(text), issued)
    # The title of this document names its own period ("... giai đoạn 2024 - 2025, định hướng
    # đến năm 2030", "phương hướng, nhiệm vụ 6 tháng cuối năm 2023"), as the title of an
    # attached plan does in the body.
    title = doc.header.spans.get("title") if doc.header else None
    if title and title[1] <= lo:
        cands = _candidates(text, title[0], title[1], issued) + cands
    page = furniture(text)
    own = _own_name_tokens(doc)
    status = _status_sections(doc)
    for c in _resolve(cands, text):
        if segs and segs.is_excluded(c.start):
            continue
        if page and inside_page(c.start, page):
            continue
        if any(s <= c.start < e for s, e in refs):
            continue
        ps, pe = _part(text, c.start, ends)
        if c.form in ("date", "pdate"):
            before = text[max(0, c.start - 60):c.start]
            if r.cited_date_before.search(before) or r.cited_date_after.match(text, c.end):
                continue
        if r.not_before.search(text, max(0, c.start - 40), c.start):
            continue
        if (c.soft or (c.cue == "" and c.form in ("half", "quarter", "month"))) and any(s <= c.start < e for s, e in regions):
            continue  # a period in the title of a cited document ("... về việc báo cáo ... 6 tháng đầu năm 2023")
        if r.past.search(text, ps, pe) and not (c.form in ("date", "pdate") and c.kind == "by"):
            continue  # "kể từ năm 2001 đến nay", "những năm qua"
        if any(a <= c.start < b for a, b in status):
            continue
        if c.form == "period" and issued and c.cue != "trong" and int(c.value[:4]) < issued.year - 1:
            continue  # the name of a programme that was already running
        if (c.form == "period" and issued and text.startswith(("mùa", "Mùa", "niên", "Niên"), c.start)
                and (int(c.value[-4:]), 6) < (issued.year, issued.month)):
            continue  # a season of two years ends by mid-year of the second: "Mùa khô 2022 - 2023, ..." is past
        if (c.form == "recurrence" and c.soft and not r.periodic_start.match(text, c.start)
                and _document_only_carried_out(text, c.start, ends)):
            continue
        if (c.cue == "" and c.form in ("half", "quarter", "month", "year") and _started(c.value, issued)
                and _reported_period(text, c.start, ps)):
            continue  # "Báo cáo kết quả ... 6 tháng đầu năm 2023": the period reported on
        if c.kind == "year?" and own and _names_own_plan(doc, text, c, ps, own, issued):
            c.kind = "by"  # "Kế hoạch ... năm 2023": the year of this document's own plan
            c.rule = "by:own-plan-year"
        if c.kind == "year?" and r.budget_label.search(text, max(ps, c.start - 100), c.start):
            continue  # "Dự toán năm 2024 phải ...": the year names the budget
        if c.kind == "year?":
            # "Năm 2020, ... đạt 90%": a horizon when the year is ahead of the document
            # and the sentence sets a target; never the year in a name ("Hiến pháp năm 2013")
            prev = text[max(ps, c.start - 3):c.start]
            if not issued or int(c.value) <= issued.year or not r.target_verb.search(text, ps, pe) or ")" in prev:
                continue
            w = re.search(r"(\S+)\s*$", text[ps:c.start])
            if w and w.group(1)[:1].isupper() and w.start() > 0:
                continue
            c.kind = "by"
            c.rule = "by:year-horizon"
        if c.kind in ("by", "within") and issued and c.cue not in r.target_cues:
            due = deadline_due(c.value)
            if due and due < issued.isoformat():
                continue  # already over when the document was signed: it describes the past
        keep.append(c)
    return keep


def extract(doc: Document) -> list[Deadline]:
    if doc.segments is None:
        from vanban.pipeline.segment import segment

        doc.segments = segment(doc.text)
    out = []
    for c in _find(doc):
        rule, conf = _why(c)
        out.append(Deadline(text=doc.text[c.start:c.end], kind=c.kind, value=c.value, span=(c.start, c.end),
                            clause=doc.segments.clause_path(c.start), rule=rule, confidence=conf))
    return out


@lru_cache(maxsize=256)
def _slug(words: str) -> str:
    """A cue or period word as a rule name: "chậm nhất là" -> "cham-nhat-la"."""
    return "-".join(fold(words).split())


@lru_cache(maxsize=64)
def _period_rule(body: str) -> str:
    """"giai đoạn 2016 - 2020" -> period:giai-doan; a season -> period:season:mua-kho."""
    per = rules().data["periods"]
    b = fold(" ".join(body.split()))
    for w in sorted(per["seasons"], key=len, reverse=True):
        if b.startswith(fold(w)):
            return "period:season:" + _slug(w)
    for w in sorted(per["words"], key=len, reverse=True):
        if b.startswith(fold(w)):
            return "period:" + _slug(w)
    return "period:words"


def _why(c: _Cand) -> tuple[str, float]:
    """(rule, confidence) of a kept candidate; the scale is [confidence] in deadlines.toml."""
    conf = rules().data["confidence"]
    if c.rule:
        key = c.rule
        if key.startswith("period:season:"):
            key = "period:seasons"
        elif key.startswith("period:from+"):
            key = "period:from+by"
        elif key.startswith("period:") and key not in conf:
            key = "period:words"
        elif key.startswith("recurring:") and key not in conf:
            key = "recurring:prefixes"
        return c.rule, conf[key]
    rule = f"{c.kind}:{_slug(c.cue)}+{c.form}" if c.cue else f"{c.kind}:{c.form}"
    v = conf["anchor:" + c.form]
    if c.cue:
        v += conf["evidence:cue"]
    if c.inferred:
        rule += ":year-inferred"
        v += conf["evidence:year-inferred"]
    return rule, round(min(1.0, max(0.0, v)), 2)


def parse(text: str, issued: str | None = None) -> list[Deadline]:
    """Deadlines of a bare piece of text (no header block), e.g. one task sentence."""
    from vanban.pipeline.document import Segments
    from vanban.schema import Header

    doc = Document(doc_id="-", text=text, header=Header(issued_date=issued),
                   segments=Segments(header=(0, 0), body=(0, len(text))))
    return extract(doc)
