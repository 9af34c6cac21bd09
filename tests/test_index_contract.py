"""One contract, every backend: SQLite (tmp file), Elasticsearch API on osmem-server, and a
real Elasticsearch when VANBAN_ES_URL is set (marker real_es)."""
from __future__ import annotations

import os
import sqlite3
import uuid
from typing import Iterator

import pytest

from index_fixtures import A, B, C, D, E, records
from vanban.index import open_index
from vanban.index.base import IndexBackend, key_fold

BACKENDS = [
    "sqlite",
    "osmem",
    pytest.param("real_es", marks=[pytest.mark.real_es, pytest.mark.skipif(
        not os.environ.get("VANBAN_ES_URL"), reason="VANBAN_ES_URL not set")]),
]


@pytest.fixture(scope="session")
def osmem() -> Iterator[str]:
    from osmem_server import OsmemServer
    server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    try:
        yield server.url
    finally:
        server.close()


def _open(kind: str, request: pytest.FixtureRequest, tmp_path) -> IndexBackend:
    if kind == "sqlite":
        return open_index({"backend": "sqlite", "path": str(tmp_path / "index.sqlite")})
    prefix = "t" + uuid.uuid4().hex[:10]
    if kind == "osmem":
        cfg = {"backend": "elasticsearch", "url": request.getfixturevalue("osmem"), "prefix": prefix,
               "compat_headers": False}
    else:
        cfg = {"backend": "elasticsearch", "url": os.environ["VANBAN_ES_URL"], "prefix": prefix}
    return open_index(cfg)


@pytest.fixture(params=BACKENDS)
def empty(request: pytest.FixtureRequest, tmp_path) -> Iterator[IndexBackend]:
    ix = _open(request.param, request, tmp_path)
    try:
        yield ix
    finally:
        if hasattr(ix, "drop"):
            ix.drop()
        ix.close()


@pytest.fixture
def ix(empty: IndexBackend) -> IndexBackend:
    for r in records():
        empty.write_document(r)
    return empty


def docs(result: dict) -> list[str]:
    return [h["doc"] for h in result["hits"]]


# --- documents -----------------------------------------------------------------------
def test_get_and_list(ix: IndexBackend) -> None:
    by_id = {r["doc"]: r for r in records()}
    for doc_id, rec in by_id.items():
        assert ix.get_document(doc_id) == rec
    assert ix.get_document("missing.txt") is None
    listed = ix.list_documents()
    assert [d["doc"] for d in listed] == sorted(by_id)
    assert listed[1] == {"doc": B, "source": f"/corpus/{B}", "sha256": f"sha-{B}", "header": by_id[B]["header"]}


def test_stats(ix: IndexBackend) -> None:
    assert ix.stats() == {"documents": 5, "clauses": 3, "references": 9, "deadlines": 4, "agencies": 8,
                          "assignments": 7, "targets": 1}


# --- search --------------------------------------------------------------------------
def test_search_unambiguous(ix: IndexBackend) -> None:
    assert docs(ix.search("kinh phí")) == [B]
    assert docs(ix.search("đôn đốc")) == [A]
    assert sorted(docs(ix.search("cải cách hành chính"))) == [A, B]
    assert ix.search("cải cách hành chính")["total"] == 2
    assert docs(ix.search("hoàn toàn vắng mặt")) == []


def test_search_folds_diacritics(ix: IndexBackend) -> None:
    assert docs(ix.search("kinh phi")) == [B]
    assert docs(ix.search("DON DOC")) == [A]
    # "số" (A: "số 32/2001/QH10") folds to "so" as well
    assert sorted(docs(ix.search("so noi vu"))) == [A, B, C, D]
    assert sorted(docs(ix.search("sở nội vụ"))) == [A, B, C, D]
    assert sorted(docs(ix.search("tai chinh"))) == [B, E]  # tokens may match anywhere: E "vận tải … Chính phủ"
    assert sorted(docs(ix.search("duong"))) == [D, E]  # đường and đương both fold to duong (đ→d)
    assert docs(ix.search("dien tu"))[0] == C


