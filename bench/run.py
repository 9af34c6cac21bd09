"""vanban performance benchmark: `make bench` (or `python bench/run.py [--quick] [--sizes S,L]`).

Every stage runs in a fresh worker subprocess (``run.py --worker STAGE PARAMS``) so its peak
RSS (``ru_maxrss``, including worker pools it forks) is its own.  Results: one table on
stdout, the same rows as JSON in bench/results.json and var/bench/results.json.

Workloads
  demo        the demo corpus (corpus/, gold in ../shared/gold)
  synth-S     S synthetic documents (bench/synth.py; default 1 000): full pipeline, --jobs scaling
  synth-L     L synthetic documents (default 10 000): extraction from text + indexing + queries
  pdf-N/docx-N  N of the synthetic documents as text PDFs (DejaVu Sans) and DOCX (default 200)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

HEAVY = ("underthesea", "spacy", "dateparser", "pdfplumber")
ALSO_WATCHED = ("pypdfium2", "docx", "torch", "sklearn", "elasticsearch", "lxml", "bs4")
EXTRACTORS_FALLBACK = ("header", "references", "deadlines", "agencies", "assignments", "targets")

# Every stage key a complete run reports (the smoke test checks them).
STAGE_KEYS = (
    "ingest.txt", "ingest.pdf", "ingest.docx", "pdf.pdfplumber", "pdf.pypdfium2", "normalise+segment",
    *(f"extract.{n}" for n in EXTRACTORS_FALLBACK), "extract.total", "offshelf.total", "index.write",
    "run.jobs1", "run.jobs2", "startup.import_cli", "startup.search_cli", "startup.heavy_imports",
    "query.search", "query.cites", "query.tasks",
)

GOALS = {
    "extract_mb_s_per_core": 1.0, "extract_vs_offshelf": 10.0, "pdf_fast_vs_plumber": 10.0,
    "jobs2_speedup": 1.7, "peak_rss_mb_10k": 1024.0, "query_s": 0.3,
}


_UNSET: Any = object()


def peak_rss_mb() -> float:
    """Peak RSS of this process and of any (waited-for) children, in MB.

    Own peak comes from VmHWM (per address space): ru_maxrss survives exec on Linux, so a
    worker would otherwise report at least the orchestrator's RSS at spawn time."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                own = int(line.split()[1])
                break
    except OSError:
        pass
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0  # Linux: KiB


def mb(n_bytes: float) -> float:
    return n_bytes / 1e6


# =========================================================================== worker stages
def _texts(folder: str, limit: int | None = None, exts: tuple[str, ...] = (".txt",),
           shard: list[int] | None = None) -> list[Path]:
    files = sorted(p for p in Path(folder).iterdir() if p.suffix in exts and not p.name.startswith("."))
    files = files[:limit] if limit else files
    return files[shard[0]::shard[1]] if shard else files


def _read_norm(files: list[Path]) -> list[tuple[str, str]]:
    from vanban.pipeline.normalise import normalise

    return [(f.name, normalise(f.read_text(encoding="utf-8-sig"))) for f in files]


def w_ingest(p: dict[str, Any]) -> dict[str, Any]:
    import _shims

    shim = _shims.install()
    from vanban.pipeline.ingest import load

    files = _texts(p["dir"], p.get("limit"), (p["ext"],))
    t0 = time.perf_counter()
    nbytes = pages = fails = 0
    for f in files:
        try:
            ing = load(f)
        except Exception:
            fails += 1
            continue
        nbytes += len(ing.text.encode("utf-8"))
        pages += ing.pages or 0
    dt = time.perf_counter() - t0
    note = "bench stand-in loader (vanban.pipeline.ingest not there yet)" if "ingest" in shim else ""
    return {"docs": len(files), "text_bytes": nbytes, "file_bytes": sum(f.stat().st_size for f in files),
            "seconds": dt, "pages": pages, "failed": fails, "note": note}


def w_pdf(p: dict[str, Any]) -> dict[str, Any]:
    import _shims

    fn = _shims.pdf_text_plumber if p["lib"] == "pdfplumber" else _shims.pdf_text_pdfium
    files = _texts(p["dir"], p.get("limit"), (".pdf",))
    fn(files[0])  # import + first-call warm-up outside the timing
    texts: dict[str, str | None] = {}
    pages = nbytes = 0
    t0 = time.perf_counter()
    for f in files:
        try:
            text, n = fn(f)
        except Exception:
            texts[f.name] = None
            continue
        texts[f.name] = text
        pages += n
        nbytes += len(text.encode("utf-8"))
    dt = time.perf_counter() - t0
    Path(p["dump"]).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return {"docs": len(files), "text_bytes": nbytes, "seconds": dt, "pages": pages,
            "file_bytes": sum(f.stat().st_size for f in files)}


def w_normseg(p: dict[str, Any]) -> dict[str, Any]:
    from vanban.pipeline.normalise import normalise
    from vanban.pipeline.segment import segment

    files = _texts(p["dir"], p.get("limit"))
    raw = [f.read_text(encoding="utf-8-sig") for f in files]
    t_norm = t_seg = 0.0
    clauses = 0
    for r in raw:
        t0 = time.perf_counter()
        text = normalise(r)
        t1 = time.perf_counter()
        clauses += len(segment(text).clauses)
        t_seg += time.perf_counter() - t1
        t_norm += t1 - t0
    return {"docs": len(files), "text_bytes": sum(len(r.encode("utf-8")) for r in raw), "seconds": t_norm + t_seg,
            "normalise_s": t_norm, "segment_s": t_seg, "clauses": clauses}


def _timed_extractors(order: tuple[str, ...]) -> dict[str, float]:
    """Wrap each extractor module's `extract` (in this process only) to accumulate its time."""
    import importlib

    acc: dict[str, float] = {n: 0.0 for n in order}
    for name in order:
        mod = importlib.import_module(f"vanban.extractors.{name}")
        orig = mod.extract

        def wrapped(doc, _orig=orig, _name=name):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return _orig(doc)
            finally:
                acc[_name] += time.perf_counter() - t0

        mod.extract = wrapped
    return acc


