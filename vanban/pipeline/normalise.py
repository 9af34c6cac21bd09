"""Normalise extracted text into the stored text every span points into.

What normalise() does, line by line (it never joins or splits lines, so the
segmenter's line structure survives):

* line breaks: CRLF, CR and the other Unicode line breaks (VT, FF, NEL, U+2028,
  U+2029, FS/GS/RS -- exactly what ``str.splitlines`` splits on) become ``\\n``;
* NFC (Windows-1258 and PDF text arrive with combining tone marks);
* NBSP and the other Unicode space characters become a plain space; zero-width
  characters, soft hyphens, BOMs, noncharacters and control characters other than
  TAB are removed; trailing whitespace is stripped;
* tone-mark placement: old-style words ("hoà", "thuý", "khoẻ", "uỷ") become
  new-style ("hòa", "thúy", "khỏe", "ủy").  Only the word itself changes.  The
  table is underthesea's ``text_normalize`` token table (tn_rules_2023_07_14),
  restricted to entries that only *move* a single tone mark, shipped as
  ``data/tone_placement.json`` (regenerate with ``python -m
  vanban.pipeline.normalise --regen-tone-table``), plus one rule for the open
  syllables with glide o/u the table misses ("loà" -> "lòa").  underthesea's own
  ``text_normalize`` is not called: it re-tokenises and re-joins the text with
  single spaces, destroying offsets and newlines, and it also applies spelling
  corrections we do not want in legal text;
* ð/Ð (eth, left by old fonts for đ/Đ) become đ/Đ (underthesea's character map);
* web junk lines ("Đang tải nội dung, vui lòng chờ giây lát...", "Hệ thống pháp
  luật" banners at the top) are dropped -- patterns are data, see
  ``data/junk_lines.toml``;
* blank lines: leading and trailing ones are dropped and runs of more than two
  are collapsed to two; the result ends with exactly one ``\\n`` (or is "").

Markdown ``**`` markers are kept: the extractors handle them.

``Normaliser`` is the streaming form (``feed(line)`` -> output lines); ingest uses
it to normalise huge files line by line and ``normalise(text)`` is defined as
running it over ``text.splitlines()``, so both give identical output.
normalise() is idempotent.
"""
from __future__ import annotations

import json
import re
import sys
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

__all__ = ["normalise", "Normaliser", "fix_tone_placement", "JUNK_PATTERNS"]

_DATA = Path(__file__).with_name("data")
MAX_BLANK_RUN = 2

# ---------------------------------------------------------------------------
# characters

# Unicode space separators other than ' ' (Zs) plus a few format spaces -> ' '.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Removed outright: zero-width chars, soft hyphen, BOM, word joiner, bidi marks,
# PDFium's U+FFFE/U+FFFF, C0 controls except TAB, DEL and C1 controls.
_DROP = (
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufffe\uffff"
    + "".join(chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e")
    + "\x7f" + "".join(chr(c) for c in range(0x80, 0xa0) if c != 0x85)
)
_REPLACE = [(c, " ") for c in _SPACES] + [(c, "") for c in _DROP] + [("ð", "đ"), ("Ð", "Đ")]
_TRANSLATE = {ord(c): " " for c in _SPACES}
_TRANSLATE.update({ord(c): None for c in _DROP})
_TRANSLATE.update({ord("ð"): "đ", ord("Ð"): "Đ"})
_NEEDS_TRANSLATE = re.compile("[" + re.escape(_SPACES + _DROP) + "ðÐ]")



def _translate(text: str) -> str:
    # str.replace per character present: many times faster than str.translate
    # with a dict on long non-ASCII strings.
    for c, r in _REPLACE:
        if c in text:
            text = text.replace(c, r)
    return text


# ---------------------------------------------------------------------------
# tone-mark placement

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_VOWELS = "aăâeêioôơuưy"


def _strip_tones(w: str) -> tuple[str, list[str]]:
    d = unicodedata.normalize("NFD", w)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES)), [c for c in d if c in _TONES]


def _vowel_runs(word: str) -> list[str]:
    runs, cur = [], ""
    for ch in word:
        if _strip_tones(ch.lower())[0] in _VOWELS:
            cur += ch
        else:
            if cur:
                runs.append(cur)
            cur = ""
    if cur:
        runs.append(cur)
    return runs


@lru_cache(maxsize=1)
def _tone_table() -> dict[str, str]:
    return json.loads((_DATA / "tone_placement.json").read_text(encoding="utf-8"))["map"]


@lru_cache(maxsize=1)
def _rule_clusters() -> tuple[str, ...]:
    """Old-style clusters of the open glide syllables: oà oá ... oè ... uỳ ..."""
    out = []
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            out.append(first + unicodedata.normalize("NFC", second + tone))
    return tuple(out)


_ONSET_RULE = re.compile(r"^(?:[bcdđghklmnprstvx]|ch|gh|gi|kh|ng|ngh|nh|ph|th|tr)?$")


