"""Ingest: file → normalised Unicode text (the *stored* text every span points into).

``load(path)`` sniffs the bytes, checks them against the suffix, extracts the
text of the format, and runs it through ``normalise`` (line by line, streaming for
big text files).  Every failure is an ``IngestError`` with a short reason; nothing
is returned empty or as mojibake without saying so.

Formats
  .txt        encoding detected: BOM (UTF-8/16/32), UTF-16 without BOM (NUL
              pattern), strict UTF-8, else scored candidates Windows-1258 /
              TCVN3 / VNI / cp1252.  UTF-8 text that carries TCVN3, VNI or
              double-encoded UTF-8 mojibake is repaired (``warnings`` says so).
  .docx       python-docx; body paragraphs and tables in reading order, Word
              auto-numbering labels ("1.", "a)") rendered, tables as pipe rows.
  .pdf        per page: pypdfium2 text (fast path); pdfplumber when the page has
              ruled tables or two text columns; Tesseract OCR (vie) when the page
              has no text layer.  ``page_methods`` lists the choice per page.
  .html/.htm  lxml/BeautifulSoup; navigation, scripts, menus, loaders dropped;
              blocks as lines, tables as pipe rows.
  .doc        antiword (or LibreOffice headless); .doc files that are really
              DOCX or HTML are handled as such.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable

from vanban.pipeline import legacy_encodings as le
from vanban.pipeline.normalise import Normaliser, normalise

__all__ = ["IngestError", "Ingested", "load", "load_bytes", "SUPPORTED_SUFFIXES", "render_table"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".docx", ".pdf", ".html", ".htm", ".doc"})

_SAMPLE = 1 << 20  # bytes used to decide a text file's encoding
_CHUNK = 1 << 20  # streaming read size
_OCR_DPI = 300
_OCR_TIMEOUT = 300


class IngestError(Exception):
    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Ingested:
    path: str
    text: str  # normalised, stored text
    format: str  # "txt" | "docx" | "pdf" | "html" | "doc"
    encoding: str | None  # text formats: detected encoding ("utf-8", "utf-16", "cp1258", "tcvn3", "vni", ...)
    ocr: bool = False
    ocr_quality: float | None = None  # mean tesseract word confidence, 0..1
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
    sha256: str = ""  # of the raw file bytes
    page_methods: list[str] = field(default_factory=list)  # pdf: "pdfium" | "pdfplumber" | "ocr" per page


# ---------------------------------------------------------------------------
# entry points


def load(path: str | Path, *, ocr: bool = True, max_bytes: int | None = None) -> Ingested:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise IngestError(p, f"cannot read file: {e.strerror or e}") from None
    if p.is_dir():
        raise IngestError(p, "is a directory")
    _check_size(p, size, max_bytes)
    with open(p, "rb") as f:
        h = hashlib.sha256()
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
        f.seek(0)
        return _dispatch(str(p), p.name, f, size, h.hexdigest(), ocr=ocr)


def load_bytes(data: bytes, name: str, *, ocr: bool = True, max_bytes: int | None = None) -> Ingested:
    _check_size(name, len(data), max_bytes)
    return _dispatch(name, name, io.BytesIO(data), len(data), hashlib.sha256(data).hexdigest(), ocr=ocr)


def _check_size(where: str | Path, size: int, max_bytes: int | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise IngestError(where, f"file too large: {size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB")


# ---------------------------------------------------------------------------
# sniffing

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/Office Open XML"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (legacy Office)"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!", "RAR"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
]


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "PDF"
    for sig, what in _SIGNATURES:
        if head.startswith(sig):
            return what
    low = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html")) or (low.startswith(b"<") and b"<body" in head[:65536].lower()):
        return "HTML"
    return None


def _dispatch(where: str, name: str, f: IO[bytes], size: int, sha: str, *, ocr: bool) -> Ingested:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(where, f"unsupported file type {suffix or '(no suffix)'!r}")
    if size == 0:
        raise IngestError(where, "empty file")
    head = f.read(8192)
    f.seek(0)
    kind = _sniff(head)
    warnings: list[str] = []

    if suffix == ".pdf":
        if kind != "PDF":
            raise IngestError(where, f"not a PDF (%PDF header missing{_looks_like(kind)})")
        res = _load_pdf(where, f, size, ocr=ocr)
    elif suffix == ".docx":
        if kind == "OLE2 (legacy Office)":
            raise IngestError(where, "not a DOCX: OLE2 container (encrypted DOCX or legacy .doc)")
        if kind != "ZIP/Office Open XML":
            raise IngestError(where, f"not a DOCX (zip signature missing{_looks_like(kind)})")
        res = _load_docx(where, f)
    elif suffix == ".doc":
        if kind == "ZIP/Office Open XML":
            res = _load_docx(where, f)
            res.format = "doc"
            res.warnings.insert(0, ".doc file is really DOCX")
        elif kind == "HTML":
            res = _load_html(where, f.read())
            res.format = "doc"
            res.warnings.insert(0, ".doc file is really HTML")
        elif kind == "RTF":
            raise IngestError(where, "legacy .doc is really RTF: not supported")
        elif kind == "OLE2 (legacy Office)":
            res = _load_doc(where, f)
        else:
            raise IngestError(where, f"not a Word .doc (OLE2 signature missing{_looks_like(kind)})")
    elif suffix in (".html", ".htm"):
        if kind not in (None, "HTML"):
            raise IngestError(where, f"not an HTML document (binary: {kind})")
        res = _load_html(where, f.read())
    else:  # .txt
        if kind not in (None, "HTML"):
            raise IngestError(where, f"not a text document (binary: {kind})")
        res = _load_txt(where, f, size)
    res.sha256 = sha
    res.warnings = warnings + res.warnings
    if not res.text.strip():
        raise IngestError(where, "no text: document is empty after extraction")
    return res


def _looks_like(kind: str | None) -> str:
    return f"; looks like {kind}" if kind else ""


# ---------------------------------------------------------------------------
# plain text


@dataclass
class _Reading:
    label: str  # what Ingested.encoding reports
    decoder: Callable[[], Callable[[bytes, bool], str]]  # factory of incremental decode(chunk, final)
    repair: Callable[[str], str] | None = None  # per-line text repair (mojibake)
    note: str | None = None
    codec: str | None = None  # Python codec behind `decoder`, when it is one
    checked: bool = False  # the whole text was already found readable: no final mojibake check


def _codec_decoder(codec: str, errors: str = "strict") -> Callable[[], Callable[[bytes, bool], str]]:
    def make() -> Callable[[bytes, bool], str]:
        return codecs.getincrementaldecoder(codec)(errors=errors).decode

    make.codec = codec  # type: ignore[attr-defined]
    return make


def _charmap_decoder(fn: Callable[[bytes], str]) -> Callable[[], Callable[[bytes, bool], str]]:
    return lambda: (lambda data, final=False: fn(data))


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
]

_MOJIBAKE_FIXES: list[tuple[str, Callable[[str], str], str]] = [
    ("tcvn3", le.tcvn3_to_unicode, "repaired TCVN3 mojibake"),
    ("vni", le.vni_to_unicode, "repaired VNI mojibake"),
    ("utf-8", le.utf8_mojibake_to_unicode, "repaired double-encoded UTF-8 mojibake"),
]


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# control characters no text file holds (tab, LF, VT, FF, CR are fine) and the replacement character
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _binary_share(text: str) -> float:
    text = text[:65536]
    if not text:
        return 0.0
    # a C-level scan: a per-character Python loop cost ~2 ms per 10 KB file
    return len(_BINARY_CHARS.findall(text)) / len(text)


def _choose_reading(where: str, head: bytes, complete: bool) -> _Reading:
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            return _Reading(label, _codec_decoder(codec))

    # UTF-16 without BOM: ASCII characters leave NULs in every other byte.
    sample = head[:65536]
    if b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        ze, zo = even.count(0) / max(len(even), 1), odd.count(0) / max(len(odd), 1)
        for codec, ok in (("utf-16-le", zo > 0.2 and ze < 0.05), ("utf-16-be", ze > 0.2 and zo < 0.05)):
            if ok:
                try:
                    txt = codecs.getincrementaldecoder(codec)().decode(sample, False)
                except UnicodeDecodeError:
                    continue
                if _binary_share(txt) < 0.01:
                    return _Reading("utf-16", _codec_decoder(codec), note=f"UTF-16 without BOM ({codec[-2:].upper()})")
        raise IngestError(where, "not a text document (binary)")

    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, complete)
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _binary_share(text) > 0.01:
            raise IngestError(where, "not a text document (binary)")
        base, n = le.syllable_score(text)
        if n >= 5 and base < 0.9:
            best = max(((le.syllable_score(fix(text))[0], label, fix, note) for label, fix, note in _MOJIBAKE_FIXES),
                       key=lambda t: t[0])
            if best[0] >= 0.8 and best[0] - base >= 0.2:
                return _Reading(best[1], _codec_decoder("utf-8"), repair=best[2], note=best[3])
            if base < 0.5 and n >= 20:
                raise IngestError(where, f"mojibake: UTF-8 text is not readable Vietnamese in any known encoding "
                                         f"({base:.0%} valid syllables)")
        # the whole file, read as clean Vietnamese (or with too few words to tell): the score of the
        # normalised text cannot fall below the mojibake threshold, so _load_txt need not score it again
        return _Reading("utf-8", _codec_decoder("utf-8"), checked=complete and (base >= 0.9 or n < 5))

    # Not UTF-8: a legacy 8-bit encoding.  Decide by valid Vietnamese syllables.
    candidates: list[tuple[str, Callable[[bytes], str], Callable[[str], str] | None]] = [
        ("cp1258", lambda b: codecs.decode(b, "cp1258", errors="replace"), None),
        ("tcvn3", le.decode_tcvn3, None),
        ("vni", le.cp1252_lenient, le.vni_to_unicode),
        ("cp1252", le.cp1252_lenient, None),
    ]
    scored = []
    for rank, (label, dec, rep) in enumerate(candidates):
        txt = dec(sample)
        if rep:
            txt = rep(txt)
        txt = _nfc(txt)
        score, n = le.syllable_score(txt)
        scored.append((score, -rank, n, label, dec, rep, txt))
    score, _, n, label, dec, rep, txt = max(scored, key=lambda t: (t[0], t[1]))
    if _binary_share(txt) > 0.01:
        raise IngestError(where, "not a text document (binary)")
    if n >= 20 and score < 0.5:
        try:
            import charset_normalizer

            guess = charset_normalizer.from_bytes(sample).best()
        except Exception:  # pragma: no cover - defensive
            guess = None
        if guess is not None and guess.encoding and guess.encoding not in ("cp1258", "cp1252"):
            txt = str(guess)
            s2, n2 = le.syllable_score(txt)
            if s2 >= 0.8 or n2 < 20:
                return _Reading(guess.encoding, _codec_decoder(guess.encoding, "replace"),
                                note=f"encoding guessed by charset-normalizer: {guess.encoding}")
        raise IngestError(where, f"unknown legacy encoding: no reading gives Vietnamese text "
                                 f"(best {label}: {score:.0%} valid syllables)")
    note = None
    if label == "cp1252" and n:
        note = "not UTF-8 and not a Vietnamese legacy encoding: decoded as Windows-1252"
    dec_factory = _codec_decoder("cp1258", "replace") if label == "cp1258" else _charmap_decoder(dec)
    return _Reading(label, dec_factory, repair=rep, note=note)


def _split_block(buf: str, final: bool) -> tuple[str, str]:
    """(`buf` up to its last complete line, the unfinished rest).

    Cuts after the last "\\n"; a "\\r" or other break character after it stays in the
    rest (a CR may be the first half of a CRLF split across chunks).
    """
    if final:
        return buf, ""
    cut = buf.rfind("\n")
    if cut < 0:
        return "", buf
    return buf[: cut + 1], buf[cut + 1:]


def _load_txt(where: str, f: IO[bytes], size: int) -> Ingested:
    head = f.read(_SAMPLE)
    reading = _choose_reading(where, head, complete=len(head) >= size)
    reading.codec = getattr(reading.decoder, "codec", None)
    warnings = [reading.note] if reading.note else []
    decode = reading.decoder()
    repair = reading.repair
    norm = Normaliser()
    out: list[str] = []
    pending = ""
    consumed = 0
    chunk = head
    while True:
        nxt = f.read(_CHUNK) if chunk else b""
        final = not nxt
        try:
            s = decode(chunk, final)
        except UnicodeDecodeError as e:
            # the sample decoded cleanly but a later chunk does not: say so, keep going
            warnings.append(f"invalid {reading.label} bytes after offset {consumed + max(e.start, 0)}: "
                            "replaced with U+FFFD")
            decode = _codec_decoder(reading.codec or "utf-8", "replace")()
            s = decode(chunk, final)
        consumed += len(chunk)
        block, pending = _split_block(pending + s, final)
        if block:
            if repair is not None:
                block = repair(block)
            out.append(norm.feed_block(block))
        if final:
            break
        chunk = nxt
    text = "".join(out)
    if repair is None and not reading.checked and not text.isascii():
        # report (never silently return) text that still reads as mojibake
        score, n = le.syllable_score(text[:100_000])
        if n >= 20 and score < 0.5:
            warnings.append(f"text may be mojibake: only {score:.0%} of non-ASCII words are Vietnamese syllables")
    return Ingested(path=where, text=text, format="txt", encoding=reading.label, warnings=warnings)


# ---------------------------------------------------------------------------
# tables (shared by DOCX, HTML, PDF)


def _cell_text(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def render_table(rows: Iterable[Iterable[str | None]]) -> list[str]:
    """One line per row: ``| cell | cell |`` (cell whitespace/newlines → one space)."""
    out = []
    for row in rows:
        cells = [_cell_text(c) for c in row]
        if not cells:
            continue
        out.append("| " + " | ".join(cells) + " |")
    return out


_LAYOUT_CUE = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do|^\s*Số\s*:", re.IGNORECASE | re.MULTILINE)


def layout_header_lines(rows: list[list[list[str]]]) -> list[str] | None:
    """The header block of a Vietnamese document is usually a borderless two-column table
    (issuer | national motto; number | place and date).  It is not data: read it column by
    column, one line per paragraph, as the printed page reads — the way text files have it.
    `rows` holds, per row, per cell, the cell's paragraphs.  None when it is a data table."""
    if not rows or len(rows) > 4:
        return None
    ncols = max((len(r) for r in rows), default=0)
    if not 1 < ncols <= 3:
        return None
    flat = "\n".join(p for r in rows for c in r for p in c)
    if len(_LAYOUT_CUE.findall(flat)) < 2:
        return None
    out: list[str] = []
    for col in range(ncols):
        for r in rows:
            if col < len(r):
                out.extend(p.strip() for p in r[col] if p.strip())
    return out


