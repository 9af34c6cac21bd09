"""The web app over a hand-built SQLite index, through FastAPI's TestClient."""
from __future__ import annotations

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup

from vanban.web import create_app
from vanban.web.render import safe_snippet

from .conftest import EVIL, HOSTILE, KH, QD


def soup(resp) -> BeautifulSoup:
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["content-type"].startswith("text/html")
    return BeautifulSoup(resp.text, "html.parser")


def hit_docs(s: BeautifulSoup) -> list[str]:
    return [a["href"].removeprefix("/doc/") for a in s.select("a.hit-link")]


# ----------------------------------------------------------------------------- search
def test_home_lists_documents_with_facets(client) -> None:
    s = soup(client.get("/"))
    assert "14 văn bản" in s.select_one("#total").text
    assert len(hit_docs(s)) == 10
    facet_types = {a.text.strip() for a in s.select("ul.facet-type a")}
    assert {"Quyết định", "Kế hoạch", "Công văn"} <= facet_types
    assert s.select("ul.facet-year a") and s.select("ul.facet-agency a")
    assert s.select("ul.facet-issuer a")


@pytest.mark.parametrize("q", ["cải cách", "cai cach", "CẢI CÁCH", "Cai  Cách"])
def test_search_is_diacritic_insensitive(client, q) -> None:
    s = soup(client.get("/", params={"q": q}))
    assert "13 văn bản" in s.select_one("#total").text  # the hostile doc does not mention it
    assert QD in hit_docs(s) or QD in hit_docs(soup(client.get("/", params={"q": q, "page": 2})))
    marks = s.select(".snippet mark")
    assert marks and all(w in ("cải", "cách") for m in marks for w in m.text.lower().split())
    assert any(m.text.lower() == "cải cách" for m in marks)  # adjacent matches share one highlight


def test_search_ranks_title_matches_and_paginates(client) -> None:
    p1 = soup(client.get("/", params={"q": "cai cach"}))
    p2 = soup(client.get("/", params={"q": "cai cach", "page": 2}))
    assert len(hit_docs(p1)) == 10 and len(hit_docs(p2)) == 3
    assert not set(hit_docs(p1)) & set(hit_docs(p2))
    nxt = p1.select_one("a[rel=next]")["href"]
    assert "page=2" in nxt and "q=cai+cach" in nxt
    assert p2.select_one("a[rel=prev]") is not None and p2.select_one("a[rel=next]") is None
    # out-of-range / junk page numbers do not fail
    assert client.get("/", params={"q": "cai cach", "page": "x"}).status_code == 200
    assert "không tìm thấy" in client.get("/", params={"q": "cai cach", "page": 99}).text.lower()


def test_facet_links_add_a_filter(client) -> None:
    s = soup(client.get("/", params={"q": "cai cach"}))
    link = next(a for a in s.select("ul.facet-type a") if a.text.strip() == "Kế hoạch")
    assert "type=" in link["href"] and "q=cai+cach" in link["href"]
    s2 = soup(client.get(link["href"]))
    assert hit_docs(s2) == [KH]
    assert "Kế hoạch" in s2.select_one(".chips").text
    # removing the filter again
    back = s2.select_one(".chips a")["href"]
    assert "type=" not in back
    # year, issuer and agency filters
    assert hit_docs(soup(client.get("/", params={"year": "2020"}))) == [QD, KH] or \
        sorted(hit_docs(soup(client.get("/", params={"year": "2020"})))) == sorted([QD, KH])
    assert sorted(hit_docs(soup(client.get("/", params={"agency": "Sở Nội vụ"})))) == [QD]
    assert len(hit_docs(soup(client.get("/", params={"issuer": "Ủy ban nhân dân tỉnh Đồng Nai"})))) == 10


def test_search_query_with_fts_syntax_is_plain_text(client) -> None:
    for q in ['"', "NEAR(", "a OR", "*", "-", "'; DROP TABLE documents; --"]:
        assert client.get("/", params={"q": q}).status_code == 200
    assert client.get("/api/search", params={"q": "cai cach"}).json()["total"] == 13