def test_exact_diacritics_rank_higher(empty: IndexBackend) -> None:
    base = {"source": None, "sha256": None, "clauses": [], "references": [], "deadlines": [], "agencies": [],
            "assignments": [], "targets": [], "meta": {}}
    empty.write_document({**base, "doc": "x.txt", "text": "con đường mới mở", "header": {"title": "một"}})
    empty.write_document({**base, "doc": "y.txt", "text": "con đương mới mở", "header": {"title": "một"}})
    assert docs(empty.search("đường")) == ["x.txt", "y.txt"]
    assert docs(empty.search("đương")) == ["y.txt", "x.txt"]
    assert sorted(docs(empty.search("duong"))) == ["x.txt", "y.txt"]


@pytest.mark.parametrize("q", ['"', "*", "NEAR", "-", "(", ")", '30c/NQ-CP "*(NEAR -', "AND OR NOT", "a:b",
                               "{x y}: z", "^", "NEAR(a b, 2)", "'", "\\", "   ", "%_"])
def test_search_syntax_is_text(ix: IndexBackend, q: str) -> None:
    out = ix.search(q)
    assert set(out) == {"total", "hits", "facets"}


def test_search_syntax_tokens_found(ix: IndexBackend) -> None:
    assert docs(ix.search("NEAR")) == [D]
    assert docs(ix.search("(tạm thời)")) == [D]
    assert docs(ix.search('"near" -tam')) == [D]
    assert ix.search('"')["total"] == 0 and ix.search("*")["total"] == 0
    assert sorted(docs(ix.search("30c/NQ-CP"))) == [A, B, C, E]


def test_snippet_marks_and_escapes(ix: IndexBackend) -> None:
    hit = ix.search("quan trong")["hits"][0]
    assert hit["doc"] == B
    assert "<mark>Quan</mark>" in hit["snippet"] and "<mark>trọng</mark>" in hit["snippet"]
    assert "&lt;" in hit["snippet"] and "<Quan" not in hit["snippet"]
    assert "<mark>kinh</mark> <mark>phí</mark>" in ix.search("kinh phi")["hits"][0]["snippet"]
    assert set(ix.search("kinh phi")["hits"][0]) == {"doc", "score", "header", "snippet"}


def test_facets(ix: IndexBackend) -> None:
    out = ix.search("")
    assert out["total"] == 5 and docs(out) == [A, B, C, D, E]
    f = out["facets"]
    assert f["type"] == {"Chỉ thị": 1, "Kế hoạch": 1, "Nghị quyết": 1, "Quyết định": 1, "Thông báo": 1}
    assert list(f["issuer"].items()) == [("Ủy ban nhân dân tỉnh Khánh Hòa", 2), ("Chính phủ", 1),
                                         ("Văn phòng Chính phủ", 1), ("Ủy ban nhân dân tỉnh Phú Yên", 1)]
    assert list(f["year"].items()) == [("2020", 2), ("2011", 1), ("2013", 1), ("2021", 1)]
    assert list(f["agency"].items())[0] == ("Sở Nội vụ", 3)
    assert f["agency"] == {"Sở Nội vụ": 3, "Bộ Giao thông vận tải": 1, "Bộ Nội vụ": 1, "Sở Thông tin và Truyền thông": 1,
                           "Sở Tài chính": 1, "Ủy ban nhân dân các huyện": 1}
    sub = ix.search("so noi vu")["facets"]
    assert sub["year"] == {"2020": 2, "2011": 1, "2013": 1} and sub["agency"]["Sở Nội vụ"] == 3


def test_filters_and_paging(ix: IndexBackend) -> None:
    assert docs(ix.search("", filters={"issuer": "Ủy ban nhân dân tỉnh Khánh Hòa"})) == [B, C]
    assert docs(ix.search("", filters={"year": "2020", "agency": "Sở Nội vụ"})) == [B, C]
    assert docs(ix.search("", filters={"year": 2013})) == [D]
    assert docs(ix.search("so noi vu", filters={"year": "2013"})) == [D]
    both = {"agency": "Sở Nội vụ", "issuer": "Ủy ban nhân dân tỉnh Khánh Hòa"}
    assert sorted(docs(ix.search("so noi vu", filters=both))) == [B, C]
    assert docs(ix.search("", filters={"type": "Chỉ thị"})) == [B]
    assert ix.search("", filters={"type": "Chỉ thị"})["facets"]["type"] == {"Chỉ thị": 1}
    assert docs(ix.search("", filters={"agency": "so noi vu"})) == []  # filters take exact facet values
    page = ix.search("", limit=2, offset=2)
    assert page["total"] == 5 and docs(page) == [C, D]