def _with_table(lines: list[str], table_lines: list[str]) -> None:
    """Append a table to `lines` with a blank line before and after it."""
    if not table_lines:
        return
    if lines and lines[-1] != "":
        lines.append("")
    lines.extend(table_lines)
    lines.append("")


# ---------------------------------------------------------------------------
# DOCX


def _load_docx(where: str, f: IO[bytes]) -> Ingested:
    try:
        zf = zipfile.ZipFile(f)
        names = set(zf.namelist())
    except zipfile.BadZipFile as e:
        raise IngestError(where, f"corrupt DOCX (bad zip: {e})") from None
    if "word/document.xml" not in names:
        kind = "ODF document" if "content.xml" in names else "zip archive"
        raise IngestError(where, f"not a DOCX (no word/document.xml; {kind})")
    f.seek(0)
    try:
        import docx  # python-docx

        document = docx.Document(f)
    except Exception as e:  # lxml / KeyError / zip errors on damaged parts
        raise IngestError(where, f"corrupt DOCX ({type(e).__name__}: {e})") from None
    r = _DocxRenderer(document)
    lines = r.render()
    text = normalise("\n".join(lines))
    return Ingested(path=where, text=text, format="docx", encoding=None, warnings=r.warnings)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
            (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _fmt_num(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class _DocxRenderer:
    """Body paragraphs and tables in reading order (Word auto-numbering included)."""

    def __init__(self, document) -> None:  # noqa: ANN001
        self.doc = document
        self.warnings: list[str] = []
        self.levels: dict[str, dict[str, dict[str, str]]] = {}  # numId -> ilvl -> {fmt,text,start}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, str]] = {}
        try:
            self._read_numbering()
        except Exception:  # numbering part missing or odd: labels are a bonus
            self.levels = {}

    # -- numbering ---------------------------------------------------------
    def _read_numbering(self) -> None:
        part = self.doc.part.numbering_part
        root = part.element
        abstract: dict[str, dict[str, dict[str, str]]] = {}
        for an in root.findall(_w("abstractNum")):
            lv = {}
            for lvl in an.findall(_w("lvl")):
                def val(tag: str, default: str = "") -> str:
                    el = lvl.find(_w(tag))
                    return el.get(_w("val"), default) if el is not None else default
                lv[lvl.get(_w("ilvl"), "0")] = {"fmt": val("numFmt", "decimal"), "text": val("lvlText", ""),
                                                "start": val("start", "1")}
            abstract[an.get(_w("abstractNumId"))] = lv
        for num in root.findall(_w("num")):
            aid = num.find(_w("abstractNumId"))
            if aid is None:
                continue
            lv = {k: dict(v) for k, v in abstract.get(aid.get(_w("val")), {}).items()}
            for ov in num.findall(_w("lvlOverride")):
                so = ov.find(_w("startOverride"))
                if so is not None and ov.get(_w("ilvl")) in lv:
                    lv[ov.get(_w("ilvl"))]["start"] = so.get(_w("val"), "1")
            self.levels[num.get(_w("numId"))] = lv
        try:
            for st in self.doc.styles.element.findall(_w("style")):
                ppr = st.find(_w("pPr"))
                npr = ppr.find(_w("numPr")) if ppr is not None else None
                if npr is not None:
                    nid = npr.find(_w("numId"))
                    il = npr.find(_w("ilvl"))
                    if nid is not None:
                        self.style_num[st.get(_w("styleId"))] = (nid.get(_w("val")), il.get(_w("val")) if il is not None else "0")
        except Exception:
            pass

    def _label(self, p) -> str:  # noqa: ANN001
        if not self.levels:
            return ""
        ppr = p.find(_w("pPr"))
        num_id = ilvl = None
        if ppr is not None:
            npr = ppr.find(_w("numPr"))
            if npr is not None:
                nid, il = npr.find(_w("numId")), npr.find(_w("ilvl"))
                num_id = nid.get(_w("val")) if nid is not None else None
                ilvl = il.get(_w("val")) if il is not None else "0"
            if num_id is None:
                ps = ppr.find(_w("pStyle"))
                if ps is not None and ps.get(_w("val")) in self.style_num:
                    num_id, ilvl = self.style_num[ps.get(_w("val"))]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        lv = self.levels[num_id]
        level = int(ilvl or 0)
        if str(level) not in lv:
            return ""
        cnt = self.counters.setdefault(num_id, {})
        start = int(lv[str(level)].get("start") or 1)
        cnt[level] = cnt.get(level, start - 1) + 1
        for deeper in [k for k in cnt if k > level]:
            del cnt[deeper]
        spec = lv[str(level)]
        if spec["fmt"] == "bullet":
            return "-"
        text = spec["text"]

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            kspec = lv.get(str(k), {"fmt": "decimal", "start": "1"})
            n = cnt.get(k, int(kspec.get("start") or 1))
            return _fmt_num(n, kspec["fmt"] if k != level else spec["fmt"])

        return re.sub(r"%(\d)", sub, text).strip()

    # -- text --------------------------------------------------------------
    def _run_text(self, el) -> str:  # noqa: ANN001
        out: list[str] = []
        for node in el.iter():
            tag = node.tag
            if not isinstance(tag, str):
                continue
            if tag == _w("t"):
                if not self._skipped(node, el):
                    out.append(node.text or "")
            elif tag == _w("tab"):
                if not self._skipped(node, el) and node.getparent() is not None and node.getparent().tag == _w("r"):
                    out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                if not self._skipped(node, el):
                    out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
        return "".join(out)

    @staticmethod
    def _skipped(node, stop) -> bool:  # noqa: ANN001
        # text-box contents and compatibility fallbacks duplicate or float outside the flow
        anc = node.getparent()
        while anc is not None and anc is not stop:
            t = anc.tag
            if t in (_w("txbxContent"), f"{{{_MC}}}Fallback", _w("del")):
                return True
            anc = anc.getparent()
        return False

    def _para(self, p) -> str:  # noqa: ANN001
        label = self._label(p)
        text = self._run_text(p)
        return f"{label} {text}" if label and text.strip() else (label or text)

    def _cell(self, tc) -> str:  # noqa: ANN001
        return _cell_text(" ".join(self._cell_paras(tc)))

    def _cell_paras(self, tc) -> list[str]:  # noqa: ANN001
        return [self._para(child) for child in tc.iter(_w("p")) if not self._in_nested_textbox(child, tc)]

    @staticmethod
    def _in_nested_textbox(p, stop) -> bool:  # noqa: ANN001
        return _DocxRenderer._skipped(p, stop)

    def _table(self, tbl) -> list[str]:  # noqa: ANN001
        rows = []
        paras: list[list[list[str]]] = []
        for tr in tbl.findall(_w("tr")):
            cells: list[str] = []
            cell_paras: list[list[str]] = []
            tcs = []
            for child in tr:
                if child.tag == _w("tc"):
                    tcs.append(child)
                elif child.tag == _w("sdt"):
                    content = child.find(_w("sdtContent"))
                    if content is not None:
                        tcs.extend(content.findall(_w("tc")))
            for tc in tcs:
                tcpr = tc.find(_w("tcPr"))
                vmerge = hmerge = None
                if tcpr is not None:
                    vm = tcpr.find(_w("vMerge"))
                    if vm is not None:
                        vmerge = vm.get(_w("val"), "continue")
                    hm = tcpr.find(_w("hMerge"))
                    if hm is not None:
                        hmerge = hm.get(_w("val"), "continue")
                if hmerge == "continue":
                    continue  # legacy horizontal merge: the cell appears once
                cells.append("" if vmerge == "continue" else self._cell(tc))
                cell_paras.append([] if vmerge == "continue" else self._cell_paras(tc))
            rows.append(cells)
            paras.append(cell_paras)
        layout = layout_header_lines(paras)
        return layout if layout is not None else render_table(rows)

    def _block(self, el, lines: list[str]) -> None:  # noqa: ANN001
        tag = el.tag
        if tag == _w("p"):
            lines.append(self._para(el))
        elif tag == _w("tbl"):
            _with_table(lines, self._table(el))
        elif tag in (_w("sdt"), _w("customXml"), _w("ins")):
            content = el.find(_w("sdtContent")) if tag == _w("sdt") else el
            if content is not None:
                for child in content:
                    self._block(child, lines)

    def render(self) -> list[str]:
        lines: list[str] = []
        for child in self.doc.element.body.iterchildren():
            self._block(child, lines)
        return lines


# ---------------------------------------------------------------------------
# HTML

_HTML_DROP = {
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select", "option",
    "iframe", "svg", "canvas", "template", "menu", "input", "textarea", "label", "object", "embed", "head",
    "title", "meta", "link", "map", "audio", "video",
}
_HTML_BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
    "dd", "blockquote", "pre", "address", "center", "figure", "figcaption", "hr", "fieldset", "legend",
    "details", "summary", "body", "html", "caption",
}
_HTML_PARA = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
_HTML_JUNK_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|mainmenu|breadcrumbs?|sidebar|footer|banner|search|searchbox|"
    r"social|share|sharing|cookie|advert|ads|popup|modal|loader|loading|pagination)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HTML_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HTML_JUNK_LINES = re.compile(r"^(?:Tìm kiếm|Tìm kiếm nâng cao|Đăng nhập|Đăng ký|Trang chủ|In|Chia sẻ)$", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def _decode_html(where: str, data: bytes) -> tuple[str, str, list[str]]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), label, []
    m = _META_CHARSET.search(data[:65536])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name:
            try:
                return data.decode(name), codecs.lookup(name).name.replace("_", "-"), []
            except UnicodeDecodeError:
                pass  # the declaration lies: detect instead
    reading = _choose_reading(where, data[:_SAMPLE], complete=True)
    text = reading.decoder()(data, True)
    if reading.repair:
        text = reading.repair(text)
    return text, reading.label, [reading.note] if reading.note else []


class _HtmlText:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []

    def newline(self) -> None:
        if self.cur:
            s = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(self.cur)).strip()
            self.cur = []
            if s:
                self.lines.append(s)

    def blank(self) -> None:
        self.newline()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")