# ----------------------------------------------------------------------------- document page
def test_document_page(client) -> None:
    s = soup(client.get(f"/doc/{QD}"))
    assert s.select_one("#doc-title").text.strip() == "Về việc đẩy mạnh cải cách hành chính năm 2020"
    assert s.select_one("#doc-number").text.strip() == "15/2020/QĐ-UBND"
    # clause tree links to anchors present in the text
    tree = [a["href"] for a in s.select("nav.tree a")]
    assert tree == ["#c-1", "#c-2"]
    assert s.select_one("#doctext #c-1") is not None and s.select_one("#doctext #c-2") is not None
    # every kind of fact highlighted, with displaCy colours
    kinds = {m["class"][1] for m in s.select("#doctext mark.ent")}
    assert {"ent-ref", "ent-deadline", "ent-agency"} <= kinds
    ref_mark = s.select_one("#doctext mark.ent-ref")
    assert "background:#7aecec" in ref_mark["style"]
    # outgoing references: resolved one links to the indexed doc, the others to the citation page
    out = {a.text.strip(): a["href"] for a in s.select("#refs-out a.cite-link")}
    assert out["99/KH-UBND"] == f"/doc/{KH}"
    assert out["30c/NQ-CP"] == "/cites?key=30c%2FNQ-CP"
    # references in the text are links too
    text_links = {a["href"] for a in s.select("#doctext a.ref-link")}
    assert f"/doc/{KH}" in text_links
    # incoming: KH cites QD
    assert [a["href"] for a in s.select("#refs-in a")] == [f"/doc/{KH}"]
    assert s.select_one("#review-link")["href"] == f"/review/{QD}"


def test_document_highlight_offsets_match_text(client, hand_index) -> None:
    rec = hand_index.get_document(QD)
    s = soup(client.get(f"/doc/{QD}"))
    body = s.select_one("#doctext")
    for lab in body.select(".ent-label"):
        lab.decompose()
    assert body.get_text() == rec["text"]
    want = {rec["text"][a:b] for a, b in (r["span"] for r in rec["references"])}
    assert want <= {m.get_text() for m in body.select("mark.ent-ref")}


def test_cites_page(client) -> None:
    s = soup(client.get("/cites", params={"key": "15/2020/QĐ-UBND"}))
    assert s.select_one("#cited-doc")["href"] == f"/doc/{QD}"
    assert [a["href"].split("#")[0] for a in s.select("a.citing-link")] == [f"/doc/{KH}"]
    s = soup(client.get("/cites", params={"key": "30c/NQ-CP"}))
    assert s.select_one("#cited-doc") is None
    assert {a["href"].split("#")[0] for a in s.select("a.citing-link")} == {f"/doc/{QD}"}
    s = soup(client.get("/cites", params={"key": "30c/NQ-CP", "relation": "can_cu"}))
    assert len(s.select("a.citing-link")) == 1


def test_cites_page_is_paged(client, monkeypatch) -> None:
    import vanban.web as web
    monkeypatch.setattr(web, "CITES_PAGE", 1)  # read when a page is made: one citing reference a page
    first = soup(client.get("/cites", params={"key": "30c/NQ-CP"}))
    total = int(first.select_one("p.muted:-soup-contains('trích dẫn')").text.split()[0])
    assert total > 1 and len(first.select("a.citing-link")) == 1
    nxt = first.select_one("a[rel=next]")["href"]
    assert "page=2" in nxt
    second = soup(client.get(nxt))
    assert len(second.select("a.citing-link")) == 1 and second.select_one("a[rel=prev]") is not None


# ----------------------------------------------------------------------------- tasks
def task_rows(s: BeautifulSoup) -> list[list[str]]:
    return [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in s.select("#tasks tr.task")]


def test_tasks_filters(client) -> None:
    assert len(task_rows(soup(client.get("/tasks")))) == 5
    rows = task_rows(soup(client.get("/tasks", params={"agency": "so noi vu"})))
    assert [r[0] for r in rows] == ["Sở Nội vụ", "Sở Nội vụ"]
    rows = task_rows(soup(client.get("/tasks", params={"role": "support"})))
    assert [r[0] for r in rows] == ["Sở Tư pháp"] and rows[0][1] == "phối hợp"
    rows = task_rows(soup(client.get("/tasks", params={"due_before": "2020-07-01"})))
    assert sorted(r[0] for r in rows) == ["<b>Sở Xây dựng</b>", "Sở Nội vụ"]
    s = soup(client.get("/tasks", params={"overdue_as_of": "2021-01-01"}))
    rows = task_rows(s)
    assert len(rows) == 3 and all("quá hạn" in r[4] for r in rows)
    rows = task_rows(soup(client.get("/tasks", params={"q": "kinh phi"})))
    assert [r[0] for r in rows] == ["Sở Tài chính"]
    # bad dates are reported, not fatal
    s = soup(client.get("/tasks", params={"due_before": "31/12/2020"}))
    assert s.select_one("p.err") is not None and len(task_rows(s)) == 5
    # filters carried into the export links
    s = soup(client.get("/tasks", params={"agency": "so noi vu", "role": "lead"}))
    assert s.select_one("#export-csv")["href"] == "/tasks.csv?agency=so+noi+vu&role=lead"
    assert s.select_one("#export-xlsx")["href"] == "/tasks.xlsx?agency=so+noi+vu&role=lead"


