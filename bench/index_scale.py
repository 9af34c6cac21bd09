"""Index scale table: SQLite at 1k/10k/100k documents, the osmem ES-compatible server at 1k/10k.

    python bench/index_scale.py                       # the whole table (make bench-index)
    python bench/index_scale.py --sizes 1000 --osmem-sizes ""   # one cell
    python bench/index_scale.py --answers-dir /tmp/a  # also dump every answer (before/after diffs)

Records.  Extraction is not timed here: BASE synthetic documents (bench/synth.py, --seed) are
normalised and run through vanban.pipeline.extract.analyse/to_json once and cached as JSONL
(var/bench/index-scale/base-S-B.jsonl).  Document k of a corpus of N is base record k % B;
copies (k >= B) are perturbed deterministically from (seed, k): a new doc id, a new number
(so search-by-number has one answer), and the province renamed throughout (text, header,
agencies, tasks), so the vocabulary and facets spread as they would across provinces.
References are left alone: a national document cited by 1 base record in 20 is cited by
1 record in 20 at every size, as in a real collection.

Each (backend, size) cell runs in its own process, so its peak RSS (VmHWM) is its own:
  build   records written with write_many in batches of --batch (one transaction each on
          SQLite, one bulk request each on ES), then close(); docs/s = N / time spent in
          write_many + close (record generation excluded).  Wall and CPU both reported.
  size    SQLite file + WAL after close.
  queries a fixed, seeded mix (see MIX); one untimed warm-up pass (its answers are the ones
          dumped), then --repeat rounds, each in a seeded shuffled order; p50/p95/p99 of wall
          time per query kind (nearest-rank), plus the CPU median.
  RSS     VmHWM after the build; then reset (/proc/self/clear_refs) and read again after the
          queries; for osmem also the server process's VmHWM.
A SQLite index is reused between runs when its .meta.json matches (size, seed, base records,
and the sha of vanban/index/{base,sqlite}.py); --rebuild forces a fresh build.  osmem keeps
everything in memory, so it is always rebuilt; a size whose projected build time exceeds
--osmem-budget seconds is stopped and reported as impractical.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

KINDS = ("search_diacritics", "search_plain", "number_search", "number_cites", "cites", "tasks_agency",
         "tasks_due", "facet")
CITES_PAGE = 100  # cites queries ask for the page `vanban cites` and the web UI show (with the total)


# --- base records ----------------------------------------------------------------------
def _extract_chunk(args: tuple[int, int, int]) -> list[str]:
    import synth

    from vanban.pipeline.extract import analyse, to_json
    from vanban.pipeline.normalise import normalise

    seed, start, stop = args
    out = []
    for d in synth.iter_documents(stop, seed, start):
        text = normalise(d.text)
        rec = to_json(analyse(text, doc_id=d.name, source=f"synth/{d.name}"))
        rec["text"], rec["sha256"] = text, ""
        out.append(json.dumps(rec, ensure_ascii=False))
    return out


def base_records(work: Path, seed: int, n: int, jobs: int) -> Path:
    path = work / f"base-{seed}-{n}.jsonl"
    if path.exists():
        return path
    from multiprocessing import Pool

    t0 = time.perf_counter()
    step = 50
    chunks = [(seed, i, min(n, i + step)) for i in range(0, n, step)]
    print(f"extracting {n} base records (seed {seed}, {jobs} processes; once, then cached) …",
          file=sys.stderr, flush=True)
    tmp = path.with_suffix(".tmp")
    with Pool(jobs) as pool, open(tmp, "w", encoding="utf-8") as fh:
        fh.writelines("\n".join(lines) + "\n" for lines in pool.imap(_extract_chunk, chunks))
    tmp.rename(path)
    print(f"  {time.perf_counter() - t0:.0f} s -> {path}", file=sys.stderr, flush=True)
    return path


def _sha(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


class Corpus:
    """Document k of the corpus: base record k % B, perturbed from (seed, k) when k >= B."""

    def __init__(self, path: Path, seed: int):
        import synth

        self.seed = seed
        self.lines = path.read_text(encoding="utf-8").splitlines()  # JSON strings: ~40 MB, flat
        # longest first (a city inside a province name is found second), then by name: a set's order
        # changes between processes, and the copies must be the same in every run
        self.places = sorted(set(synth.PROVINCES) | set(synth.CITIES), key=lambda p: (-len(p), p))
        self.place_of: list[str | None] = []
        for line in self.lines:
            issuer = json.loads(line)["header"].get("issuer") or ""
            self.place_of.append(next((p for p in self.places if p in issuer), None))

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, k: int) -> str:
        b = len(self.lines)
        j, c = k % b, k // b
        s = self.lines[j]
        if c == 0:
            return s
        rng = random.Random(self.seed * 1_000_003 + k)
        rec = json.loads(s)
        old_doc, num = rec["doc"], rec["header"].get("number") or ""
        place = self.place_of[j]
        if place:
            new = rng.choice([p for p in self.places if p != place])
            s = s.replace(place, new).replace(place.upper(), new.upper())
        m = re.match(r"(\d+)(/.*)", num)
        if m:
            s = s.replace(num, f"{m.group(1)}{c:03d}{m.group(2)}")
        s = s.replace(json.dumps(old_doc), json.dumps(f"x{c:03d}_{old_doc}"), 1)
        return s

    def record(self, k: int) -> dict:
        return json.loads(self.line(k))


# --- the query mix -----------------------------------------------------------------------
def mix(corpus: Corpus, n: int, seed: int) -> list[tuple[str, str, Callable[[Any], Any]]]:
    """(kind, label, f(index)) — the same queries for every backend of a given size."""
    rng = random.Random(seed * 31 + n)
    picks = sorted(rng.sample(range(n), 5))
    recs = [corpus.record(k) for k in picks]
    ref_counts: Counter = Counter()
    issuers: Counter = Counter()
    for k in range(min(n, len(corpus))):
        r = json.loads(corpus.lines[k])
        ref_counts.update({x["key"] for x in r.get("references") or [] if x.get("key") and not x.get("anaphor")})
        issuers[r["header"].get("issuer")] += 1
    top = [k for k, _ in ref_counts.most_common(3)]
    mid = sorted(k for k, c in ref_counts.items() if 3 <= c <= 10)
    issuer = sorted(i for i in issuers if i)[rng.randrange(len([i for i in issuers if i]))]
    q: list[tuple[str, str, Callable[[Any], Any]]] = []
    for t in ("cải cách hành chính", "dịch vụ công trực tuyến", "Sở Nội vụ", "nông thôn mới", "chuyển đổi số"):
        q.append(("search_diacritics", t, lambda ix, t=t: ix.search(t, limit=10)))
    for t in ("cai cach hanh chinh", "dich vu cong truc tuyen", "so noi vu", "nong thon moi", "chuyen doi so"):
        q.append(("search_plain", t, lambda ix, t=t: ix.search(t, limit=10)))
    for r in recs:
        num = r["header"].get("number") or r["doc"]
        q.append(("number_search", num, lambda ix, t=num: ix.search(t, limit=10)))
        q.append(("number_cites", num, lambda ix, t=num: ix.cites_page(t, limit=CITES_PAGE)))
    for key in rng.sample(mid, min(3, len(mid))):
        q.append(("number_cites", key, lambda ix, t=key: ix.cites_page(t, limit=CITES_PAGE)))
    for key in top:
        q.append(("cites", key, lambda ix, t=key: ix.cites_page(t, limit=CITES_PAGE)))
    if top:
        q.append(("cites", f"{top[0]} depth 2", lambda ix, t=top[0]: ix.cites_page(t, depth=2, limit=CITES_PAGE)))
        q.append(("cites", f"{top[0]} can_cu", lambda ix, t=top[0]: ix.cites_page(t, relation="can_cu", limit=CITES_PAGE)))
    for a in ("Sở Nội vụ", "Sở Tài chính", "so y te", "Ủy ban nhân dân", "Công an tỉnh"):
        q.append(("tasks_agency", a, lambda ix, a=a: ix.tasks(None, agency=a, limit=100)))
    q.append(("tasks_due", "due<2020-01-01", lambda ix: ix.tasks(None, due_before="2020-01-01", limit=100)))
    q.append(("tasks_due", "lead due<2022-06-30",
              lambda ix: ix.tasks(None, role="lead", due_before="2022-06-30", limit=100)))
    q.append(("tasks_due", "overdue 2023-06-01", lambda ix: ix.tasks(None, overdue_as_of="2023-06-01", limit=100)))
    q.append(("tasks_due", "Sở Y tế due<2024", lambda ix: ix.tasks(None, agency="Sở Y tế", due_before="2024-01-01",
                                                                   limit=100)))
    q.append(("facet", "'' agency=Sở Tài chính", lambda ix: ix.search("", filters={"agency": "Sở Tài chính"}, limit=10)))
    q.append(("facet", "báo cáo type=Quyết định",
              lambda ix: ix.search("báo cáo", filters={"type": "Quyết định"}, limit=10)))
    q.append(("facet", "ngân sách nhà nước year=2021",
              lambda ix: ix.search("ngân sách nhà nước", filters={"year": "2021"}, limit=10)))
    q.append(("facet", "'' type=Kế hoạch year=2022",
              lambda ix: ix.search("", filters={"type": "Kế hoạch", "year": "2022"}, limit=10)))
    q.append(("facet", f"kế hoạch issuer={issuer}", lambda ix: ix.search("kế hoạch", filters={"issuer": issuer}, limit=10)))
    return q


def pct(xs: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))]


# --- one cell (child process) ----------------------------------------------------------------
def vm(field: str, pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def reset_hwm() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def batches(corpus: Corpus, n: int, size: int) -> Iterator[list[dict]]:
    for i in range(0, n, size):
        yield [corpus.record(k) for k in range(i, min(n, i + size))]


def build(ix: Any, corpus: Corpus, n: int, batch: int, budget: float | None = None) -> dict[str, Any]:
    wall = cpu = 0.0
    done = 0
    for recs in batches(corpus, n, batch):
        t0, c0 = time.perf_counter(), time.process_time()
        ix.write_many(recs)
        wall += time.perf_counter() - t0
        cpu += time.process_time() - c0
        done += len(recs)
        if budget and done < n and wall * n / done > budget:
            return {"docs": done, "stopped": f"projected build {wall * n / done:.0f} s > budget {budget:.0f} s",
                    "build_s": wall, "build_cpu_s": cpu}
        if done % (batch * 20) == 0:
            print(f"    {done}/{n} docs, {done / wall:.0f} docs/s", file=sys.stderr, flush=True)
    return {"docs": done, "build_s": wall, "build_cpu_s": cpu}


def run_queries(ix: Any, queries: list, repeat: int, seed: int, answers: Path | None) -> dict[str, Any]:
    got = {}
    for kind, label, f in queries:  # warm-up; these answers are the ones dumped
        got[f"{kind}: {label}"] = f(ix)
    if answers:
        answers.write_text(json.dumps(got, ensure_ascii=False, indent=0, sort_keys=True, default=str))
    walls: dict[str, list[float]] = {k: [] for k in KINDS}
    cpus: dict[str, list[float]] = {k: [] for k in KINDS}
    order = list(range(len(queries)))
    rng = random.Random(seed)
    for _ in range(repeat):
        rng.shuffle(order)
        for i in order:
            kind, _, f = queries[i]
            t0, c0 = time.perf_counter(), time.process_time()
            f(ix)
            walls[kind].append(1000 * (time.perf_counter() - t0))
            cpus[kind].append(1000 * (time.process_time() - c0))
    out = {}
    for k in KINDS:
        if walls[k]:
            out[k] = {"n": len(walls[k]), "p50": pct(walls[k], 50), "p95": pct(walls[k], 95), "p99": pct(walls[k], 99),
                      "cpu_p50": statistics.median(cpus[k]),
                      "queries": sorted({lbl for kk, lbl, _ in queries if kk == k})}
    return out


def child(a: argparse.Namespace) -> dict[str, Any]:
    work = Path(a.work)
    base = Path(a.base_path)
    corpus = Corpus(base, a.seed)
    n = a.n
    res: dict[str, Any] = {"backend": a.backend, "docs": n}
    answers = Path(a.answers_dir) / f"{a.backend}-{n}.json" if a.answers_dir else None
    if answers:
        answers.parent.mkdir(parents=True, exist_ok=True)
    queries = mix(corpus, n, a.seed)
    if a.backend == "sqlite":
        from vanban.index.sqlite import SqliteIndex

        path = work / f"sqlite-{n}.sqlite"
        import vanban.index.sqlite as S

        # reused while the on-disk format is the same (query-side changes need no rebuild);
        # meta "impl" says which code built it -- pass --rebuild after changing the write path
        fmt = hashlib.sha256(f"{S._SCHEMA}{S.SCHEMA_VERSION}{S._ZLEVEL}".encode()).hexdigest()[:16]
        key = {"docs": n, "seed": a.seed, "base": base.name, "base_sha": _sha(base), "batch": a.batch, "format": fmt}
        meta_path = Path(str(path) + ".meta.json")
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        if not a.rebuild and meta.get("key") == key and path.exists():
            res.update(meta["build"], reused=True)
            print(f"  [sqlite {n}] reusing {path} (built {meta.get('built')})", file=sys.stderr, flush=True)
        else:
            for s in ("", "-wal", "-shm"):
                Path(str(path) + s).unlink(missing_ok=True)
            meta_path.unlink(missing_ok=True)
            print(f"  [sqlite {n}] building …", file=sys.stderr, flush=True)
            ix = SqliteIndex(path)
            b = build(ix, corpus, n, a.batch)
            t0, c0 = time.perf_counter(), time.process_time()
            ix.close()
            b["build_s"] += time.perf_counter() - t0
            b["build_cpu_s"] += time.process_time() - c0
            b["docs_s"] = n / b["build_s"]
            b["docs_cpu_s"] = n / b["build_cpu_s"]
            b["index_mb"] = sum(Path(str(path) + s).stat().st_size for s in ("", "-wal")
                                if Path(str(path) + s).exists()) / 1e6
            b["build_rss_mb"] = vm("VmHWM")
            res.update(b, reused=False)
            meta_path.write_text(json.dumps({"key": key, "build": b, "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                                             "impl": _sha(ROOT / "vanban/index/base.py", ROOT / "vanban/index/sqlite.py")}))
        reset_hwm()
        ix = SqliteIndex(path)
        t0 = time.perf_counter()
        res["queries"] = run_queries(ix, queries, a.repeat, a.seed, answers)
        res["query_s"] = time.perf_counter() - t0
        res["query_rss_mb"] = vm("VmHWM")
        ix.close()
    else:
        from osmem_server import OsmemServer

        from vanban.index import open_index

        server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
        try:
            ix = open_index({"backend": "elasticsearch", "url": server.url, "prefix": "bench", "compat_headers": False,
                             "timeout": 600})
            print(f"  [osmem {n}] building …", file=sys.stderr, flush=True)
            b = build(ix, corpus, n, a.batch, budget=a.osmem_budget)
            b["docs_s"] = b["docs"] / b["build_s"]
            b["docs_cpu_s"] = b["docs"] / b["build_cpu_s"]
            b["build_rss_mb"] = vm("VmHWM")
            b["server_rss_mb"] = vm("VmRSS", server.pid)
            res.update(b, reused=False)
            if "stopped" not in b:
                reset_hwm()
                t0 = time.perf_counter()
                res["queries"] = run_queries(ix, queries, a.repeat, a.seed, answers)
                res["query_s"] = time.perf_counter() - t0
                res["query_rss_mb"] = vm("VmHWM")
            res["server_hwm_mb"] = vm("VmHWM", server.pid)
            try:  # the server's own CPU (build + queries): the client's is only the HTTP side
                with open(f"/proc/{server.pid}/stat") as fh:
                    st = fh.read().rsplit(")", 1)[1].split()
                res["server_cpu_s"] = (int(st[11]) + int(st[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                pass
            ix.close()
        finally:
            server.close()
    return res


# --- the table ---------------------------------------------------------------------------
def fmt_table(cells: list[dict[str, Any]]) -> str:
    lines = []
    head = f"{'backend':7s} {'docs':>7s} {'docs/s':>7s} {'(cpu)':>7s} {'MB':>7s} {'RSS b/q':>11s}"
    lines.append(head + "  " + "  ".join(f"{k:>18s}" for k in KINDS))
    lines.append(" " * len(head) + "  " + "  ".join(f"{'p50/p95/p99 ms':>18s}" for _ in KINDS))
    for c in cells:
        if "error" in c:
            lines.append(f"{c['backend']:7s} {c['docs']:7d}  error: {c['error']}")
            continue
        mb = f"{c['index_mb']:7.0f}" if "index_mb" in c else f"{'-':>7s}"
        rss = f"{c.get('build_rss_mb', float('nan')):.0f}/{c.get('query_rss_mb', float('nan')):.0f}"
        row = (f"{c['backend']:7s} {c['docs']:7d} {c.get('docs_s', 0):7.0f} {c.get('docs_cpu_s', 0):7.0f} {mb} "
               f"{rss:>11s}")
        if "stopped" in c:
            lines.append(row + f"  stopped after {c['docs']} docs: {c['stopped']}")
            continue
        q = c["queries"]
        lines.append(row + "  " + "  ".join(
            f"{q[k]['p50']:5.1f}/{q[k]['p95']:5.1f}/{q[k]['p99']:5.1f}" if k in q else f"{'-':>18s}" for k in KINDS))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="SQLite sizes")
    ap.add_argument("--osmem-sizes", default="1000,10000", help="osmem sizes ('' for none)")
    ap.add_argument("--osmem-budget", type=float, default=300.0, help="max projected osmem build seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base", type=int, default=1000, help="distinct extracted base records")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the one-off extraction")
    ap.add_argument("--work", default=str(ROOT / "var/bench/index-scale"))
    ap.add_argument("--json", default=str(ROOT / "var/bench/index_scale.json"))
    ap.add_argument("--answers-dir", default=None, help="dump every answer here (backend-size.json)")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--_child", nargs=2, metavar=("BACKEND", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--base-path", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a._child:
        a.backend, a.n = a._child[0], int(a._child[1])
        print("RESULT " + json.dumps(child(a)))
        return
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    base = base_records(work, a.seed, a.base, a.jobs)
    plan = [("sqlite", int(x)) for x in a.sizes.split(",") if x.strip()] + \
           [("osmem", int(x)) for x in a.osmem_sizes.split(",") if x.strip()]
    plan.sort(key=lambda bn: (bn[1], bn[0] != "sqlite"))  # small cells first: a stopped run keeps them
    cells = []
    t_all, load0 = time.perf_counter(), os.getloadavg()
    for backend, n in plan:
        if backend == "osmem" and any(c["backend"] == "osmem" and "stopped" in c for c in cells):
            cells.append({"backend": backend, "docs": n, "stopped": "not tried: a smaller size was already impractical"})
            continue
        cmd = [sys.executable, __file__, "--_child", backend, str(n), "--base-path", str(base), "--seed", str(a.seed),
               "--batch", str(a.batch), "--repeat", str(a.repeat), "--work", str(work),
               "--osmem-budget", str(a.osmem_budget)] + (["--rebuild"] if a.rebuild else []) + \
              (["--answers-dir", a.answers_dir] if a.answers_dir else [])
        print(f"[{backend} {n}]", file=sys.stderr, flush=True)
        t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        line = next((x for x in p.stdout.splitlines() if x.startswith("RESULT ")), None)
        cell = json.loads(line[7:]) if line else {"backend": backend, "docs": n, "error": f"exit {p.returncode}"}
        cell["cell_wall_s"] = time.perf_counter() - t0
        cell["cell_cpu_s"] = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        cells.append(cell)
        print(f"  wall {cell['cell_wall_s']:.0f} s, cpu {cell['cell_cpu_s']:.0f} s (this process)",
              file=sys.stderr, flush=True)
        write(a, base, cells, t_all, load0)  # after every cell: a long run stopped midway keeps what it measured
    print(write(a, base, cells, t_all, load0))
    print("docs/s = wall (cpu); MB = SQLite file+WAL; RSS b/q = VmHWM MB after build / during queries")
    print(f"-> {a.json}", file=sys.stderr)


def write(a: argparse.Namespace, base: Path, cells: list[dict[str, Any]], t_all: float, load0: tuple) -> str:
    table = fmt_table(cells)
    out = {"created": time.strftime("%Y-%m-%dT%H:%M:%S"), "seed": a.seed, "base_records": a.base,
           "base_path": str(base), "batch": a.batch, "repeat": a.repeat, "kinds": list(KINDS),
           "machine": {"cpus": os.cpu_count(), "loadavg_start": load0, "loadavg_end": os.getloadavg(),
                       "python": sys.version.split()[0]},
           "wall_s": time.perf_counter() - t_all, "cells": cells, "table": table}
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1))
    return table


if __name__ == "__main__":
    main()
