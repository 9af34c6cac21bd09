"""Assignments: who must do what, one record per (clause, agency, role).

Built on the agencies extractor's mention groups (`agencies.analyse`): every group
knows the cue before it and whether it is a subject with a predicate.  Per clause of
the clause tree (its own text: the clause minus its sub-clauses), sentence by sentence:

* a **subject** group with a predicate acts: ``lead``, or ``support`` for the
  predicate parts (split at ";" and "hoặc") that start with "phối hợp" — "X tích
  cực phối hợp, hỗ trợ ...; tăng cường ..." gives X both roles;
* "giao X" makes X lead whatever follows; "yêu cầu / đề nghị X ..." makes X the
  subject of what follows; "gửi X", "chuyển cho X", "(qua X tổng hợp)" make the
  recipient lead of its part;
* "phối hợp với Y" makes Y support when a lead is in scope ("X chủ trì, phối hợp
  với Y"); when the subject itself only coordinates ("Đề nghị X phối hợp với Y")
  Y has no role;
* "trình / báo cáo / tham mưu cho / đề xuất X" give X no role;
* a predicate that only describes ("đã", "chưa", "vẫn" ...) gives no assignment;
* a subject that gives the order ("Chủ tịch UBND tỉnh yêu cầu ...") is not assigned.

Subjects carry over: sentences without a subject inherit the clause's subject; a
clause headed by a body ("3. Sở Nội vụ") or ending in ":" after its subject
("1. Giám đốc các Sở ... có trách nhiệm:") hands it to its sub-clauses; an opening
"... yêu cầu X, Y:" before the numbered clauses hands X, Y to the clauses that name
no subject of their own.

Tables rendered as "| cell | cell |" rows are read by their header (data/agencies.toml
[table]): one assignment per row and role, merged (empty) cells carried down.

deadline = the value of a deadline of doc.facts["deadlines"] inside the task's
sentence (table rows: the deadline cell, read by the deadlines extractor's parser).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from vanban.extractors import agencies as ag
from vanban.pipeline.document import Document
from vanban.schema import Assignment, ClauseNode
from vanban.extractors.agencies import fold, fold_name, fold_span

_MAX_TASK = 300


@dataclass(frozen=True)
class _Cues:
    lead_trigger: frozenset[str]
    support_trigger: frozenset[str]
    no_role: frozenset[str]
    adverbs: re.Pattern[str]
    support_start: re.Pattern[str]
    descriptive: re.Pattern[str]
    descriptive_written: re.Pattern[str]  # the same words with their diacritics ("đang", not "đăng")
    issuer: re.Pattern[str]
    issuer_own: re.Pattern[str]  # issuing verbs that are a task for any body but this document's issuer
    not_task: re.Pattern[str]
    frame_words: int
    recipient: frozenset[str]
    frame_verb: re.Pattern[str]
    lead_verb: re.Pattern[str]  # an explicit lead verb at the start of a part ("chủ trì")
    duty: re.Pattern[str]  # "có trách nhiệm" among the adverbs before the verb
    advise: re.Pattern[str]  # "tham mưu"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", fold(s)).strip()


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    d = ag._lex().data
    r, c = d["roles"], d["cues"]
    alt = ag._cue_alt
    return _Cues(
        lead_trigger=frozenset(_norm(x) for x in r["lead_trigger"]),
        support_trigger=frozenset(_norm(x) for x in r["support_trigger"]),
        no_role=frozenset(_norm(x) for x in r["no_role_trigger"]),
        adverbs=re.compile(rf"^(?:(?:{alt(r['adverbs'])})\b[\s,]*)+"),
        support_start=re.compile(rf"^(?:{alt(r['support_verb'])})\b(?P<voi>\s+(?:chat che\s+)?voi\b)?"),
        descriptive=re.compile(rf"^(?:{alt(c['descriptive'])})\b(?!\s+trach nhiem)"),
        descriptive_written=re.compile("^(?:" + "|".join(re.escape(w) for w in sorted(c["descriptive"], key=len, reverse=True))
                                       + r")(?!\w)"),
        issuer=re.compile(rf"^(?:{alt(c['issuer_verb'])})\b"),
        issuer_own=re.compile(rf"^(?:{alt(c['issuer_own_verb'])})\b"),
        not_task=re.compile(rf"^(?:{alt(r['not_task_start'])})\b"),
        frame_words=int(r.get("frame_max_words", 8)),
        recipient=frozenset(_norm(x) for x in r.get("recipient_trigger", [])),
        frame_verb=re.compile(rf"^(?:{alt(c.get('frame_verb', ['bao cao']))})\b[^.;]*\bnhu sau\b[\s:*_]*$"),
        lead_verb=re.compile(rf"^(?:{alt(r.get('lead_verb', ['chủ trì']))})\b"),
        duty=re.compile(r"\bco trach nhiem\b"),
        advise=re.compile(r"^tham muu\b"),
    )


def _slug(cue: str) -> str:
    """A folded cue as a rule name: "phoi hop voi" → "phoi-hop-voi", "(qua" → "qua"."""
    return cue.strip("( ").replace(" ", "-")


_FOR = re.compile(r"^[^.;]{0,120}?\bde\s+(?!duoc\b|biet\b|bi\b)\w")  # "... để tổng hợp" (not "để được hướng dẫn")
_NARRATIVE_DATE = re.compile(r"^(?:(?:sang|chieu|toi)\s+)?(?:ngay\s+)?(\d{1,2})\s*(?:/|thang\s+)(\d{1,2})(?:\s*(?:/|nam\s+)(\d{4}))?\s*,")
_NARRATIVE_FIRST = frozenset("sctn")  # the first letters of its words
# news sentences that tell what happened, even after the speaker's instructions
_NEWS_NARRATIVE = re.compile(r"^(?:dip nay|nhan dip|tai hoi nghi|theo bao cao|ket qua|trong nam|nam \d{4})\b")
_HEADING_END = re.compile(r"[.;:!?]$")


# line breaks, or . ! ? and the blanks after it (group 1: where the sentences part) before a capital;
# written to open with the class of its first characters, so that the scan skips to those
_SENT_SPLIT = re.compile(r"[\n.!?](?:(?<=\n)\n*|([ \t]+)(?=[A-ZĐÀ-Ỹ\"“(]))")
_SOFT_NL = re.compile(r"[ \t]*(?![ivx]+[.)])[a-zà-ỹđ]{2,}(?![.)])|[ \t]*[a-zà-ỹđ][ \t]")
_TASK_LEAD = re.compile(r"[\s,:;*_)]+")
_PART_SPLIT = re.compile(r";|\s+hoặc\s+")
_RAW_MARKER = re.compile(r"^\s*(?:[-–•+*]+|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\s*[).]|[IVXL]{1,5}\s*[.)])\s*")
_FOLD_MARKER = re.compile(r"^(?:[-–•+*]+|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\s*[).])\s*")


# --------------------------------------------------------------------------- helpers

def _sentences(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Sentences of text[s:e]: split at line breaks and at ". " before a capital; a single line
    break before a lower-case word that is no list marker continues the sentence (PDF text)."""
    out: list[tuple[int, int]] = []
    start = s
    for m in _SENT_SPLIT.finditer(text, s, e):
        x, y = m.span(m.lastindex or 0)  # the separator
        if y - x == 1 and text[x] == "\n" and _SOFT_NL.match(text, y) and not _HEADING_END.search(
                text[max(s, x - 1):x]):
            continue
        a, b = start, x
        if text[a:b].strip():
            out.append(_strip(text, a, b))
        start = y
    if text[start:e].strip():
        out.append(_strip(text, start, e))
    return out


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\r\n*_":
        a += 1
    while b > a and text[b - 1] in " \t\r\n*_":
        b -= 1
    return a, b