# --- citations -----------------------------------------------------------------------
def _cites(rows: list[dict]) -> list[tuple]:
    return [(r["doc"], r["key"], r["relation"], r["depth"]) for r in rows]


@pytest.mark.parametrize("spelling", ["30c/NQ-CP", "30C/NQ-CP", "30c/nq-cp", "30c/NQ- CP"])
def test_cites_any_spelling(ix: IndexBackend, spelling: str) -> None:
    assert _cites(ix.cites(spelling)) == [
        (B, "30C/NQ-CP", "can_cu", 1), (B, "30c/NQ- CP", "trien_khai", 1),
        (C, "30c/nq-cp", "mention", 1), (E, "30c/NQ-CP", "mention", 1)]


def test_cites_fields_relation_and_depth(ix: IndexBackend) -> None:
    row = ix.cites("06/ct-ubnd")[0]
    assert row == {"doc": C, "header": records()[2]["header"], "key": "06/CT-UBND", "text": "Chỉ thị số 06/CT-UBND",
                   "clause": "", "relation": "trien_khai", "depth": 1}
    assert _cites(ix.cites("30c/NQ-CP", relation="can_cu")) == [(B, "30C/NQ-CP", "can_cu", 1)]
    assert _cites(ix.cites("30c/NQ-CP", relation="thay_the")) == []
    assert _cites(ix.cites("30c/NQ-CP", depth=2)) == [
        (B, "30C/NQ-CP", "can_cu", 1), (B, "30c/NQ- CP", "trien_khai", 1),
        (C, "30c/nq-cp", "mention", 1), (E, "30c/NQ-CP", "mention", 1),
        (D, "12/KH-UBND", "huong_dan", 2)]  # C (already depth 1) also cites B; D cites C
    assert _cites(ix.cites("06/CT-UBND", depth=3)) == [(C, "06/CT-UBND", "trien_khai", 1),
                                                      (D, "12/KH-UBND", "huong_dan", 2)]
    assert ix.cites("10/qđ-ubnd")[0]["doc"] == D and ix.cites("10/QD-UBND")[0]["doc"] == D
    assert ix.cites("self") == [] and ix.cites("99/XX") == [] and ix.cites("") == []


def test_cites_pages(ix: IndexBackend) -> None:
    everything = ix.cites("30c/NQ-CP", depth=2)
    page = ix.cites_page("30c/NQ-CP", depth=2, limit=2, offset=1)
    assert page["total"] == len(everything) == 5
    assert page["hits"] == everything[1:3]  # the same rows, header and depth included, as the whole answer
    assert ix.cites_page("30c/NQ-CP", depth=2, limit=2, offset=4)["hits"] == everything[4:]  # depth 2 on a page
    assert ix.cites("30c/NQ-CP", depth=2, limit=0) == [] and ix.cites("30c/NQ-CP", offset=9) == []
    assert ix.cites_page("99/XX", limit=10) == {"total": 0, "hits": []}


def test_refs_resolution(ix: IndexBackend) -> None:
    assert [(r["key"], r["relation"], r["resolved"]) for r in ix.refs(B)] == [
        ("30C/NQ-CP", "can_cu", A), ("self", "mention", B), ("30c/NQ- CP", "trien_khai", A)]
    out = ix.refs(D)
    assert out[0] == {"key": "10/QĐ-UBND", "text": "Quyết định số 10/QĐ-UBND", "type": "Quyết định",
                      "issued_date": "2012-01-05", "issuer": "Ủy ban nhân dân tỉnh Phú Yên", "relation": "thay_the",
                      "clause": "", "resolved": None}
    assert out[1]["resolved"] == C
    assert ix.refs("missing.txt") == []