def _rule_fix(word: str) -> str | None:
    low = word.lower()
    for cluster in _rule_clusters():
        if low.endswith(cluster):
            onset = low[: -len(cluster)]
            if not _ONSET_RULE.match(onset):
                return None
            base, tones = _strip_tones(cluster)
            fixed = unicodedata.normalize("NFC", base[0] + tones[0] + base[1])
            i = len(onset)
            out = list(word[:i])
            for src, dst in zip(word[i:], fixed):
                out.append(dst.upper() if src.isupper() else dst)
            return "".join(out)
    return None


_ATTACHED = ("", ",", ".", ";", ":", ")", "!", "?", "”", "\"", "…", "),", ").", ");")
_LEADING = ("", "(")
_EDGE_PUNCT = "(\"“'‘,.;:)!?”’…"
_ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
           "p", "ph", "r", "s", "t", "th", "tr", "v", "x")


@lru_cache(maxsize=1)
def _lookup() -> tuple[dict[str, str], frozenset[str]]:
    """(word → fixed word, whitespace tokens that contain such a word).

    The table plus every word the o/u-glide rule fixes (onsets × clusters × case)
    form one dict.  Tokens with common punctuation attached are precomputed so a
    line is screened with one C-level set intersection of ``line.split()``; the
    regex that replaces runs only on the rare line with a hit.  (Per-word regex
    scanning was 5-20x slower on this machine.)
    """
    fixes = dict(_tone_table())
    for onset in _ONSETS:
        for cluster in _rule_clusters():
            w = onset + cluster
            for v in {w, w.upper(), w[0].upper() + w[1:]}:
                if v not in fixes:
                    got = _rule_fix(v)
                    if got is not None and got != v:
                        fixes[v] = got
    tokens = {lead + w + tail for w in fixes for lead in _LEADING for tail in _ATTACHED}
    return fixes, frozenset(tokens)


def fix_tone_placement(text: str) -> str:
    """Old-style → new-style tone-mark placement, word by word (NFC input)."""
    if text.isascii():
        return text
    fixes, tokens = _lookup()
    hits = tokens.intersection(text.split())
    if not hits:
        return text
    edits: list[tuple[int, int, str]] = []
    n = len(text)
    for w in {h.strip(_EDGE_PUNCT) for h in hits}:
        fixed = fixes[w]
        i = text.find(w)
        while i != -1:
            j = i + len(w)
            if (i == 0 or not text[i - 1].isalpha()) and (j == n or not text[j].isalpha()):
                edits.append((i, j, fixed))
            i = text.find(w, j)
    if not edits:
        return text
    edits.sort()
    out, pos = [], 0
    for i, j, fixed in edits:
        if i < pos:
            continue
        out.append(text[pos:i])
        out.append(fixed)
        pos = j
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------
# junk lines


def _load_junk() -> list[tuple[re.Pattern[str], str]]:
    data = tomllib.loads((_DATA / "junk_lines.toml").read_text(encoding="utf-8"))
    return [(re.compile(p["regex"], re.IGNORECASE), p.get("where", "anywhere")) for p in data["pattern"]]


JUNK_PATTERNS: list[tuple[re.Pattern[str], str]] = _load_junk()
_JUNK_EDGE = " \t*_#"


def _junk_kind(line: str) -> str | None:
    core = line.strip(_JUNK_EDGE)
    if not core or len(core) > 80:
        return None
    for rx, where in JUNK_PATTERNS:
        if rx.fullmatch(core):
            return where
    return None


# ---------------------------------------------------------------------------
# the line pipeline


def normalise_line(line: str) -> str:
    """Everything normalise() does to one line's text (no line breaks inside)."""
    if not line.isascii():
        line = unicodedata.normalize("NFC", line)
        if _NEEDS_TRANSLATE.search(line):
            line = _translate(line)
            line = unicodedata.normalize("NFC", line)  # a dropped ZWJ can leave composable pairs
        line = fix_tone_placement(line)
    elif _NEEDS_TRANSLATE.search(line):
        line = _translate(line)
    return line.rstrip(" \t")


_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_RARE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_TRAILING_WS = re.compile(r"[ \t]+(?=\n|\Z)")
_BLANK_RUNS = re.compile("\n{%d,}" % (MAX_BLANK_RUN + 2))


def _junk_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    edge = "[ \\t*_#]*"
    anywhere = [rx.pattern for rx, where in JUNK_PATTERNS if where == "anywhere"]
    every = [rx.pattern for rx, _ in JUNK_PATTERNS]
    # literal "\n" first: the regex engine then only tries at line starts (the
    # caller prepends a "\n" for the first line); the line's own break stays.
    any_re = re.compile(rf"\n{edge}(?:{'|'.join(anywhere)}){edge}(?=\n)", re.I) if anywhere else re.compile(r"(?!x)x")
    top_re = re.compile(rf"(?:[ \t]*\n|{edge}(?:{'|'.join(every)}){edge}\n)+", re.I)
    return any_re, top_re


