"""`vanban serve`: the read-only staff web app (search, documents, tasks, citation review).

Server-rendered HTML (Jinja2, autoescaped), no JavaScript.  `create_app(cfg_or_index)`
builds the FastAPI app over a config dict (its [index] table) or an open `IndexBackend`;
`serve(cfg, host, port)` runs it under uvicorn, on 127.0.0.1 by default.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from vanban.spacy_components import COLORS
from vanban.web.render import LABEL_NAMES, clause_anchor, clause_tree, highlighted_text, safe_snippet
from vanban.web.review import review as build_review

__all__ = ["create_app", "serve"]

TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZE = 10
CITES_PAGE = 100  # citing references a page lists (a law may be cited by most of an archive)
MAX_PAGE = 1000
TASK_LIMIT = 5000
DOC_ID_RE = re.compile(r"^[\w.\-/ ]{1,300}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FACETS = ("type", "issuer", "year", "agency")
FACET_NAMES = {"type": "Loại văn bản", "issuer": "Cơ quan ban hành", "year": "Năm", "agency": "Cơ quan được nhắc"}
ROLES = {"lead": "chủ trì", "support": "phối hợp"}
RELATIONS = {"can_cu": "căn cứ", "thay_the": "thay thế", "sua_doi": "sửa đổi", "bai_bo": "bãi bỏ",
             "huong_dan": "hướng dẫn", "trien_khai": "triển khai", "mention": "nhắc đến"}
TASK_COLUMNS = ["doc", "number", "clause", "agency", "role", "task", "deadline", "due"]
READ_METHODS = {"GET", "HEAD"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def _open_index(cfg_or_index: Any) -> tuple[Any, bool]:
    """(index, owned): an IndexBackend as given, or one opened from a config dict."""
    if hasattr(cfg_or_index, "search") and hasattr(cfg_or_index, "get_document"):
        return cfg_or_index, False
    cfg = dict(cfg_or_index or {})
    icfg = cfg.get("index", cfg)
    try:
        from vanban.index import open_index  # type: ignore[attr-defined]
    except ImportError:
        from vanban.index.base import open_index
    return open_index(icfg), True


def _doc_title(header: dict[str, Any] | None, doc: str) -> str:
    h = header or {}
    return h.get("title") or h.get("number") or doc


def create_app(cfg_or_index: Any = None) -> FastAPI:
    if cfg_or_index is None:
        from vanban.config import load_config
        cfg_or_index = load_config()
    index, owned = _open_index(cfg_or_index)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            index.close()

    app = FastAPI(title="vanban", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.index = index
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.autoescape = True
    env.globals.update(COLORS=COLORS, LABEL_NAMES=LABEL_NAMES, ROLES=ROLES, RELATIONS=RELATIONS,
                       FACET_NAMES=FACET_NAMES, doc_title=_doc_title,
                       anchor=clause_anchor)
    env.filters["snippet"] = safe_snippet

    # -- guards --------------------------------------------------------------------
    @app.middleware("http")
    async def read_only(request: Request, call_next: Any) -> Response:
        if request.method not in READ_METHODS:
            resp: Response = PlainTextResponse("Method Not Allowed: this app is read-only", status_code=405,
                                               headers={"Allow": "GET, HEAD"})
        elif request.method == "HEAD":  # answered as GET, without the body
            request.scope["method"] = "GET"
            got = await call_next(request)
            async for _ in got.body_iterator:  # type: ignore[attr-defined]
                pass
            resp = Response(status_code=got.status_code, headers=dict(got.headers))
        else:
            resp = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            resp.headers.setdefault(k, v)
        return resp

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)

    def valid_doc(doc_id: str) -> dict[str, Any]:
        """The stored record of a safe, known document id (404 otherwise)."""
        if (not DOC_ID_RE.match(doc_id) or doc_id.startswith("/") or doc_id != doc_id.strip()
                or any(seg in ("", ".", "..") for seg in doc_id.split("/"))):
            raise HTTPException(404, "Không có văn bản này")
        rec = index.get_document(doc_id)
        if rec is None:
            raise HTTPException(404, "Không có văn bản này")
        return rec

    def doc_url(doc_id: str) -> str:
        return "/doc/" + quote(doc_id, safe="/")

    def review_url(doc_id: str, **params: Any) -> str:
        return "/review/" + quote(doc_id, safe="/") + ("?" + urlencode(params) if params else "")

    env.globals.update(doc_url=doc_url, review_url=review_url)

    def cites_url(key: str) -> str:
        return "/cites?" + urlencode({"key": key})

    env.globals["cites_url"] = cites_url

    # -- search ------------------------------------------------------------------------
    def search_params(request: Request) -> tuple[str, dict[str, str], int]:
        qp = request.query_params
        q = (qp.get("q") or "").strip()[:500]
        filters = {k: qp[k] for k in FACETS if qp.get(k)}
        try:
            page = max(1, min(MAX_PAGE, int(qp.get("page") or 1)))
        except ValueError:
            page = 1
        return q, filters, page

    def run_search(q: str, filters: dict[str, str], page: int) -> dict[str, Any]:
        res = index.search(q, filters=filters or None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return res

    @app.get("/", response_class=HTMLResponse, name="search")
    def search_page(request: Request) -> Response:
        q, filters, page = search_params(request)
        res = run_search(q, filters, page)
        pages = max(1, math.ceil((res.get("total") or 0) / PAGE_SIZE))

        def url(**change: Any) -> str:
            params: dict[str, Any] = {"q": q, **filters, "page": page}
            params.update(change)
            if "page" not in change:
                params["page"] = 1
            return "/?" + urlencode({k: v for k, v in params.items() if v not in (None, "") and not (k == "page" and v == 1)})

        return templates.TemplateResponse(request, "search.html", {
            "q": q, "filters": filters, "page": page, "pages": pages, "res": res, "url": url,
            "facets": {k: res.get("facets", {}).get(k) or {} for k in FACETS}})

    @app.get("/api/search")
    def api_search(request: Request) -> dict[str, Any]:
        q, filters, page = search_params(request)
        return run_search(q, filters, page)

    # -- documents --------------------------------------------------------------------
    def document_data(rec: dict[str, Any]) -> dict[str, Any]:
        doc_id = rec["doc"]
        header = rec.get("header") or {}
        refs = index.refs(doc_id)
        number = header.get("number")
        page = index.cites_page(number, limit=CITES_PAGE) if number else {"total": 0, "hits": []}
        cited_by = [c for c in page["hits"] if c.get("doc") != doc_id]
        return {"header": header, "refs": refs, "cited_by": cited_by,
                "cited_by_total": page["total"] - (len(page["hits"]) - len(cited_by))}

    @app.get("/doc/{doc_id:path}", response_class=HTMLResponse, name="document")
    def document(request: Request, doc_id: str) -> Response:
        rec = valid_doc(doc_id)
        data = document_data(rec)
        by_key = {}
        for r in data["refs"]:
            by_key.setdefault(r.get("key"), r.get("resolved"))

        def ref_href(item: dict[str, Any]) -> str | None:
            key = item.get("key") or ""
            if item.get("anaphor") and key.strip().lower() == "self":
                return None
            res = by_key.get(key)
            if res == doc_id:
                return None
            if res:
                return doc_url(res)
            return cites_url(key) if key else None

        return templates.TemplateResponse(request, "document.html", {
            "rec": rec, "doc": doc_id, **data, "tree": clause_tree(rec.get("clauses") or []),
            "body": highlighted_text(rec, ref_href),
            "counts": {k: len(rec.get(k) or []) for k in ("references", "deadlines", "agencies", "assignments", "targets")}})

    @app.get("/api/doc/{doc_id:path}")
    def api_document(doc_id: str) -> dict[str, Any]:
        rec = valid_doc(doc_id)
        return {"record": rec, **document_data(rec)}

    @app.get("/cites", response_class=HTMLResponse, name="cites")
    def cites_page(request: Request, key: str = "", relation: str = "", depth: int = 1, page: int = 1) -> Response:
        key = key.strip()[:200]
        depth = max(1, min(5, depth))
        page = max(1, min(MAX_PAGE, page))
        rel = relation if relation in RELATIONS else None
        res = index.cites_page(key, relation=rel, depth=depth, limit=CITES_PAGE, offset=(page - 1) * CITES_PAGE) \
            if key else {"total": 0, "hits": []}
        target = index.find_number(key) if key else None
        pages = max(1, math.ceil(res["total"] / CITES_PAGE))

        def url(**change: Any) -> str:
            params = {"key": key, "relation": rel or "", "depth": depth, "page": page, **change}
            return "/cites?" + urlencode({k: v for k, v in params.items()
                                          if v not in (None, "") and not (k in ("page", "depth") and v == 1)})
        return templates.TemplateResponse(request, "cites.html", {
            "key": key, "relation": rel or "", "depth": depth, "rows": res["hits"], "total": res["total"],
            "target": target, "page": page, "pages": pages, "url": url})

    # -- tasks ------------------------------------------------------------------------
    def task_params(request: Request) -> tuple[dict[str, Any], list[str]]:
        qp = request.query_params
        errors: list[str] = []
        p: dict[str, Any] = {"q": (qp.get("q") or "").strip()[:300], "agency": (qp.get("agency") or "").strip()[:200],
                             "role": qp.get("role") or "", "due_before": qp.get("due_before") or "",
                             "overdue_as_of": qp.get("overdue_as_of") or ""}
        if p["role"] not in ROLES:
            p["role"] = ""
        for k in ("due_before", "overdue_as_of"):
            if p[k] and not DATE_RE.match(p[k]):
                errors.append(f"Ngày không hợp lệ ({k}): dùng dạng YYYY-MM-DD")
                p[k] = ""
            elif p[k]:
                try:
                    dt.date.fromisoformat(p[k])
                except ValueError:
                    errors.append(f"Ngày không hợp lệ ({k})")
                    p[k] = ""
        return p, errors

    def run_tasks(p: dict[str, Any]) -> list[dict[str, Any]]:
        rows = index.tasks(p["q"] or None, agency=p["agency"] or None, role=p["role"] or None,
                           due_before=p["due_before"] or None, overdue_as_of=p["overdue_as_of"] or None,
                           limit=TASK_LIMIT)
        return rows

    def task_query(p: dict[str, Any]) -> str:
        return urlencode({k: v for k, v in p.items() if v})

    @app.get("/tasks", response_class=HTMLResponse, name="tasks")
    def tasks_page(request: Request) -> Response:
        p, errors = task_params(request)
        rows = run_tasks(p)
        agencies = sorted((index.search("", limit=1).get("facets") or {}).get("agency", {}))
        return templates.TemplateResponse(request, "tasks.html", {
            "p": p, "rows": rows, "errors": errors, "qs": task_query(p), "agencies": agencies})

    def export_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
        out = []
        for r in rows:
            h = r.get("header") or {}
            out.append([r.get("doc") or "", h.get("number") or "", r.get("clause") or "", r.get("agency") or "",
                        r.get("role") or "", r.get("task") or "", r.get("deadline") or "", r.get("due") or ""])
        return out

    def _csv_cell(v: str) -> str:
        # keep spreadsheet apps from running cell text as a formula
        return "'" + v if v[:1] in ("=", "+", "@", "\t", "\r") or (v[:1] == "-" and v[1:2] not in (" ", "")) else v

    @app.get("/tasks.csv", name="tasks_csv")
    def tasks_csv(request: Request) -> Response:
        p, _ = task_params(request)
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(TASK_COLUMNS)
        for row in export_rows(run_tasks(p)):
            w.writerow([_csv_cell(v) for v in row])
        return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="nhiem-vu.csv"'})

    @app.get("/tasks.xlsx", name="tasks_xlsx")
    def tasks_xlsx(request: Request) -> Response:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        p, _ = task_params(request)
        wb = Workbook()
        ws = wb.active
        ws.title = "Nhiem vu"
        ws.append(TASK_COLUMNS)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in export_rows(run_tasks(p)):
            ws.append(row)
            for c in ws[ws.max_row]:
                c.data_type = "s"  # text, never a formula
        for col, width in zip("ABCDEFGH", (28, 18, 10, 30, 10, 80, 20, 12)):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
        buf = io.BytesIO()
        wb.save(buf)
        return Response(buf.getvalue(),
                        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": 'attachment; filename="nhiem-vu.xlsx"'})

    @app.get("/api/tasks")
    def api_tasks(request: Request) -> list[dict[str, Any]]:
        p, _ = task_params(request)
        return run_tasks(p)

    # -- review -----------------------------------------------------------------------
    @app.get("/review/{doc_id:path}", response_class=HTMLResponse, name="review")
    def review_page(request: Request, doc_id: str, download: int = 0) -> Response:
        rec = valid_doc(doc_id)
        rv = build_review(index, rec)
        resp = templates.TemplateResponse(request, "review.html", {
            "rv": rv, "doc": doc_id, "download": bool(download),
            "generated": dt.datetime.now().strftime("%d/%m/%Y %H:%M")})
        if download:
            safe = re.sub(r"[^\w.\-]+", "_", doc_id)[:120]
            resp.headers["Content-Disposition"] = f'attachment; filename="ra-soat-{safe}.html"'
        return resp

    @app.get("/api/review/{doc_id:path}")
    def api_review(doc_id: str) -> dict[str, Any]:
        return build_review(index, valid_doc(doc_id))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"ok": True, "documents": len(index.list_documents())}

    return app


def serve(cfg: dict[str, Any], host: str | None = None, port: int | None = None) -> int:
    """Run the app under uvicorn until interrupted (127.0.0.1:8000 unless configured)."""
    import uvicorn

    scfg = (cfg or {}).get("serve") or {}
    host = host or scfg.get("host") or "127.0.0.1"
    port = int(port or scfg.get("port") or 8000)
    app = create_app(cfg)
    print(f"vanban: serving on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
