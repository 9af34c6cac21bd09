"""The in-memory document every extractor reads: stored text + segmentation + facts so far."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from vanban.schema import ClauseNode, Header, Span


@dataclass
class Segments:
    """Where the parts of a document lie in its text (all spans are [start, end))."""

    header: Span  # the two-column header block + type word + title
    body: Span  # from the end of the header to the end of the text
    excluded: list[Span] = field(default_factory=list)  # "Nơi nhận" lists, signature blocks
    clauses: list[ClauseNode] = field(default_factory=list)  # document order
    lines: list[Span] = field(default_factory=list)  # every line, document order

    def is_excluded(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.excluded)

    def clause_at(self, pos: int) -> ClauseNode | None:
        """The deepest clause containing `pos`."""
        best: ClauseNode | None = None
        for c in self.clauses:
            if c.start > pos:
                break
            if c.start <= pos < c.end and (best is None or c.level >= best.level):
                best = c
        return best

    def clause_path(self, pos: int) -> str:
        c = self.clause_at(pos)
        return c.path if c else ""

    def line_at(self, pos: int) -> Span | None:
        starts = [s for s, _ in self.lines]
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return None
        return self.lines[i]


@dataclass
class Document:
    doc_id: str  # file name, e.g. "002_a4eba6ad9f8c64ae.txt"
    text: str  # stored, normalised text; every span points into it
    source: str | None = None
    segments: Segments | None = None
    header: Header = field(default_factory=Header)
    facts: dict[str, list[Any]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)  # ingest notes: encoding, format, ocr, warnings

    def span_text(self, span: Span) -> str:
        return self.text[span[0]:span[1]]
