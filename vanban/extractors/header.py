"""header extractor (placeholder until implemented)."""
from __future__ import annotations

from vanban.pipeline.document import Document
from vanban.schema import Header


def extract(doc: Document) -> Header:
    return Header()
