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
    # lookup tables of clause_at and line_at, built on first use: (the list read, its length)
    # they were built from, and the tables
    _clause_src: tuple[list[ClauseNode], int] | None = field(default=None, init=False, repr=False, compare=False)
    _bounds: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _clause_in: dict[int, ClauseNode | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _line_src: tuple[list[Span], int] | None = field(default=None, init=False, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def is_excluded(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.excluded)

    def clause_at(self, pos: int) -> ClauseNode | None:
        """The deepest clause containing `pos` (of equal depths, the later)."""
        # The clauses containing a position change only where a clause starts or ends: the
        # answer is worked out once per stretch between such bounds (extractors ask for
        # thousands of positions, a document has a few dozen clauses).  The tree is fixed once
        # segmented; a clause list replaced or grown is noticed and read afresh.
        src = self._clause_src
        if src is None or src[0] is not self.clauses or src[1] != len(self.clauses):
            self._clause_src = (self.clauses, len(self.clauses))
            self._bounds = sorted({c.start for c in self.clauses} | {c.end for c in self.clauses})
            self._clause_in = {}
        i = bisect.bisect_right(self._bounds, pos)
        try:
            return self._clause_in[i]
        except KeyError:
            pass
        best: ClauseNode | None = None
        for c in self.clauses:
            if c.start > pos:
                break
            if c.start <= pos < c.end and (best is None or c.level >= best.level):
                best = c
        self._clause_in[i] = best
        return best

    def clause_path(self, pos: int) -> str:
        c = self.clause_at(pos)
        return c.path if c else ""

    def line_at(self, pos: int) -> Span | None:
        src = self._line_src
        if src is None or src[0] is not self.lines or src[1] != len(self.lines):
            self._line_src = (self.lines, len(self.lines))
            self._line_starts = [s for s, _ in self.lines]
        i = bisect.bisect_right(self._line_starts, pos) - 1
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