def test_tasks_csv_export(client) -> None:
    r = client.get("/tasks.csv", params={"agency": "so noi vu"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["doc", "number", "clause", "agency", "role", "task", "deadline", "due"]
    assert rows[1:] == [
        [QD, "15/2020/QĐ-UBND", "1", "Sở Nội vụ", "lead", "tổng hợp báo cáo cải cách hành chính", "2020-06-30", "2020-06-30"],
        [QD, "15/2020/QĐ-UBND", "2", "Sở Nội vụ", "lead", "kiểm tra công tác cải cách hành chính", "2020-12-31", "2020-12-31"],
    ]
    all_rows = list(csv.reader(io.StringIO(client.get("/tasks.csv").content.decode("utf-8-sig"))))
    assert len(all_rows) == 6


def test_tasks_xlsx_export(client) -> None:
    from openpyxl import load_workbook

    r = client.get("/tasks.xlsx", params={"overdue_as_of": "2021-01-01"})
    assert r.status_code == 200 and "spreadsheetml" in r.headers["content-type"]
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["doc", "number", "clause", "agency", "role", "task", "deadline", "due"]
    assert sorted(r[3] for r in rows[1:]) == ["<b>Sở Xây dựng</b>", "Sở Nội vụ", "Sở Nội vụ"]
    assert all(c.data_type == "s" for row in ws.iter_rows(min_row=2) for c in row if c.value is not None)


def test_export_cells_are_not_formulas(tmp_path) -> None:
    from fastapi.testclient import TestClient
    from openpyxl import load_workbook

    from vanban.index import open_index

    from .conftest import _Doc

    d = _Doc("900_f.txt", {"number": "1/X", "type": "Công văn", "issuer": "X", "issued_date": "2020-01-01",
                           "title": "t"})
    d.agency("Sở Y tế", "1", "lead", "=HYPERLINK(\"http://evil\")", "2020-02-02")
    idx = open_index({"backend": "sqlite", "path": str(tmp_path / "f.sqlite")})
    idx.write_document(d.record())
    c = TestClient(create_app(idx))
    rows = list(csv.reader(io.StringIO(c.get("/tasks.csv").content.decode("utf-8-sig"))))
    assert rows[1][5].startswith("'=")
    ws = load_workbook(io.BytesIO(c.get("/tasks.xlsx").content)).active
    assert ws["F2"].value.startswith("=HYPERLINK") and ws["F2"].data_type == "s"
    idx.close()


# ----------------------------------------------------------------------------- review
def test_review_page(client) -> None:
    s = soup(client.get(f"/review/{QD}"))
    bases = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in s.select("#bases tr")[1:]]
    assert [b[2] for b in bases] == ["61/2018/NĐ-CP", "30c/NQ-CP"]
    cited = {tr.select("td")[0].strong.text: tr for tr in s.select("#cited tr")[1:]}
    assert set(cited) == {"61/2018/NĐ-CP", "30c/NQ-CP", "99/KH-UBND"}
    kh = cited["99/KH-UBND"]
    assert "có" in kh.select("td")[3].text and kh.select("td")[4].text.strip() == "2020-06-01"
    assert kh.select("td")[5].text.strip() == "2020-06-01"
    assert "ban hành sau" in kh.select("td")[6].text and "has-error" in kh["class"]
    nq = cited["30c/NQ-CP"]
    assert "không" in nq.select("td")[3].text
    assert "các ngày khác nhau" in nq.text and "2011-11-08, 2011-11-09" in nq.text
    assert "hợp lệ" in cited["61/2018/NĐ-CP"].text
    assert "30c/NQ-CP" in s.select_one("#conflicts").text
    mal = [[td.get_text(strip=True) for td in tr.select("td")] for tr in s.select("#malformed tr")[1:]]
    assert mal == [["", "61/2018/NĐ- CP", "61/2018/NĐ-CP"]]
    ana = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in s.select("#anaphora tr")[1:]]
    assert ana == [["Nghị quyết trên", "30c/NQ-CP", "triển khai", "1"], ["Quyết định này", "văn bản này", "nhắc đến", "2"],
                   ["Kế hoạch này", "văn bản này", "triển khai", "2"]]
    # the document's own number (via "Quyết định này" / "Kế hoạch này") is neither cited nor a type conflict
    summary = s.select_one("#review-summary").text
    assert "2 lỗi" in " ".join(summary.split())
    assert "@media print" in r_text(client, f"/review/{QD}")


def r_text(client, url: str) -> str:
    return client.get(url).text


