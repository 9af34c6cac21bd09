"""HTML fragments the templates embed as-is: everything here escapes its own text."""
from __future__ import annotations

import html
import re
from typing import Any, Callable

from markupsafe import Markup

from vanban.spacy_components import COLORS, LABELS, entity_spans, evidence_spans

LABEL_NAMES = {"REF": "Trích dẫn", "DEADLINE": "Thời hạn", "AGENCY": "Cơ quan", "TASK": "Giao nhiệm vụ",
               "TARGET": "Chỉ tiêu"}

def clause_anchor(path: Any) -> str:
    """The HTML id of a clause's anchor: "c-" + its path with spaces and punctuation as "_"."""
    return "c-" + re.sub(r"[^\w.\-]+", "_", str(path or "")).strip("_")


_MARK_SPLIT = re.compile(r"(<mark>|</mark>)", re.I)


def safe_snippet(snippet: str | None) -> Markup:
    """A backend snippet with only balanced <mark> tags kept; every other character escaped."""
    out: list[str] = []
    depth = 0
    for part in _MARK_SPLIT.split(snippet or ""):
        low = part.lower()
        if low == "<mark>":
            if depth == 0:
                out.append("<mark>")
                depth = 1
        elif low == "</mark>":
            if depth == 1:
                out.append("</mark>")
                depth = 0
        elif part:
            # unescape-then-escape: already-escaped text is unchanged, raw markup becomes text
            out.append(html.escape(html.unescape(part), quote=True))
    if depth:
        out.append("</mark>")
    # one highlight for adjacent matched words ("cải cách"), not one per word
    return Markup(re.sub(r"</mark>(\s+)<mark>", r"\1", "".join(out)))


def _fact_at(record: dict[str, Any]) -> dict[tuple[int, int, str], dict[str, Any]]:
    """(start, end, label) -> the fact that produced that span."""
    out: dict[tuple[int, int, str], dict[str, Any]] = {}
    for kind, label in LABELS.items():
        for item in record.get(kind) or []:
            for s, e in evidence_spans(kind, item):
                out.setdefault((s, e, label), item)
    return out


def _tooltip(label: str, item: dict[str, Any] | None) -> str:
    if not item:
        return LABEL_NAMES.get(label, label)
    keys = {"REF": ("key", "relation", "issued_date", "issuer"), "DEADLINE": ("kind", "value"),
            "AGENCY": ("name",), "TASK": ("agency", "role", "deadline", "task"),
            "TARGET": ("kind", "comparator", "value", "unit", "year")}.get(label, ())
    parts = [f"{k}: {item.get(k)}" for k in keys if item.get(k) not in (None, "", [])]
    return LABEL_NAMES.get(label, label) + (" — " + "; ".join(parts) if parts else "")


def highlighted_text(record: dict[str, Any], ref_href: Callable[[dict[str, Any]], str | None] | None = None) -> Markup:
    """The document text with every fact as a coloured <mark> (displaCy colours), clause anchors
    (`id="c-<path>"`) at clause starts, and references linked with `ref_href(reference)`."""
    text = record.get("text") or ""
    n = len(text)
    ents = [e for e in entity_spans(record) if 0 <= e["start"] < e["end"] <= n]
    facts = _fact_at(record)
    anchors: dict[int, list[str]] = {}
    for c in record.get("clauses") or []:
        s = c.get("start")
        if isinstance(s, int) and 0 <= s <= n and c.get("path"):
            anchors.setdefault(s, []).append(str(c["path"]))

    def anchor_html(lo: int, hi: int) -> str:
        return "".join(f'<span class="anchor" id="{html.escape(clause_anchor(p), quote=True)}"></span>'
                       for pos in sorted(a for a in anchors if lo <= a < hi) for p in anchors[pos])

    out: list[str] = []
    pos = 0

    def plain(lo: int, hi: int) -> None:
        # text, with the clause anchors that fall inside it
        cuts = sorted({lo, hi, *(a for a in anchors if lo <= a < hi)})
        for a, b in zip(cuts, cuts[1:]):
            out.append(anchor_html(a, a + 1))
            out.append(html.escape(text[a:b]))

    for e in ents:
        s, t, label = e["start"], e["end"], e["label"]
        plain(pos, s)
        item = facts.get((s, t, label))
        color = COLORS.get(label, "#ddd")
        inner = html.escape(text[s:t])
        mark = (f'<mark class="ent ent-{label.lower()}" style="background:{color}" '
                f'title="{html.escape(_tooltip(label, item), quote=True)}">{anchor_html(s, t)}{inner}'
                f'<span class="ent-label">{label}</span></mark>')
        href = ref_href(item) if (label == "REF" and item is not None and ref_href) else None
        out.append(f'<a class="ref-link" href="{html.escape(href, quote=True)}">{mark}</a>' if href else mark)
        pos = t
    plain(pos, n)
    return Markup("".join(out))


def clause_tree(clauses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat clause list (with levels) -> nested [{clause, children}] in text order."""
    roots: list[dict[str, Any]] = []
    stack: list[tuple[int, dict[str, Any]]] = []
    for c in sorted(clauses or [], key=lambda c: (c.get("start") or 0, c.get("level") or 0)):
        label = str(c.get("label") or c.get("path") or "")
        heading = str(c.get("heading") or "")
        if label and heading.startswith(label):
            heading = heading[len(label):]
        node = {"clause": c, "label": label, "heading": heading.lstrip(" .:-–)\t\n"), "children": []}
        lvl = int(c.get("level") or 1)
        while stack and stack[-1][0] >= lvl:
            stack.pop()
        (stack[-1][1]["children"] if stack else roots).append(node)
        stack.append((lvl, node))
    return roots