def _html_dropped(tag) -> bool:  # noqa: ANN001
    if tag.name in _HTML_DROP:
        return True
    attrs = tag.attrs or {}
    if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and _HTML_HIDDEN.search(style):
        return True
    if attrs.get("role") in ("navigation", "banner", "search", "menu", "menubar", "contentinfo"):
        return True
    ident = " ".join([attrs.get("id") or ""] + list(attrs.get("class") or []))
    return bool(ident.strip() and _HTML_JUNK_ATTR.search(ident))


def _html_walk(node, out: _HtmlText, pre: bool = False) -> None:  # noqa: ANN001
    from bs4 import NavigableString, Tag
    from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

    for child in node.children:
        if isinstance(child, NavigableString):
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction, CData)):
                continue
            s = str(child)
            if pre:
                parts = s.split("\n")
                for i, part in enumerate(parts):
                    if i:
                        out.newline()
                    out.cur.append(part)
            else:
                out.cur.append(s)
            continue
        if not isinstance(child, Tag) or _html_dropped(child):
            continue
        name = child.name
        if name == "br":
            out.newline()
        elif name == "table":
            out.blank()
            _with_table(out.lines, _html_table(child))
        elif name in _HTML_BLOCK:
            out.newline()
            _html_walk(child, out, pre or name == "pre")
            if name in _HTML_PARA:
                out.blank()
            else:
                out.newline()
        elif name in ("td", "th", "tr"):  # stray cells outside a table
            out.newline()
            _html_walk(child, out, pre)
            out.newline()
        else:
            _html_walk(child, out, pre)


