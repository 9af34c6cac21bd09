"""The index interface both backends implement, plus the logic they share.

Everything that decides *what* an answer is (key folding, agency matching, citation
walks, graph building, snippets) lives here so SQLite and Elasticsearch return the
same answers; the backends only differ in how they store and look rows up.
"""
from __future__ import annotations

import bisect
import html
import json
import operator
import re
from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Any, Iterable

from vanban.text import deadline_due, fold, fold_same_length, nfc

__all__ = [
    "IndexBackend", "open_index", "key_fold", "canonical_key", "query_tokens", "exact_tokens",
    "make_snippet", "flatten", "FACETS", "RELATIONS",
]

FACETS = ("type", "issuer", "year", "agency")
RELATIONS = ("can_cu", "thay_the", "sua_doi", "bai_bo", "huong_dan", "trien_khai", "mention")
FACET_SIZE = 50
_DOC_I = operator.itemgetter(0, 1)
SELF_KEY = "self"


# --- reference keys -------------------------------------------------------------------
# The references extractor owns key normalisation; until it exposes canonical_key/key_fold
# we fall back to: fold case + diacritics (đ→d) and drop whitespace, so "30c/NQ-CP",
# "30C/NQ-CP", "30c/nq-cp" and "30c/NQ- CP" all share one folded key.
def _fallback_key_fold(key: str | None) -> str:
    return re.sub(r"\s+", "", fold(key))


def _fallback_canonical_key(raw: str | None) -> str:
    return re.sub(r"\s+", "", nfc(raw or ""))


@lru_cache(maxsize=65536)
def key_fold(key: str | None) -> str:
    try:
        from vanban.extractors.references import key_fold as kf  # type: ignore[attr-defined]
    except ImportError:
        return _fallback_key_fold(key)
    return str(kf(key or ""))


def canonical_key(raw: str | None) -> str:
    try:
        from vanban.extractors.references import canonical_key as ck  # type: ignore[attr-defined]
    except ImportError:
        return _fallback_canonical_key(raw)
    return str(ck(raw or ""))


class _FoldTable(dict):
    """str.translate table that folds like vanban.text.fold_same_length, filled on demand."""

    def __missing__(self, code: int) -> str:
        self[code] = v = fold_same_length(chr(code))
        return v


_FOLD_TABLE = _FoldTable()
_WS_RE = re.compile(r"\s+")


