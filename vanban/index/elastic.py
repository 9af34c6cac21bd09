"""Elasticsearch backend (official `elasticsearch` client).

One ES document per vanban document in a versioned index `{prefix}-docs-vN`, reached
through the alias `{prefix}-docs`; `reindex_all()` fills a new version and swaps the
alias atomically.  Mappings come from a composable index template.  References and
assignments are `nested`, so "agency A with a deadline before D" must hold within one
assignment.  Only features osmem-server (the in-memory test server) and real ES share
are used: template + alias APIs, bulk, bool/match/multi_match/term/terms/wildcard/range/
nested queries with inner_hits, search_after paging, terms/sum aggregations, highlight.

Config ([index] table): url, prefix ("vanban"), compat_headers (default true),
timeout (seconds), ca_certs, verify_certs.  Credentials only from the environment:
VANBAN_ES_API_KEY, or VANBAN_ES_USER + VANBAN_ES_PASSWORD.

`compat_headers = false` makes the client send plain `application/json` /
`application/x-ndjson` instead of `application/vnd.elasticsearch+json; compatible-with=N`
(needed for OpenSearch-compatible servers such as osmem, which answer 406 otherwise); it
is done by a Transport subclass passed as `transport_class`, not by patching the client.
"""
from __future__ import annotations

import os
import re
from typing import Any, Iterable, Iterator

from elastic_transport import HttpHeaders, Transport
from elasticsearch import Elasticsearch, NotFoundError, helpers

from vanban.index.base import (
    FACET_SIZE, IndexBackend, exact_tokens, flatten, fold, make_snippet, query_tokens,
)

_COMPAT_RE = re.compile(r"application/vnd\.elasticsearch\+([\w.-]+)\s*;\s*compatible-with=\d+")
_PAGE = 1000
_MAX_DOCS = 10_000
_INNER = 1000
_COUNTED = ("clauses", "references", "deadlines", "agencies", "assignments", "targets")


class PlainJsonTransport(Transport):
    """Transport that rewrites compatibility media types to plain JSON / NDJSON."""

    def perform_request(self, method: str, target: str, *, headers: Any = None, **kw: Any) -> Any:  # type: ignore[override]
        if headers:
            h = HttpHeaders(headers)
            for name in ("accept", "content-type"):
                if h.get(name):
                    h[name] = _COMPAT_RE.sub(r"application/\1", h[name])
            headers = h
        return super().perform_request(method, target, headers=headers, **kw) if headers else \
            super().perform_request(method, target, **kw)


def _text(analyzer: str = "vi_exact") -> dict:
    return {"type": "text", "analyzer": analyzer, "fields": {"folded": {"type": "text", "analyzer": "vi_fold"}}}


