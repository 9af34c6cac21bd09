"""Stand-ins the benchmark installs ONLY when a pipeline module it needs is not there yet.

`vanban.pipeline.ingest` and `vanban.index.open_index` are being written concurrently; so
that every stage can still be timed, the bench substitutes a minimal file → text loader
(pypdfium2 / python-docx / UTF-8) and re-exports `vanban.index.base.open_index`.  Every
row that ran with a stand-in says so in its note; once the real modules land they are
used automatically and the notes disappear.
"""
from __future__ import annotations

import hashlib
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHIMMED: list[str] = []


def real_ingest_available() -> bool:
    try:
        import vanban.pipeline.ingest as m  # noqa: F401

        return hasattr(m, "load")
    except ImportError:
        return False


class IngestError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Ingested:
    text: str
    format: str
    encoding: str | None = None
    ocr: bool = False
    ocr_quality: float | None = None
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
    sha256: str = ""


def pdf_text_pdfium(path: str | Path) -> tuple[str, int]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return "\n".join(out), len(out)
    finally:
        pdf.close()


def pdf_text_plumber(path: str | Path) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    return "\n".join(pages), len(pages)


def docx_text(path: str | Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    out: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, d).text)
        elif tag == "tbl":
            for row in Table(child, d).rows:
                seen = []
                for c in row.cells:
                    if c.text not in seen:
                        seen.append(c.text)
                out.append("\n".join(seen))
    return "\n".join(out)


def load(path: str | Path, ocr: bool = True, max_bytes: int | None = None) -> Ingested:
    from vanban.pipeline.normalise import normalise

    p = Path(path)
    data = p.read_bytes()
    if max_bytes and len(data) > max_bytes:
        raise IngestError("file too large")
    sha = hashlib.sha256(data).hexdigest()
    suf = p.suffix.lower()
    pages = None
    if suf == ".pdf":
        text, pages = pdf_text_pdfium(p)
        fmt, enc = "pdf", None
    elif suf == ".docx":
        text, fmt, enc = docx_text(p), "docx", None
    elif suf == ".txt":
        text, fmt, enc = data.decode("utf-8-sig", errors="replace"), "txt", "utf-8"
    else:
        raise IngestError(f"unsupported file type '{suf}'")
    return Ingested(text=normalise(text), format=fmt, encoding=enc, pages=pages, sha256=sha)


def install() -> list[str]:
    """Install whatever stand-ins are needed; returns their names (also kept in SHIMMED)."""
    if not real_ingest_available():
        mod = types.ModuleType("vanban.pipeline.ingest")
        mod.__doc__ = "bench stand-in (bench/_shims.py)"
        mod.load = load  # type: ignore[attr-defined]
        mod.IngestError = IngestError  # type: ignore[attr-defined]
        mod.Ingested = Ingested  # type: ignore[attr-defined]
        mod.SUPPORTED_SUFFIXES = {".txt", ".pdf", ".docx"}  # type: ignore[attr-defined]
        sys.modules["vanban.pipeline.ingest"] = mod
        import vanban.pipeline

        vanban.pipeline.ingest = mod  # type: ignore[attr-defined]
        SHIMMED.append("ingest")
    import vanban.index

    if not hasattr(vanban.index, "open_index"):
        from vanban.index.base import open_index

        vanban.index.open_index = open_index  # type: ignore[attr-defined]
        SHIMMED.append("index.open_index")
    return list(SHIMMED)


def open_index_any(cfg: dict[str, Any]):
    try:
        from vanban.index import open_index
    except ImportError:
        from vanban.index.base import open_index
    return open_index(cfg)