class _WordFolds(dict):
    """word -> word.translate(_FOLD_TABLE), filled on demand: a document's words are mostly words
    already seen, and one dict lookup per word is cheaper than translating every character."""

    limit = 1 << 18  # distinct words kept (numbers and codes keep coming); then start afresh

    def __missing__(self, word: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        self[word] = v = word.translate(_FOLD_TABLE)
        return v


_WORD_FOLDS = _WordFolds()


def fast_fold(s: str | None) -> str:
    """fold() for long texts: same output, by whole words instead of a per-char join.
    (str.split() and re's \\s agree on what whitespace is, so split/join = sub + strip; and
    _FOLD_TABLE maps every character to one that is whitespace exactly when it is -- checked
    over all of Unicode -- so folding word by word = folding the text, then splitting it.)"""
    if not s:
        return ""
    return " ".join(map(_WORD_FOLDS.__getitem__, nfc(s).split()))


# flatten() folds the same agency names, aliases and deadline values over and over: pure
# functions of one short string, cached (same output as fold / deadline_due)
_fold_cached = lru_cache(maxsize=65536)(fold)
_due_cached = lru_cache(maxsize=65536)(deadline_due)


def _fold(s: Any) -> str:
    return _fold_cached(s) if s is None or isinstance(s, str) else fold(s)


def _due(v: Any) -> str | None:
    return _due_cached(v) if v is None or isinstance(v, str) else deadline_due(v)


# --- query text -----------------------------------------------------------------------
_TOKEN_RE = re.compile(r"[^\W_]+")


def query_tokens(query: str | None) -> list[str]:
    """Folded search tokens of user text; every other character is a separator."""
    return _TOKEN_RE.findall(fold(query))


def exact_tokens(query: str | None) -> list[str]:
    """Lower-cased tokens that keep their diacritics (for ranking exact matches higher)."""
    return _TOKEN_RE.findall(nfc(query or "").lower())


@lru_cache(maxsize=256)
def _wanted_re(tokens: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
    return re.compile(r"(?<![^\W_])(?:" + alts + r")(?![^\W_])")


def make_snippet(text: str, tokens: list[str], size: int = 200) -> str:
    """HTML snippet of `text` around the densest run of folded `tokens`, matches in <mark>."""
    if not text:
        return ""
    folded = text.translate(_FOLD_TABLE)  # = fold_same_length(text): same length, offsets carry over
    # the runs of _TOKEN_RE that equal a wanted token, found without visiting every token
    spans = [m.span() for m in _wanted_re(tuple(sorted(set(tokens)))).finditer(folded)] if tokens else []
    if not spans:
        return html.escape(text[:size].strip())
    best, best_n = spans[0][0], 0
    ends = [b for _, b in spans]  # matches do not overlap: starts and ends both increase
    for k, (s, _) in enumerate(spans):  # window starting at a match that covers the most matches
        n = bisect.bisect_right(ends, s + size, k) - k
        if n > best_n:
            best, best_n = s, n
    start = max(0, best - size // 4)
    ws = text.rfind(" ", 0, start)
    start = 0 if start == 0 or ws < 0 or best - ws > size // 2 else ws + 1
    end = min(len(text), start + size)
    out, pos = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(html.escape(text[pos:a]))
        out.append("<mark>" + html.escape(text[a:b]) + "</mark>")
        pos = b
    out.append(html.escape(text[pos:end]))
    return ("…" if start > 0 else "") + "".join(out).strip() + ("…" if end < len(text) else "")


# --- flattening a record into rows ---------------------------------------------------
def _year(date: str | None) -> str | None:
    return date[:4] if date and re.match(r"\d{4}", date) else None


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """Derived, backend-neutral rows for one document record."""
    doc = record["doc"]
    header = dict(record.get("header") or {})
    agencies = record.get("agencies") or []
    terms: dict[str, set[str]] = {}
    for a in agencies:
        name_f = _fold(a.get("name"))
        terms.setdefault(name_f, {name_f}).update(f for f in map(_fold, a.get("aliases") or []) if f)
    refs = []
    for i, r in enumerate(record.get("references") or []):
        is_self = bool(r.get("anaphor")) and (r.get("key") or "").strip().lower() == SELF_KEY
        refs.append({
            "i": i, "key": r.get("key") or "", "key_fold": key_fold(r.get("key")), "text": r.get("text") or "",
            "type": r.get("type"), "issued_date": r.get("issued_date"), "issuer": r.get("issuer"),
            "relation": r.get("relation") or "mention", "clause": r.get("clause") or "",
            "anaphor": bool(r.get("anaphor")), "self": is_self,
        })
    assignments = []
    for i, a in enumerate(record.get("assignments") or []):
        af = _fold(a.get("agency"))
        assignments.append({
            "i": i, "clause": a.get("clause") or "", "agency": a.get("agency") or "", "agency_fold": af,
            "terms": sorted(terms.get(af, set()) | {af}), "role": a.get("role") or "",
            "task": a.get("task") or "", "deadline": a.get("deadline"), "due": _due(a.get("deadline")),
        })
    return {
        "doc": doc, "header": header, "number": header.get("number"),
        "number_key": key_fold(header.get("number")) or None,
        "type": header.get("type"), "issuer": header.get("issuer"), "year": _year(header.get("issued_date")),
        "title": header.get("title") or "",
        "title_all": " ".join(str(header.get(k) or "") for k in ("number", "type", "title", "issuer")).strip(),
        "agency_names": sorted({a.get("name") for a in agencies if a.get("name")}),
        "refs": refs, "assignments": assignments,
        "counts": {k: len(record.get(k) or []) for k in
                   ("clauses", "references", "deadlines", "agencies", "assignments", "targets")},
    }


def stored_record(record: dict[str, Any]) -> str:
    """The record minus its text, as JSON (text is stored on its own)."""
    # (no circular-reference bookkeeping: a record is a tree; one that is not still fails, by recursion)
    return json.dumps({k: v for k, v in record.items() if k != "text"}, ensure_ascii=False, check_circular=False)


def agency_matches(query: str, agency_terms: Iterable[str]) -> bool:
    q = fold(query)
    return any(q in t for t in agency_terms)


# --- the interface ------------------------------------------------------------------
class IndexBackend(ABC):
    """Store and query extracted document records."""

    @abstractmethod
    def write_document(self, record: dict) -> None:
        """Insert or atomically replace the document with id record['doc']."""

    @abstractmethod
    def delete_document(self, doc_id: str) -> None: ...

    @abstractmethod
    def get_document(self, doc_id: str) -> dict | None: ...

    @abstractmethod
    def list_documents(self) -> list[dict]: ...

    @abstractmethod
    def search(self, query: str, *, filters: dict | None = None, limit: int = 20, offset: int = 0) -> dict: ...

    @abstractmethod
    def refs(self, doc_id: str) -> list[dict]: ...

    @abstractmethod
    def tasks(self, text: str | None = None, *, agency: str | None = None, role: str | None = None,
              due_before: str | None = None, overdue_as_of: str | None = None, limit: int = 100) -> list[dict]: ...

    @abstractmethod
    def stats(self) -> dict: ...

    @abstractmethod
    def close(self) -> None: ...

    # -- primitives the shared logic below is built on --
    @abstractmethod
    def _citing(self, key_folds: list[str], relation: str | None) -> list[dict]:
        """Non-self references whose key_fold is in key_folds:
        [{doc, header, key, key_fold, text, clause, relation, i}]."""

    @abstractmethod
    def _headers(self, doc_ids: list[str]) -> dict[str, dict]:
        """doc id -> {"header": ..., "number_key": ...} for the ids that are indexed."""

    @abstractmethod
    def _resolve(self, key_folds: list[str]) -> dict[str, str]:
        """folded key -> id of the indexed doc whose header number folds to it (smallest id)."""

    @abstractmethod
    def _all_edges(self) -> Iterable[dict]:
        """Every non-self reference: {doc, key, key_fold, type, issued_date, issuer, relation}."""

    # -- shared answers --
    def cites(self, key: str, *, relation: str | None = None, depth: int = 1, limit: int | None = None,
              offset: int = 0) -> list[dict]:
        """Documents citing `key` (any spelling), nearest first: the rows of cites_page, without the total."""
        return self.cites_page(key, relation=relation, depth=depth, limit=limit, offset=offset)["hits"]

    def cites_page(self, key: str, *, relation: str | None = None, depth: int = 1, limit: int | None = None,
                   offset: int = 0) -> dict:
        """{"total": every citing reference, "hits": rows offset .. offset+limit (all if limit is None)}.
        Rows are ordered by depth, then (doc, reference index); a document is reported at the depth
        it first cites, never for citing its own number.  (SqliteIndex runs this walk in SQL, so that a
        key cited by most of a large index is counted and paged without its rows coming to Python.)"""
        found: list[tuple] = []
        depths: list[int] = []  # where each depth's rows start in found
        seen_docs: set[str] = set()
        followed: set[str] = set()
        frontier = [k for k in {key_fold(key)} if k]
        for d in range(1, max(1, depth) + 1):
            if not frontier:
                break
            followed.update(frontier)
            rows = [(r["doc"], r["i"], r["key_fold"], r.get("number_key"), r) for r in self._citing(frontier, relation)]
            rows.sort(key=_DOC_I)
            depths.append(len(found))
            # skipped: documents reported at a lower depth, and a document citing its own number
            found += [r for r in rows if r[0] not in seen_docs and not (r[3] and r[3] == r[2])]
            if d < depth:  # what the next depth starts from
                level = found[depths[-1]:]
                seen_docs.update(r[0] for r in level)
                frontier = sorted({r[3] for r in level if r[3]} - followed)
        start = max(0, offset)
        end = len(found) if limit is None else start + max(0, limit)
        page = found[start:end]
        return {"total": len(found), "hits": [
            {"doc": r["doc"], "header": r["header"], "key": r["key"], "text": r["text"], "clause": r["clause"],
             "relation": r["relation"], "depth": bisect.bisect_right(depths, start + k)}
            for k, (*_, r) in enumerate(page)]}

    def find_number(self, key: str) -> dict | None:
        """The indexed document whose số ký hiệu is `key` (any spelling): {doc, header}, or None."""
        kf = key_fold(key)
        doc = self._resolve([kf]).get(kf) if kf else None
        return {"doc": doc, "header": self._headers([doc])[doc]["header"]} if doc else None

    def _resolve_refs(self, doc_id: str, rows: list[dict]) -> list[dict]:
        res = self._resolve(sorted({r["key_fold"] for r in rows if r["key_fold"] and not r["self"]}))
        return [{"key": r["key"], "text": r["text"], "type": r["type"], "issued_date": r["issued_date"],
                 "issuer": r["issuer"], "relation": r["relation"], "clause": r["clause"],
                 "resolved": doc_id if r["self"] else res.get(r["key_fold"])} for r in rows]

    def graph(self, doc_id: str | None = None, depth: int = 1) -> dict:
        nodes: dict[str, dict] = {}
        edges: set[tuple[str, str, str]] = set()

        def doc_node(d: str, header: dict) -> None:
            nodes.setdefault(d, {"id": d, "label": header.get("number") or d, "type": header.get("type"),
                                 "in_index": True, "issued_date": header.get("issued_date"),
                                 "issuer": header.get("issuer")})

        def ext_node(kf: str, r: dict) -> str:
            nid = "ext:" + kf
            nodes.setdefault(nid, {"id": nid, "label": canonical_key(r["key"]), "type": r.get("type"), "in_index": False,
                                   "issued_date": r.get("issued_date"), "issuer": r.get("issuer")})
            return nid

        if doc_id is None:
            rows = sorted(self._all_edges(), key=lambda r: (r["doc"], r["i"]))
            res = self._resolve(sorted({r["key_fold"] for r in rows if r["key_fold"]}))
            for d in self.list_documents():
                doc_node(d["doc"], d["header"])
            for r in rows:
                tgt = res.get(r["key_fold"]) or ext_node(r["key_fold"], r)
                if tgt != r["doc"]:
                    edges.add((r["doc"], tgt, r["relation"]))
        else:
            heads = self._headers([doc_id])
            if doc_id not in heads:
                return {"nodes": [], "edges": []}
            doc_node(doc_id, heads[doc_id]["header"])
            frontier: list[str] = [doc_id]
            done: set[str] = set()
            for _ in range(max(1, depth)):
                nxt: list[str] = []
                for nid in frontier:
                    done.add(nid)
                    if nodes[nid]["in_index"]:
                        out_rows = [r for r in self._all_edges_of(nid)]
                        res = self._resolve(sorted({r["key_fold"] for r in out_rows if r["key_fold"]}))
                        for r in out_rows:
                            tgt = res.get(r["key_fold"])
                            if tgt:
                                doc_node(tgt, self._headers([tgt])[tgt]["header"])
                            else:
                                tgt = ext_node(r["key_fold"], r)
                            if tgt != nid:
                                edges.add((nid, tgt, r["relation"]))
                                nxt.append(tgt)
                        kf = heads.get(nid, {}).get("number_key") or self._headers([nid])[nid].get("number_key")
                    else:
                        kf = nid[4:]
                    if kf:
                        for r in self._citing([kf], None):
                            if r["doc"] == nid:
                                continue
                            doc_node(r["doc"], r["header"])
                            edges.add((r["doc"], nid, r["relation"]))
                            nxt.append(r["doc"])
                frontier = sorted(set(nxt) - done)
        return {"nodes": [nodes[k] for k in sorted(nodes)],
                "edges": [{"source": s, "target": t, "relation": rel} for s, t, rel in sorted(edges)]}

    def _all_edges_of(self, doc_id: str) -> list[dict]:
        """Outgoing non-self references of one doc (flattened rows)."""
        rec = self.get_document(doc_id)
        return [r for r in flatten(rec)["refs"] if not r["self"] and r["key_fold"]] if rec else []

    def __enter__(self) -> "IndexBackend":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_index(cfg: dict) -> IndexBackend:
    """Open the backend named by cfg['backend'] ("sqlite" by default) with the [index] table."""
    backend = (cfg.get("backend") or "sqlite").lower()
    if backend == "sqlite":
        from vanban.index.sqlite import SqliteIndex
        return SqliteIndex(cfg.get("path") or "vanban-index.sqlite")
    if backend in ("elasticsearch", "es", "elastic"):
        from vanban.index.elastic import ElasticIndex
        return ElasticIndex.from_config(cfg)
    raise ValueError(f"unknown index backend {backend!r} (expected 'sqlite' or 'elasticsearch')")