def _html_cell_text(cell) -> str:  # noqa: ANN001
    sub = _HtmlText()
    _html_walk(cell, sub)
    sub.newline()
    return _cell_text(" ".join(line for line in sub.lines if line))


def _html_table(table) -> list[str]:  # noqa: ANN001
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        rows.append([c for c in tr.find_all(["td", "th"], recursive=False) if not _html_dropped(c)])
    grid: list[list[str]] = []
    carry: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for cells in rows:
        line: list[str] = []
        col = 0
        queue = list(cells)
        while queue or any(c >= col and n > 0 for c, n in carry.items()):
            if carry.get(col, 0) > 0:
                line.append("")  # vertically merged continuation
                carry[col] -= 1
                col += 1
                continue
            if not queue:
                col += 1
                if col > 200:
                    break
                continue
            cell = queue.pop(0)
            line.append(_html_cell_text(cell))
            try:
                span = max(1, min(int(cell.get("colspan", 1)), 100))
            except ValueError:
                span = 1
            try:
                rspan = max(1, min(int(cell.get("rowspan", 1)), 1000))
            except ValueError:
                rspan = 1
            for c in range(col, col + span):
                if rspan > 1:
                    carry[c] = rspan - 1
            # a horizontally merged cell appears once, but later rowspans still track columns
            col += span
            if span > 1 and rspan > 1:
                for c in range(col - span + 1, col):
                    carry[c] = -(rspan - 1)  # covered, rendered by nothing
        grid.append(line)
        for c in list(carry):
            if carry[c] < 0:
                carry[c] += 1
        if not any(grid[-1]):
            grid.pop()
    layout = layout_header_lines([[[c] for c in row] for row in grid])
    return layout if layout is not None else render_table(grid)