# --- tasks ---------------------------------------------------------------------------
def _tasks(rows: list[dict]) -> list[tuple]:
    return [(r["doc"], r["agency"], r["role"], r["due"]) for r in rows]


def test_tasks_by_agency(ix: IndexBackend) -> None:
    snv = [(D, "Sở Nội vụ", "lead", "2013-11-30"), (B, "Sở Nội vụ", "lead", "2020-09-30"),
           (C, "Sở Nội vụ", "support", None)]
    assert _tasks(ix.tasks(agency="so noi vu")) == snv
    assert _tasks(ix.tasks(agency="Sở Nội vụ")) == snv
    assert _tasks(ix.tasks(agency="SỞ NỘI VỤ")) == snv
    # alias: only documents that declare SNV for Sở Nội vụ
    assert _tasks(ix.tasks(agency="SNV")) == [(B, "Sở Nội vụ", "lead", "2020-09-30"), (C, "Sở Nội vụ", "support", None)]
    assert _tasks(ix.tasks(agency="noi vu"))[:2] == [(D, "Sở Nội vụ", "lead", "2013-11-30"),
                                                    (B, "Sở Nội vụ", "lead", "2020-09-30")]
    assert {t[1] for t in _tasks(ix.tasks(agency="noi vu"))} == {"Sở Nội vụ", "Bộ Nội vụ"}
    assert _tasks(ix.tasks(agency="bgtvt")) == [(E, "Bộ Giao thông vận tải", "lead", "2021-06-30")]
    assert ix.tasks(agency="khong ton tai") == [] and ix.tasks(agency="*") == []


def test_tasks_fields_and_filters(ix: IndexBackend) -> None:
    row = ix.tasks(agency="so tai chinh")[0]
    assert row == {"doc": B, "header": records()[1]["header"], "clause": "2", "agency": "Sở Tài chính",
                   "role": "support", "task": "bố trí kinh phí thực hiện", "deadline": "2020-06-15",
                   "due": "2020-06-15", "score": 0.0}
    assert _tasks(ix.tasks(role="support")) == [(B, "Sở Tài chính", "support", "2020-06-15"),
                                                (C, "Sở Nội vụ", "support", None)]
    assert _tasks(ix.tasks(due_before="2020-07-01")) == [(D, "Sở Nội vụ", "lead", "2013-11-30"),
                                                         (B, "Sở Tài chính", "support", "2020-06-15")]
    assert _tasks(ix.tasks(agency="so noi vu", overdue_as_of="2020-10-01")) == [
        (D, "Sở Nội vụ", "lead", "2013-11-30"), (B, "Sở Nội vụ", "lead", "2020-09-30")]
    assert _tasks(ix.tasks(agency="so noi vu", role="lead", due_before="2014-01-01")) == [
        (D, "Sở Nội vụ", "lead", "2013-11-30")]
    # within one assignment: Sở Nội vụ in C has no deadline, the C deadline belongs to another agency
    assert ix.tasks(agency="so noi vu", due_before="2021-01-01", role="support") == []
    assert len(ix.tasks()) == 7 and len(ix.tasks(limit=3)) == 3
    assert ix.tasks()[-1]["due"] is None


def test_tasks_text(ix: IndexBackend) -> None:
    assert _tasks(ix.tasks("kinh phi")) == [(B, "Sở Tài chính", "support", "2020-06-15")]
    assert ix.tasks("kinh phí")[0]["score"] > 0
    assert [r["doc"] for r in ix.tasks("cai cach hanh chinh")] == [B]
    assert {r["doc"] for r in ix.tasks("hành chính")} == {B, D}
    assert _tasks(ix.tasks("hanh chinh", agency="so noi vu", due_before="2014-01-01")) == [
        (D, "Sở Nội vụ", "lead", "2013-11-30")]
    assert ix.tasks('"(*') == [] and ix.tasks("NEAR -") == []


