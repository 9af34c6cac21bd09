"""SQLite index micro-benchmark: write ms/doc, index size, query latency, before/after.

    python bench/index_bench.py --records /tmp/rec10k.jsonl \
        --impl before=/tmp/sqlite_before.py --impl after=vanban/index/sqlite.py

Each --impl NAME=FILE loads a SqliteIndex class from FILE (so an older copy of
vanban/index/sqlite.py can be timed next to the current one in the same run), builds an
index from the JSONL records (one write_document per record, as bench/run.py does; pass
--reuse to keep an index already built), then times every query N times (wall median and
CPU median: this machine is shared and noisy).  The answers of every query are dumped and
compared across implementations: a speed-up must not change hits, order, scores or facets.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEARCHES = [("cải cách hành chính", None), ("chuyen doi so", None), ("Sở Nội vụ", None),
            ("dịch vụ công trực tuyến", None), ("nông thôn mới", None), ("ke hoach trien khai", None),
            ("Ủy ban nhân dân tỉnh", None), ("ngân sách nhà nước", {"year": "2021"}),
            ("báo cáo", {"type": "Quyết định"}), ("", None), ("", {"agency": "Sở Tài chính"}),
            ("xyzzy khongco", None)]


def load_impl(path: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"_impl_{abs(hash(path))}", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.SqliteIndex


def size_mb(path: Path) -> float:
    return sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists()) / 1e6


def build(cls: Any, path: Path, records: str, n: int) -> dict[str, Any]:
    for s in ("", "-wal", "-shm"):
        Path(str(path) + s).unlink(missing_ok=True)
    idx = cls(path)
    wall = cpu = 0.0
    k = 0
    with open(records, encoding="utf-8") as fh:
        for line in fh:
            if k >= n:
                break
            rec = json.loads(line)
            t0, c0 = time.perf_counter(), time.process_time()
            idx.write_document(rec)
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
            k += 1
    t0 = time.perf_counter()
    idx.close()  # a close may checkpoint / optimize: it is part of the write cost
    wall += time.perf_counter() - t0
    return {"docs": k, "write_ms_doc": 1000 * wall / max(1, k), "write_cpu_ms_doc": 1000 * cpu / max(1, k),
            "index_mb": size_mb(path)}


def queries(idx: Any) -> dict[str, list[tuple[str, Callable[[], Any]]]]:
    row = idx.conn.execute('SELECT key, count(*) c FROM "references" WHERE self=0 GROUP BY key_fold '
                           "ORDER BY c DESC LIMIT 1").fetchone()
    key = row[0] if row else "108/2014/NĐ-CP"
    agency = idx.conn.execute("SELECT name FROM agencies GROUP BY name ORDER BY count(*) DESC LIMIT 1").fetchone()
    agency = agency[0] if agency else "Sở Nội vụ"
    return {
        "search": [(f"search {q!r} {f}", lambda q=q, f=f: idx.search(q, filters=f, limit=10)) for q, f in SEARCHES]
        + [("search page 3", lambda: idx.search("uy ban nhan dan", limit=10, offset=20))],
        "cites": [(f"cites {key}", lambda: idx.cites(key, limit=100)), (f"cites {key} d2", lambda: idx.cites(key, depth=2, limit=100)),
                  ("cites 30c/NQ-CP", lambda: idx.cites("30c/NQ-CP", limit=100))],
        "tasks": [("tasks agency Sở Nội vụ", lambda: idx.tasks(None, agency="Sở Nội vụ", limit=100)),
                  (f"tasks agency {agency}", lambda: idx.tasks(None, agency=agency, limit=100)),
                  ("tasks text kế hoạch", lambda: idx.tasks("kế hoạch", limit=100)),
                  ("tasks lead due<2020", lambda: idx.tasks(None, role="lead", due_before="2020-01-01", limit=100)),
                  ("tasks overdue", lambda: idx.tasks(None, overdue_as_of="2023-06-01", limit=100))],
    }


def time_queries(cls: Any, path: Path, repeat: int) -> tuple[dict[str, Any], dict[str, Any]]:
    idx = cls(path)
    out: dict[str, Any] = {}
    answers: dict[str, Any] = {}
    for verb, fs in queries(idx).items():
        walls, cpus = [], []
        for label, f in fs:
            answers[label] = f()  # warm-up run, answer kept for the comparison
        for _ in range(repeat):
            for label, f in fs:
                t0, c0 = time.perf_counter(), time.process_time()
                f()
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
        out[verb] = {"median_ms": 1000 * statistics.median(walls), "max_ms": 1000 * max(walls),
                     "cpu_median_ms": 1000 * statistics.median(cpus), "n": len(walls)}
    idx.close()
    return out, answers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", required=True, help="JSONL of extracted records")
    ap.add_argument("--impl", action="append", default=[], help="NAME=path/to/sqlite.py (repeatable)")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", default="/tmp/index-bench")
    ap.add_argument("--reuse", action="append", default=[], help="NAME whose index is already built")
    ap.add_argument("--json", help="write the results here")
    a = ap.parse_args()
    impls = [x.split("=", 1) for x in a.impl] or [["current", str(ROOT / "vanban/index/sqlite.py")]]
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    answers: dict[str, Any] = {}
    for name, file in impls:
        cls = load_impl(file)
        path = work / f"{name}.sqlite"
        res: dict[str, Any] = {}
        if name not in a.reuse or not path.exists():
            print(f"[{name}] building {a.n} docs …", file=sys.stderr, flush=True)
            res.update(build(cls, path, a.records, a.n))
        else:
            res["index_mb"] = size_mb(path)
        print(f"[{name}] queries …", file=sys.stderr, flush=True)
        q, answers[name] = time_queries(cls, path, a.repeat)
        res.update(q)
        results[name] = res
        (work / f"{name}.answers.json").write_text(json.dumps(answers[name], ensure_ascii=False, indent=1, default=str))
    print(f"{'impl':10s} {'search ms':>16s} {'cites ms':>16s} {'tasks ms':>16s} {'write ms/doc':>14s} {'MB':>7s}")
    for name, r in results.items():
        cells = [f"{r[v]['median_ms']:7.1f} ({r[v]['cpu_median_ms']:5.1f})" for v in ("search", "cites", "tasks")]
        w = f"{r['write_ms_doc']:6.1f} ({r['write_cpu_ms_doc']:5.1f})" if "write_ms_doc" in r else "-"
        print(f"{name:10s} " + " ".join(f"{x:>16s}" for x in cells) + f" {w:>14s} {r['index_mb']:7.1f}")
    print("(wall median, CPU median in parentheses)")
    names = list(answers)
    for other in names[1:]:
        diff = [k for k in answers[names[0]] if answers[names[0]][k] != answers[other].get(k)]
        print(f"answers {names[0]} vs {other}: " + ("identical" if not diff else "DIFFER: " + ", ".join(diff)))
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
