"""One module per kind of fact.  Each exposes `extract(doc) -> list[record]` (header: one record).

The order in `ORDER` is the order they run in: later extractors read earlier facts
from `doc.facts` (assignments need agencies and deadlines; anaphora need the header).
"""
from __future__ import annotations

ORDER = ("header", "references", "deadlines", "agencies", "assignments", "targets")