# --- graph ---------------------------------------------------------------------------
def test_graph_whole(ix: IndexBackend) -> None:
    g = ix.graph()
    nodes = {n["id"]: n for n in g["nodes"]}
    assert sorted(nodes) == [A, B, C, D, E, "ext:10/qd-ubnd", "ext:32/2001/qh10"]
    assert nodes["ext:10/qd-ubnd"] == {"id": "ext:10/qd-ubnd", "label": "10/QĐ-UBND", "type": "Quyết định",
                                       "in_index": False, "issued_date": "2012-01-05",
                                       "issuer": "Ủy ban nhân dân tỉnh Phú Yên"}
    assert nodes[B]["in_index"] and nodes[B]["label"] == "06/CT-UBND" and nodes[B]["type"] == "Chỉ thị"
    assert nodes[E]["label"] == E
    assert [(e["source"], e["target"], e["relation"]) for e in g["edges"]] == [
        (A, "ext:32/2001/qh10", "can_cu"), (B, A, "can_cu"), (B, A, "trien_khai"), (C, A, "mention"),
        (C, B, "trien_khai"), (D, C, "huong_dan"), (D, "ext:10/qd-ubnd", "thay_the"), (E, A, "mention")]


def test_graph_neighbourhood(ix: IndexBackend) -> None:
    g1 = ix.graph(D)
    assert [n["id"] for n in g1["nodes"]] == [C, D, "ext:10/qd-ubnd"]
    assert [(e["source"], e["target"]) for e in g1["edges"]] == [(D, C), (D, "ext:10/qd-ubnd")]
    g2 = ix.graph(D, depth=2)
    assert [n["id"] for n in g2["nodes"]] == [A, B, C, D, "ext:10/qd-ubnd"]
    assert [(e["source"], e["target"], e["relation"]) for e in g2["edges"]] == [
        (C, A, "mention"), (C, B, "trien_khai"), (D, C, "huong_dan"), (D, "ext:10/qd-ubnd", "thay_the")]
    ga = ix.graph(A)
    assert [n["id"] for n in ga["nodes"]] == [A, B, C, E, "ext:32/2001/qh10"]
    assert ix.graph("missing.txt") == {"nodes": [], "edges": []}


# --- writes ---------------------------------------------------------------------------
def test_delete_removes_everything(ix: IndexBackend) -> None:
    ix.delete_document(B)
    ix.delete_document("missing.txt")  # no error
    assert ix.get_document(B) is None
    assert [d["doc"] for d in ix.list_documents()] == [A, C, D, E]
    assert docs(ix.search("kinh phi")) == []
    assert ix.search("")["facets"]["type"].get("Chỉ thị") is None
    assert [r["doc"] for r in ix.cites("30c/NQ-CP")] == [C, E]
    assert _tasks(ix.tasks(agency="snv")) == [(C, "Sở Nội vụ", "support", None)]
    assert ix.tasks("kinh phi") == [] and ix.refs(B) == []
    assert ix.refs(C)[0]["resolved"] is None  # 06/CT-UBND is now external
    assert "ext:06/ct-ubnd" in {n["id"] for n in ix.graph()["nodes"]}
    assert ix.stats() == {"documents": 4, "clauses": 1, "references": 6, "deadlines": 2, "agencies": 5,
                          "assignments": 5, "targets": 1}


def test_rewrite_replaces(ix: IndexBackend) -> None:
    rec = records()[1]
    rec["header"]["title"] = "Về tiết kiệm điện"
    rec["text"] = "CHỈ THỊ Về tiết kiệm điện."
    rec["references"] = rec["references"][:1]
    rec["assignments"] = [{"clause": "1", "agency": "Sở Công Thương", "role": "lead", "task": "tiết kiệm điện",
                           "deadline": "2021-12", "span": [0, 1], "agency_span": None}]
    rec["agencies"] = [{"name": "Sở Công Thương", "aliases": ["SCT"], "collective": False, "span": [0, 1]}]
    ix.write_document(rec)
    assert ix.get_document(B) == rec
    assert docs(ix.search("kinh phi")) == [] and docs(ix.search("tiet kiem dien")) == [B]
    assert _cites(ix.cites("30c/NQ-CP")) == [(B, "30C/NQ-CP", "can_cu", 1), (C, "30c/nq-cp", "mention", 1),
                                            (E, "30c/NQ-CP", "mention", 1)]
    assert _tasks(ix.tasks(agency="snv")) == [(C, "Sở Nội vụ", "support", None)]
    assert _tasks(ix.tasks(agency="sct")) == [(B, "Sở Công Thương", "lead", "2021-12-31")]
    assert ix.stats()["documents"] == 5 and ix.stats()["assignments"] == 6
    assert len(ix.list_documents()) == 5


