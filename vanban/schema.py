"""Records the extractors produce, and the one JSON shape they serialise to.

The shape is the gold format of GUIDELINES.md plus a `span` [start, end) on every
item, pointing into the stored (normalised) text of the document.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

Span = tuple[int, int]


def _copy(v: Any) -> Any:
    """A field's value as JSON wants it: tuples (spans) become lists, containers are copied."""
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, list):
        return [list(x) if isinstance(x, tuple) else x for x in v]
    if isinstance(v, dict):
        return dict(v)
    return v


_SCALARS = frozenset((str, int, float, bool, type(None)))
_ASDICT: dict[type, Any] = {}


def asdict(record: Any) -> dict[str, Any]:
    """A record's fields as a dict (shallow: fields hold strings, numbers, spans and lists of
    them; `dataclasses.asdict` deep-copies and cost 15% of a batch run).

    One function per class, generated from its fields on first use (as `dataclasses` writes
    `__init__`): a loop over `dataclasses.fields` on each of the ~130 records of a document
    cost as much as the rest of serialising.  Scalars and spans (tuples) are handled inline."""
    f = _ASDICT.get(type(record))
    if f is None:
        body = ", ".join(f"{fl.name!r}: (v if (t := type(v := r.{fl.name})) in S else list(v) if t is tuple else c(v))"
                         for fl in fields(record))
        ns: dict[str, Any] = {}
        exec(f"def asdict(r):\n    return {{{body}}}", {"S": _SCALARS, "c": _copy}, ns)
        f = _ASDICT[type(record)] = ns["asdict"]
    return f(record)


@dataclass
class Header:
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    title: str | None = None
    # field name -> span of the evidence for that field
    spans: dict[str, Span] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["spans"] = {k: list(v) for k, v in self.spans.items()}
        return d


@dataclass
class Reference:
    text: str
    key: str
    span: Span
    type: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    anaphor: bool = False
    # how this document relates to the cited one: can_cu | thay_the | sua_doi | bai_bo |
    # huong_dan | trien_khai | mention
    relation: str = "mention"
    clause: str = ""

    # why: the rule that fired (a name from the extractor's data) and how sure it is (0..1)
    rule: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        if not self.anaphor:
            d.pop("anaphor")
        return d


@dataclass
class Deadline:
    text: str
    kind: str  # by | within | from | recurring | period
    value: str
    span: Span
    clause: str = ""

    # why: the rule that fired (a name from the extractor's data) and how sure it is (0..1)
    rule: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class Agency:
    name: str
    span: Span  # first mention
    aliases: list[str] = field(default_factory=list)
    collective: bool = False
    mentions: list[Span] = field(default_factory=list)

    # why: the rule that fired (a name from the extractor's data) and how sure it is (0..1)
    rule: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        d["mentions"] = [list(m) for m in self.mentions]
        return d


@dataclass
class Assignment:
    clause: str
    agency: str
    role: str  # lead | support
    task: str
    span: Span  # the task text
    deadline: str | None = None
    agency_span: Span | None = None

    # why: the rule that fired (a name from the extractor's data) and how sure it is (0..1)
    rule: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        d["agency_span"] = list(self.agency_span) if self.agency_span else None
        return d


@dataclass
class Target:
    text: str
    kind: str  # target | baseline
    comparator: str  # > >= < <= =
    value: float | int
    unit: str
    span: Span
    year: int | None = None
    total: float | int | None = None
    clause: str = ""

    # why: the rule that fired (a name from the extractor's data) and how sure it is (0..1)
    rule: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        if self.total is None:
            d.pop("total")
        return d


@dataclass
class ClauseNode:
    path: str  # "IV.2.a", "Điều 3", "" for the preamble
    label: str  # the marker as written: "IV.", "2.", "a)", "Điều 3."
    level: int
    start: int  # start of the marker line
    end: int  # end of the clause including its children
    heading: str  # first line of the clause, for display

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


FACT_KINDS = ("references", "deadlines", "agencies", "assignments", "targets")

# JSON schema of one extracted document (draft 2020-12), kept next to the records it describes.
SPAN_SCHEMA = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
_NULLABLE_STR = {"type": ["string", "null"]}
_WHY = {"rule": {"type": ["string", "null"]}, "confidence": {"type": ["number", "null"], "minimum": 0, "maximum": 1}}
DOCUMENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "vanban extracted document",
    "type": "object",
    "required": ["doc", "header", "references", "deadlines", "agencies", "assignments", "targets"],
    "properties": {
        "doc": {"type": "string"},
        "source": {"type": ["string", "null"]},
        "sha256": {"type": ["string", "null"]},
        "header": {
            "type": "object",
            "properties": {k: _NULLABLE_STR for k in ("number", "type", "issuer", "issued_date", "title")},
        },
        "references": {"type": "array", "items": {
            "type": "object", "required": ["text", "key", "span"],
            "properties": {"text": {"type": "string"}, "key": {"type": "string"}, "type": _NULLABLE_STR,
                           "issued_date": _NULLABLE_STR, "issuer": _NULLABLE_STR, "anaphor": {"type": "boolean"},
                           "relation": {"type": "string"}, "clause": {"type": "string"}, "span": SPAN_SCHEMA, **_WHY}}},
        "deadlines": {"type": "array", "items": {
            "type": "object", "required": ["text", "kind", "value", "span"],
            "properties": {"text": {"type": "string"},
                           "kind": {"enum": ["by", "within", "from", "recurring", "period"]},
                           "value": {"type": "string"}, "clause": {"type": "string"}, "span": SPAN_SCHEMA, **_WHY}}},
        "agencies": {"type": "array", "items": {
            "type": "object", "required": ["name", "aliases", "collective", "span"],
            "properties": {"name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
                           "collective": {"type": "boolean"}, "span": SPAN_SCHEMA,
                           "mentions": {"type": "array", "items": SPAN_SCHEMA}, **_WHY}}},
        "assignments": {"type": "array", "items": {
            "type": "object", "required": ["clause", "agency", "role", "task", "span"],
            "properties": {"clause": {"type": "string"}, "agency": {"type": "string"},
                           "role": {"enum": ["lead", "support"]}, "task": {"type": "string"},
                           "deadline": _NULLABLE_STR, "span": SPAN_SCHEMA,
                           "agency_span": {"anyOf": [SPAN_SCHEMA, {"type": "null"}]}, **_WHY}}},
        "targets": {"type": "array", "items": {
            "type": "object", "required": ["text", "kind", "comparator", "value", "unit", "span"],
            "properties": {"text": {"type": "string"}, "kind": {"enum": ["target", "baseline"]},
                           "comparator": {"enum": [">", ">=", "<", "<=", "="]}, "value": {"type": "number"},
                           "unit": {"type": "string"}, "year": {"type": ["integer", "null"]},
                           "total": {"type": ["number", "null"]}, "clause": {"type": "string"},
                           "span": SPAN_SCHEMA, **_WHY}}},
    },
}
