"""Fixtures for the web app: a hand-built index (unit tests), the real corpus index and a
live uvicorn server + headless Chromium (browser tests)."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

QD, KH, EVIL = "001_qd15.txt", "002_kh99.txt", "003_evil.txt"
HOSTILE = "<script>alert('xss')</script>"


# --------------------------------------------------------------------------- hand-built records
class _Doc:
    """Build a record's text piece by piece and record the spans of its facts."""

    def __init__(self, doc: str, header: dict[str, Any]) -> None:
        self.doc, self.header, self.text = doc, header, ""
        self.facts: dict[str, list[dict[str, Any]]] = {k: [] for k in
                                                        ("references", "deadlines", "agencies", "assignments", "targets")}
        self.clauses: list[dict[str, Any]] = []
        self._agencies: dict[str, dict[str, Any]] = {}

    def add(self, s: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += s
        return start, len(self.text)

    def clause(self, path: str, label: str, level: int, heading: str) -> None:
        s, _ = self.add("\n" + label + " ")
        self.clauses.append({"path": path, "label": label, "level": level, "start": s + 1, "end": s + 1,
                             "heading": label + " " + heading})

    def ref(self, s: str, key: str, relation: str, clause: str, type_: str | None = None, date: str | None = None,
            issuer: str | None = None, anaphor: bool = False) -> None:
        a, b = self.add(s)
        r = {"text": s, "key": key, "type": type_, "issued_date": date, "issuer": issuer, "relation": relation,
             "clause": clause, "span": [a, b]}
        if anaphor:
            r["anaphor"] = True
        self.facts["references"].append(r)

    def agency(self, name: str, clause: str, role: str, task: str, deadline: str | None) -> None:
        a, b = self.add(name)
        ag = self._agencies.get(name)
        if ag is None:
            ag = self._agencies[name] = {"name": name, "aliases": [], "collective": False, "span": [a, b],
                                         "mentions": []}
            self.facts["agencies"].append(ag)
        ag["mentions"].append([a, b])
        self.add(" chủ trì " if role == "lead" else " phối hợp ")
        ta, tb = self.add(task)
        self.facts["assignments"].append({"clause": clause, "agency": name, "role": role, "task": task,
                                          "deadline": deadline, "span": [ta, tb], "agency_span": [a, b]})
        if deadline:
            da, db = self.add(f", hoàn thành trước ngày {deadline[8:10]}/{deadline[5:7]}/{deadline[:4]}")
            self.facts["deadlines"].append({"text": self.text[da + 2:db], "kind": "by", "value": deadline,
                                            "clause": clause, "span": [da + 2, db]})
        self.add(". ")

    def record(self) -> dict[str, Any]:
        for c in self.clauses:
            c["end"] = len(self.text)
        return {"doc": self.doc, "source": f"/tmp/corpus/{self.doc}", "sha256": "sha-" + self.doc, "text": self.text,
                "header": self.header, "clauses": self.clauses, **self.facts, "meta": {}}


def hand_records() -> list[dict[str, Any]]:
    qd = _Doc(QD, {"number": "15/2020/QĐ-UBND", "type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Hòa Bình",
                   "issued_date": "2020-03-01", "title": "Về việc đẩy mạnh cải cách hành chính năm 2020"})
    qd.add("QUYẾT ĐỊNH\nVề việc đẩy mạnh cải cách hành chính năm 2020\n")
    qd.ref("Căn cứ Nghị định số 61/2018/NĐ- CP ngày 23/4/2018 của Chính phủ", "61/2018/NĐ-CP", "can_cu", "",
           "Nghị định", "2018-04-23", "Chính phủ")
    qd.add(";\n")
    qd.ref("Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ", "30c/NQ-CP", "can_cu", "", "Nghị quyết",
           "2011-11-08", "Chính phủ")
    qd.add(";\n")
    qd.clause("1", "Điều 1.", 1, "Nhiệm vụ")
    qd.add("Triển khai ")
    qd.ref("Nghị quyết trên", "30c/NQ-CP", "trien_khai", "1", "Nghị quyết", anaphor=True)
    qd.add(" và ")
    qd.ref("Kế hoạch số 99/KH-UBND ngày 01/6/2020", "99/KH-UBND", "trien_khai", "1", "Kế hoạch", "2020-06-01",
           "Ủy ban nhân dân tỉnh")
    qd.add(". ")
    qd.agency("Sở Nội vụ", "1", "lead", "tổng hợp báo cáo cải cách hành chính", "2020-06-30")
    qd.agency("Sở Tư pháp", "1", "support", "rà soát văn bản quy phạm pháp luật", "2021-12-31")
    qd.clause("2", "Điều 2.", 1, "Tổ chức thực hiện")
    qd.ref("Nghị quyết số 30c/NQ-CP ngày 09/11/2011", "30c/NQ-CP", "mention", "2", "Nghị quyết", "2011-11-09")
    qd.add(" tiếp tục được quán triệt. ")
    qd.ref("Quyết định này", "15/2020/QĐ-UBND", "mention", "2", "Quyết định", anaphor=True)
    qd.add(" và ")
    qd.ref("Kế hoạch này", "15/2020/QĐ-UBND", "trien_khai", "2", "Kế hoạch", anaphor=True)
    qd.add(" có hiệu lực từ ngày ký. ")
    qd.agency("Sở Nội vụ", "2", "lead", "kiểm tra công tác cải cách hành chính", "2020-12-31")

    kh = _Doc(KH, {"number": "99/KH-UBND", "type": "Kế hoạch", "issuer": "Ủy ban nhân dân tỉnh Hòa Bình",
                   "issued_date": "2020-06-01", "title": "Kế hoạch cải cách thủ tục hành chính"})
    kh.add("KẾ HOẠCH\nCải cách thủ tục hành chính\n")
    kh.ref("Quyết định số 15/2020/QĐ-UBND ngày 01/3/2020", "15/2020/QĐ-UBND", "trien_khai", "", "Quyết định",
           "2020-03-01", "Ủy ban nhân dân tỉnh")
    kh.add(".\n")
    kh.clause("1", "1.", 1, "Nhiệm vụ")
    kh.agency("Sở Tài chính", "1", "lead", "bố trí kinh phí cải cách hành chính", None)

    ev = _Doc(EVIL, {"number": "66/CV-X", "type": "Công văn", "issuer": HOSTILE, "issued_date": "2019-01-02",
                     "title": HOSTILE})
    ev.add("CÔNG VĂN <img src=x onerror=alert(1)> về thủ tục ")
    ev.agency("<b>Sở Xây dựng</b>", "", "lead", "<script>alert(2)</script> báo cáo", "2019-05-01")

    fillers = []
    for i in range(11):
        f = _Doc(f"1{i:02d}_cv.txt", {"number": f"{100 + i}/UBND-KSTT", "type": "Công văn",
                                      "issuer": "Ủy ban nhân dân tỉnh Đồng Nai", "issued_date": f"2013-07-{i + 1:02d}",
                                      "title": f"Về cải cách hành chính đợt {i + 1}"})
        f.add(f"Công văn về cải cách hành chính, đợt {i + 1}.")
        fillers.append(f.record())
    return [qd.record(), kh.record(), ev.record(), *fillers]


@pytest.fixture()
def hand_index(tmp_path: Path) -> Iterator[Any]:
    from vanban.index import open_index

    idx = open_index({"backend": "sqlite", "path": str(tmp_path / "web.sqlite")})
    for r in hand_records():
        idx.write_document(r)
    yield idx
    idx.close()


@pytest.fixture()
def client(hand_index: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from vanban.web import create_app

    with TestClient(create_app(hand_index)) as c:
        yield c


# --------------------------------------------------------------------------- real corpus, live server
@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The real corpus/ run through the pipeline into a fresh SQLite index."""
    from vanban.index import open_index
    from vanban.pipeline.batch import run_batch

    tmp = tmp_path_factory.mktemp("corpus-index")
    idx = open_index({"backend": "sqlite", "path": str(tmp / "vanban.sqlite")})
    rep = run_batch([str(CORPUS)], idx, registry_path=str(tmp / "reg.sqlite"), jobs=1)
    assert not rep.failed, rep.failed
    assert len(idx.list_documents()) == len(list(CORPUS.iterdir()))
    yield idx
    idx.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(corpus_index: Any) -> Iterator[str]:
    import uvicorn

    from vanban.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_index), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not th.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    th.join(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI (scripts/system-deps.sh installs it)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright not installed (pip install -e '.[test]')")

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, live_server: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN", accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(15000)
    pg.base = live_server  # type: ignore[attr-defined]
    yield pg
    ctx.close()


@pytest.fixture()
def shot() -> Any:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(pg: Any, name: str, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=full_page)
        return path

    return take
