"""Segment a document: header block, clause tree, and the blocks no fact comes from.

Vietnamese administrative documents number their parts with a small set of markers
(Phần/Chương, Roman numerals or "Điều N", Arabic numbers, "1.1." sub-numbers, letters
a) b) đ)).  The tree is built from the order in which marker *kinds* nest, not from
fixed levels, because a công văn starts at "1." while a kế hoạch starts at "I.".
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from vanban.pipeline.document import Segments
from vanban.schema import ClauseNode, Span
from vanban.text import fold_same_length, matches_at

# Markup some sources leave around a marker ("**I.**", "## 1.").
_LEAD = r"^[ \t]*(?:[*_#>]+[ \t]*)?"

# (kind, rank, regex).  Rank orders kinds that are always above one another; kinds of
# equal rank replace each other (a Roman heading after "Điều 3" of the decision that
# introduces a plan starts a new top-level part).
MARKERS: list[tuple[str, int, re.Pattern[str]]] = [
    ("part", 0, re.compile(_LEAD + r"(?P<label>(?:Phần|PHẦN|Chương|CHƯƠNG)\s+(?P<num>[IVXLC]+|\d+))\b[.:]?", re.M)),
    ("article", 1, re.compile(_LEAD + r"(?P<label>(?:Điều|ĐIỀU)\s+(?P<num>\d+[a-z]?))\s*[.:]", re.M)),
    ("roman", 1, re.compile(_LEAD + r"(?P<label>(?P<num>[IVX]{1,5})\s*[.)/])[ \t]*(?:\*+)?[ \t]*(?=\S)", re.M)),
    ("dotted", 3, re.compile(_LEAD + r"(?P<label>(?P<num>(?:\d{1,2}|[IVX]{1,5})(?:\.\d{1,2})+)\.?)[ \t]+(?=\S)", re.M)),
    # "2.500 hồ sơ" is a number, "1. 90% hồ sơ" a clause: a digit may follow only after a space.
    ("arabic", 2, re.compile(_LEAD + r"(?P<label>(?P<num>\d{1,2})\s*[.)])(?:\*+)?(?:[ \t]+(?:\*+[ \t]*)?(?=\S)|(?=[^\d\s/.,]))", re.M)),
    # the steps of a procedure: "Bước 1. Nộp hồ sơ", "Bước 2: …" (under an Arabic item when there is one)
    ("step", 3, re.compile(_LEAD + r"(?P<label>(?:Bước|BƯỚC)[ \t]+(?P<num>\d{1,2}))[ \t]*[.:)\-–][ \t]*(?=\S)", re.M)),
    ("letter", 4, re.compile(_LEAD + r"(?P<label>(?P<num>[a-zđ])\s*\))[ \t]*(?=\S)", re.M)),
    ("letter", 4, re.compile(_LEAD + r"(?P<label>(?P<num>[a-hk-nđ])\s*\.)[ \t]+(?=[A-ZĐÀ-Ỹ])", re.M)),
]

DOC_TYPE_WORDS = (
    "QUYẾT ĐỊNH", "CHỈ THỊ", "KẾ HOẠCH", "NGHỊ QUYẾT", "THÔNG BÁO", "CÔNG VĂN", "CHƯƠNG TRÌNH",
    "BÁO CÁO", "HƯỚNG DẪN", "THÔNG TƯ", "NGHỊ ĐỊNH", "QUY CHẾ", "QUY ĐỊNH", "TỜ TRÌNH", "ĐỀ ÁN",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾT LUẬN", "LUẬT", "PHÁP LỆNH",
)
_TYPE_LINE = re.compile(r"^[ \t*#]*(?:" + "|".join(sorted(DOC_TYPE_WORDS, key=len, reverse=True)) + r")[ \t*:]*$", re.M)

_ROMAN_HEAD = re.compile(r"[IVX]+\.")
# Characters a clause marker line can start with (after spaces): digits, Roman numerals,
# Điều/Phần/Chương, letters a) b) đ), and markup around the marker.
_MARKER_START = frozenset("0123456789IVXĐPCBabcdefghijklmnopqrstuvwxyzđ*_#>")

_RECIPIENTS = re.compile(r"^[ \t*_]*(?:Nơi nhận|NƠI NHẬN)\s*:?", re.M)
_SIGNATURE = re.compile(
    r"^[ \t*_]*(?:TM\.|KT\.|TL\.|Q\.|TUQ\.|(?:PHÓ\s+)?CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|BỘ TRƯỞNG|THỦ TƯỚNG)\b[^\n]{0,60}$",
    re.M,
)
# Words the line a match of a line pattern opens on must hold (see _lines_holding): keep in step
# with the patterns.
_RECIPIENTS_WORDS = ("Nơi nhận", "NƠI NHẬN")
_SIGNATURE_WORDS = ("TM.", "KT.", "TL.", "Q.", "TUQ.", "PHÓ", "CHỦ TỊCH", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "BỘ TRƯỞNG",
                    "THỦ TƯỚNG")


def split_lines(text: str) -> list[Span]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        spans.append((pos, end))
        pos += len(line)
    return spans


_NEWS_STAMP = re.compile(r"^[ \t*_]*(?:Ngày cập nhật|Cập nhật|Ngày đăng|Đăng ngày)\b[^\n]*$", re.M)


# Lines that begin the body even when no blank line separates them from the title (DOCX and
# PDF text has none): the legal bases, a clause, the addressees, the issuing body's preamble.
_BODY_START = re.compile(
    r"(?:Căn\s+cứ|CĂN\s+CỨ|Thực\s+hiện|Triển\s+khai|Kính\s+gửi|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị"
    r"|Điều\s+\d|[IVX]{1,5}\.\s|\d{1,2}\.\s|[a-zđ]\)\s|[-–•+]\s"
    r"|(?:ỦY\s+BAN\s+NHÂN\s+DÂN|CHỦ\s+TỊCH|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN)\b[^a-zà-ỹđ]*$)")


def _header_end(text: str, lines: list[Span]) -> int:
    """End of the header: the title lines that follow the type word, or the
    "V/v ..." line block, or a news page's title + update stamp, or (no header at all) 0.

    A title wrapped over a blank line continues when the next line starts in lower case
    ("... cải cách hành chính\n\nnhà nước giai đoạn 2011 – 2020")."""
    limit = min(len(text), 4000)
    m = _TYPE_LINE.search(text, 0, limit)
    if m:
        # The title runs until the first blank line after at least one non-blank line,
        # or the first line that looks like body text (long and ends with ; or : or .).
        pos = m.end()
        seen = False
        blank_at = None
        for s, e in lines:
            if s <= pos:
                continue
            line = text[s:e].strip().strip("*_").strip()
            if not line:
                if seen and blank_at is None:
                    blank_at = s
                continue
            if blank_at is not None:
                if line[0].islower() and len(line) <= 160:
                    blank_at = None  # the title goes on after the blank line
                else:
                    return blank_at
            if seen and (len(line) > 160 or _BODY_START.match(line)):
                return s
            seen = True
            pos = e
        return blank_at if blank_at is not None else pos
    vv = re.search(r"^[ \t*]*V/v\b", text[:limit], re.M)
    if vv:
        for s, e in lines:
            if s > vv.start() and not text[s:e].strip():
                return s
    st = _NEWS_STAMP.search(text, 0, min(len(text), 1500))
    if st:
        return st.end()
    return 0


def _excluded_blocks(text: str, lines: list[Span]) -> list[Span]:
    """"Nơi nhận" lists and signature blocks: short lines after the marker, until a
    long line (body text of an attached document) or a document type heading."""
    out: list[Span] = []
    starts = [s for s, _ in lines]
    for m in matches_at(_RECIPIENTS, text, _lines_holding(text, _RECIPIENTS_WORDS)):
        start, end = m.start(), m.end()
        for s, e in lines[max(0, bisect.bisect_right(starts, m.start()) - 1):]:
            if s < m.start():
                continue
            line = text[s:e].strip()
            if s > m.start() and (len(line) > 120 or _TYPE_LINE.match(text, s, e + 1 if e < len(text) else e)):
                break
            end = e
        out.append((start, end))
    for m in matches_at(_SIGNATURE, text, _lines_holding(text, _SIGNATURE_WORDS)):
        if not any(s <= m.start() < e for s, e in out):
            # A signature block is a run of short lines.
            end = m.end()
            for s, e in lines[bisect.bisect_right(starts, m.start()):]:
                if s <= m.start():
                    continue
                line = text[s:e].strip()
                if len(line) > 60 or _TYPE_LINE.match(text[s:e]):
                    break
                end = e
            out.append((m.start(), end))
    # Page furniture left by PDF text extraction: running footers ending in "Trang 2/5" and
    # centred page numbers "- 3 -".  Never a fact.
    for m in _page_furniture(text):
        if not any(a <= m.start() < b for a, b in out):
            out.append((m.start(), m.end()))
    return sorted(out)


_APPENDIX_LINE = re.compile(r"^[*_ \t]*PHỤ\s+LỤC\b[^\n]{0,40}$", re.M)
_APPENDIX_WORDS = ("PHỤ",)

_PAGE_FURNITURE = re.compile(r"^[^\n]{0,160}?\bTrang\s+\d{1,4}(?:\s*/\s*\d{1,4})?[ \t]*$|^[ \t]*[-–][ \t]*\d{1,4}[ \t]*[-–][ \t]*$",
                             re.M)


def _lines_holding(text: str, words: tuple[str, ...], pos: int = 0) -> list[int]:
    """Ascending starts (0 or after a "\n", at or after `pos`) of the lines holding one of `words`:
    where a line pattern that opens with markup and one of them can match.  Finding the words
    is much cheaper than trying a "^" pattern at every position of the text."""
    starts = set()
    for w in words:
        i = text.find(w, pos)
        while i >= 0:
            starts.add(text.rfind("\n", 0, i) + 1)
            i = text.find(w, i + 1)
    return sorted(p for p in starts if p >= pos)


def _page_furniture(text: str):
    """`_PAGE_FURNITURE.finditer(text)`, tried only on the lines that hold "Trang" or open with
    a dash: at every other line its lazy "[^\n]{0,160}?" walked the whole line for nothing."""
    starts = set()
    for w in ("Trang", "-", "–"):
        i = text.find(w)
        while i >= 0:
            ls = text.rfind("\n", 0, i) + 1
            if w == "Trang" or not text[ls:i].strip(" \t"):
                starts.add(ls)
            i = text.find(w, i + 1)
    return matches_at(_PAGE_FURNITURE, text, sorted(starts))


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.9


# The characters the label of each kind of marker can open with ("0": any decimal digit, as
# "\d" in the patterns).  Keep in step with MARKERS: a line is matched only against the markers
# its label's first character can open.
_LABEL_FIRST = {"part": "PC", "article": "Đ", "roman": "IVX", "dotted": "0IVX", "arabic": "0", "step": "B",
                "letter": "abcdefghijklmnopqrstuvwxyzđ"}


@lru_cache(maxsize=512)
def _markers_opening_with(c: str) -> tuple[int, ...]:
    """Indices into MARKERS of the markers whose label can open with `c`."""
    key = "0" if c.isdecimal() else c
    return tuple(i for i, (kind, _, _) in enumerate(MARKERS) if key in _LABEL_FIRST[kind])


def build_clause_tree(text: str, lines: list[Span], body_start: int, excluded: list[Span]) -> list[ClauseNode]:
    """Clause nodes with paths like 'IV.2.a' or 'Điều 3'."""
    # One marker per line: the longest marker wins ("I.1" over "I."), then MARKERS order.
    # Only lines whose first character can open a marker are tried: anchored per line, the
    # patterns cost nothing on the prose between clauses.
    by_line: dict[int, tuple[int, int, str, int, re.Match[str]]] = {}
    ex_starts = [a for a, _ in excluded]
    for s, e in lines:
        if s < body_start or e <= s:
            continue
        j = s
        while j < e and text[j] in " \t":
            j += 1
        if j >= e or text[j] not in _MARKER_START:
            continue
        if excluded:
            k = bisect.bisect_right(ex_starts, s) - 1
            if k >= 0 and s < excluded[k][1]:
                continue
        if text[j] in "*_#>":  # the markup _LEAD allows before the label
            while j < e and text[j] in "*_#>":
                j += 1
            while j < e and text[j] in " \t":
                j += 1
            if j >= e:
                continue
        best: tuple[int, int, str, int, re.Match[str]] | None = None
        best_pref: tuple[int, int] = (0, 0)
        for order in _markers_opening_with(text[j]):
            kind, rank, rx = MARKERS[order]
            m = rx.match(text, s, e)
            if m is None:
                continue
            pref = (-len(m.group("label")), order)
            if best is None or pref < best_pref:
                best, best_pref = (s, rank, kind, e, m), pref
        if best is not None:
            by_line[s] = best
    nodes: list[ClauseNode] = []
    stack: list[tuple[str, int, str, ClauseNode]] = []  # (kind, rank, label-for-path, node)
    # A new standalone document inside the file (a plan attached to a decision) resets the tree.
    # So does an appendix ("PHỤ LỤC"), which numbers its items afresh.
    resets = sorted([m.start() for m in matches_at(_TYPE_LINE, text, _lines_holding(text, DOC_TYPE_WORDS, body_start))]
                    + [m.start() for m in matches_at(_APPENDIX_LINE, text,
                                                        _lines_holding(text, _APPENDIX_WORDS, body_start))])
    reset_i = 0
    for s in sorted(by_line):
        _, rank, kind, e, m = by_line[s]
        while reset_i < len(resets) and resets[reset_i] < s:
            stack.clear()
            reset_i += 1
        num = m.group("num")
        if kind == "article":
            part = f"Điều {num}"
        elif kind == "part":
            part = m.group("label").split()[0].capitalize() + " " + num
        else:
            part = num
        # Pop to the level this kind lives at: an equal kind or rank replaces, a
        # lower rank (bigger unit) closes everything below it.
        while stack and (stack[-1][0] == kind or stack[-1][1] >= rank):
            stack.pop()
        if kind == "dotted":
            # "2.2." already carries its parent's number: prefix only what is above the
            # Arabic level ("III" + "2.2" → "III.2.2"); "I.1" carries everything.
            above = [n.path for k, _, _, n in stack if k not in ("arabic", "dotted")]
            path = num if _ROMAN_HEAD.match(num) or not above else f"{above[-1]}.{num}"
        elif kind == "article":
            # Articles are numbered through the whole document: "Điều 3" is cited without its Chương.
            path = part
        else:
            path = f"{stack[-1][3].path}.{part}" if stack else part
        node = ClauseNode(path=path, label=m.group("label"), level=len(stack) + 1, start=s, end=len(text),
                          heading=text[s:e].strip()[:200])
        nodes.append(node)
        stack.append((kind, rank, part, node))
    nodes = _repair_lost_numbering(text, nodes, lines, body_start, excluded)
    # Close each clause at the next node of the same or a higher level, or at an excluded block.
    for i, n in enumerate(nodes):
        end = len(text)
        for later in nodes[i + 1:]:
            if later.level <= n.level:
                end = later.start
                break
        for a, _ in excluded:
            if n.start < a < end:
                end = a
                break
        for r in resets:
            if n.start < r < end:
                end = r
                break
        n.end = end
    _close_final_paragraphs(text, nodes, body_start, excluded)
    return nodes


_BULLET_LINE = re.compile(r"[ \t]*[-–•+][ \t]+\S")


def _repair_lost_numbering(text: str, nodes: list[ClauseNode], lines: list[Span], body_start: int,
                           excluded: list[Span]) -> list[ClauseNode]:
    """Numbering lost in conversion: Word's automatic "1." "2." often arrive as "-" bullets,
    so a list starts at "3.".  When exactly N-1 bullet paragraphs stand between the list's
    opening and its first clause N, they are clauses 1..N-1."""
    added: list[ClauseNode] = []
    for i, n in enumerate(nodes):
        if not n.label[:1].isdigit() or "." in n.label.rstrip(".)").strip():
            continue
        try:
            first = int(n.label.rstrip(".) "))
        except ValueError:
            continue
        parent = next((p for p in reversed(nodes[:i]) if p.level < n.level), None)
        if not 2 <= first <= 6 or any(p.level == n.level and (parent is None or p.start > parent.start)
                                      for p in nodes[:i]):
            continue
        lo = parent.start if parent else body_start
        bullets = [(s, e) for s, e in lines if lo < s < n.start and _BULLET_LINE.match(text, s, e)
                   and not any(a <= s < b for a, b in excluded)]
        if len(bullets) != first - 1:
            continue
        prefix = parent.path + "." if parent else ""
        for k, (s, e) in enumerate(bullets, 1):
            added.append(ClauseNode(path=f"{prefix}{k}", label=text[s:e].lstrip()[:1], level=n.level, start=s,
                                    end=len(text), heading=text[s:e].strip()[:200]))
    return sorted(nodes + added, key=lambda c: c.start) if added else nodes


# The paragraph that closes a list of clauses: "Trong quá trình thực hiện, ...", or a
# paragraph ending the document with "./." ("Thủ trưởng các sở ... thực hiện Chỉ thị này./.").
_CLOSING = re.compile(
    r"^[ \t*_]*(?:Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+|triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai)\b"
    r"|(?![-–•+*]|\d{1,2}[.)]|[a-zđ]\)|[IVX]{1,5}\.)[^\n]*\./\.[ \t*_]*$)",
    re.M)


def _close_final_paragraphs(text: str, nodes: list[ClauseNode], body_start: int, excluded: list[Span]) -> None:
    """A closing paragraph after the last clause of a level belongs to the level above:
    it is cut from the deepest clause holding it when that clause has no later sibling."""
    for m in _CLOSING.finditer(text, body_start):
        p = m.start()
        if any(a <= p < b for a, b in excluded):
            continue
        inside = [n for n in nodes if n.start < p < n.end]
        if not inside:
            continue
        n = max(inside, key=lambda x: x.level)
        if text.rfind("\n", 0, p) < n.start:  # the clause's own first line
            continue
        if any(x.level == n.level and x.start == n.end for x in nodes):
            continue  # a later sibling follows: not the closing paragraph of the list
        for d in nodes:
            if d.start >= n.start and d.level >= n.level and d.start < p < d.end:
                d.end = p


def segment(text: str) -> Segments:
    lines = split_lines(text)
    header_end = _header_end(text, lines)
    excluded = _excluded_blocks(text, lines)
    clauses = build_clause_tree(text, lines, header_end, excluded)
    return Segments(header=(0, header_end), body=(header_end, len(text)), excluded=excluded,
                    clauses=clauses, lines=lines)


# Where a sentence ends: blanks after . ; ! ? : before a capital, a dash, a bullet or a digit;
# a blank line; a line break before a list item ("- ", "a) ", "2. ", "IV. ").  The pattern opens
# with the character before the break (the punctuation mark or the line break), which the regex
# engine scans for quickly; the break itself is group "w" after a mark, the match after "\n".
# (Written as "(?<=[.;!?:])\s+(?=...)|\n\s*\n|\n(?=...)|\n(?=...)" it was tried at every position.)
_SENT_BREAK = re.compile(
    r"[.;!?:\n](?:(?<=[.;!?:])(?P<w>\s+)(?=[A-ZĐÀ-Ỹ\-–•+\d])"
    r"|(?<=\n)(?:\s*\n|(?=\s*[-–•+]\s)|(?=\s*[a-zđ0-9IVX]{1,4}[.)]\s)))")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans by punctuation and line breaks (fast; offsets exact)."""
    end = len(text) if end is None else end
    out: list[Span] = []
    s = start
    for m in _SENT_BREAK.finditer(text[start:end]):
        a, b = m.span("w") if m.group("w") is not None else m.span()
        _add_stripped(out, text, s, start + a)
        s = start + b
    _add_stripped(out, text, s, end)
    return out


def _add_stripped(out: list[Span], text: str, s: int, e: int) -> None:
    """Append text[s:e] without its surrounding blanks, unless it is all blank."""
    part = text[s:e]
    body = part.lstrip()
    if body:
        s += len(part) - len(body)
        out.append((s, s + len(body.rstrip())))


def folded(text: str) -> str:
    return fold_same_length(text)