def test_reindex_all_replaces_everything(ix: IndexBackend) -> None:
    assert ix.reindex_all(records()[2:4]) == 2  # type: ignore[attr-defined]
    assert [d["doc"] for d in ix.list_documents()] == [C, D]
    assert docs(ix.search("kinh phi")) == [] and docs(ix.search("so noi vu")) == [C, D]
    assert ix.refs(C)[0]["resolved"] is None
    assert _tasks(ix.tasks(agency="snv")) == [(C, "Sở Nội vụ", "support", None)]
    assert ix.stats()["documents"] == 2 and ix.stats()["assignments"] == 3


def test_key_fold_and_fallback() -> None:
    from vanban.index.base import _fallback_key_fold
    for kf in (key_fold, _fallback_key_fold):
        assert len({kf(k) for k in ("30c/NQ-CP", "30C/NQ-CP", "30c/nq-cp", "30c/NQ- CP")}) == 1
        assert kf("15/QĐ-UBND") == "15/qd-ubnd"


# --- backend specific -----------------------------------------------------------------
def test_sqlite_reader_during_write(tmp_path) -> None:
    from vanban.index.sqlite import SqliteIndex
    path = tmp_path / "ix.sqlite"
    writer, reader = SqliteIndex(path), SqliteIndex(path)
    recs = records()
    writer.write_document(recs[0])
    with writer.transaction():
        writer._delete(recs[0]["doc"])
        writer._insert(recs[1])
        # the write transaction is open: another connection still reads the committed state
        assert [d["doc"] for d in reader.list_documents()] == [A]
        assert docs(reader.search("don doc")) == [A] and reader.search("kinh phi")["total"] == 0
        assert reader.cites("30c/nq-cp") == []
        assert isinstance(sqlite3.connect(path).execute("SELECT count(*) FROM documents").fetchone()[0], int)
        assert docs(writer.search("kinh phi")) == [B]  # the writer sees its own uncommitted rows
    assert [d["doc"] for d in reader.list_documents()] == [B]
    assert docs(reader.search("kinh phi")) == [B]
    assert reader.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    writer.close()
    reader.close()


def test_sqlite_failed_write_rolls_back(tmp_path) -> None:
    from vanban.index.sqlite import SqliteIndex
    ix = SqliteIndex(tmp_path / "ix.sqlite")
    good = records()[0]
    ix.write_document(good)
    bad = records()[0]
    bad["assignments"] = [{"clause": "1"}]  # missing fields are tolerated…
    bad["targets"] = [{"value": object()}]  # …but an unbindable value aborts the write
    with pytest.raises(Exception):
        ix.write_document(bad)
    assert ix.get_document(A) == good and ix.stats()["assignments"] == 1
    ix.close()


