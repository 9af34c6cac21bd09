"""The extractors as spaCy components, and displaCy rendering of a document's facts.

`make_nlp()` gives a `spacy.blank("vi")` pipeline (whitespace syllable tokenizer: pyvi is
not needed) whose components run the vanban extractors on the Doc's text and store their
results as span groups: `doc.spans["references"]`, `doc.spans["deadlines"]`, ... with the
record on each span (`span._.vanban`).  The Doc's `ents` get the non-overlapping union for
displaCy.  The plain pipeline (`vanban.pipeline.extract.analyse`) is what batch runs use;
this module is for users who compose vanban with their own spaCy components.
"""
from __future__ import annotations

from typing import Any

# displaCy colours per kind of fact (also used by the web app).
COLORS = {"REF": "#7aecec", "DEADLINE": "#feca74", "AGENCY": "#aa9cfc", "TASK": "#bfeeb7", "TARGET": "#ff9561"}
LABELS = {"references": "REF", "deadlines": "DEADLINE", "agencies": "AGENCY", "assignments": "TASK", "targets": "TARGET"}


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    if not Span.has_extension("vanban"):
        Span.set_extension("vanban", default=None)
    if not Doc.has_extension("vanban"):
        Doc.set_extension("vanban", default=None)

    if "vanban_analyse" in Language.factories:
        return

    @Language.component("vanban_analyse")
    def analyse_component(doc: Doc) -> Doc:
        from vanban.pipeline.extract import analyse

        doc._.vanban = analyse(doc.text, doc_id=doc.user_data.get("doc_id", "doc"))
        return doc

    def make_kind_component(kind: str) -> None:
        @Language.component(f"vanban_{kind}")
        def component(doc: Doc) -> Doc:
            # Usable alone (nlp.add_pipe("vanban_references")): analyse on first need.
            vb = doc._.vanban if doc._.vanban is not None else analyse_component(doc)._.vanban
            spans = []
            for rec in (vb.facts.get(kind, []) if vb is not None else []):
                for s, e in _record_spans(kind, rec):
                    sp = doc.char_span(s, e, label=LABELS[kind], alignment_mode="expand")
                    if sp is not None:
                        sp._.vanban = rec
                        spans.append(sp)
            doc.spans[kind] = spans
            return doc

    for kind in LABELS:
        make_kind_component(kind)

    @Language.component("vanban_ents")
    def ents_component(doc: Doc) -> Doc:
        from spacy.util import filter_spans

        allspans = [sp for kind in LABELS for sp in doc.spans.get(kind, [])]
        doc.ents = filter_spans(allspans)
        return doc


def _record_spans(kind: str, rec: Any) -> list[tuple[int, int]]:
    if kind == "agencies":
        return [tuple(m) for m in (rec.mentions or [rec.span])]
    if kind == "assignments":
        return [tuple(rec.agency_span)] if rec.agency_span else []
    return [tuple(rec.span)]


def register() -> None:
    """Make the components known to spaCy (`nlp.add_pipe("vanban_references")` after this)."""
    _register()


def make_nlp() -> Any:
    """A spaCy pipeline: blank Vietnamese + the vanban components."""
    import spacy

    _register()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vanban_analyse")
    for kind in LABELS:
        nlp.add_pipe(f"vanban_{kind}")
    nlp.add_pipe("vanban_ents")
    return nlp


def evidence_spans(kind: str, item: dict[str, Any]) -> list[tuple[int, int]]:
    """Where a stored fact shows in the text: every mention of an agency, the agency of an
    assignment, the span of anything else."""
    if kind == "agencies":
        spans = item.get("mentions") or [item.get("span")]
    elif kind == "assignments":
        spans = [item.get("agency_span")]
    else:
        spans = [item.get("span")]
    return [(int(sp[0]), int(sp[1])) for sp in spans if sp and len(sp) == 2 and sp[1] > sp[0]]


def entity_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Non-overlapping labelled spans of a stored record, in text order (longest first on ties)."""
    cands: list[tuple[int, int, str]] = []
    for kind, label in LABELS.items():
        for item in record.get(kind, []):
            cands.extend((s, e, label) for s, e in evidence_spans(kind, item))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[dict[str, Any]] = []
    end = -1
    for s, e, label in cands:
        if s >= end:
            out.append({"start": s, "end": e, "label": label})
            end = e
    return out


def render_html(record: dict[str, Any], page: bool = True) -> str:
    """displaCy's entity view of a stored document record."""
    from spacy import displacy

    data = {"text": record.get("text", ""), "ents": entity_spans(record),
            "title": (record.get("header") or {}).get("number") or record.get("doc")}
    return displacy.render(data, style="ent", manual=True, page=page,
                           options={"colors": COLORS, "ents": list(COLORS)})
