"""The citation review of one document (for the Department of Justice, Sở Tư pháp).

Built from the stored record and the index only; returns plain data the template (and
`/api/review/...`) show:

* legal bases: references with relation "can_cu";
* every cited document: found in the index or not, issued date from the citation and from
  the indexed document, and errors: cited before it was issued, one number cited with two
  dates or types, the citation's date disagreeing with the indexed document's;
* malformed numbers: the number as written in the text vs its canonical form;
* anaphora ("Nghị quyết trên", "Quyết định này") and the key each resolved to.
"""
from __future__ import annotations

import re
from typing import Any

from vanban.text import fold

try:  # the index package owns key normalisation
    from vanban.index.base import canonical_key, key_fold
except ImportError:  # pragma: no cover - only before the index lands
    def key_fold(key: str | None) -> str:
        return re.sub(r"\s+", "", fold(key))

    def canonical_key(raw: str | None) -> str:
        return re.sub(r"\s+", "", raw or "")

SELF_KEY = "self"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(v: Any) -> str | None:
    """Comparable ISO date (YYYY-MM-DD); a bare year or YYYY-MM is padded to its first day."""
    if not v:
        return None
    s = str(v)
    if _ISO.match(s):
        return s
    m = re.match(r"^(\d{4})(?:-(\d{2}))?", s)
    if m:
        return f"{m.group(1)}-{m.group(2) or '01'}-01"
    return None


def raw_number(text: str, key: str) -> str | None:
    """The number `key` as actually written in `text` (spaces, case, hyphen variants allowed)."""
    if not text or not key:
        return None
    parts = []
    for ch in key:
        if ch.isspace():
            continue
        parts.append(r"[-‐‑–—]" if ch in "-‐‑–—" else re.escape(ch))
    if not parts:
        return None
    m = re.search(r"[ \t]*".join(parts), text, re.IGNORECASE)
    return m.group(0) if m else None


def _malformed(raw: str | None, canon: str) -> bool:
    return bool(raw) and raw != canon