_JUNK_ANYWHERE, _JUNK_TOP = _junk_regexes()


class Normaliser:
    """Streaming normaliser.

    ``feed_block(text)`` takes text made of complete lines (each ending in a line
    break; only the last block of a document may end without one) and returns the
    normalised output for them; the state carried between blocks (still at the
    top of the document? blank lines pending?) makes the concatenated output equal
    to ``normalise(whole text)``.  ``feed(line)`` is the one-line form.
    """

    def __init__(self) -> None:
        self._at_top = True
        self._pending = 0  # blank lines seen after the last content line

    def feed_block(self, text: str) -> str:
        if not text:
            return ""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if any(c in text for c in _RARE_BREAKS):
            text = _BREAKS.sub("\n", text)
        if not text.endswith("\n"):
            text += "\n"
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
            if _NEEDS_TRANSLATE.search(text):
                text = unicodedata.normalize("NFC", _translate(text))
            text = fix_tone_placement(text)
        elif _NEEDS_TRANSLATE.search(text):
            text = _translate(text)
        if " \n" in text or "\t\n" in text:
            text = "\n".join([ln.rstrip(" \t") for ln in text.split("\n")])
        text = _JUNK_ANYWHERE.sub("", "\n" + text)[1:] if text else text
        if self._at_top:
            m = _JUNK_TOP.match(text)
            if m:
                text = text[m.end():]
            if not text:
                return ""
        body = text.lstrip("\n")
        lead = len(text) - len(body)
        if not body:
            self._pending += lead
            return ""
        stripped = body.rstrip("\n")
        trail = len(body) - len(stripped) - 1
        body = stripped + "\n"
        if "\n" * (MAX_BLANK_RUN + 2) in body:
            body = _BLANK_RUNS.sub("\n" * (MAX_BLANK_RUN + 1), body)
        prefix = "" if self._at_top else "\n" * min(self._pending + lead, MAX_BLANK_RUN)
        self._at_top = False
        self._pending = trail
        return prefix + body

    def feed(self, line: str) -> list[str]:
        """One input line → the finished output lines (without "\\n") it releases."""
        out = self.feed_block(line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") + "\n")
        return out[:-1].split("\n") if out else []

    def feed_many(self, lines: Iterable[str]) -> Iterator[str]:
        for ln in lines:
            yield from self.feed(ln)


def normalise(text: str) -> str:
    """NFC, tone-mark placement, junk-line removal, whitespace tidy; keeps lines."""
    return Normaliser().feed_block(text)


def normalise_by_lines(text: str) -> str:
    """Reference implementation, one line at a time (tests check both agree)."""
    at_top, blanks, out = True, 0, []
    for line in text.splitlines():
        line = normalise_line(line)
        if not line:
            blanks += 0 if at_top else 1
            continue
        kind = _junk_kind(line)
        if kind == "anywhere" or (kind == "top" and at_top):
            continue
        out.extend([""] * min(blanks, MAX_BLANK_RUN))
        out.append(line)
        blanks, at_top = 0, False
    return "\n".join(out) + "\n" if out else ""


# ---------------------------------------------------------------------------
# regenerating the tone table from underthesea (developer tool)


def _regen_tone_table() -> None:
    """Rebuild data/tone_placement.json from underthesea's text_normalize rules.

    Keeps only entries whose key and value have the same letters and the same
    single tone mark (i.e. the fix just moves the tone mark); drops spelling
    corrections ("nghành" -> "ngành") and double-tone repairs.
    """
    import joblib  # underthesea dependency
    import underthesea.pipeline.text_normalize as tn

    path = Path(tn.__file__).with_name("tn_rules_2023_07_14.bin")
    token_map = joblib.load(path)["token"]
    keep = {}
    for k, v in token_map.items():
        (kb, kt), (vb, vt) = _strip_tones(k), _strip_tones(v)
        if k != v and kb == vb and len(kt) == 1 and kt == vt:
            keep[k] = unicodedata.normalize("NFC", v)
    # The table has a few pairs in both directions ("lòa" <-> "loà"): drop entries
    # whose value is itself a key, or that the o/u-glide rule would undo.
    keep = {k: v for k, v in keep.items() if v not in keep and _rule_fix(v) is None}
    doc = {
        "source": "underthesea 9.x pipeline/text_normalize/tn_rules_2023_07_14.bin, 'token' map",
        "filter": "entries that only move a single tone mark (same letters, same tone); "
                  "no entry whose value is a key or is old-style by the o/u-glide rule",
        "map": dict(sorted(keep.items())),
    }
    (_DATA / "tone_placement.json").write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(keep)} entries")


if __name__ == "__main__":
    if sys.argv[1:] == ["--regen-tone-table"]:
        _regen_tone_table()
    else:
        sys.stdout.write(normalise(sys.stdin.read()))
