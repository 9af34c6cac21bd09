"""Run the extractors over one document and serialise the result in the gold schema."""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from vanban.extractors import ORDER
from vanban.pipeline.document import Document
from vanban.pipeline.segment import segment
from vanban.schema import Header


def analyse(text: str, doc_id: str = "doc", source: str | None = None, meta: dict[str, Any] | None = None) -> Document:
    """Segment and extract every fact from already-normalised text."""
    doc = Document(doc_id=doc_id, text=text, source=source, meta=dict(meta or {}))
    doc.segments = segment(text)
    for name in ORDER:
        mod = importlib.import_module(f"vanban.extractors.{name}")
        out = mod.extract(doc)
        if name == "header":
            doc.header = out if isinstance(out, Header) else Header()
        else:
            doc.facts[name] = list(out)
    return doc


def to_json(doc: Document) -> dict[str, Any]:
    h = doc.header.to_dict()
    out: dict[str, Any] = {"doc": doc.doc_id, "source": doc.source, "header": h}
    for kind in ("references", "deadlines", "agencies", "assignments", "targets"):
        out[kind] = [r.to_dict() for r in doc.facts.get(kind, [])]
    out["clauses"] = [c.to_dict() for c in (doc.segments.clauses if doc.segments else [])]
    out["meta"] = doc.meta
    return out


def _main(argv: list[str]) -> int:
    # Developer shortcut: python -m vanban.pipeline.extract CORPUS_DIR OUT_DIR (plain UTF-8 text only).
    src, dst = Path(argv[0]), Path(argv[1])
    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(src.glob("*.txt")):  # noqa: the full ingest path is `vanban extract`
        from vanban.text import nfc
        text = nfc(f.read_text(encoding="utf-8-sig"))
        doc = analyse(text, doc_id=f.name, source=str(f))
        (dst / (f.stem + ".json")).write_text(json.dumps(to_json(doc), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


def extract_file(path: str | Path, *, doc_id: str | None = None, ocr: bool = True,
                 max_bytes: int | None = None) -> dict[str, Any]:
    """Ingest one file and extract its facts; the record the index stores (raises IngestError)."""
    from vanban.pipeline.ingest import load

    ing = load(path, ocr=ocr, max_bytes=max_bytes)
    meta = {"format": ing.format, "encoding": ing.encoding, "ocr": ing.ocr, "ocr_quality": ing.ocr_quality,
            "warnings": list(ing.warnings), "pages": ing.pages}
    doc = analyse(ing.text, doc_id=doc_id or Path(path).name, source=str(path), meta=meta)
    rec = to_json(doc)
    rec["text"] = doc.text
    rec["sha256"] = ing.sha256
    return rec
