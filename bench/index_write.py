"""SqliteIndex.write_many speed, old code against new, and proof that both write the same index.

    python bench/index_write.py                              # this checkout: docs per CPU-second
    python bench/index_write.py --roots /tmp/old-worktree .  # interleaved A/B, min of --rounds
    python bench/index_write.py --roots /tmp/old-worktree . --check   # + compare what was written
    python bench/index_write.py --n 10000 --rounds 1         # 10k: base records perturbed as in index_scale

Each (root, round) runs in its own process that imports `vanban` from that root, so two
versions of the code are measured on the same records under the same machine noise (the
machine is shared: CPU time is the figure to trust; wall time is reported too).  Records
come from bench/index_scale.py's cache (var/bench/index-scale/base-S-B.jsonl, made by running
that script once) and are decoded before the clock starts; the timed part is write_many in
batches of --batch, plus close() (the last WAL checkpoint work).

--check also writes, untimed, a few replacements (of indexed documents, and of one given twice in
one call), new documents and a delete, then compares the logical content of the indexes the roots
wrote: every row of every table (stored record and text decompressed, assignments by id), the
FTS5 rows of both full-text tables as (term, row, column, position) plus their per-row token
counts and totals (what bm25 reads).  Different bytes on disk (page layout, compression level, segment structure) are
allowed; a different answer is not.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import json, os, sys, time
root, base, n, batch, out, bench, check = (sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5],
                                           sys.argv[6], sys.argv[7])
sys.path.insert(0, root)
import vanban.index.sqlite as S  # before index_scale, which puts its own checkout first on sys.path
import vanban.extractors.references
assert S.__file__.startswith(os.path.join(root, "")), S.__file__
sys.path.insert(0, bench)
from index_scale import Corpus
from pathlib import Path
corpus = Corpus(Path(base), 1)
for s in ("", "-wal", "-shm"):
    Path(out + s).unlink(missing_ok=True)
ix = S.SqliteIndex(out)
cpu = wall = 0.0
for i in range(0, n, batch):
    recs = [corpus.record(k) for k in range(i, min(n, i + batch))]
    c0, t0 = time.process_time(), time.perf_counter()
    ix.write_many(recs)
    cpu += time.process_time() - c0
    wall += time.perf_counter() - t0
if check == "1":  # untimed: replacements (from the index, and twice in one call), new documents, a delete
    more = [corpus.record(k) for k in range(n - 10, n + 10)]
    again = corpus.record(n + 5)
    again["header"]["title"] = "Sửa lại: " + (again["header"].get("title") or "")
    again["assignments"] = again["assignments"][::2]
    ix.write_many(more[:15] + [again] + more[15:])
    ix.write_document(corpus.record(n - 3))
    ix.delete_document(more[0]["doc"])
    ix.write_many([corpus.record(n - 2)])
c0, t0 = time.process_time(), time.perf_counter()
ix.close()
cpu += time.process_time() - c0
wall += time.perf_counter() - t0
size = sum(os.path.getsize(out + s) for s in ("", "-wal") if os.path.exists(out + s))
print("RESULT " + json.dumps({"cpu": cpu, "wall": wall, "mb": size / 1e6}))
'''


def digest(path: str) -> dict[str, str]:
    """Table name -> sha256 of its logical rows (see module docstring)."""
    import sqlite3
    import zlib

    def unpack(v):
        if isinstance(v, bytes):  # bodies: zlib-format text; FTS5 shadow tables: their own encoding
            try:
                return zlib.decompress(v).decode()
            except (zlib.error, UnicodeDecodeError):
                return v.hex()
        return v

    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[str, str] = {}

    def put(name: str, rows) -> None:
        h = hashlib.sha256()
        k = 0
        for r in rows:
            h.update(json.dumps([unpack(v) for v in r], ensure_ascii=False).encode())
            k += 1
        out[name] = f"{k} rows {h.hexdigest()[:16]}"

    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE"
                                      " 'CREATE VIRTUAL%' AND name NOT LIKE '%fts_%' ORDER BY name")]
    for t in tables:
        cols = [r[1] for r in c.execute(f'PRAGMA table_info("{t}")')]
        keys = [r[1] for r in sorted(c.execute(f'PRAGMA table_info("{t}")'), key=lambda r: r[5]) if r[5]] or cols
        put(t, c.execute(f'SELECT * FROM "{t}" ORDER BY ' + ", ".join(f'"{k}"' for k in keys)))
    for fts in ("docs_fts", "tasks_fts"):
        c.execute(f"CREATE VIRTUAL TABLE temp.v_{fts} USING fts5vocab(main, {fts}, instance)")
        put(fts + " instances", c.execute(f"SELECT term, doc, col, offset FROM temp.v_{fts} ORDER BY 1, 2, 3, 4"))
        put(fts + " docsize", c.execute(f"SELECT id, sz FROM {fts}_docsize ORDER BY id"))
        # the averages record (row count and total tokens per column) bm25 reads: FTS5 keeps it as rowid 1
        put(fts + " averages", c.execute(f"SELECT block FROM {fts}_data WHERE id = 1"))
    c.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--roots", nargs="+", default=[str(ROOT)], help="checkouts whose vanban is measured")
    ap.add_argument("--base", default=str(ROOT / "var/bench/index-scale/base-1-1000.jsonl"))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", default="/tmp/index-write")
    ap.add_argument("--check", action="store_true", help="compare the indexes the roots wrote")
    a = ap.parse_args()
    Path(a.work).mkdir(parents=True, exist_ok=True)
    roots = [str(Path(r).resolve()) for r in a.roots]
    best: dict[str, dict] = {}
    for rnd in range(a.rounds):
        for j, root in enumerate(roots):
            out = f"{a.work}/w{j}-{a.n}.sqlite"
            args = [root, a.base, str(a.n), str(a.batch), out, str(Path(__file__).resolve().parent),
                    "1" if a.check else ""]
            # PYTHONHASHSEED: index_scale.Corpus picks the new province of a copy in a set's order
            p = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False,
                               env={**os.environ, "PYTHONHASHSEED": "0"})
            line = next((x for x in p.stdout.splitlines() if x.startswith("RESULT ")), None)
            if not line:
                sys.exit(f"{root}: failed\n{p.stderr[-3000:]}")
            r = json.loads(line[7:])
            print(f"round {rnd} {root}: cpu {r['cpu']:.2f} s wall {r['wall']:.2f} s "
                  f"({a.n / r['cpu']:.0f} docs/CPU-s), {r['mb']:.1f} MB", file=sys.stderr, flush=True)
            b = best.setdefault(root, {"cpu": 1e18, "wall": 1e18, "mb": r["mb"]})
            b["cpu"], b["wall"] = min(b["cpu"], r["cpu"]), min(b["wall"], r["wall"])
    for root in roots:
        b = best[root]
        print(f"{root}: {a.n / b['cpu']:.0f} docs/CPU-s ({b['cpu'] * 1000 / a.n:.2f} ms/doc), "
              f"{a.n / b['wall']:.0f} docs/s wall, {b['mb']:.1f} MB  [min of {a.rounds}]")
    if a.check:
        digests = [digest(f"{a.work}/w{j}-{a.n}.sqlite") for j in range(len(roots))]
        same = True
        for name in sorted(set().union(*digests)):
            vals = [d.get(name) for d in digests]
            ok = len(set(vals)) == 1
            same &= ok
            print(f"  {'same' if ok else 'DIFF'} {name}: " + (vals[0] if ok else " | ".join(map(str, vals))))
        print("IDENTICAL" if same else "DIFFERENT")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