def w_extract(p: dict[str, Any]) -> dict[str, Any]:
    """analyse() over normalised texts (normalising is not timed here), per extractor time."""
    from vanban.extractors import ORDER
    from vanban.pipeline.extract import analyse, to_json
    from vanban.pipeline.segment import segment

    files = _texts(p["dir"], p.get("limit"), shard=p.get("shard"))
    # Warm-up outside the timing: first-call costs (data files, compiled patterns) are one-off.
    t_w = time.perf_counter()
    if files:
        analyse(_read_norm(files[:1])[0][1], doc_id="warmup")
    t_w = time.perf_counter() - t_w
    acc = _timed_extractors(tuple(ORDER))
    dump = open(p["dump"], "w", encoding="utf-8") if p.get("dump") else None
    preds: dict[str, dict[str, Any]] = {}
    nbytes = errors = 0
    t_total = t_seg = 0.0
    for f in files:  # read one at a time: memory must not grow with the corpus
        name, text = _read_norm([f])[0]
        nbytes += len(text.encode("utf-8"))
        t0 = time.perf_counter()
        try:
            doc = analyse(text, doc_id=name, source=str(f))
        except Exception:
            errors += 1
            continue
        finally:
            t_total += time.perf_counter() - t0
        t1 = time.perf_counter()
        segment(text)
        t_seg += time.perf_counter() - t1
        rec = to_json(doc)
        if p.get("gold"):
            preds[Path(name).stem + ".json"] = rec
        if dump:
            rec["text"] = text
            rec["sha256"] = ""
            dump.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if dump:
        dump.close()
    out: dict[str, Any] = {"docs": len(files), "text_bytes": nbytes, "seconds": t_total, "per_extractor_s": acc,
                           "segment_s_est": t_seg, "errors": errors, "order": list(ORDER), "warmup_s": t_w}
    if p.get("gold"):
        out["eval"] = _eval(p["gold"], preds, [f.stem + ".json" for f in files])
    return out


def _eval(gold_dir: str, preds: dict[str, dict[str, Any]], names: list[str]) -> dict[str, Any]:
    """Per-field scores on the gold files of these documents only."""
    from vanban.evaluate import evaluate

    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        for name in names:
            g = Path(gold_dir) / name
            if g.is_file():
                shutil.copy(g, Path(tmp) / name)
                n += 1
        d = evaluate(Path(tmp), preds).to_dict()
    d["gold_docs"] = n
    return d


_DOCNO = re.compile(r"\b\d{1,5}[a-zđ]?/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:[-/][A-ZĐ0-9&]+)*")


def w_offshelf(p: dict[str, Any]) -> dict[str, Any]:
    """underthesea ner (ORG → agencies) + dateparser search_dates (→ deadlines "by")
    + one generic regex for document numbers (→ references), mapped to the gold schema."""
    t_imp = time.perf_counter()
    from dateparser.search import search_dates
    from underthesea import ner

    ner("Sở Nội vụ chủ trì.")  # load the model outside the timing (as vanban's modules are imported)
    search_dates("ngày 01/01/2020", languages=["vi"])
    t_imp = time.perf_counter() - t_imp
    files = _texts(p["dir"], p.get("limit"))
    docs = _read_norm(files)
    t = {"ner": 0.0, "dateparser": 0.0, "regex": 0.0}
    found = {"org": 0, "dates": 0, "numbers": 0}
    preds: dict[str, dict[str, Any]] = {}
    for name, text in docs:
        t0 = time.perf_counter()
        agencies: dict[str, None] = {}
        for line in text.splitlines():
            if not line.strip():
                continue
            cur: list[str] = []
            for tok in ner(line):
                tag = tok[-1]
                if tag.endswith("-ORG") and (tag.startswith("I-") and cur):
                    cur.append(tok[0])
                elif tag == "B-ORG" or (tag == "I-ORG" and not cur):
                    if cur:
                        agencies[" ".join(cur)] = None
                    cur = [tok[0]]
                else:
                    if cur:
                        agencies[" ".join(cur)] = None
                    cur = []
            if cur:
                agencies[" ".join(cur)] = None
        t1 = time.perf_counter()
        try:
            hits = search_dates(text, languages=["vi"]) or []
        except Exception:
            hits = []
        t2 = time.perf_counter()
        refs = [m.group(0) for m in _DOCNO.finditer(text)]
        t3 = time.perf_counter()
        t["ner"] += t1 - t0
        t["dateparser"] += t2 - t1
        t["regex"] += t3 - t2
        preds[Path(name).stem + ".json"] = {
            "doc": name, "header": {},
            "agencies": [{"name": a, "aliases": [], "collective": False} for a in agencies],
            "deadlines": [{"text": s, "kind": "by", "value": d.date().isoformat()} for s, d in hits],
            "references": [{"text": r, "key": r, "type": None, "issued_date": None, "issuer": None} for r in refs],
            "assignments": [], "targets": [], "clauses": [],
        }
        found["org"] += len(agencies)
        found["dates"] += len(hits)
        found["numbers"] += len(refs)
    out: dict[str, Any] = {"docs": len(docs), "text_bytes": sum(len(x.encode("utf-8")) for _, x in docs),
                           "seconds": sum(t.values()), "per_component_s": t, "model_load_s": t_imp, "found": found}
    if p.get("gold"):
        out["eval"] = _eval(p["gold"], preds, [f.stem + ".json" for f in files])
    return out


def w_index(p: dict[str, Any]) -> dict[str, Any]:
    import _shims

    path = Path(p["index"])
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    idx = _shims.open_index_any({"backend": "sqlite", "path": str(path)})
    t = 0.0
    n = nbytes = 0
    import glob

    paths = sorted(glob.glob(p["records"] + ".*"))
    with contextlib_chain(paths) as fh:
        for line in fh:
            rec = json.loads(line)
            nbytes += len(rec.get("text", "").encode("utf-8"))
            t0 = time.perf_counter()
            idx.write_document(rec)
            t += time.perf_counter() - t0
            n += 1
    idx.close()
    return {"docs": n, "text_bytes": nbytes, "seconds": t,
            "index_bytes": sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists())}