def test_sqlite_query_plans_use_indexes(tmp_path) -> None:
    from vanban.index.sqlite import SqliteIndex
    ix = SqliteIndex(tmp_path / "ix.sqlite")
    plan = " ".join(r[-1] for r in ix.conn.execute(
        'EXPLAIN QUERY PLAN SELECT doc, i, key_fold, doc_key FROM "references" WHERE key_fold IN (?) AND self = 0',
        ("x",)))
    assert "COVERING INDEX references_cited" in plan  # the citation walk never reads a table row
    plan = " ".join(r[-1] for r in ix.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM assignments WHERE due < ?", ("x",)))
    assert "assignments_due" in plan
    ix.close()


def test_sqlite_citation_walk_matches_the_shared_walk(tmp_path) -> None:
    """SqliteIndex.cites_page (the walk in SQL) against IndexBackend.cites_page (the walk in Python over
    _citing) on random citation graphs: self-citations, repeated citations, cycles, relations."""
    import random
    from vanban.index.sqlite import SqliteIndex
    rng = random.Random(7)
    numbers = [f"{n}/KH-UBND" for n in range(1, 41)] + ["Luật Đất đai"]
    recs = []
    for k in range(60):
        own = rng.choice(numbers[:-1] + [None])
        refs = [{"key": rng.choice(numbers), "text": "x", "relation": rng.choice(["can_cu", "mention", "trien_khai"]),
                 "clause": str(rng.randint(1, 3))} for _ in range(rng.randint(0, 6))]
        if own and rng.random() < 0.3:
            refs.append({"key": own, "text": "này", "relation": "mention", "clause": ""})  # citing its own number
        recs.append({"doc": f"d{k:02d}", "header": {"number": own, "type": "Kế hoạch"}, "references": refs})
    ix = SqliteIndex(tmp_path / "ix.sqlite")
    ix.write_many(recs)
    for key in numbers[::3] + ["99/XX"]:
        for depth in (1, 2, 3):
            for relation in (None, "can_cu"):
                for limit, offset in ((None, 0), (5, 0), (5, 7), (0, 0)):
                    kw = {"relation": relation, "depth": depth, "limit": limit, "offset": offset}
                    assert ix.cites_page(key, **kw) == IndexBackend.cites_page(ix, key, **kw), (key, kw)
    ix.close()


def test_sqlite_index_of_schema_1_is_migrated(tmp_path) -> None:
    """An index written before references kept doc_key answers the same once reopened."""
    from vanban.index.sqlite import SCHEMA_VERSION, SqliteIndex
    path = tmp_path / "ix.sqlite"
    ix = SqliteIndex(path)
    ix.write_many(records())
    want = (ix.cites("30c/NQ-CP", depth=2), ix.cites("06/CT-UBND", depth=3), ix.refs(B))
    ix.close()
    con = sqlite3.connect(path, isolation_level=None)  # the version-1 layout
    con.executescript('DROP INDEX references_cited; ALTER TABLE "references" DROP COLUMN doc_key;'
                      ' CREATE INDEX references_key ON "references"(key_fold, relation); PRAGMA user_version = 1;')
    con.close()
    ix = SqliteIndex(path)
    assert ix.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (ix.cites("30c/NQ-CP", depth=2), ix.cites("06/CT-UBND", depth=3), ix.refs(B)) == want
    names = {r[0] for r in ix.conn.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")}
    assert "references_cited" in names and "references_key" not in names
    ix.close()


def test_elastic_reindex_swaps_alias(request: pytest.FixtureRequest, tmp_path) -> None:
    ix = _open("osmem", request, tmp_path)
    try:
        ix.write_document(records()[0])
        assert ix._versions() == [f"{ix.prefix}-docs-v1"]
        assert ix.reindex_all(records()) == 5
        assert ix._versions() == [f"{ix.prefix}-docs-v2"]
        assert [d["doc"] for d in ix.list_documents()] == [A, B, C, D, E]
        assert _cites(ix.cites("30c/nq-cp"))[0] == (B, "30C/NQ-CP", "can_cu", 1)
        mapping = ix.es.indices.get_mapping(index=ix.alias)[f"{ix.prefix}-docs-v2"]["mappings"]
        assert mapping["properties"]["assignments"]["type"] == "nested"
    finally:
        ix.drop()
        ix.close()


def test_elastic_plain_json_transport() -> None:
    from elastic_transport import HttpHeaders
    from vanban.index.elastic import _COMPAT_RE
    h = HttpHeaders({"accept": "application/vnd.elasticsearch+json; compatible-with=9",
                     "content-type": "application/vnd.elasticsearch+x-ndjson; compatible-with=9"})
    assert _COMPAT_RE.sub(r"application/\1", h["accept"]) == "application/json"
    assert _COMPAT_RE.sub(r"application/\1", h["content-type"]) == "application/x-ndjson"


def test_open_index_rejects_unknown_backend() -> None:
    with pytest.raises(ValueError):
        open_index({"backend": "solr"})
