"""Batch reruns: only what changed is extracted; the change report; nothing lost on a kill -9."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanban.index import open_index
from vanban.pipeline.batch import run_batch

DOC_A = """ỦY BAN NHÂN DÂN
TỈNH NAM ĐỊNH
Số: 15/CT-UBND

Nam Định, ngày 02 tháng 3 năm 2019

CHỈ THỊ
Về việc tăng cường kỷ luật hành chính

Thực hiện Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan kiểm tra công vụ, báo cáo trước ngày 30/6/2019.
2. Sở Tài chính bố trí kinh phí thực hiện trong quý III/2019.
"""

DOC_B = """ỦY BAN NHÂN DÂN
TỈNH THÁI BÌNH
Số: 40/KH-UBND

Thái Bình, ngày 10 tháng 1 năm 2020

KẾ HOẠCH
Cải cách hành chính năm 2020

Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ;

1. Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật, hoàn thành trước ngày 31/12/2020.
"""


def _run(folder, tmp, **kw):
    idx = open_index({"backend": "sqlite", "path": str(tmp / "index.sqlite")})
    try:
        return run_batch([str(folder)], idx, registry_path=str(tmp / "registry.sqlite"), jobs=1, **kw)
    finally:
        idx.close()


def _docs(tmp):
    idx = open_index({"backend": "sqlite", "path": str(tmp / "index.sqlite")})
    try:
        return {d["doc"] for d in idx.list_documents()}
    finally:
        idx.close()


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "docs"
    f.mkdir()
    (f / "a.txt").write_text(DOC_A, encoding="utf-8")
    (f / "b.txt").write_text(DOC_B, encoding="utf-8")
    return f


def test_first_run_then_unchanged_rerun_does_nothing(folder, tmp_path):
    rep = _run(folder, tmp_path)
    assert sorted(rep.added) == ["a.txt", "b.txt"] and rep.extracted == 2
    assert {r["key"] for r in rep.references_added} >= {"26/CT-TTg", "30c/NQ-CP"}
    assert rep.new_assignments
    rep = _run(folder, tmp_path)
    assert rep.extracted == 0 and rep.unchanged == 2 and not rep.added and not rep.new_assignments


def test_changed_file_is_reextracted_and_diffed(folder, tmp_path):
    _run(folder, tmp_path)
    (folder / "a.txt").write_text(DOC_A.replace("Chỉ thị số 26/CT-TTg ngày 05/9/2016",
                                                "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018"), encoding="utf-8")
    rep = _run(folder, tmp_path)
    assert rep.changed == ["a.txt"] and rep.extracted == 1
    assert {"doc": "a.txt", "key": "61/2018/NĐ-CP"} in rep.references_added
    assert {"doc": "a.txt", "key": "26/CT-TTg"} in rep.references_removed


def test_deleted_file_leaves_index_unless_kept(folder, tmp_path):
    _run(folder, tmp_path)
    (folder / "b.txt").unlink()
    rep = _run(folder, tmp_path, keep_deleted=True)
    assert rep.removed == [] and "b.txt" in _docs(tmp_path)
    rep = _run(folder, tmp_path)
    assert rep.removed == ["b.txt"] and _docs(tmp_path) == {"a.txt"}


def test_deleted_file_is_removed(folder, tmp_path):
    _run(folder, tmp_path)
    (folder / "b.txt").unlink()
    rep = _run(folder, tmp_path)
    assert rep.removed == ["b.txt"] and _docs(tmp_path) == {"a.txt"}
    assert {"doc": "b.txt", "key": "30c/NQ-CP"} in rep.references_removed


def test_renamed_and_copied_files_are_recognised_by_content(folder, tmp_path):
    _run(folder, tmp_path)
    (folder / "b.txt").rename(folder / "b-renamed.txt")
    shutil.copy(folder / "a.txt", folder / "a-copy.txt")
    rep = _run(folder, tmp_path)
    assert rep.extracted == 0
    assert {r["file"].rsplit("/", 1)[-1] for r in rep.renamed_or_copied} == {"b-renamed.txt", "a-copy.txt"}
    assert _docs(tmp_path) == {"a.txt", "b.txt"}  # one document, two sources; the rename keeps its id
    assert rep.removed == []


def test_same_content_twice_in_one_run_is_one_document(tmp_path):
    f = tmp_path / "docs"
    f.mkdir()
    (f / "x.txt").write_text(DOC_B, encoding="utf-8")
    (f / "y.txt").write_text(DOC_B, encoding="utf-8")
    rep = _run(f, tmp_path)
    assert rep.extracted == 1 and len(_docs(tmp_path)) == 1 and len(rep.renamed_or_copied) == 1


def test_new_extractor_version_reextracts(folder, tmp_path, monkeypatch):
    _run(folder, tmp_path)
    import vanban.pipeline.batch as batch

    monkeypatch.setattr(batch, "EXTRACTOR_VERSION", "test-next")
    rep = _run(folder, tmp_path)
    assert rep.extracted == 2 and sorted(rep.changed) == ["a.txt", "b.txt"]


def test_newly_overdue_between_runs(folder, tmp_path):
    _run(folder, tmp_path, as_of="2019-01-01")
    rep = _run(folder, tmp_path, as_of="2019-07-15")
    overdue = [(t["doc"], t["deadline"]) for t in rep.newly_overdue]
    assert ("a.txt", "2019-06-30") in overdue
    assert all(d != "b.txt" for d, _ in overdue)
    rep = _run(folder, tmp_path, as_of="2019-07-20")
    assert rep.newly_overdue == []  # already overdue at the last run


def test_bad_file_is_named_and_the_rest_goes_on(folder, tmp_path):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf")
    (folder / "empty.txt").write_bytes(b"")
    rep = _run(folder, tmp_path)
    failed = {Path(f["file"]).name: f["reason"] for f in rep.failed}
    assert set(failed) == {"broken.pdf", "empty.txt"} and all(failed.values())
    assert _docs(tmp_path) == {"a.txt", "b.txt"}


def test_kill_9_leaves_a_usable_index_that_the_next_run_completes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    n = 40
    for i in range(n):
        (folder / f"d{i:03d}.txt").write_text(DOC_A.replace("15/CT-UBND", f"{i + 100}/CT-UBND")
                                              + f"\n{i}. Sở Y tế báo cáo kết quả đợt {i}.\n" * 30, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    # batches of 4 (never flushed by the clock here), so the kill lands between batches or inside one
    (tmp_path / "config.toml").write_text("[run]\nwrite_batch = 4\nwrite_batch_seconds = 3600\n", encoding="utf-8")
    args = [sys.executable, "-m", "vanban.cli", "run", str(folder), "--index", str(tmp_path / "index.sqlite"),
            "--registry", str(tmp_path / "registry.sqlite"), "--jobs", "1", "--json",
            "--config", str(tmp_path / "config.toml")]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        if (tmp_path / "index.sqlite").exists() and len(_docs_safe(tmp_path)) >= 3:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _docs_safe(tmp_path)
    assert 0 < len(partial) < n, "the kill should land mid-run"
    assert len(partial) % 4 == 0, "a batch is written whole or not at all"
    idx = open_index({"backend": "sqlite", "path": str(tmp_path / "index.sqlite")})
    try:
        assert idx.search("báo cáo")["total"] == len(partial)
        for d in partial:  # no half-indexed document: each has all its facts
            rec = idx.get_document(d)
            assert rec["header"]["number"] and len(rec["assignments"]) >= 2
    finally:
        idx.close()
    res = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    rep = json.loads(res.stdout)
    assert len(_docs(tmp_path)) == n
    assert rep["extracted"] + rep["unchanged"] == n


def _docs_safe(tmp):
    try:
        return _docs(tmp)
    except Exception:
        return set()


class _CountingIndex:
    """Wraps an index and records the size of every write_many call."""

    def __init__(self, inner):
        self.inner, self.batches = inner, []

    def write_many(self, records):
        records = list(records)
        self.batches.append(len(records))
        return self.inner.write_many(records)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_are_written_in_batches(tmp_path, jobs):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(7):
        (folder / f"d{i}.txt").write_text(DOC_A.replace("15/CT-UBND", f"{i + 100}/CT-UBND"), encoding="utf-8")
    idx = _CountingIndex(open_index({"backend": "sqlite", "path": str(tmp_path / "index.sqlite")}))
    try:
        rep = run_batch([str(folder)], idx, registry_path=str(tmp_path / "registry.sqlite"), jobs=jobs,
                        write_batch=3, write_batch_seconds=3600)
        assert idx.batches == [3, 3, 1]
        assert rep.extracted == 7 and len(rep.added) == 7
        assert len(rep.new_assignments) == sum(d["assignments"] for d in rep.documents) > 7
        assert len(idx.list_documents()) == 7
    finally:
        idx.close()
    # the registry knows every written document: a rerun extracts nothing
    idx = open_index({"backend": "sqlite", "path": str(tmp_path / "index.sqlite")})
    try:
        again = run_batch([str(folder)], idx, registry_path=str(tmp_path / "registry.sqlite"), jobs=1)
        assert again.extracted == 0 and again.unchanged == 7
    finally:
        idx.close()