_KW = {"type": "keyword"}
_STORED = {"type": "keyword", "index": False, "doc_values": False}
SETTINGS: dict[str, Any] = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "max_inner_result_window": _INNER,
    "analysis": {
        "analyzer": {
            "vi_fold": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
            "vi_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        },
        "normalizer": {"key_norm": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
    },
}
MAPPINGS: dict[str, Any] = {
    "dynamic": False,
    "properties": {
        "doc": _KW, "source": _STORED, "sha256": _KW,
        "header": {"type": "object", "enabled": False},
        "record": {"type": "object", "enabled": False},
        "number": _KW, "number_key": {"type": "keyword", "normalizer": "key_norm"},
        "type": _KW, "issuer": _KW, "year": _KW, "issued_date": _KW, "agencies": _KW,
        "title_all": _text(), "text": _text(),
        "counts": {"properties": {k: {"type": "integer"} for k in _COUNTED}},
        "refs": {"type": "nested", "properties": {
            "i": {"type": "integer"}, "key": _KW, "key_fold": {"type": "keyword", "normalizer": "key_norm"},
            "relation": _KW, "self": {"type": "boolean"}, "anaphor": {"type": "boolean"},
            "text": _STORED, "type": _KW, "issued_date": _KW, "issuer": _KW, "clause": _KW}},
        "assignments": {"type": "nested", "properties": {
            "i": {"type": "integer"}, "clause": _KW, "agency": _KW, "agency_fold": _KW, "terms": _KW,
            "role": _KW, "task": _text(), "deadline": _KW, "due": {"type": "date", "format": "yyyy-MM-dd"}}},
    },
}


def _wildcard_escape(s: str) -> str:
    return re.sub(r"([\\*?])", r"\\\1", s)


class ElasticIndex(IndexBackend):
    def __init__(self, client: Elasticsearch, prefix: str = "vanban") -> None:
        self.es = client
        self.prefix = prefix
        self.alias = f"{prefix}-docs"
        self._ensure()

    @classmethod
    def from_config(cls, cfg: dict) -> "ElasticIndex":
        kw: dict[str, Any] = {"request_timeout": float(cfg.get("timeout", cfg.get("request_timeout", 30)))}
        if os.environ.get("VANBAN_ES_API_KEY"):
            kw["api_key"] = os.environ["VANBAN_ES_API_KEY"]
        elif os.environ.get("VANBAN_ES_USER"):
            kw["basic_auth"] = (os.environ["VANBAN_ES_USER"], os.environ.get("VANBAN_ES_PASSWORD", ""))
        for k in ("ca_certs", "verify_certs"):
            if k in cfg:
                kw[k] = cfg[k]
        if not cfg.get("compat_headers", True):
            kw["transport_class"] = PlainJsonTransport
        url = cfg.get("url") or os.environ.get("VANBAN_ES_URL") or "http://localhost:9200"
        return cls(Elasticsearch(url, **kw), prefix=cfg.get("prefix") or "vanban")

    # -- index management --
    def _ensure(self) -> None:
        self.es.indices.put_index_template(
            name=self.alias, index_patterns=[f"{self.alias}-v*"], priority=200,
            template={"settings": SETTINGS, "mappings": MAPPINGS})
        if not self.es.indices.exists_alias(name=self.alias):
            self.es.indices.create(index=f"{self.alias}-v1", aliases={self.alias: {}})

    def _versions(self) -> list[str]:
        try:
            return sorted(self.es.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def reindex_all(self, records: Iterable[dict]) -> int:
        """Write all records to a fresh index version, then swap the alias to it atomically."""
        old = self._versions()
        n = 1 + max((int(m.group(1)) for i in old if (m := re.search(r"-v(\d+)$", i))), default=0)
        new = f"{self.alias}-v{n}"
        self.es.indices.create(index=new)
        ok, _ = helpers.bulk(self.es, ({"_index": new, "_id": r["doc"], "_source": self._body(r)} for r in records),
                             chunk_size=200)
        self.es.indices.refresh(index=new)
        self.es.indices.update_aliases(actions=[{"remove": {"index": i, "alias": self.alias}} for i in old]
                                       + [{"add": {"index": new, "alias": self.alias}}])
        for i in old:
            self.es.indices.delete(index=i)
        return int(ok)

    def drop(self) -> None:
        """Delete every index version and the template (tests, full resets)."""
        for i in self._versions():
            self.es.indices.delete(index=i)
        try:
            self.es.indices.delete_index_template(name=self.alias)
        except NotFoundError:
            pass

    # -- writing --
    @staticmethod
    def _body(record: dict) -> dict:
        f = flatten(record)
        h = f["header"]
        return {
            "doc": f["doc"], "source": record.get("source"), "sha256": record.get("sha256"), "header": h,
            "record": {k: v for k, v in record.items() if k != "text"}, "text": record.get("text") or "",
            "number": f["number"], "number_key": f["number_key"], "type": f["type"], "issuer": f["issuer"],
            "year": f["year"], "issued_date": h.get("issued_date"), "agencies": f["agency_names"],
            "title_all": f["title_all"], "counts": f["counts"], "refs": f["refs"], "assignments": f["assignments"],
        }

    def write_document(self, record: dict) -> None:
        self.es.index(index=self.alias, id=record["doc"], document=self._body(record), refresh=True)

    def write_many(self, records: Iterable[dict]) -> int:
        ok, _ = helpers.bulk(self.es, ({"_index": self.alias, "_id": r["doc"], "_source": self._body(r)}
                                       for r in records), chunk_size=200, refresh=True)
        return int(ok)

    def delete_document(self, doc_id: str) -> None:
        try:
            self.es.delete(index=self.alias, id=doc_id, refresh=True)
        except NotFoundError:
            pass

    # -- reading --
    def _source(self, doc_id: str, fields: list[str] | None = None) -> dict | None:
        try:
            r = self.es.get(index=self.alias, id=doc_id, source_includes=fields)
        except NotFoundError:
            return None
        return r["_source"]

    def _scan(self, query: dict, fields: list[str], limit: int = 10**9) -> Iterator[dict]:
        """All matching sources, by doc id, with search_after paging."""
        after: list | None = None
        seen = 0
        while seen < limit:
            kw: dict[str, Any] = {"search_after": after} if after else {}
            r = self.es.search(index=self.alias, query=query, source_includes=fields, sort=[{"doc": "asc"}],
                               size=min(_PAGE, limit - seen), track_total_hits=False, **kw)
            hits = r["hits"]["hits"]
            for h in hits:
                yield h["_source"]
            seen += len(hits)
            if len(hits) < _PAGE:
                return
            after = hits[-1]["sort"]

    def get_document(self, doc_id: str) -> dict | None:
        src = self._source(doc_id, ["record", "text"])
        if src is None:
            return None
        rec = dict(src["record"])
        rec["text"] = src.get("text", "")
        return rec

    def list_documents(self) -> list[dict]:
        return [{"doc": s["doc"], "source": s.get("source"), "sha256": s.get("sha256"), "header": s.get("header") or {}}
                for s in self._scan({"match_all": {}}, ["doc", "source", "sha256", "header"])]

    def search(self, query: str, *, filters: dict | None = None, limit: int = 20, offset: int = 0) -> dict:
        facets: dict[str, dict[str, int]] = {k: {} for k in ("type", "issuer", "year", "agency")}
        q = (query or "").strip()
        if q and not query_tokens(q):
            return {"total": 0, "hits": [], "facets": facets}
        flt = []
        for key, field in (("type", "type"), ("issuer", "issuer"), ("year", "year"), ("agency", "agencies")):
            v = (filters or {}).get(key)
            if v is None or v == "" or v == []:
                continue
            flt.append({"terms": {field: [str(x) for x in (v if isinstance(v, (list, tuple, set)) else [v])]}})
        must: list[dict] = []
        should: list[dict] = []
        if q:
            must.append({"multi_match": {"query": " ".join(query_tokens(q)), "type": "cross_fields",
                                         "operator": "and", "fields": ["title_all.folded^3", "text.folded"]}})
            should.append({"multi_match": {"query": " ".join(exact_tokens(q)), "type": "cross_fields",
                                           "operator": "and", "fields": ["title_all^6", "text^2"]}})
        body: dict[str, Any] = {
            "query": {"bool": {"must": must or [{"match_all": {}}], "should": should, "filter": flt}},
            "sort": [{"_score": "desc"}, {"doc": "asc"}], "track_total_hits": True, "track_scores": True,
            "from": int(offset), "size": int(limit),
            "_source": ["doc", "header"] + ([] if q else ["text"]),
            "aggs": {k: {"terms": {"field": f, "size": FACET_SIZE}}
                     for k, f in (("type", "type"), ("issuer", "issuer"), ("year", "year"), ("agency", "agencies"))},
        }
        if q:
            body["highlight"] = {
                "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html", "require_field_match": False,
                "fields": {"text.folded": {"fragment_size": 200, "number_of_fragments": 1, "no_match_size": 200,
                                           "highlight_query": {"match": {"text.folded": " ".join(query_tokens(q))}}}}}
        r = self.es.search(index=self.alias, **body)
        hits = []
        for h in r["hits"]["hits"]:
            s = h["_source"]
            frag = (h.get("highlight") or {}).get("text.folded")
            snippet = frag[0] if frag else make_snippet(s.get("text", ""), [])
            hits.append({"doc": s["doc"], "score": float(h.get("_score") or 0.0) if q else 0.0, "header": s.get("header") or {},
                         "snippet": snippet})
        for k in facets:
            facets[k] = {str(b["key"]): int(b["doc_count"]) for b in r["aggregations"][k]["buckets"]}
        return {"total": int(r["hits"]["total"]["value"]), "hits": hits, "facets": facets}

    def refs(self, doc_id: str) -> list[dict]:
        src = self._source(doc_id, ["refs"])
        return self._resolve_refs(doc_id, sorted(src.get("refs") or [], key=lambda r: r["i"])) if src else []

    def tasks(self, text: str | None = None, *, agency: str | None = None, role: str | None = None,
              due_before: str | None = None, overdue_as_of: str | None = None, limit: int = 100) -> list[dict]:
        must: list[dict] = []
        should: list[dict] = []
        flt: list[dict] = []
        t = (text or "").strip()
        if t:
            if not query_tokens(t):
                return []
            must.append({"match": {"assignments.task.folded": {"query": " ".join(query_tokens(t)), "operator": "and"}}})
            should.append({"match": {"assignments.task": {"query": " ".join(exact_tokens(t)), "operator": "and"}}})
        if agency and fold(agency):
            flt.append({"wildcard": {"assignments.terms": {"value": f"*{_wildcard_escape(fold(agency))}*"}}})
        if role:
            flt.append({"term": {"assignments.role": role}})
        for bound in (due_before, overdue_as_of):
            if bound:
                flt.append({"range": {"assignments.due": {"lt": bound}}})
        nested = {"nested": {
            "path": "assignments", "score_mode": "max",
            "query": {"bool": {"must": must or [{"match_all": {}}], "should": should, "filter": flt}},
            "inner_hits": {"size": _INNER, "_source": True}}}
        r = self.es.search(index=self.alias, query=nested, source_includes=["doc", "header"], size=_MAX_DOCS,
                           sort=[{"doc": "asc"}], track_scores=True)
        rows = []
        for h in r["hits"]["hits"]:
            for ih in h["inner_hits"]["assignments"]["hits"]["hits"]:
                a = ih["_source"]
                rows.append({"doc": h["_source"]["doc"], "header": h["_source"].get("header") or {},
                             "clause": a.get("clause"), "agency": a.get("agency"), "role": a.get("role"),
                             "task": a.get("task"), "deadline": a.get("deadline"), "due": a.get("due"),
                             "score": float(ih.get("_score") or 0.0) if t else 0.0, "_i": a.get("i", 0)})
        if t:
            rows.sort(key=lambda x: (-x["score"], x["doc"], x["_i"]))
        else:
            rows.sort(key=lambda x: (x["due"] is None, x["due"] or "", x["doc"], x["_i"]))
        for x in rows:
            del x["_i"]
        return rows[:limit]

    def stats(self) -> dict:
        r = self.es.search(index=self.alias, size=0, track_total_hits=True,
                           aggs={k: {"sum": {"field": f"counts.{k}"}} for k in _COUNTED})
        out = {"documents": int(r["hits"]["total"]["value"])}
        out.update({k: int(r["aggregations"][k]["value"] or 0) for k in _COUNTED})
        return out

    def close(self) -> None:
        self.es.close()

    # -- primitives for the shared logic --
    def _citing(self, key_folds: list[str], relation: str | None) -> list[dict]:
        if not key_folds:
            return []
        inner: list[dict] = [{"terms": {"refs.key_fold": key_folds}}, {"term": {"refs.self": False}}]
        if relation:
            inner.append({"term": {"refs.relation": relation}})
        q = {"nested": {"path": "refs", "query": {"bool": {"filter": inner}}}}
        wanted = set(key_folds)
        out = []
        for s in self._scan(q, ["doc", "header", "number_key", "refs"]):
            for r in s.get("refs") or []:
                if r["key_fold"] in wanted and not r["self"] and (not relation or r["relation"] == relation):
                    out.append({**r, "doc": s["doc"], "header": s.get("header") or {}, "number_key": s.get("number_key")})
        return out

    def _headers(self, doc_ids: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for i in range(0, len(doc_ids), _PAGE):
            for s in self._scan({"terms": {"doc": list(doc_ids[i:i + _PAGE])}}, ["doc", "header", "number_key"]):
                out[s["doc"]] = {"header": s.get("header") or {}, "number_key": s.get("number_key")}
        return out

    def _resolve(self, key_folds: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(key_folds), _PAGE):
            for s in self._scan({"terms": {"number_key": key_folds[i:i + _PAGE]}}, ["doc", "number_key"]):
                out.setdefault(s["number_key"], s["doc"])  # scanned by doc id, so the smallest wins
        return out

    def _all_edges(self) -> Iterable[dict]:
        for s in self._scan({"match_all": {}}, ["doc", "refs"]):
            for r in s.get("refs") or []:
                if not r["self"] and r["key_fold"]:
                    yield {**r, "doc": s["doc"]}

    def _all_edges_of(self, doc_id: str) -> list[dict]:
        src = self._source(doc_id, ["refs"])
        rows = sorted((src or {}).get("refs") or [], key=lambda r: r["i"])
        return [{**r, "doc": doc_id} for r in rows if not r["self"] and r["key_fold"]]