def _load_html(where: str, data: bytes) -> Ingested:
    from bs4 import BeautifulSoup

    text, enc, warnings = _decode_html(where, data)
    if _binary_share(text[:65536]) > 0.01:
        raise IngestError(where, "not an HTML document (binary)")
    soup = BeautifulSoup(text, "lxml")
    root = soup.body or soup
    mains = [t for t in root.find_all(["main", "article"]) if len(t.get_text(strip=True)) >= 200]
    if len(mains) == 1:
        root = mains[0]
    out = _HtmlText()
    _html_walk(root, out)
    out.newline()
    lines = [ln for ln in out.lines if not _HTML_JUNK_LINES.match(ln.strip())]
    return Ingested(path=where, text=normalise("\n".join(lines)), format="html", encoding=enc, warnings=warnings)


# ---------------------------------------------------------------------------
# legacy .doc


def _load_doc(where: str, f: IO[bytes]) -> Ingested:
    antiword = shutil.which("antiword")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not antiword and not soffice:
        raise IngestError(where, "legacy .doc: antiword not installed")
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(f.read())
        if antiword:
            env = dict(os.environ)
            env.setdefault("ANTIWORDHOME", "/usr/share/antiword")
            try:
                cp = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", str(src)], capture_output=True,
                                    timeout=300, env=env)
            except subprocess.TimeoutExpired:
                raise IngestError(where, "legacy .doc: antiword timed out") from None
            err = cp.stderr.decode("utf-8", "replace").strip()
            if cp.returncode != 0 or not cp.stdout.strip():
                low = err.lower()
                if "encrypt" in low:
                    raise IngestError(where, "encrypted .doc")
                if "not a word document" in low or "is not" in low:
                    raise IngestError(where, f"not a Word .doc (antiword: {err.splitlines()[-1] if err else 'no output'})")
                if not soffice:
                    raise IngestError(where, f"legacy .doc: antiword failed ({err.splitlines()[-1] if err else 'no output'})")
            else:
                text = cp.stdout.decode("utf-8", errors="replace")
                return Ingested(path=where, text=normalise(_antiword_tables(text)), format="doc", encoding=None,
                                warnings=["legacy .doc converted with antiword"])
        assert soffice
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp,
                            str(src)], capture_output=True, timeout=600, check=False)
        except subprocess.TimeoutExpired:
            raise IngestError(where, "legacy .doc: LibreOffice timed out") from None
        out = Path(tmp) / "in.txt"
        if not out.exists():
            raise IngestError(where, "legacy .doc: LibreOffice could not convert it")
        text = out.read_bytes().decode("utf-8-sig", errors="replace")
        return Ingested(path=where, text=normalise(text), format="doc", encoding=None,
                        warnings=["legacy .doc converted with LibreOffice"])


