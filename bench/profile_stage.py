"""Profile one benchmark stage with pyinstrument and print its hotspots.

    python bench/profile_stage.py                      # the slowest stage in bench/results.json (MB/s)
    python bench/profile_stage.py --stage normalise    # or: segment, extract, extract.<name>, ingest.pdf, ingest.docx
    python bench/profile_stage.py --stage extract --docs 300 --tree

Prints the top frames by self time (where the CPU actually goes), by total time of
vanban functions, and optionally pyinstrument's call tree.  Needs the `bench` extra
(pip install -e '.[bench]').
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))


def slowest_stage(results: Path) -> str:
    """The per-document stage with the lowest MB/s in a results file."""
    doc = json.loads(results.read_text(encoding="utf-8"))
    rows = [r for r in doc["rows"] if r.get("MB_s") and r["stage"].split(".")[0] in ("ingest", "normalise+segment", "extract")
            and r["stage"] != "extract.total"]
    r = min(rows, key=lambda r: r["MB_s"])
    stage = r["stage"]
    if stage == "normalise+segment":
        extra = doc.get("rows")
        row = next(x for x in extra if x["stage"] == stage)
        stage = "normalise" if "normalise" in row.get("note", "") and _first_is_bigger(row["note"]) else "segment"
    return stage


def _first_is_bigger(note: str) -> bool:
    import re

    m = re.findall(r"([\d.]+)s", note)
    return len(m) >= 2 and float(m[0]) >= float(m[1])


def workload(stage: str, n: int, seed: int) -> tuple[Callable[[], Any], int]:
    """A zero-argument callable running the stage over n docs, and the bytes of text it handles."""
    import synth
    from vanban.pipeline.normalise import normalise

    docs = [d.text for d in synth.iter_documents(n, seed)]
    nbytes = sum(len(t.encode("utf-8")) for t in docs)
    if stage == "normalise":
        return (lambda: [normalise(t) for t in docs]), nbytes
    normed = [normalise(t) for t in docs]
    if stage == "segment":
        from vanban.pipeline.segment import segment

        return (lambda: [segment(t) for t in normed]), nbytes
    if stage == "extract" or stage == "extract.total":
        from vanban.pipeline.extract import analyse

        analyse(normed[0], "warmup")
        return (lambda: [analyse(t, f"d{i}") for i, t in enumerate(normed)]), nbytes
    if stage.startswith("extract."):
        import importlib

        from vanban.extractors import ORDER
        from vanban.pipeline.extract import analyse

        name = stage.split(".", 1)[1]
        mod = importlib.import_module(f"vanban.extractors.{name}")
        # Documents with every earlier extractor's facts already in place.
        prepared = []
        for i, t in enumerate(normed):
            d = analyse(t, f"d{i}")
            prepared.append(d)
        later = ORDER[ORDER.index(name):]

        def run() -> None:
            for d in prepared:
                for k in later:
                    if k != "header":
                        d.facts.pop(k, None)
                mod.extract(d)

        return run, nbytes
    if stage in ("ingest.pdf", "ingest.docx", "ingest.txt"):
        import tempfile

        from vanban.pipeline.ingest import load

        ext = stage.split(".")[1]
        tmp = Path(tempfile.mkdtemp(prefix="vanban-prof-"))
        paths = []
        for i, d in enumerate(synth.iter_documents(n, seed)):
            p = tmp / f"d{i}.{ext}"
            if ext == "pdf":
                synth.write_pdf(d, p)
            elif ext == "docx":
                synth.write_docx(d, p)
            else:
                p.write_text(d.text, encoding="utf-8")
            paths.append(p)
        return (lambda: [load(p) for p in paths]), nbytes
    raise SystemExit(f"unknown stage {stage!r}")


def hotspots(session: Any, top: int) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """(self time by function, total time by vanban function) from a pyinstrument session."""
    root = session.root_frame()
    self_t: dict[str, float] = defaultdict(float)
    total_t: dict[str, float] = defaultdict(float)

    def synthetic(frame: Any) -> bool:
        return not frame.file_path and (frame.function or "").startswith("[")

    def walk(frame: Any, stack: frozenset[str]) -> None:
        key = f"{frame.function}  {Path(frame.file_path or '?').name}:{frame.line_no}"
        # Self time = own time minus real children (pyinstrument puts it in "[self]" children).
        self_t[key] += frame.time - sum(c.time for c in frame.children if not synthetic(c))
        if frame.file_path and "/vanban/" in frame.file_path and key not in stack:
            total_t[key] += frame.time
        for c in frame.children:
            if not synthetic(c):
                walk(c, stack | {key})

    walk(root, frozenset())
    by_self = sorted(((v, k) for k, v in self_t.items()), reverse=True)[:top]
    by_total = sorted(((v, k) for k, v in total_t.items()), reverse=True)[:top]
    return by_self, by_total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stage", help="normalise, segment, extract, extract.<name>, ingest.pdf|docx|txt")
    ap.add_argument("--results", default=str(BENCH / "results.json"))
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--tree", action="store_true", help="also print pyinstrument's call tree")
    ap.add_argument("--interval", type=float, default=0.0005)
    a = ap.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.stderr.write("pyinstrument is missing: pip install -e '.[bench]'\n")
        return 2
    stage = a.stage
    if not stage:
        res = Path(a.results)
        stage = slowest_stage(res) if res.is_file() else "extract"
        print(f"slowest stage in {res.name if res.is_file() else '(no results: default)'}: {stage}")
    fn, nbytes = workload(stage, a.docs, a.seed)
    prof = Profiler(interval=a.interval)
    t0 = time.perf_counter()
    prof.start()
    fn()
    prof.stop()
    dt = time.perf_counter() - t0
    print(f"stage {stage}: {a.docs} synthetic docs, {nbytes / 1e6:.2f} MB in {dt:.2f} s "
          f"= {nbytes / 1e6 / dt:.3f} MB/s (under the profiler)")
    by_self, by_total = hotspots(prof.last_session, a.top)
    print(f"\ntop {a.top} frames by self time")
    for t, k in by_self:
        print(f"  {t:8.3f} s  {100 * t / dt:5.1f}%  {k}")
    print(f"\ntop {a.top} vanban functions by total time (inclusive)")
    for t, k in by_total:
        print(f"  {t:8.3f} s  {100 * t / dt:5.1f}%  {k}")
    if a.tree:
        print(prof.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
