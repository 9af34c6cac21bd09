"""Smoke test of the benchmark: the synthetic generator makes parseable documents and
`bench/run.py --quick` finishes with a JSON holding every stage."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


@pytest.fixture(scope="module")
def synth():
    sys.path.insert(0, str(BENCH))
    try:
        import synth as mod

        yield mod
    finally:
        sys.path.remove(str(BENCH))


def test_generator_is_seeded_and_documents_parse(synth):
    from vanban.pipeline.extract import analyse
    from vanban.pipeline.normalise import normalise
    from vanban.pipeline.segment import segment

    docs = synth.generate(5, seed=7)
    assert [d.text for d in docs] == [d.text for d in synth.generate(5, seed=7)]
    assert docs[0].text != synth.generate(1, seed=8)[0].text
    for d in docs:
        text = normalise(d.text)
        seg = segment(text)
        head = text[seg.header[0]:seg.header[1]] or text[:1500]
        assert f"Số: {d.truth['number']}" in head, d.name
        paths = [c.path for c in seg.clauses]
        assert paths, d.name
        assert set(d.truth["clauses"]) <= set(paths), (d.name, d.truth["clauses"], paths)
        doc = analyse(text, doc_id=d.name)
        if doc.header.number:  # the header extractor, where implemented, finds the same number
            assert re.sub(r"\s", "", doc.header.number) == d.truth["number"]
    # the grammar covers the genre: citations, tasks with chủ trì, deadlines, targets
    big = "\n".join(d.text for d in synth.generate(30, seed=3))
    for needle in ("Căn cứ", "chủ trì", "phối hợp", "/NĐ-CP", "/QĐ-TTg", "Nơi nhận", "%"):
        assert needle in big, needle


def test_quick_bench_reports_every_stage(tmp_path):
    out = tmp_path / "results.json"
    cp = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out),
                         "--work", str(tmp_path / "work")],
                        capture_output=True, text=True, cwd=str(ROOT), timeout=300)
    assert cp.returncode == 0, cp.stderr[-2000:]
    doc = json.loads(out.read_text(encoding="utf-8"))
    sys.path.insert(0, str(BENCH))
    try:
        import run as bench_run
    finally:
        sys.path.remove(str(BENCH))
    stages = {r["stage"] for r in doc["rows"]}
    missing = set(bench_run.STAGE_KEYS) - stages
    assert not missing, missing
    for key in ("ingest.pdf", "extract.total", "offshelf.total", "index.write", "run.jobs2", "query.search"):
        assert key in stages
    # the timed stages produced numbers, not errors
    errors = [r for r in doc["rows"] if "exit " in (r.get("note") or "") or "timed out" in (r.get("note") or "")]
    assert not errors, errors
    assert doc["goals"] and doc["workloads"]
    assert "stage" in cp.stdout and "goals" in cp.stdout