def _antiword_tables(text: str) -> str:
    """antiword prints table rows as ``|cell|cell|``; respace them like our pipe rows."""
    out = []
    for line in text.splitlines():
        s = line.strip()
        if len(s) > 1 and s.startswith("|") and s.endswith("|"):
            out.append("| " + " | ".join(_cell_text(c) for c in s[1:-1].split("|")) + " |")
        else:
            out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# PDF


def _pdf_error(where: str, e: Exception) -> IngestError:
    code = getattr(e, "err_code", None)
    import pypdfium2.raw as pdfium_c

    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return IngestError(where, "encrypted PDF")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return IngestError(where, "encrypted PDF (unsupported security handler)")
    if code == pdfium_c.FPDF_ERR_FORMAT:
        return IngestError(where, "corrupt PDF (cannot parse document structure)")
    return IngestError(where, f"corrupt PDF ({e})")


def _load_pdf(where: str, f: IO[bytes], size: int, *, ocr: bool) -> Ingested:
    import pypdfium2 as pdfium

    f.seek(max(0, size - 4096))
    tail = f.read()
    f.seek(0)
    if b"%%EOF" not in tail:
        raise IngestError(where, "truncated PDF (no %%EOF marker at the end)")
    data = f.read()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == 4:
            try:
                pdf = pdfium.PdfDocument(data, password="")
            except pdfium.PdfiumError as e2:
                raise _pdf_error(where, e2) from None
        else:
            raise _pdf_error(where, e) from None
    warnings: list[str] = []
    methods: list[str] = []
    confs: list[float] = []
    lines: list[str] = []
    plumber = None
    try:
        n = len(pdf)
        if n == 0:
            raise IngestError(where, "corrupt PDF (no pages)")
        for i in range(n):
            try:
                page = pdf[i]
            except pdfium.PdfiumError as e:
                raise IngestError(where, f"corrupt PDF (page {i + 1} cannot be read: {e})") from None
            try:
                text, reason = _pdfium_page(page)
                if reason is not None:
                    if plumber is None:
                        import pdfplumber

                        try:
                            plumber = pdfplumber.open(io.BytesIO(data), password="")
                        except Exception as e:  # pdfminer raises its own zoo
                            raise IngestError(where, f"corrupt PDF (pdfplumber: {type(e).__name__})") from None
                    ptext = _plumber_page(plumber.pages[i], reason)
                    if ptext is not None:
                        text = ptext
                        methods.append("pdfplumber")
                        warnings.append(f"pdf page {i + 1}: pdfplumber used ({reason})")
                    else:
                        methods.append("pdfium")
                elif not text.strip() and _page_has_images(page):
                    if not ocr:
                        raise IngestError(where, "needs OCR: no text layer (OCR disabled)")
                    text, conf = _ocr_page(where, page)
                    confs.append(conf)
                    methods.append("ocr")
                    warnings.append(f"pdf page {i + 1}: OCR (tesseract vie, confidence {conf:.2f})")
                else:
                    methods.append("pdfium")
            finally:
                page.close()
            if lines:
                lines.append("")
            lines.extend(text.splitlines())
    finally:
        pdf.close()
        if plumber is not None:
            plumber.close()
    text = normalise("\n".join(lines))
    if not text.strip():
        raise IngestError(where, "no text: PDF has no text layer and no images")
    return Ingested(path=where, text=text, format="pdf", encoding=None, ocr=bool(confs),
                    ocr_quality=(sum(confs) / len(confs)) if confs else None, warnings=warnings, pages=n,
                    page_methods=methods)


