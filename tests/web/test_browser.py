"""The web app in headless Chromium, served by uvicorn over the real corpus/ run through the
pipeline.  Each test leaves a screenshot in var/screenshots/<name>.png."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote, urlparse

import pytest

pytestmark = pytest.mark.slow

# corpus/001 is Quyết định 2843/QĐ-UBND (Hòa Bình, 29/12/2015); it is based on Nghị quyết 30c/NQ-CP,
# which several corpus documents cite but which is not itself in the corpus.
QD_HOA_BINH = "001_6a29d60a9457ab08.txt"


def total(page) -> int:
    m = re.match(r"\s*(\d+) văn bản", page.locator("#total").inner_text())
    assert m, page.locator("#total").inner_text()
    return int(m.group(1))


def hit_ids(page) -> list[str]:
    return [unquote(h.removeprefix("/doc/")) for h in page.locator("a.hit-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")]


@pytest.mark.parametrize("query,name", [("cải cách", "search_diacritics"), ("cai cach", "search_no_diacritics")])
def test_search(page, shot, corpus_index, query, name) -> None:
    page.goto(page.base + "/")
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"\?q="))
    expected = corpus_index.search(query, limit=100)
    assert total(page) == expected["total"] == len(corpus_index.list_documents())
    assert hit_ids(page) == [h["doc"] for h in expected["hits"]]
    marks = page.locator(".snippet mark").all_inner_texts()
    assert marks and {w for m in marks for w in m.lower().split()} <= {"cải", "cách"}
    shot(page, name)


def test_search_same_ranking_with_and_without_diacritics(page, live_server) -> None:
    page.goto(live_server + "/?q=c%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh")
    a = hit_ids(page)
    page.goto(live_server + "/?q=cai+cach+hanh+chinh")
    assert sorted(hit_ids(page)) == sorted(a)


def test_facet_filter(page, shot) -> None:
    page.goto(page.base + "/?q=cai+cach")
    before = total(page)
    link = page.locator("ul.facet-type a").first
    label = link.inner_text().strip()
    link.click()
    page.wait_for_url(re.compile(r"type="))
    assert total(page) < before
    assert label in page.locator(".chips").inner_text()
    shot(page, "search_facet")


def test_open_document_and_follow_citation(page, shot, corpus_index) -> None:
    page.goto(page.base + "/?q=cai+cach")
    page.locator(f"a.hit-link[href='/doc/{QD_HOA_BINH}']").click()
    page.wait_for_url(re.compile(re.escape(QD_HOA_BINH) + "$"))
    assert page.locator("#doc-number").inner_text().strip() == corpus_index.get_document(QD_HOA_BINH)["header"]["number"]
    # facts are highlighted in the text, clause tree present
    assert page.locator("#doctext mark.ent-ref").count() > 5
    assert page.locator("#doctext mark.ent-deadline").count() > 0
    assert page.locator("nav.tree a").count() > 5
    color = page.locator("#doctext mark.ent-ref").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert color == "rgb(122, 236, 236)"  # displaCy's REF colour #7aecec
    shot(page, "document")
    # clause tree jumps to the anchor in the text
    first_clause = page.locator("nav.tree a").first
    target = first_clause.get_attribute("href")
    first_clause.click()
    assert unquote(page.url).endswith(target)
    anchor = page.locator(f"#doctext [id='{target[1:]}']")
    assert anchor.count() == 1 and anchor.evaluate("e => e.getBoundingClientRect().top < innerHeight")
    shot(page, "document_clause")
    # follow the outgoing citation of Nghị quyết 30c/NQ-CP: the page of documents citing it
    page.goto(page.base + f"/doc/{QD_HOA_BINH}")
    page.locator("#refs-out a.cite-link", has_text="30c/NQ-CP").first.click()
    page.wait_for_url(re.compile(r"/cites\?key="))
    citing = {unquote(urlparse(h).path.removeprefix("/doc/")) for h in page.locator("a.citing-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")}
    expected = {c["doc"] for c in corpus_index.cites("30c/NQ-CP")}
    assert QD_HOA_BINH in citing and citing == expected and len(citing) >= 3
    shot(page, "citation")
    # and on to another document that cites it
    other = page.locator("a.citing-link").filter(has_not_text="2843").first
    other.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert page.locator("#doctext").count() == 1


def test_tasks_filter_by_agency_and_export_csv(page, shot, corpus_index) -> None:
    page.goto(page.base + "/tasks")
    page.fill("input[name=agency]", "so noi vu")
    page.locator("#task-filter button[type=submit]").click()
    page.wait_for_url(re.compile(r"agency=so\+noi\+vu"))
    expected = corpus_index.tasks(agency="so noi vu", limit=5000)
    rows = page.locator("#tasks tr.task")
    assert rows.count() == len(expected)
    if corpus_index.stats()["assignments"]:  # the corpus assigns work to Sở Nội vụ
        assert expected and "Sở Nội vụ" in page.locator("#tasks").inner_text()
    assert page.locator("input[name=agency]").input_value() == "so noi vu"
    shot(page, "tasks_so_noi_vu", full_page=False)
    with page.expect_download() as dl:
        page.locator("#export-csv").click()
    download = dl.value
    assert download.suggested_filename == "nhiem-vu.csv"
    data = open(download.path(), encoding="utf-8-sig").read()
    got = list(csv.reader(io.StringIO(data)))
    assert got[0][:6] == ["doc", "number", "clause", "agency", "role", "task"]
    assert [(r[0], r[3], r[5]) for r in got[1:]] == [(t["doc"], t["agency"], t["task"]) for t in expected]


def test_review_page(page, shot, corpus_index) -> None:
    page.goto(page.base + f"/doc/{QD_HOA_BINH}")
    page.locator("#review-link").click()
    page.wait_for_url(re.compile(r"/review/"))
    assert "Báo cáo rà soát" in page.locator("h1").inner_text()
    bases = page.locator("#bases tr").all_inner_texts()[1:]
    assert any("30c/NQ-CP" in b for b in bases)
    cited = page.locator("#cited").inner_text()
    assert "13/CT-TTg" in cited
    mal = page.locator("#malformed").inner_text()
    assert "13/CT- TTg" in mal  # written with a space in the text, canonical 13/CT-TTg
    shot(page, "review", full_page=True)
    # the print layout hides the navigation and the buttons
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("#download").is_visible()
    shot(page, "review_print")
    page.emulate_media(media="screen")
    with page.expect_download() as dl:
        page.locator("#download").click()
    assert dl.value.suggested_filename.startswith("ra-soat-") and dl.value.suggested_filename.endswith(".html")
