"""deadlines extractor (placeholder until implemented)."""
from __future__ import annotations

from vanban.pipeline.document import Document


def extract(doc: Document) -> list:
    return []