def _page_has_images(page) -> bool:  # noqa: ANN001
    import pypdfium2.raw as pdfium_c

    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        return True
    return False


def _pdfium_page(page) -> tuple[str, str | None]:  # noqa: ANN001
    """Page text by PDFium, and why pdfplumber should do it instead (or None)."""
    import pypdfium2.raw as pdfium_c

    tp = page.get_textpage()
    try:
        text = tp.get_text_range()
        if not text.strip():
            return text, None
        width = page.get_width()
        n_paths = 0
        for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
            n_paths += 1
            if n_paths >= 4:
                break
        if n_paths >= 4:
            return text, "table"
        if _two_columns(tp, width):
            return text, "two columns"
        return text, None
    finally:
        tp.close()


def _two_columns(tp, width: float) -> bool:  # noqa: ANN001
    """Text runs split by an empty vertical gutter in the middle third of the page."""
    n = tp.count_rects()
    if n < 12:
        return False
    rects = [tp.get_rect(i) for i in range(n)]  # (left, bottom, right, top)
    bins = 60
    cover = [0] * bins
    for left, _b, right, _t in rects:
        a = max(0, int(left / width * bins))
        b = min(bins - 1, int(right / width * bins))
        for k in range(a, b + 1):
            cover[k] += 1
    mid = range(bins // 3, 2 * bins // 3)
    gutter = [k for k in mid if cover[k] <= n * 0.03]
    if not gutter:
        return False
    g = (gutter[0] + gutter[-1]) / 2 / bins * width
    left_n = sum(1 for r in rects if r[2] <= g)
    right_n = sum(1 for r in rects if r[0] >= g)
    return left_n >= n * 0.3 and right_n >= n * 0.3


def _plumber_page(page, reason: str) -> str | None:  # noqa: ANN001
    """Text of one page with pdfplumber: ruled tables as pipe rows, columns in order.

    None when pdfplumber finds no table after all (the lines were rules or
    underlines): PDFium's text, in content order, is better for such pages --
    pdfplumber would merge the two header blocks into shared lines.
    """
    if reason == "table":
        try:
            if not page.find_tables():
                return None
        except Exception:
            return None
    if reason == "two columns":
        w = page.width
        # gutter: the widest horizontal gap between chars around the middle
        best, gx = 0.0, w / 2
        occupied = sorted((c["x0"], c["x1"]) for c in page.chars)
        reach = 0.0
        for x0, x1 in occupied:
            if x0 > reach and w / 3 <= (x0 + reach) / 2 <= 2 * w / 3 and x0 - reach > best:
                best, gx = x0 - reach, (x0 + reach) / 2
            reach = max(reach, x1)
        parts = []
        for crop in (page.crop((0, 0, gx, page.height)), page.crop((gx, 0, w, page.height))):
            parts.append(_plumber_region(crop))
        return "\n\n".join(p for p in parts if p.strip())
    return _plumber_region(page)


def _plumber_region(page) -> str:  # noqa: ANN001
    try:
        tables = page.find_tables()
    except Exception:
        tables = []
    items: list[tuple[float, list[str]]] = []
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:  # noqa: ANN001
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in boxes)

    rest = page.filter(outside) if boxes else page
    for ln in rest.extract_text_lines(layout=False, strip=True, return_chars=False):
        items.append((ln["top"], [ln["text"]]))
    for t in tables:
        items.append((t.bbox[1], ["\x00table"] + _plumber_table(t)))
    items.sort(key=lambda it: it[0])
    lines: list[str] = []
    for _top, chunk in items:
        if chunk and chunk[0] == "\x00table":
            _with_table(lines, chunk[1:])
        else:
            lines.extend(chunk)
    return "\n".join(lines)