def _task_span(text: str, a: int, end: int) -> tuple[int, int]:
    """A short verbatim task: from a to the end of its part, at most _MAX_TASK chars."""
    a, end = _strip(text, a, end)
    m = _TASK_LEAD.match(text[a:end])
    if m:
        a += m.end()
    e = end
    while e > a and text[e - 1] in ".;:,/ ":
        e -= 1
    if e - a > _MAX_TASK:
        cut = max(text.rfind(";", a, a + _MAX_TASK), text.rfind(",", a, a + _MAX_TASK))
        e = cut if cut > a + 40 else a + _MAX_TASK
        while e > a and text[e - 1] in " ,;":
            e -= 1
    return a, e


def _parts(text: str, a: int, e: int) -> list[tuple[int, int]]:
    """Predicate parts: split at ";" and at " hoặc " (separate tasks of one subject)."""
    if ";" not in text[a:e] and "hoặc" not in text[a:e]:
        return [(a, e)] if text[a:e].strip() else []
    out, s = [], a
    for m in _PART_SPLIT.finditer(text[a:e]):
        out.append((s, a + m.start()))
        s = a + m.end()
    out.append((s, e))
    return [(x, y) for x, y in out if text[x:y].strip()]


def _deadline(doc: Document, a: int, e: int, index: "_Deadlines | None" = None) -> str | None:
    """The value of the first deadline of doc.facts (in their order) that starts in [a, e)."""
    if index is not None:
        return index.first_in(a, e)
    for d in doc.facts.get("deadlines", []) or []:
        sp = getattr(d, "span", None)
        if sp and a <= sp[0] < e:
            return getattr(d, "value", None)
    return None