def review(index: Any, record: dict[str, Any]) -> dict[str, Any]:
    doc_id = record["doc"]
    header = record.get("header") or {}
    text = record.get("text") or ""
    issued = _date(header.get("issued_date"))
    rec_refs = list(record.get("references") or [])
    idx_refs = index.refs(doc_id)
    if len(idx_refs) != len(rec_refs):  # different shapes: resolve by key instead of position
        by_key = {key_fold(r.get("key")): r.get("resolved") for r in idx_refs}
        resolved = [by_key.get(key_fold(r.get("key"))) for r in rec_refs]
    else:
        resolved = [r.get("resolved") for r in idx_refs]

    headers: dict[str, dict[str, Any]] = {}

    def indexed_header(d: str | None) -> dict[str, Any] | None:
        if not d:
            return None
        if d not in headers:
            rec = index.get_document(d)
            headers[d] = (rec or {}).get("header") or {}
        return headers[d]

    items: list[dict[str, Any]] = []
    own_kf = key_fold(header.get("number")) if header.get("number") else ""
    for r, res in zip(rec_refs, resolved):
        key = r.get("key") or ""
        # "Quyết định này", "Kế hoạch này": the document itself (key "self" or its own number)
        is_self = (bool(r.get("anaphor")) and key.strip().lower() == SELF_KEY) or res == doc_id \
            or bool(own_kf and key_fold(key) == own_kf)
        items.append({**r, "key": key, "kf": key_fold(key), "resolved": doc_id if is_self else res,
                      "self": is_self, "relation": r.get("relation") or "mention"})

    # one number cited with different dates / types
    groups: dict[str, list[dict[str, Any]]] = {}
    for it in items:
        if it["kf"] and not it["self"]:
            groups.setdefault(it["kf"], []).append(it)
    conflicts: list[dict[str, Any]] = []
    for kf, group in groups.items():
        # an anaphor ("Nghị quyết trên") carries the noun it was written with, not a citation of its own
        explicit = [g for g in group if not g.get("anaphor")]
        dates = sorted({g["issued_date"] for g in explicit if g.get("issued_date")})
        types = sorted({g["type"] for g in explicit if g.get("type")})
        if len(dates) > 1:
            conflicts.append({"key": group[0]["key"], "what": "date", "values": dates})
        if len(types) > 1:
            conflicts.append({"key": group[0]["key"], "what": "type", "values": types})
    conflict_keys = {(c["key"], c["what"]) for c in conflicts}

    cited: list[dict[str, Any]] = []
    for kf, group in groups.items():
        first = group[0]
        res = next((g["resolved"] for g in group if g["resolved"]), None)
        ih = indexed_header(res) if res and res != doc_id else None
        cite_dates = sorted({g["issued_date"] for g in group if g.get("issued_date")})
        idx_date = (ih or {}).get("issued_date")
        errors: list[str] = []
        warnings: list[str] = []
        if issued:
            for d in cite_dates + ([idx_date] if idx_date else []):
                dd = _date(d)
                if dd and issued < dd:
                    errors.append(f"trích dẫn văn bản ban hành sau ({d}) ngày ban hành của văn bản này ({header.get('issued_date')})")
                    break
        if (first["key"], "date") in conflict_keys:
            errors.append("cùng số hiệu được trích dẫn với các ngày khác nhau: " + ", ".join(cite_dates))
        if (first["key"], "type") in conflict_keys:
            errors.append("cùng số hiệu được trích dẫn với các loại văn bản khác nhau: "
                          + ", ".join(sorted({g['type'] for g in group if g.get('type') and not g.get('anaphor')})))
        if idx_date and cite_dates and any(_date(d) != _date(idx_date) for d in cite_dates):
            warnings.append(f"ngày trích dẫn khác ngày ban hành trong chỉ mục ({idx_date})")
        raws = []
        for g in group:
            raw = raw_number(g.get("text") or "", g["key"])
            if raw and raw not in raws:
                raws.append(raw)
        canon = canonical_key(first["key"]) or first["key"]
        cited.append({
            "key": first["key"], "canonical": canon, "type": first.get("type"), "issuer": first.get("issuer"),
            "relations": sorted({g["relation"] for g in group}), "count": len(group),
            "clauses": sorted({g.get("clause") or "" for g in group} - {""}),
            "found": res, "cited_dates": cite_dates, "indexed_date": idx_date,
            "indexed_title": (ih or {}).get("title"), "raw": raws,
            "errors": errors, "warnings": warnings,
        })

    bases = [it for it in items if it["relation"] == "can_cu"]

    malformed: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    own = header.get("number")
    if own:
        raw = raw_number(text[:4000], own)
        canon = canonical_key(own) or own
        if _malformed(raw, canon):
            malformed.append({"where": "số hiệu văn bản này", "raw": raw, "canonical": canon})
            seen.add((raw or "", canon))
    for it in items:
        if it["self"] or not it["key"]:
            continue
        raw = raw_number(it.get("text") or "", it["key"])
        canon = canonical_key(it["key"]) or it["key"]
        if _malformed(raw, canon) and (raw, canon) not in seen:
            seen.add((raw or "", canon))
            malformed.append({"where": it.get("clause") or "", "raw": raw, "canonical": canon,
                              "text": it.get("text")})

    anaphora = [{"text": it.get("text"), "key": it["key"], "self": it["self"], "resolved": it["resolved"],
                 "clause": it.get("clause"), "relation": it["relation"]}
                for it in items if it.get("anaphor")]

    n_errors = sum(len(c["errors"]) for c in cited)
    return {"doc": doc_id, "header": header, "bases": bases, "cited": cited, "conflicts": conflicts,
            "malformed": malformed, "anaphora": anaphora,
            "summary": {"references": len(items), "cited": len(cited),
                        "found": sum(1 for c in cited if c["found"]),
                        "errors": n_errors, "malformed": len(malformed), "anaphora": len(anaphora)}}