def test_review_download_and_json(client) -> None:
    r = client.get(f"/review/{QD}", params={"download": 1})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="ra-soat-{QD}.html"'
    assert "@media print" in r.text and 'id="download"' not in r.text
    assert 'class="top"' not in r.text and f'href="/doc/{QD}"' not in r.text  # a standalone file
    j = client.get(f"/api/review/{QD}").json()
    assert j["summary"]["errors"] == 2 and j["malformed"][0]["raw"] == "61/2018/NĐ- CP"
    # a clean document: no errors
    j = client.get(f"/api/review/{KH}").json()
    assert j["summary"]["errors"] == 0 and j["cited"][0]["found"] == QD


# ----------------------------------------------------------------------------- safety
def test_hostile_values_are_escaped(client) -> None:
    for url in ("/", f"/doc/{EVIL}", f"/review/{EVIL}", "/tasks", "/?q=th%E1%BB%A7+t%E1%BB%A5c",
                "/?issuer=" + HOSTILE, "/cites?key=" + HOSTILE):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<script>alert" not in r.text, url
        assert "<img src=x" not in r.text and "<b>Sở" not in r.text, url
    r = client.get(f"/doc/{EVIL}")
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in r.text
    s = soup(r)
    assert s.select_one("#doc-title").text.strip() == HOSTILE
    assert not s.select("script") and not s.select("img")
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_snippet_keeps_only_mark_tags() -> None:
    assert safe_snippet("a <mark>cải</mark> &lt;b&gt;") == "a <mark>cải</mark> &lt;b&gt;"
    assert safe_snippet("<script>x</script><mark>y</mark>") == "&lt;script&gt;x&lt;/script&gt;<mark>y</mark>"
    assert safe_snippet("<mark onclick=x>y</mark>") == "&lt;mark onclick=x&gt;y"
    assert safe_snippet("<mark>open") == "<mark>open</mark>"
    assert safe_snippet("</mark>x<MARK>y") == "x<mark>y</mark>"
    assert safe_snippet(None) == ""
    assert safe_snippet("<mark>cải</mark> <mark>cách</mark>") == "<mark>cải cách</mark>"


@pytest.mark.parametrize("path", [
    "/doc/..%2F..%2Fetc%2Fpasswd", "/doc/%2e%2e/%2e%2e/etc/passwd", "/doc//etc/passwd", "/doc/a%2F..%2F" + QD,
    "/doc/" + QD + "%00", "/doc/nope.txt", "/review/..%2Fconfig.toml", "/review/%2Fetc%2Fpasswd",
    "/api/doc/..%2F..%2Fetc%2Fpasswd", "/doc/x%3Cscript%3E", "/doc/" + "a" * 400,
])
def test_bad_document_ids_are_404(client, path) -> None:
    r = client.get(path)
    assert r.status_code == 404, path
    assert "root:" not in r.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/", f"/doc/{QD}", "/tasks", "/tasks.csv", f"/review/{QD}", "/nowhere"])
def test_read_only(client, method, path) -> None:
    r = client.request(method, path)
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, HEAD"


def test_create_app_from_config(tmp_path, hand_index) -> None:
    from fastapi.testclient import TestClient

    from vanban.index import open_index

    cfg = {"index": {"backend": "sqlite", "path": str(tmp_path / "c.sqlite")}, "serve": {"host": "127.0.0.1"}}
    idx = open_index(cfg["index"])
    idx.write_document(hand_index.get_document(QD))
    idx.close()
    with TestClient(create_app(cfg)) as c:
        assert c.get("/healthz").json() == {"ok": True, "documents": 1}
        assert c.get(f"/doc/{QD}").status_code == 200


def test_serve_binds_localhost_by_default(monkeypatch, tmp_path) -> None:
    import uvicorn

    import vanban.web as web

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    cfg = {"index": {"backend": "sqlite", "path": str(tmp_path / "s.sqlite")}}
    assert web.serve(cfg) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    web.serve({**cfg, "serve": {"host": "127.0.0.1", "port": 8123}}, port=None)
    assert seen["port"] == 8123


def test_head_is_allowed(client) -> None:
    r = client.head(f"/doc/{QD}")
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-type"].startswith("text/html")
    assert client.head("/doc/nope.txt").status_code == 404


def test_json_mirrors(client) -> None:
    j = client.get("/api/search", params={"q": "cai cach", "type": "Kế hoạch"}).json()
    assert j["total"] == 1 and j["hits"][0]["doc"] == KH and "facets" in j
    j = client.get(f"/api/doc/{QD}").json()
    assert j["record"]["header"]["number"] == "15/2020/QĐ-UBND"
    assert [c["doc"] for c in j["cited_by"]] == [KH]
    assert any(r["resolved"] == KH for r in j["refs"])
    rows = client.get("/api/tasks", params={"agency": "so tu phap"}).json()
    assert [(r["agency"], r["role"]) for r in rows] == [("Sở Tư pháp", "support")]
    assert client.get("/api/doc/nope.txt").json() == {"error": "Không có văn bản này"}