class _Deadlines:
    """doc.facts["deadlines"] by start, for _deadline's question (asked for every task)."""

    def __init__(self, doc: Document):
        items = []
        for i, d in enumerate(doc.facts.get("deadlines", []) or []):
            sp = getattr(d, "span", None)
            if sp:
                items.append((sp[0], i, getattr(d, "value", None)))
        items.sort(key=lambda t: (t[0], t[1]))
        self.starts = [t[0] for t in items]
        self.items = items

    def first_in(self, a: int, e: int) -> str | None:
        lo, hi = bisect_left(self.starts, a), bisect_left(self.starts, e)
        if lo >= hi:
            return None
        return min(self.items[lo:hi], key=lambda t: t[1])[2]


# --------------------------------------------------------------------------- extraction

# subject sources that name the inheritance itself (others, inherited, are "inherited-subject")
_HANDED = frozenset({"clause-head", "opening-addressee", "co-trach-nhiem", "frame-subject"})


@dataclass
class _Subj:
    mentions: list[ag.Mention]
    lead: bool = True  # has a lead role (support-only subjects make "phối hợp với Y" roleless)
    # how it became a subject, the rule of its lead parts without an explicit verb: "subject-verb",
    # "clause-head", "opening-addressee", a trigger ("giao", "yeu-cau", "chi-dao-y" ...); once handed
    # down by a frame "X có trách nhiệm:" / "X ... sau:", "co-trach-nhiem" / "frame-subject"
    src: str = "subject-verb"


@lru_cache(maxsize=1)
def _holders() -> tuple[str, ...]:
    """Office-holder titles, folded, longest first ("pho chu tich" before "chu tich")."""
    return tuple(sorted({fold(h) for h in ag._lex().data["holders"]["all"]}, key=len, reverse=True))