class contextlib_chain:
    """Lines of several files in turn."""

    def __init__(self, paths: list[str]):
        self.fhs = [open(x, encoding="utf-8") for x in paths]

    def __enter__(self):
        import itertools

        return itertools.chain.from_iterable(self.fhs)

    def __exit__(self, *exc: Any) -> None:
        for f in self.fhs:
            f.close()


def w_run(p: dict[str, Any]) -> dict[str, Any]:
    """The whole `vanban run DIR --jobs N` (CLI entry point, in this process)."""
    import contextlib
    import io

    import _shims

    shim = _shims.install()
    from vanban.cli import main

    work = Path(p["work"])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    buf = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(buf):
        rc = main(["run", p["dir"], "--jobs", str(p["jobs"]), "--index", str(work / "index.sqlite"),
                   "--registry", str(work / "registry.sqlite"), "--json", "--as-of", "2025-01-01"])
    dt = time.perf_counter() - t0
    try:
        rep = json.loads(buf.getvalue())
    except ValueError:
        rep = {}
    files = _texts(p["dir"], None, (".txt", ".pdf", ".docx"))
    return {"docs": rep.get("extracted", 0), "files": len(files), "failed": len(rep.get("failed", [])), "rc": rc,
            "text_bytes": sum(f.stat().st_size for f in files if f.suffix == ".txt"), "seconds": dt,
            "note": ("stand-ins: " + ", ".join(shim)) if shim else ""}


def w_query(p: dict[str, Any]) -> dict[str, Any]:
    import _shims

    idx = _shims.open_index_any({"backend": "sqlite", "path": p["index"]})
    n_docs = (idx.stats() or {}).get("documents")
    key = p.get("cite_key")
    if not key:
        try:
            row = idx.conn.execute('SELECT key, count(*) c FROM "references" WHERE self=0 GROUP BY key_fold '
                                   'ORDER BY c DESC LIMIT 1').fetchone()
            key = row[0] if row else "108/2014/NĐ-CP"
        except Exception:
            key = "108/2014/NĐ-CP"
    calls: dict[str, list[Callable[[], Any]]] = {
        "search": [lambda q=q: idx.search(q, limit=10) for q in ("cải cách hành chính", "chuyen doi so", "Sở Nội vụ",
                                                                 "dịch vụ công trực tuyến", "nông thôn mới")],
        "cites": [lambda: idx.cites(key, limit=100), lambda: idx.cites(key, depth=2, limit=100), lambda: idx.cites("30c/NQ-CP", limit=100)],
        "tasks": [lambda: idx.tasks(None, agency="Sở Nội vụ", limit=100), lambda: idx.tasks("kế hoạch", limit=100),
                  lambda: idx.tasks(None, role="lead", due_before="2020-01-01", limit=100)],
    }
    out: dict[str, Any] = {"docs": n_docs, "cite_key": key}
    for verb, fs in calls.items():
        times = []
        for _ in range(p.get("repeat", 5)):
            for f in fs:
                t0 = time.perf_counter()
                f()
                times.append(time.perf_counter() - t0)
        out[verb] = {"median_ms": 1000 * statistics.median(times), "max_ms": 1000 * max(times), "n": len(times)}
    idx.close()
    return out


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "ingest": w_ingest, "pdf": w_pdf, "normseg": w_normseg, "extract": w_extract, "offshelf": w_offshelf,
    "index": w_index, "run": w_run, "query": w_query,
}


def worker_main(stage: str, params: str) -> int:
    res = WORKERS[stage](json.loads(params))
    res["peak_rss_mb"] = peak_rss_mb()
    sys.stdout.write("\nBENCH_RESULT " + json.dumps(res, ensure_ascii=False) + "\n")
    return 0