def _plumber_table(t) -> list[str]:  # noqa: ANN001
    data = t.extract()
    rows = t.rows
    # column x-centres from any row where the column has a real cell
    ncols = max((len(r) for r in data), default=0)
    centres: list[float | None] = [None] * ncols
    for r in rows:
        for c, cell in enumerate(r.cells):
            if cell is not None and c < ncols and centres[c] is None:
                centres[c] = (cell[0] + cell[2]) / 2
    out = []
    for ri, row in enumerate(data):
        cells = rows[ri].cells if ri < len(rows) else [None] * len(row)
        line = []
        for c, val in enumerate(row):
            if cells[c] is not None:
                line.append(val or "")
                continue
            # merged: horizontal if a real cell to the left reaches over this column
            left = next((cells[k] for k in range(c - 1, -1, -1) if cells[k] is not None), None)
            cx = centres[c]
            if left is not None and cx is not None and left[2] > cx:
                continue  # horizontally merged: appears once
            line.append("")  # vertically merged continuation
        out.append(line)
    return render_table(out)


def _ocr_page(where: str, page) -> tuple[str, float]:  # noqa: ANN001
    exe = shutil.which("tesseract")
    if not exe:
        raise IngestError(where, "needs OCR: no text layer and tesseract not installed")
    langs = _tesseract_langs(exe)
    if "vie" not in langs:
        raise IngestError(where, "needs OCR: no text layer and tesseract Vietnamese model (vie) not installed")
    bitmap = page.render(scale=_OCR_DPI / 72, grayscale=True)
    img = bitmap.to_pil()
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        cp = subprocess.run([exe, "stdin", "stdout", "-l", "vie", "--psm", "3", "tsv"], input=buf.getvalue(),
                            capture_output=True, timeout=_OCR_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise IngestError(where, "OCR failed: tesseract timed out") from None
    if cp.returncode != 0:
        raise IngestError(where, f"OCR failed: tesseract exit {cp.returncode}: "
                                 f"{cp.stderr.decode('utf-8', 'replace').strip()[-200:]}")
    return _tsv_to_text(cp.stdout.decode("utf-8", errors="replace"))


_LANGS_CACHE: dict[str, set[str]] = {}


def _tesseract_langs(exe: str) -> set[str]:
    if exe not in _LANGS_CACHE:
        try:
            cp = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=60)
            out = (cp.stdout + cp.stderr).decode("utf-8", "replace").splitlines()
            _LANGS_CACHE[exe] = {ln.strip() for ln in out if ln.strip() and " " not in ln.strip()}
        except (OSError, subprocess.TimeoutExpired):
            _LANGS_CACHE[exe] = set()
    return _LANGS_CACHE[exe]


def _tsv_to_text(tsv: str) -> tuple[str, float]:
    lines: list[str] = []
    confs: list[float] = []
    cur_key = None
    cur_par = None
    words: list[str] = []
    rows = tsv.splitlines()
    for row in rows[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if conf < 0 or not word:
            continue
        key = (cols[2], cols[3], cols[4])
        par = cols[2]  # blank line between tesseract blocks only
        if key != cur_key:
            if words:
                lines.append(" ".join(words))
            if cur_par is not None and par != cur_par:
                lines.append("")
            words = []
            cur_key, cur_par = key, par
        words.append(word)
        confs.append(conf / 100.0)
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines), (sum(confs) / len(confs) if confs else 0.0)