class _Run:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.an = ag.analyse(doc)
        self.g_starts = [g.start for g in self.an.groups]  # document order
        self.names = ag.entity_names(doc)
        self.cues = _cues()
        self.an_lex = ag._lex()
        self.holders = _holders()
        self.news = fold(getattr(doc.header, "type", None) or "") == "tin bai"
        self.news_told = False  # a speaker has given instructions: the subjects after carry them out
        self.out: dict[tuple[str, str, str], Assignment] = {}
        self.table_lines: list[tuple[int, int]] = []
        self.deadlines = _Deadlines(doc)

    def name(self, m: ag.Mention) -> str:
        return self.names.get(m.key) or m.display

    def add(self, clause: str, m: ag.Mention, role: str, a: int, e: int, sent: tuple[int, int], cue: str) -> None:
        """`cue`: the rule that decided the role ("chu-tri", "giao", "subject-verb" ...)."""
        nm = self.name(m)
        k = (clause, fold_name(nm), role)
        if k in self.out:
            x = self.out[k]
            if x.deadline is None:  # a later sentence of the same task may bound it
                x.deadline = _deadline(self.doc, sent[0], sent[1], self.deadlines)
                if x.deadline is not None:
                    _why(x, x.rule + "+deadline:later-sentence")
            return
        a, e = _task_span(self.text, a, e)
        if e <= a:
            a, e = _task_span(self.text, sent[0], sent[1])
        dl = _deadline(self.doc, sent[0], sent[1], self.deadlines)
        rule = f"{role}:{cue}"
        self.out[k] = x = Assignment(clause=clause, agency=nm, role=role, task=self.text[a:e], span=(a, e),
                                     deadline=dl, agency_span=(m.start, m.end))
        _why(x, rule + "+deadline:same-sentence" if dl is not None else rule)

    # ---- one sentence --------------------------------------------------------
    def sentence(self, clause: str, s: int, e: int, current: list[_Subj], intro_ok: bool, title: bool = False
                 ) -> tuple[list[_Subj], list[_Subj] | None]:
        """Assign in one sentence.  Returns (subjects in force after it, subjects handed to
        the clauses that follow when the sentence is an opening ending with ":")."""
        text, cues = self.text, self.cues
        gs = self.an.groups
        groups = [g for g in gs[bisect_left(self.g_starts, s):bisect_left(self.g_starts, e)]
                  if not g.ignored and not g.owner]
        if not groups and not current:
            return current, None  # nobody to assign anything to
        j = e
        while j > s and text[j - 1] in " *_":
            j -= 1
        ends_colon = j > s and text[j - 1] == ":"
        subj: list[_Subj] | None = None
        subj_pred = s
        handed: list[_Subj] | None = None
        if self._narrative(s, e):
            return current, None
        # a sentence may hold several subject-predicate clauses joined by ";" ("Công an tỉnh chủ
        # trì ...; Sở Y tế chỉ đạo ...; UBND các huyện báo cáo ..."): each predicate ends where the
        # next clause's subject starts
        starts = [g.clause_start for g in groups if g.subject and not g.trigger and not g.heading
                  and g.clause_start > s and text[g.clause_start - 1] == ";"]
        directive = False
        joint = False
        for g in groups:
            e_g = min([x for x in starts if x > g.start] or [e])
            pred = fold_span(text, g.pred_start, min(e_g, g.pred_start + 80))
            if g.heading:
                subj = [_Subj(g.mentions, src="clause-head")]
                subj_pred = e
                handed = subj
                continue
            t = g.trigger
            if g.subject and not t:
                am = ag.ASSIGNED.match(pred)
                if am:  # "Công an tỉnh được giao chủ trì ...": the subject leads what follows
                    f = ag._folded(text)
                    raw = f[g.pred_start:e_g] if f is not None else fold(text[g.pred_start:e_g])
                    m2 = re.match(r"\s*(?:(?:da|cung|tiep tuc)\s+)*duoc\s+(?:giao|phan cong)\s+", raw)
                    sj = _Subj(g.mentions, src="duoc-giao")
                    self._predicate(clause, sj, g.pred_start + (m2.end() if m2 else 0), e_g, (s, e), forced_lead=True)
                    subj = subj or [sj]
                    directive = True
                    continue
                if ((cues.issuer.match(pred) or cues.issuer_own.match(pred) and self._is_issuer(g)) and not g.marker) \
                        or cues.frame_verb.match(fold_span(text, g.pred_start, e)):
                    # the issuer gives the order; "X báo cáo như sau:" frames the document.  A numbered
                    # item's subject is an assignee: "4. Phòng Kinh tế và Hạ tầng yêu cầu các nhà thầu
                    # ..." directs them, as "chỉ đạo" does, and leads the item.
                    continue
                if self._descriptive(g.pred_start, pred):
                    if subj is None:
                        return current, None  # describes the state of things
                    continue
                if self.news and not directive and not (self.news_told and not _NEWS_NARRATIVE.match(
                        fold_span(text, s, min(e, s + 40)))):
                    continue  # news narrates: only what a speaker assigns ("giao X ...") is a task
                if subj is None or g.clause_start in starts:
                    sj = _Subj(g.mentions)
                    if subj is None:
                        subj, subj_pred = [sj], g.pred_start
                    if not (ends_colon and self._frame(g.pred_start, e)):
                        self._predicate(clause, sj, g.pred_start, e_g, (s, e))
                continue
            if t in ("giao", "giao cho", "yeu cau", "de nghi", "uy quyen", "uy quyen cho") or (
                    t in ("chi dao", "lanh dao", "de") and pred and not self.an_lex.not_predicate.match(pred)):
                # "chỉ đạo Y làm ...": Y carries the task out as well as the body that directs it
                directive = True
                self.news_told = self.news
                if ends_colon and intro_ok and self._frame(g.pred_start, e):
                    handed = [_Subj(g.mentions, src="opening-addressee")]  # "... yêu cầu X, Y:" opens a list
                    if t in ("chi dao", "lanh dao") and subj:
                        handed = subj + handed  # "X lãnh đạo Y:": both carry the items below
                        joint = True
                    continue
                sj = _Subj(g.mentions, src=_slug(t) + "-y" if t in ("chi dao", "lanh dao") else _slug(t))
                self._predicate(clause, sj, g.pred_start, e_g, (s, e),
                                forced_lead=t.startswith("giao") or t in ("chi dao", "lanh dao"))
                if t not in ("chi dao", "lanh dao") or not current:
                    subj = subj or [sj]
                # else: "Chỉ đạo Y làm ..." under an inherited subject: directing is that subject's task
                continue
            if t == "do":  # "Mức khoán do Thủ trưởng đơn vị quyết định": the agent leads the sentence
                for m in g.mentions:
                    self.add(clause, m, "lead", g.clause_start if g.clause_start >= s else s, e_g, (s, e), "do-agent")
                continue
            if t in cues.recipient:  # "gửi X để tổng hợp": the recipient leads what it receives for
                if _FOR.match(fold_span(text, g.end, e_g)):
                    for m in g.mentions:
                        self.add(clause, m, "lead", g.start, e_g, (s, e), _slug(t))
                continue
            if t in cues.lead_trigger:  # (qua X
                if t == "(qua" and not self._paren_predicate(g.end):
                    continue  # "báo cáo UBND huyện (qua Phòng X)": a channel, not an actor
                for m in g.mentions:
                    self.add(clause, m, "lead", g.start, e_g, (s, e), _slug(t))
                continue
            if t in cues.support_trigger:
                scope = subj if subj is not None else current
                if scope and any(x.lead for x in scope):
                    for m in g.mentions:
                        self.add(clause, m, "support", g.pred_start, e, (s, e), _slug(t))
                continue
        if handed is not None and (subj is None or subj is handed):
            return (subj or current), handed
        if subj is not None:
            if ends_colon and not joint:
                handed = subj  # "1. X, Y có trách nhiệm:" → the sub-clauses
                duty = None
                for x in subj:
                    if x.src == "subject-verb":
                        if duty is None:
                            duty = bool(cues.duty.search(fold_span(text, subj_pred, e)))
                        x.src = "co-trach-nhiem" if duty else "frame-subject"
            return subj, handed
        # no subject: the subjects in force carry the sentence
        if current and self._is_task(s, e) and not (title and not _HEADING_END.search(text[s:e].rstrip(" *_"))
                                                     and len(text[s:e].split()) <= 14):
            for sj in current:
                self._predicate(clause, sj, s, e, (s, e), inherited=True)
        return current, None

    def _paren_predicate(self, a: int) -> bool:
        """"(qua Sở Nội vụ tổng hợp)": the body inside the parenthesis does something."""
        close = self.text.find(")", a, a + 200)
        rest = fold_span(self.text, a, close).strip(" *_") if close > a else ""
        # "(qua Cục X, điện thoại: ...)": contact details after the channel are no predicate
        return bool(rest.strip(" ,.;:")) and not rest.startswith((",", ";", ":", "-"))

    def _narrative(self, s: int, e: int) -> bool:
        """"Ngày 18/8/2023, ... chủ trì cuộc họp": a sentence opened by a date before the document's
        own date tells what happened."""
        f = ag._folded(self.text)
        c = f[s:s + 1] if f is not None else ""
        if c and not c.isspace() and c not in _NARRATIVE_FIRST and not c.isdecimal():
            return False  # _NARRATIVE_DATE opens with a digit or one of its words
        m = _NARRATIVE_DATE.match(fold_span(self.text, s, min(e, s + 60)))
        if not m:
            return False
        issued = getattr(self.doc.header, "issued_date", None) or ""
        y = m.group(3) or (issued[:4] if issued else "")
        if not y:
            return False
        iso = f"{int(y):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
        return not issued or iso < issued

    def _frame(self, a: int, e: int) -> bool:
        """"... có trách nhiệm:", "... thực hiện một số nội dung sau:" — a short lead-in to a
        list, not a task of its own."""
        return len(fold_span(self.text, a, e).strip(" :*").split()) <= self.cues.frame_words

    def _is_task(self, s: int, e: int) -> bool:
        """A sentence without a subject is a task when it opens with a verb, not with a
        noun phrase that describes ("Những công việc ... bao gồm ...")."""
        m = _RAW_MARKER.match(self.text[s:e])
        n_letters, n_upper = ag._letter_counts(self.text, s + m.end() if m else s, e)  # after the marker
        if not n_letters or (n_letters >= 2 and n_upper / n_letters > 0.85):
            return False  # a number or a heading in capitals ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ")
        t = fold_span(self.text, s, e)
        t = _FOLD_MARKER.sub("", t)
        return bool(t) and not self._descriptive(s + (m.end() if m else 0), t) and not self.cues.not_task.match(t)

    def _is_issuer(self, g: ag.Group) -> bool:
        """Is the group this document's issuer (or its head: "Chủ tịch UBND tỉnh" of "UBND tỉnh X")?"""
        issuer = fold(getattr(self.doc.header, "issuer", None) or "")
        if not issuer:
            return True  # unknown: read the verb as issuing, as before
        for mt in g.mentions:
            name = fold(mt.display)
            for h in self.holders:
                if name.startswith(h + " "):
                    name = name[len(h) + 1:]
            if name and (issuer.startswith(name) or name.startswith(issuer)):
                return True
        return False

    def _descriptive(self, pos: int, folded: str) -> bool:
        """Does the predicate at pos (folded: its folded text) open with a word that describes the
        state of things?  Read as written where it has diacritics: folded, "đăng tải" is "đang"
        and "chữa cháy" is "chưa"."""
        m = self.cues.descriptive.match(folded)
        if not m:
            return False
        w = self.text[pos:pos + 3 * m.end() + 8].lstrip(" \t\n*_-+•–").lower()
        head = w[:m.end()]
        return head.isascii() or bool(self.cues.descriptive_written.match(w))

    def _predicate(self, clause: str, sj: _Subj, a: int, e: int, sent: tuple[int, int],
                   forced_lead: bool = False, inherited: bool = False) -> None:
        text, cues = self.text, self.cues
        parts = _parts(text, a, e)
        roles: list[tuple[str, int, int, str, str]] = []
        for x, y in parts:
            f0 = fold_span(text, x, y)
            f0 = _FOLD_MARKER.sub("", f0)
            f = cues.adverbs.sub("", f0)
            sm = cues.support_start.match(f)
            if sm and not forced_lead:
                roles.append(("support" if not sm.group("voi") else "with", x, y, f0, sm.group(0)))
            else:
                roles.append(("lead", x, y, f0, f))
        has_lead = forced_lead or any(r[0] == "lead" for r in roles)
        sj.lead = has_lead
        for r, x, y, f0, f in roles:
            if r == "lead":
                cue = self._lead_cue(sj, f0, f, inherited)
                for m in sj.mentions:
                    self.add(clause, m, "lead", x, y, sent, cue)
                break
        for r, x, y, _, verb in roles:
            if r == "support" or (r == "with" and not has_lead):
                cue = _slug(" ".join(verb.split()))  # "phoi-hop", "phoi-hop-voi", "phoi-hop-chat-che-voi"
                for m in sj.mentions:
                    self.add(clause, m, "support", x, y, sent, cue)
                break

    def _lead_cue(self, sj: _Subj, f0: str, f: str, inherited: bool) -> str:
        """The rule of a lead part: its explicit verb ("chủ trì", "có trách nhiệm", "tham mưu"), else
        how the subject came (a trigger, a subject with a verb, a heading, an opening, a frame)."""
        cues = self.cues
        if cues.lead_verb.match(f):
            return "chu-tri"
        if len(f) < len(f0) and cues.duty.search(f0, 0, len(f0) - len(f)):
            return "co-trach-nhiem"
        if cues.advise.match(f):
            return "tham-muu"
        if inherited and sj.src not in _HANDED:
            return "inherited-subject"
        return sj.src

    # ---- clauses --------------------------------------------------------------
    def run(self) -> list[Assignment]:
        doc, text = self.doc, self.text
        seg = doc.segments
        body = seg.body if seg else (0, len(text))
        nodes = list(seg.clauses) if seg else []
        self._tables()
        blocked = list(seg.excluded) if seg else []
        blocked += self.table_lines
        children: dict[int, list[ClauseNode]] = {}
        roots: list[ClauseNode] = []
        for i, n in enumerate(nodes):
            parent = None
            for p in reversed(nodes[:i]):
                if p.level < n.level and p.start <= n.start < p.end:
                    parent = p
                    break
            if parent is None:
                roots.append(n)
            else:
                children.setdefault(id(parent), []).append(n)

        def own_ranges(a: int, b: int, kids: list[ClauseNode]) -> list[tuple[int, int]]:
            out, pos = [], a
            for k in kids:
                if k.start > pos:
                    out.append((pos, k.start))
                pos = max(pos, k.end)
            if pos < b:
                out.append((pos, b))
            return out

        def cut_blocked(ranges):
            res = []
            for a, b in ranges:
                pieces = [(a, b)]
                for x, y in blocked:
                    nxt = []
                    for p, q in pieces:
                        if y <= p or x >= q:
                            nxt.append((p, q))
                        else:
                            if p < x:
                                nxt.append((p, x))
                            if y < q:
                                nxt.append((y, q))
                    pieces = nxt
                res.extend(pieces)
            return res

        def walk(clause: str, ranges, kids: list[ClauseNode], inherited: list[_Subj], opening: bool) -> None:
            current = inherited
            handed_kids: list[_Subj] | None = None
            kid_i = 0
            for a, b in cut_blocked(ranges):
                # sub-clauses written before this range are visited in order
                while kid_i < len(kids) and kids[kid_i].start < a:
                    k = kids[kid_i]
                    walk(k.path, own_ranges(k.start, k.end, children.get(id(k), [])),
                         children.get(id(k), []), handed_kids or current, False)
                    kid_i += 1
                sents = _sentences(text, a, b)
                for i, (s, e) in enumerate(sents):
                    # a clause's first line without a verb over more text is its title ("1. Công tác chỉ đạo")
                    title = bool(clause) and i == 0 and (len(sents) > 1 or bool(kids)) and ranges and a == ranges[0][0]
                    current, handed = self.sentence(clause, s, e, current, intro_ok=True, title=title)
                    if handed is not None:
                        handed_kids = handed
                        current = inherited if opening else current
            while kid_i < len(kids):
                k = kids[kid_i]
                walk(k.path, own_ranges(k.start, k.end, children.get(id(k), [])),
                     children.get(id(k), []), handed_kids or ([] if opening else current), False)
                kid_i += 1

        walk("", own_ranges(body[0], body[1], roots), roots, [], True)
        return list(self.out.values())

    # ---- tables ---------------------------------------------------------------
    def _tables(self) -> None:
        text = self.text
        for t in self.an.tables:
            self.table_lines.append(t.span)
            carry: dict[str, tuple[int, int]] = {}
            for row in t.rows:
                cell = {k: row[i] for k, i in t.cols.items() if i < len(row)}
                filled = [c for c in row if c[1] > c[0]]
                if len(filled) <= 1 or all(not (k in cell and cell[k][1] > cell[k][0]) for k in ("lead", "support", "task")
                                           ) or (len(filled) <= 2 and "number" in cell and cell["number"][1] > cell["number"][0]
                                                 and not any(k in cell and cell[k][1] > cell[k][0] for k in ("lead", "support"))):
                    carry = {}  # a group heading row ("I | CẢI CÁCH THỂ CHẾ")
                    continue
                for k in ("lead", "support", "deadline", "task"):
                    if k in cell and cell[k][1] > cell[k][0]:
                        carry[k] = cell[k]
                    elif k in carry:
                        cell[k] = carry[k]
                task = cell.get("task") or max(row, key=lambda c: c[1] - c[0])
                clause = self.doc.segments.clause_path(row[0][0]) if self.doc.segments else ""
                if "number" in cell:  # a numbered row inside a numbered section is its sub-clause: "III.2"
                    num = text[cell["number"][0]:cell["number"][1]].strip(" .*")
                    if clause and re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", num):
                        clause = f"{clause}.{num}"
                dl = self._cell_deadline(cell.get("deadline"))
                for role in ("lead", "support"):
                    c = cell.get(role)
                    if not c or c[1] <= c[0]:
                        continue
                    for m in ag.find_mentions(text, c[0], c[1]):
                        nm = self.name(m)
                        key = (clause + "#" + str(row[0][0]), fold_name(nm), role)
                        if key not in self.out:
                            self.out[key] = x = Assignment(clause=clause, agency=nm, role=role,
                                                           task=text[task[0]:task[1]], span=task, deadline=dl,
                                                           agency_span=(m.start, m.end))
                            rule = "lead:table-row" if role == "lead" else "support:table-col"
                            _why(x, rule + "+deadline:table-cell" if dl is not None else rule)

    def _cell_deadline(self, c: tuple[int, int] | None) -> str | None:
        if not c or c[1] <= c[0]:
            return None
        v = _deadline(self.doc, c[0], c[1], self.deadlines)
        if v:
            return v
        try:  # the deadlines extractor's parser, when it exposes one
            from vanban.extractors import deadlines as dl
            parse = getattr(dl, "parse", None)
            if parse:
                issued = getattr(self.doc.header, "issued_date", None)
                found = parse(self.text[c[0]:c[1]], issued)
                if found:
                    return found[0].value
        except Exception:  # a parser still being written must not break assignments
            return None
        return None


def _why(a: Assignment, rule: str) -> None:
    a.rule = rule
    a.confidence = ag.confidence("assignment", rule)


def extract(doc: Document) -> list[Assignment]:
    if doc.segments is None:
        from vanban.pipeline.segment import segment
        doc.segments = segment(doc.text)
    out = _Run(doc).run()
    out.sort(key=lambda a: (a.span[0], a.role != "lead"))
    # one record per (clause, agency, role); table rows may repeat a pair with other tasks
    seen, res = set(), []
    for a in out:
        k = (a.clause, fold_name(a.agency), a.role)
        if k not in seen:
            seen.add(k)
            res.append(a)
    return res