# =========================================================================== orchestration
class Bench:
    def __init__(self, args: argparse.Namespace):
        self.a = args
        self.rows: list[dict[str, Any]] = []
        self.extra: dict[str, Any] = {}
        self.work = Path(args.work).resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        self.py = sys.executable
        self.t_start = time.perf_counter()
        self.load0 = os.getloadavg()

    def log(self, msg: str) -> None:
        sys.stderr.write(f"[bench {time.perf_counter() - self.t_start:6.1f}s] {msg}\n")
        sys.stderr.flush()

    def call(self, stage: str, params: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        cmd = [self.py, str(BENCH / "run.py"), "--worker", stage, json.dumps(params, ensure_ascii=False)]
        try:
            cp = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout or self.a.stage_timeout,
                                cwd=str(ROOT))
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout or self.a.stage_timeout:.0f} s"}
        for line in reversed(cp.stdout.splitlines()):
            if line.startswith("BENCH_RESULT "):
                return json.loads(line[len("BENCH_RESULT "):])
        err = (cp.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {cp.returncode}: {err[:200]}"}

    def call_many(self, stage: str, plist: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The same stage in len(plist) concurrent worker processes."""
        procs = []
        for params in plist:
            cmd = [self.py, str(BENCH / "run.py"), "--worker", stage, json.dumps(params, ensure_ascii=False)]
            procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT)))
        out = []
        for pr in procs:
            try:
                so, se = pr.communicate(timeout=self.a.stage_timeout)
            except subprocess.TimeoutExpired:
                pr.kill()
                out.append({"error": "timed out"})
                continue
            res = next((json.loads(ln[13:]) for ln in reversed(so.splitlines()) if ln.startswith("BENCH_RESULT ")), None)
            out.append(res or {"error": f"exit {pr.returncode}: {(se.strip().splitlines() or ['no output'])[-1][:200]}"})
        return out

    def row(self, stage: str, workload: str, res: dict[str, Any], *, seconds: float | None = None,
            f1: float | None = None, vs_alt: float | None = None, goal: str = "", note: str = "",
            docs: Any = _UNSET, text_bytes: Any = _UNSET, **extra: Any) -> dict[str, Any]:
        s = res.get("seconds") if seconds is None else seconds
        d = res.get("docs") if docs is _UNSET else docs
        b = res.get("text_bytes") if text_bytes is _UNSET else text_bytes
        r = {
            "stage": stage, "workload": workload, "docs": d, "MB": round(mb(b), 3) if b is not None else None,
            "seconds": round(s, 4) if s is not None else None,
            "docs_s": round(d / s, 2) if d and s else None,
            "MB_s": round(mb(b) / s, 3) if b and s else None,
            "peak_rss_MB": round(res["peak_rss_mb"], 1) if res.get("peak_rss_mb") else None,
            "F1": round(f1, 3) if f1 is not None else None, "vs_alt": round(vs_alt, 2) if vs_alt else None,
            "goal": goal, "note": "; ".join(x for x in (note, res.get("note", ""), res.get("error", "")) if x),
        }
        r.update(extra)
        self.rows.append(r)
        return r

    # ------------------------------------------------------------------ workloads
    def prepare(self) -> None:
        import synth

        a = self.a
        self.demo = str((ROOT / "corpus").resolve())
        self.gold = str(Path(a.gold).resolve()) if Path(a.gold).is_dir() else None
        self.small_n, self.large_n = a.sizes
        self.syn_s = self.work / f"synth-{self.small_n}"
        self.syn_l = self.work / f"synth-{self.large_n}"
        self.large_label = f"synth-{self.large_n}"
        self.large_limit: int | None = None
        self.fmt = self.work / f"formats-{a.formats}"
        t0 = time.perf_counter()
        n, b = synth.write_corpus(self.syn_s, self.small_n, a.seed)
        n2, b2 = synth.write_corpus(self.syn_l, self.large_n, a.seed)
        self.log(f"synthetic corpora ready ({time.perf_counter() - t0:.1f} s)")
        t0 = time.perf_counter()
        info_pdf = synth.write_formats(self.fmt / "pdf", a.formats, a.seed, ("pdf",))
        synth.write_formats(self.fmt / "docx", a.formats, a.seed, ("docx",))
        self.log(f"PDF/DOCX ready ({time.perf_counter() - t0:.1f} s)")
        # A folder holding the first N synthetic txt for the file->text stage.
        self.txt_n = self.work / f"txt-{a.formats}"
        if not (self.txt_n / ".complete").is_file():
            shutil.rmtree(self.txt_n, ignore_errors=True)
            self.txt_n.mkdir()
            for f in _texts(str(self.syn_s), a.formats):
                shutil.copy(f, self.txt_n / f.name)
            (self.txt_n / ".complete").write_text("ok")

        def size(folder: Path, exts: tuple[str, ...]) -> dict[str, Any]:
            fs = [f for f in folder.iterdir() if f.suffix in exts]
            return {"docs": len(fs), "MB": round(mb(sum(f.stat().st_size for f in fs)), 3)}

        self.workloads = {
            "demo": {**size(Path(self.demo), (".txt", ".pdf", ".docx")), "path": self.demo},
            f"synth-{self.small_n}": {**size(self.syn_s, (".txt",)), "path": str(self.syn_s), "seed": a.seed},
            f"synth-{self.large_n}": {**size(self.syn_l, (".txt",)), "path": str(self.syn_l), "seed": a.seed},
            f"pdf-{a.formats}": {**size(self.fmt / "pdf", (".pdf",)), "pages": info_pdf["pdf_pages"],
                                 "path": str(self.fmt / "pdf")},
            f"docx-{a.formats}": {**size(self.fmt / "docx", (".docx",)), "path": str(self.fmt / "docx")},
            f"txt-{a.formats}": {**size(self.txt_n, (".txt",)), "path": str(self.txt_n)},
        }

    # ------------------------------------------------------------------ stages
    def stage_ingest(self) -> None:
        a = self.a
        for ext, folder, wl in ((".txt", self.txt_n, f"txt-{a.formats}"), (".pdf", self.fmt / "pdf", f"pdf-{a.formats}"),
                                (".docx", self.fmt / "docx", f"docx-{a.formats}")):
            self.log(f"file -> text {ext}")
            res = self.call("ingest", {"dir": str(folder), "ext": ext})
            note = f"{res.get('pages')} pages" if ext == ".pdf" and res.get("pages") else ""
            self.row(f"ingest{ext}", wl, res, note=note, pages=res.get("pages"))

    def stage_pdf(self) -> None:
        n = min(self.a.pdf_compare or self.a.formats, self.a.formats)
        wl = f"pdf-{n}"
        out: dict[str, dict[str, Any]] = {}
        for lib in ("pdfplumber", "pypdfium2"):
            self.log(f"pdf {lib}")
            out[lib] = self.call("pdf", {"dir": str(self.fmt / "pdf"), "lib": lib, "limit": n,
                                         "dump": str(self.work / f"pdf-{lib}.json")})
        agree = self.pdf_agreement()
        self.extra["pdf_agreement"] = agree
        pl, pd = out["pdfplumber"], out["pypdfium2"]
        pps = {k: (v["pages"] / v["seconds"]) if v.get("seconds") else None for k, v in out.items()}
        ratio = pps["pypdfium2"] / pps["pdfplumber"] if pps["pypdfium2"] and pps["pdfplumber"] else None
        self.row("pdf.pdfplumber", wl, pl, note=f"{pps['pdfplumber'] or 0:.1f} pages/s", pages=pl.get("pages"),
                 pages_s=pps["pdfplumber"])
        self.row("pdf.pypdfium2", wl, pd, vs_alt=ratio, goal=f">= {GOALS['pdf_fast_vs_plumber']:.0f}x pdfplumber pages/s",
                 note=f"{pps['pypdfium2'] or 0:.1f} pages/s; chars agree after fold+ws: "
                      f"{agree.get('identical', 0)}/{agree.get('both_ok', 0)} docs identical, "
                      f"char similarity {agree.get('mean_similarity', 0):.4f}",
                 pages=pd.get("pages"), pages_s=pps["pypdfium2"])

    def pdf_agreement(self) -> dict[str, Any]:
        import difflib

        from vanban.text import fold

        try:
            a = json.loads((self.work / "pdf-pdfplumber.json").read_text(encoding="utf-8"))
            b = json.loads((self.work / "pdf-pypdfium2.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        both = [k for k in a if a.get(k) is not None and b.get(k) is not None]
        same, sims = 0, []
        for k in both:
            x, y = (" ".join(fold(t).split()) for t in (a[k], b[k]))
            if x == y:
                same += 1
                sims.append(1.0)
            else:
                sims.append(difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() if len(x) < 60000 else 0.0)
        return {"both_ok": len(both), "identical": same, "mean_similarity": statistics.mean(sims) if sims else 0.0,
                "pdfplumber_failed": sum(v is None for v in a.values()), "pypdfium2_failed": sum(v is None for v in b.values())}

    def stage_normseg(self) -> None:
        self.log("normalise + segment")
        res = self.call("normseg", {"dir": str(self.syn_s)})
        self.row("normalise+segment", f"synth-{self.small_n}", res,
                 note=f"normalise {res.get('normalise_s', 0):.2f}s, segment {res.get('segment_s', 0):.2f}s")

    def stage_extract(self) -> None:
        self.ext: dict[str, dict[str, Any]] = {}
        for wl, folder, dump in (("demo", self.demo, self.work / "records-demo.jsonl"),
                                 (f"synth-{self.small_n}", str(self.syn_s), None),
                                 ("L", str(self.syn_l), self.work / "records-large.jsonl")):
            if wl == "L":
                self.apply_budget()
                wl = self.large_label
            self.log(f"extract {wl}")
            if dump:
                for old in self.work.glob(dump.name + ".*"):
                    old.unlink()
            p: dict[str, Any] = {"dir": folder, "dump": str(dump) if dump else None}
            if wl == "demo" and self.gold:
                p["gold"] = self.gold
            if wl == self.large_label:
                p["limit"] = self.large_limit
            if wl != "demo" and self.a.procs > 1:
                self.ext[wl] = self.merge([{**p, "shard": [k, self.a.procs], "dump": f"{dump}.{k}" if dump else None}
                                           for k in range(self.a.procs)])
            else:
                self.ext[wl] = self.call("extract", p)
                if dump:
                    shutil.move(str(dump), f"{dump}.0")

    def apply_budget(self) -> None:
        """Shrink the large workload (to its first N docs) when the measured extraction rate says the
        whole run would not fit in --budget-min; the table then names the size actually used."""
        if not self.a.budget_min:
            return
        s = self.ext.get(f"synth-{self.small_n}") or {}
        if not s.get("seconds") or not s.get("docs"):
            return
        per_doc = s["seconds"] / s["docs"]  # core-seconds per document
        elapsed = time.perf_counter() - self.t_start
        # still to come: off-the-shelf (~60 s), run --jobs 1 and 2 on the small workload (~1.3x and
        # ~0.8x its extraction), start-up and queries (~30 s), indexing (~35 ms a document, measured)
        rest = 90 + 2.1 * per_doc * self.small_n * 1.1
        avail = self.a.budget_min * 60 - elapsed - rest
        fit = int(avail / (per_doc / max(1, self.a.procs) + 0.035))
        if fit < self.large_n:
            n = max(self.small_n, fit)
            self.large_limit = n
            self.large_label = f"synth-{n}"
            self.workloads[self.large_label] = {**self.workloads[f"synth-{self.large_n}"], "docs": n,
                                                "MB": round(mb(sum(f.stat().st_size for f in _texts(str(self.syn_l), n))), 3),
                                                "note": f"first {n} of synth-{self.large_n}: --budget-min {self.a.budget_min}"}
            self.extra["budget"] = {"large_requested": self.large_n, "large_used": n,
                                    "extract_core_s_per_doc": per_doc, "budget_min": self.a.budget_min}
            self.log(f"time budget: large workload cut to {n} of {self.large_n} docs "
                     f"(extraction {per_doc * 1000:.0f} ms/doc/core); --budget-min 0 for the full size")

    def merge(self, plist: list[dict[str, Any]]) -> dict[str, Any]:
        """Concurrent shards: counts and per-process seconds add up (so MB/s is per core)."""
        parts = self.call_many("extract", plist)
        errs = [r["error"] for r in parts if "error" in r]
        if errs:
            return {"error": errs[0]}
        acc: dict[str, float] = {}
        for r in parts:
            for k, v in r["per_extractor_s"].items():
                acc[k] = acc.get(k, 0.0) + v
        return {"docs": sum(r["docs"] for r in parts), "text_bytes": sum(r["text_bytes"] for r in parts),
                "seconds": sum(r["seconds"] for r in parts), "per_extractor_s": acc,
                "errors": sum(r["errors"] for r in parts), "peak_rss_mb": max(r["peak_rss_mb"] for r in parts),
                "procs": len(parts), "wall_s_max": max(r["seconds"] for r in parts),
                "note": f"{len(parts)} concurrent processes; seconds = sum of per-process time (per-core rate), "
                        f"peak RSS = largest process"}

    def stage_offshelf(self) -> None:
        self.log("off-the-shelf stack on demo")
        p: dict[str, Any] = {"dir": self.demo, "limit": self.a.offshelf_docs}
        if self.gold:
            p["gold"] = self.gold
        self.off = self.call("offshelf", p)
        # vanban on exactly the same documents
        self.ext_same = self.call("extract", {"dir": self.demo, "limit": self.a.offshelf_docs, "gold": self.gold})

    def emit_extract_rows(self) -> None:
        fields = ("references", "deadlines", "agencies")

        def f1s(res: dict[str, Any]) -> dict[str, float]:
            ev = res.get("eval") or {}
            return {f: ev[f]["F1"] for f in fields if f in ev}

        def mean(d: dict[str, float]) -> float | None:
            return statistics.mean(d.values()) if d else None

        # per extractor rows (on the large synthetic workload, and the demo)
        for wl in (f"synth-{self.small_n}", self.large_label):
            res = self.ext.get(wl, {})
            for name, s in (res.get("per_extractor_s") or {}).items():
                self.row(f"extract.{name}", wl, res, seconds=s)
            if not res.get("per_extractor_s"):
                for name in EXTRACTORS_FALLBACK:
                    self.row(f"extract.{name}", wl, res, seconds=None)
        same, off = self.ext_same, self.off
        v_mbs = mb(same.get("text_bytes") or 0) / same["seconds"] if same.get("seconds") else None
        o_mbs = mb(off.get("text_bytes") or 0) / off["seconds"] if off.get("seconds") else None
        ratio = v_mbs / o_mbs if v_mbs and o_mbs else None
        vf, of = f1s(same), f1s(off)
        fmt = lambda d: " ".join(f"{k[:3]} {v:.2f}" for k, v in d.items())  # noqa: E731
        demo = self.ext.get("demo", {})
        dl = f"demo({same.get('docs', '?')})"
        self.row("extract.total", dl, same, f1=mean(vf), vs_alt=ratio,
                 goal=f">= {GOALS['extract_mb_s_per_core']} MB/s/core, >= {GOALS['extract_vs_offshelf']:.0f}x off-the-shelf at >= F1",
                 note=f"F1 mean of ref/dl/agency: {fmt(vf)}; all fields: " + ", ".join(
                     f"{k} {v['F1']:.2f}" for k, v in (same.get('eval') or {}).items() if isinstance(v, dict)),
                 f1_fields=vf)
        if demo and self.a.offshelf_docs:
            self.row("extract.total", "demo", demo, f1=mean(f1s(demo)), note="whole demo corpus")
        self.row("offshelf.total", dl, off, f1=mean(of),
                 note=f"underthesea ner {off.get('per_component_s', {}).get('ner', 0):.2f}s + dateparser "
                      f"{off.get('per_component_s', {}).get('dateparser', 0):.2f}s + regex; F1 {fmt(of)}; "
                      f"found {off.get('found', {}).get('org', 0)} ORG spans, {off.get('found', {}).get('dates', 0)} dates, "
                      f"{off.get('found', {}).get('numbers', 0)} numbers", f1_fields=of)
        for wl in (f"synth-{self.small_n}", self.large_label):
            res = self.ext.get(wl, {})
            self.row("extract.total", wl, res, goal=f"peak RSS < {GOALS['peak_rss_mb_10k']:.0f} MB at 10k",
                     note=f"{res.get('errors', 0)} docs raised" if res.get("errors") else "")
        self.extra["extract"] = {k: {kk: vv for kk, vv in v.items() if kk != "eval"} for k, v in self.ext.items()}
        self.extra["extract_eval_demo"] = same.get("eval")
        self.extra["offshelf"] = off
        self.cmp = {"vanban_MB_s": v_mbs, "offshelf_MB_s": o_mbs, "ratio": ratio, "vanban_F1": vf, "offshelf_F1": of}

    def stage_index(self) -> None:
        self.log("index build (large)")
        res = self.call("index", {"records": str(self.work / "records-large.jsonl"),
                                  "index": str(self.work / "index-large.sqlite")})
        self.row("index.write", self.large_label, res,
                 note=f"index {mb(res.get('index_bytes', 0)):.0f} MB" if res.get("index_bytes") else "")
        self.call("index", {"records": str(self.work / "records-demo.jsonl"), "index": str(self.work / "index-demo.sqlite")})

    def stage_run(self) -> None:
        # jobs 1 and 2 alternate for --run-rounds rounds and each keeps its fastest run: one pair of
        # runs on this shared VM moved the ratio between 1.39x and 1.60x for the same code
        res: dict[int, dict[str, Any]] = {}
        for rnd in range(max(1, self.a.run_rounds)):
            for j in (1, 2):
                self.log(f"vanban run --jobs {j} (round {rnd + 1})")
                r = self.call("run", {"dir": str(self.syn_s), "jobs": j, "work": str(self.work / f"run-j{j}")})
                if j not in res or (r.get("seconds") and r["seconds"] < (res[j].get("seconds") or float("inf"))):
                    res[j] = r
        for r in res.values():
            r["note"] = "; ".join(x for x in (r.get("note"), f"fastest of {max(1, self.a.run_rounds)} alternating runs") if x)
        r1, r2 = res[1], res[2]
        ratio = r1["seconds"] / r2["seconds"] if r1.get("seconds") and r2.get("seconds") and r1.get("docs") and r2.get("docs") else None
        wl = f"synth-{self.small_n}"
        for j, r in res.items():
            note = f"rc {r.get('rc')}, {r.get('failed', 0)} failed" if r.get("failed") or r.get("rc") else ""
            self.row(f"run.jobs{j}", wl, r, vs_alt=ratio if j == 2 else None, note=note,
                     goal=f">= {GOALS['jobs2_speedup']}x jobs=1" if j == 2 else "")
        self.jobs_ratio = ratio

    def stage_startup(self) -> None:
        n = self.a.startup_n
        demo_idx = str(self.work / "index-demo.sqlite")
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
        vanban_exe = str(Path(self.py).parent / "vanban")
        shim_needed = subprocess.run([self.py, "-c", "from vanban.index import open_index"], capture_output=True).returncode != 0
        if shim_needed or not Path(vanban_exe).exists():
            search_cmd = [self.py, "-c", "import sys, vanban.index as i, vanban.index.base as b; "
                          "i.open_index = getattr(i, 'open_index', None) or b.open_index; "
                          "from vanban.cli import main; sys.exit(main(sys.argv[1:]))"]
            note = "vanban.index.open_index missing: stand-in re-export of index.base.open_index"
        else:
            search_cmd, note = [vanban_exe], ""
        search_cmd = search_cmd + ["search", "x", "--index", demo_idx]

        def median_run(cmd: list[str]) -> tuple[float, int, float]:
            ts, rc, rss = [], 0, 0.0
            subprocess.run(cmd, capture_output=True, cwd=str(ROOT), env=env)  # warm the page cache / pyc
            for _ in range(n):
                t0 = time.perf_counter()
                cp = subprocess.run(cmd, capture_output=True, cwd=str(ROOT), env=env)
                ts.append(time.perf_counter() - t0)
                rc = rc or cp.returncode
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            return statistics.median(ts), rc, rss

        self.log("start-up times")
        t_imp, rc1, _ = median_run([self.py, "-c", "import vanban.cli"])
        self.row("startup.import_cli", f"median of {n}", {"seconds": t_imp}, docs=None, text_bytes=None,
                 note=f"python -c 'import vanban.cli'; rc {rc1}" if rc1 else "python -c 'import vanban.cli'")
        t_s, rc2, _ = median_run(search_cmd)
        self.row("startup.search_cli", f"demo index, median of {n}", {"seconds": t_s}, docs=None, text_bytes=None,
                 goal=f"< {GOALS['query_s']} s", note="; ".join(x for x in ("vanban search x", note, f"rc {rc2}" if rc2 else "") if x))
        # Which heavy modules does a query verb import?
        cp = subprocess.run([self.py, "-X", "importtime", *search_cmd[1:]] if search_cmd[0] != vanban_exe else
                            [self.py, "-X", "importtime", "-c", "import sys; from vanban.cli import main; "
                             "sys.exit(main(sys.argv[1:]))", *search_cmd[1:]],
                            capture_output=True, text=True, cwd=str(ROOT))
        mods = set()
        cum_us = 0
        for line in cp.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
            if m:
                mods.add(m.group(4))
                if not m.group(3).strip(" ") and len(m.group(3)) <= 1:
                    cum_us += int(m.group(2))
        heavy = sorted(h for h in HEAVY if any(x == h or x.startswith(h + ".") for x in mods))
        watched = sorted(h for h in ALSO_WATCHED if any(x == h or x.startswith(h + ".") for x in mods))
        self.extra["query_verb_imports"] = {"heavy": heavy, "also": watched, "modules": len(mods),
                                            "top_level_import_s": cum_us / 1e6}
        self.row("startup.heavy_imports", "vanban search", {"seconds": cum_us / 1e6}, docs=None, text_bytes=None,
                 goal="none of " + "/".join(HEAVY),
                 note=("heavy imported: " + ", ".join(heavy) if heavy else "no heavy module imported")
                 + (f"; also: {', '.join(watched)}" if watched else "") + f"; {len(mods)} modules",
                 heavy=heavy)

    def stage_query(self) -> None:
        self.log("query latency (large index)")
        res = self.call("query", {"index": str(self.work / "index-large.sqlite"), "repeat": self.a.query_repeat})
        for verb in ("search", "cites", "tasks"):
            q = res.get(verb) or {}
            s = q.get("median_ms", 0) / 1000 if q else None
            self.row(f"query.{verb}", f"{self.large_label} index", {**res, "seconds": s}, docs=None, text_bytes=None,
                     goal=f"< {GOALS['query_s']} s",
                     note=(f"median {q['median_ms']:.1f} ms, max {q['max_ms']:.1f} ms over {q['n']}" if q else "")
                     + (f"; key {res['cite_key']}" if verb == "cites" and res.get("cite_key") else ""),
                     median_ms=q.get("median_ms"))

    # ------------------------------------------------------------------ goals and output
    def goals(self) -> list[dict[str, Any]]:
        def row_of(stage: str, wl: str) -> dict[str, Any]:
            return next((r for r in self.rows if r["stage"] == stage and r["workload"] == wl), {})

        L = self.large_label
        ext_l = row_of("extract.total", L)
        ext_s = row_of("extract.total", f"synth-{self.small_n}")
        pdf = next((r for r in self.rows if r["stage"] == "pdf.pypdfium2"), {})
        qs = [r for r in self.rows if r["stage"].startswith("query.")]
        qmax = max((r["seconds"] for r in qs if r.get("seconds") is not None), default=None)
        cold = row_of("startup.search_cli", next((r["workload"] for r in self.rows if r["stage"] == "startup.search_cli"), ""))
        heavy = self.extra.get("query_verb_imports", {}).get("heavy")
        vf, of = self.cmp.get("vanban_F1") or {}, self.cmp.get("offshelf_F1") or {}
        f1_ok = bool(vf) and all(vf.get(k, 0) >= of.get(k, 0) for k in of)
        rss_l, rss_s = ext_l.get("peak_rss_MB"), ext_s.get("peak_rss_MB")

        def g(name: str, measured: Any, target: str, ok: bool | None) -> dict[str, Any]:
            return {"goal": name, "measured": measured, "target": target,
                    "status": "n/a" if ok is None else ("PASS" if ok else "FAIL")}

        mbs = ext_l.get("MB_s")
        return [
            g("extraction MB/s per core (synth-L, 1 process)", mbs, ">= 1.0", None if mbs is None else mbs >= 1.0),
            g("extraction vs off-the-shelf (same docs, MB/s ratio)", self.cmp.get("ratio"), ">= 10x",
              None if self.cmp.get("ratio") is None else self.cmp["ratio"] >= 10),
            g("F1 vanban >= off-the-shelf on ref/deadline/agency", {"vanban": vf, "offshelf": of}, "each >=",
              f1_ok if vf else None),
            g("PDF fast path vs pdfplumber (pages/s)", pdf.get("vs_alt"), ">= 10x",
              None if pdf.get("vs_alt") is None else pdf["vs_alt"] >= 10),
            g("vanban run --jobs 2 vs --jobs 1", self.jobs_ratio, ">= 1.7x", None if self.jobs_ratio is None else self.jobs_ratio >= 1.7),
            g(f"peak RSS extract {L} (MB); {self.small_n}: {rss_s}", rss_l, "< 1024 and not growing",
              None if rss_l is None else (rss_l < 1024 and (rss_s is None or rss_l < rss_s * 1.5 + 50))),
            g("query latency max median (s, in-process)", qmax, "< 0.3", None if qmax is None else qmax < 0.3),
            g("`vanban search` cold start (s)", cold.get("seconds"), "< 0.3",
              None if cold.get("seconds") is None else cold["seconds"] < 0.3),
            g("heavy modules imported by a query verb", heavy, "none", None if heavy is None else not heavy),
        ]

    def table(self) -> str:
        cols = [("stage", 20, "s"), ("workload", 22, "s"), ("docs", 6, "d"), ("MB", 7, ".2f"), ("seconds", 8, ".3f"),
                ("docs_s", 9, ".1f"), ("MB_s", 7, ".3f"), ("peak_rss_MB", 7, ".0f"), ("F1", 5, ".2f"), ("vs_alt", 6, ".2f")]
        head = "  ".join(f"{n if n != 'peak_rss_MB' else 'RSS MB':>{w}}" if i > 1 else f"{n:<{w}}" for i, (n, w, _) in enumerate(cols))
        out = [head + "  goal / note", "-" * (len(head) + 14)]
        for r in self.rows:
            cells = []
            for i, (n, w, f) in enumerate(cols):
                v = r.get(n)
                if v is None:
                    s = "-"
                elif f == "s":
                    s = str(v)
                elif f == "d":
                    s = str(int(v))
                else:
                    s = format(v, f)
                cells.append(f"{s:<{w}}" if i <= 1 else f"{s:>{w}}")
            tail = " | ".join(x for x in (r.get("goal"), r.get("note")) if x)
            out.append("  ".join(cells) + ("  " + tail if tail else ""))
        return "\n".join(out)

    def run(self) -> dict[str, Any]:
        self.prepare()
        self.stage_ingest()
        self.stage_pdf()
        self.stage_normseg()
        self.stage_extract()
        self.stage_offshelf()
        self.emit_extract_rows()
        self.stage_index()
        self.stage_run()
        self.stage_startup()
        self.stage_query()
        goals = self.goals()
        doc = {
            "version": 1, "quick": self.a.quick, "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                        "loadavg_start": self.load0, "loadavg_end": os.getloadavg()},
            "git": _git_head(), "workloads": self.workloads, "stage_keys": sorted({r["stage"] for r in self.rows}),
            "rows": self.rows, "goals": goals, "extra": self.extra, "wall_s": round(time.perf_counter() - self.t_start, 1),
        }
        return doc


def _git_head() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=str(ROOT)).stdout.strip()
    except OSError:
        return None


def print_report(doc: dict[str, Any], table: str) -> None:
    print(f"vanban benchmark  ({doc['machine']['cpus']} CPUs, Python {doc['machine']['python']}, git {doc['git']}"
          f"{', QUICK' if doc['quick'] else ''}; load average {doc['machine']['loadavg_start'][0]:.1f} at start, "
          f"{doc['machine']['loadavg_end'][0]:.1f} at end)")
    print("workloads: " + "; ".join(f"{k} = {v['docs']} docs, {v['MB']} MB" + (f", {v['pages']} pages" if v.get("pages") else "")
                                    for k, v in doc["workloads"].items()))
    print()
    print(table)
    print()
    print("goals")
    for g in doc["goals"]:
        m = g["measured"]
        if isinstance(m, float):
            m = f"{m:.3f}"
        print(f"  [{g['status']:4s}] {g['goal']}: {m}  (target {g['target']})")
    print(f"\nwall time {doc['wall_s']} s")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return worker_main(argv[1], argv[2])
    ap = argparse.ArgumentParser(description="vanban performance benchmark")
    ap.add_argument("--quick", action="store_true", help="smoke run: tiny workloads (about 30 s)")
    ap.add_argument("--sizes", help="synthetic sizes SMALL,LARGE (default 1000,10000; quick 8,12)")
    ap.add_argument("--formats", type=int, help="PDFs and DOCX files to make (default 200; quick 3)")
    ap.add_argument("--offshelf-docs", type=int, help="demo docs for the off-the-shelf comparison (default all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pdf-compare", type=int, default=50, help="PDFs for pdfplumber vs pypdfium2 (pdfplumber is slow)")
    ap.add_argument("--budget-min", type=float, default=15,
                    help="shrink the large workload if the measured rates say the run would exceed this (0 = never)")
    ap.add_argument("--procs", type=int, default=min(2, os.cpu_count() or 1),
                    help="concurrent processes for extraction of the large workload (per-core rates are reported)")
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    ap.add_argument("--work", help="generated corpora, indexes, scratch (default var/bench, quick var/bench-quick)")
    ap.add_argument("--out", default=str(BENCH / "results.json"))
    ap.add_argument("--startup-n", type=int, help="runs per start-up measurement (median; default 7, quick 3)")
    ap.add_argument("--query-repeat", type=int, default=5)
    ap.add_argument("--run-rounds", type=int, help="alternating `vanban run --jobs 1/2` pairs (default 2, quick 1)")
    ap.add_argument("--stage-timeout", type=float, default=1800)
    a = ap.parse_args(argv)
    if a.sizes:
        a.sizes = tuple(int(x) for x in a.sizes.split(","))
        if len(a.sizes) == 1:
            a.sizes = (a.sizes[0], a.sizes[0])
    else:
        a.sizes = (8, 12) if a.quick else (1000, 10000)
    if a.formats is None:
        a.formats = 3 if a.quick else 200
    if a.offshelf_docs is None:
        a.offshelf_docs = 1 if a.quick else 0
    a.offshelf_docs = a.offshelf_docs or None
    if a.startup_n is None:
        a.startup_n = 2 if a.quick else 7
    if a.run_rounds is None:
        a.run_rounds = 1 if a.quick else 2
    if a.quick:
        a.query_repeat = min(a.query_repeat, 2)
    a.work = a.work or str(ROOT / "var" / ("bench-quick" if a.quick else "bench"))
    b = Bench(a)
    doc = b.run()
    table = b.table()
    doc["table"] = table
    print_report(doc, table)
    text = json.dumps(doc, ensure_ascii=False, indent=1, default=str)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(text, encoding="utf-8")
    var_copy = ROOT / "var" / "bench" / ("results-quick.json" if a.quick else "results.json")
    var_copy.parent.mkdir(parents=True, exist_ok=True)
    var_copy.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
