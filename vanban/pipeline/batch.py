"""Batch runs over folders: only what changed is extracted, and every run reports what is new.

The registry (a small SQLite file, independent of the index backend) remembers, per file
path, the content hash and the document it produced, and per document the facts a change
report compares against.  Documents are written in batches: one index transaction per
batch, then the registry rows of that batch in one registry transaction.  A run killed at any
point leaves at worst documents the registry does not know yet, which the next run extracts
again (writes are idempotent); never part of a document.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import sqlite3
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from vanban import EXTRACTOR_VERSION
from vanban.text import deadline_due

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS docs (
    doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, extractor_version TEXT NOT NULL,
    summary TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_sha ON docs(sha256);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT, finished TEXT, as_of TEXT, report TEXT);
"""


class Registry:
    def __init__(self, path: str | os.PathLike[str]):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL under WAL stays consistent on a crash; a lost last commit only means that
        # file is extracted again next run.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)

    def file(self, path: str) -> sqlite3.Row | None:
        self.db.row_factory = sqlite3.Row
        return self.db.execute("SELECT * FROM files WHERE path=?", (path,)).fetchone()

    def doc_for_sha(self, sha: str) -> sqlite3.Row | None:
        self.db.row_factory = sqlite3.Row
        return self.db.execute("SELECT * FROM docs WHERE sha256=? ORDER BY doc_id LIMIT 1", (sha,)).fetchone()

    def doc(self, doc_id: str) -> sqlite3.Row | None:
        self.db.row_factory = sqlite3.Row
        return self.db.execute("SELECT * FROM docs WHERE doc_id=?", (doc_id,)).fetchone()

    def doc_ids_in_use(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT doc_id FROM docs")}

    def files_under(self, roots: list[Path]) -> list[sqlite3.Row]:
        self.db.row_factory = sqlite3.Row
        rows = self.db.execute("SELECT * FROM files").fetchall()
        rs = [str(r) for r in roots]
        return [r for r in rows if any(r["path"] == x or r["path"].startswith(x.rstrip(os.sep) + os.sep) for x in rs)]

    def sources(self, doc_id: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT path FROM files WHERE doc_id=? ORDER BY path", (doc_id,))]

    def record_file(self, path: str, sha: str, size: int, mtime_ns: int, doc_id: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?)", (path, sha, size, mtime_ns, doc_id))

    def record_doc(self, doc_id: str, sha: str, summary: dict[str, Any], path: str, size: int, mtime_ns: int) -> None:
        self.record_docs([(doc_id, sha, summary, path, size, mtime_ns)])

    def record_docs(self, rows: list[tuple[str, str, dict[str, Any], str, int, int]]) -> None:
        """(doc_id, sha, summary, path, size, mtime_ns) of documents just written, in one transaction."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO docs VALUES (?,?,?,?)",
                                [(d, sha, EXTRACTOR_VERSION, json.dumps(summ, ensure_ascii=False))
                                 for d, sha, summ, *_ in rows])
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?)",
                                [(p, sha, size, mtime, d) for d, sha, _, p, size, mtime in rows])

    def forget_file(self, path: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM files WHERE path=?", (path,))

    def forget_doc(self, doc_id: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM docs WHERE doc_id=?", (doc_id,))

    def last_as_of(self) -> str | None:
        r = self.db.execute("SELECT as_of FROM runs WHERE finished IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()
        return r[0] if r else None

    def record_run(self, started: str, as_of: str, report: dict[str, Any]) -> None:
        with self.db:
            self.db.execute("INSERT INTO runs(started, finished, as_of, report) VALUES (?,?,?,?)",
                            (started, dt.datetime.now().isoformat(timespec="seconds"), as_of,
                             json.dumps(report, ensure_ascii=False)))

    def close(self) -> None:
        self.db.close()


def summary_of(record: dict[str, Any]) -> dict[str, Any]:
    """What a change report compares between runs."""
    return {
        "refs": sorted({r["key"] for r in record.get("references", []) if not r.get("anaphor")}),
        "tasks": sorted({json.dumps([a.get("clause", ""), a["agency"], a["role"], a.get("task", ""),
                                     a.get("deadline")], ensure_ascii=False)
                         for a in record.get("assignments", [])}),
    }


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under the paths (sorted), and paths that could not be used."""
    from vanban.pipeline.ingest import SUPPORTED_SUFFIXES

    found: list[Path] = []
    problems: list[tuple[str, str]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.suffix.lower() in SUPPORTED_SUFFIXES and not f.startswith((".", "~$")):
                        found.append(fp.resolve())
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(path.resolve())
            else:
                problems.append((str(path), f"unsupported file type '{path.suffix or '(none)'}'"))
        else:
            problems.append((str(path), "no such file or folder"))
    return sorted(set(found)), problems


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _work(args: tuple[str, str, bool, int | None]) -> tuple[str, dict[str, Any] | None, str | None]:
    """Worker: ingest + extract one file.  Returns (path, record, error)."""
    path, doc_id, ocr, max_bytes = args
    from vanban.pipeline.extract import extract_file
    from vanban.pipeline.ingest import IngestError

    try:
        return path, extract_file(path, doc_id=doc_id, ocr=ocr, max_bytes=max_bytes), None
    except IngestError as e:
        return path, None, getattr(e, "reason", None) or str(e)
    except Exception as e:  # a bug in an extractor must not stop the batch: report it with the file
        return path, None, f"internal error: {type(e).__name__}: {e}"


@dataclass
class RunReport:
    as_of: str
    seconds: float = 0.0
    files_seen: int = 0
    extracted: int = 0
    unchanged: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed_or_copied: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    references_added: list[dict[str, str]] = field(default_factory=list)
    references_removed: list[dict[str, str]] = field(default_factory=list)
    new_assignments: list[dict[str, Any]] = field(default_factory=list)
    newly_overdue: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)  # what this run extracted, per document

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _task_dict(doc_id: str, packed: str) -> dict[str, Any]:
    clause, agency, role, task, deadline = json.loads(packed)
    return {"doc": doc_id, "clause": clause, "agency": agency, "role": role, "task": task, "deadline": deadline}


def _overdue(deadline: str | None, as_of: str | None) -> bool:
    due = deadline_due(deadline)
    return bool(due and as_of and due < as_of)


def run_batch(paths: list[str], index: Any, *, registry_path: str, jobs: int = 0, as_of: str | None = None,
              keep_deleted: bool = False, ocr: bool = True, max_file_mb: float | None = None,
              progress: bool = False, write_batch: int = 64, write_batch_seconds: float = 5.0) -> RunReport:
    """Bring the index up to date with the files under `paths`.

    Extracted documents are written `write_batch` at a time (or after `write_batch_seconds`,
    whichever comes first), each batch in one index transaction followed by its registry rows.
    """
    started = dt.datetime.now().isoformat(timespec="seconds")
    t0 = time.perf_counter()
    as_of = as_of or dt.date.today().isoformat()
    rep = RunReport(as_of=as_of)
    reg = Registry(registry_path)
    last_as_of = reg.last_as_of()
    files, problems = discover(paths)
    rep.failed.extend({"file": p, "reason": r} for p, r in problems)
    rep.files_seen = len(files)
    max_bytes = int(max_file_mb * 1024 * 1024) if max_file_mb else None
    roots = [Path(p).resolve() for p in paths]

    todo: list[tuple[str, str, str, int, int, str]] = []  # path, sha, doc_id, size, mtime, status
    used_ids = reg.doc_ids_in_use()
    planned_sha: dict[str, str] = {}
    seen_paths: set[str] = set()
    for f in files:
        sp = str(f)
        seen_paths.add(sp)
        try:
            st = f.stat()
        except OSError as e:
            rep.failed.append({"file": sp, "reason": f"cannot read: {e.strerror}"})
            continue
        row = reg.file(sp)
        if row is not None and row["size"] == st.st_size and row["mtime_ns"] == st.st_mtime_ns:
            sha = row["sha256"]
        else:
            try:
                sha = sha256_file(f)
            except OSError as e:
                rep.failed.append({"file": sp, "reason": f"cannot read: {e.strerror}"})
                continue
        known = reg.doc_for_sha(sha)
        if known is not None and known["extractor_version"] == EXTRACTOR_VERSION:
            if row is None or row["doc_id"] != known["doc_id"] or row["sha256"] != sha:
                # Same content under another name: one document, one more source.
                reg.record_file(sp, sha, st.st_size, st.st_mtime_ns, known["doc_id"])
                rep.renamed_or_copied.append({"file": sp, "doc": known["doc_id"]})
            else:
                rep.unchanged += 1
            continue
        if sha in planned_sha:  # a second copy in this very run
            todo.append((sp, sha, planned_sha[sha], st.st_size, st.st_mtime_ns, "copy"))
            continue
        if row is not None:
            doc_id, status = row["doc_id"], "changed"
        elif known is not None:  # same content, older extractor version
            doc_id, status = known["doc_id"], "changed"
        else:
            doc_id, status = _new_doc_id(f, used_ids), "added"
        used_ids.add(doc_id)
        planned_sha[sha] = doc_id
        todo.append((sp, sha, doc_id, st.st_size, st.st_mtime_ns, status))

    work = [t for t in todo if t[5] != "copy"]
    copies = [t for t in todo if t[5] == "copy"]
    by_path = {t[0]: t for t in work}
    n_jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    results = _run_workers([(t[0], t[2], ocr, max_bytes) for t in work], n_jobs, progress,
                           window=max(4 * n_jobs, 2 * write_batch))
    pending: list[tuple[tuple[str, str, str, int, int, str], dict[str, Any]]] = []  # (todo item, record)
    pending_since = 0.0

    def flush() -> None:
        """Write the pending documents in one index transaction, then note them in the registry."""
        if not pending:
            return
        _write_all(index, [r for _, r in pending])
        olds = [reg.doc(item[2]) for item, _ in pending]
        news = [summary_of(r) for _, r in pending]
        reg.record_docs([(item[2], item[1], summ, item[0], item[3], item[4]) for (item, _), summ in zip(pending, news)])
        for (item, record), old, new_summary in zip(pending, olds, news):
            doc_id, status = item[2], item[5]
            old_summary = json.loads(old["summary"]) if old else {"refs": [], "tasks": []}
            rep.extracted += 1
            hd = record.get("header") or {}
            rep.documents.append({"doc": doc_id, "type": hd.get("type"), "number": hd.get("number"),
                                  **{k: len(record.get(k, [])) for k in
                                     ("references", "deadlines", "agencies", "assignments", "targets")},
                                  "warnings": (record.get("meta") or {}).get("warnings", [])})
            (rep.added if status == "added" else rep.changed).append(doc_id)
            _diff(rep, doc_id, old_summary, new_summary, as_of, last_as_of)
        pending.clear()

    for path, record, error in results:
        item = by_path[path]
        if error is not None:
            rep.failed.append({"file": path, "reason": error})
            continue
        assert record is not None
        record["sources"] = sorted(set(reg.sources(item[2])) | {item[0]})
        if not pending:
            pending_since = time.monotonic()
        pending.append((item, record))
        # one transaction per batch: a commit (and its FTS segment flush) per document cost ~1 ms
        if len(pending) >= write_batch or time.monotonic() - pending_since >= write_batch_seconds:
            flush()
    flush()
    for sp, sha, doc_id, size, mtime, _ in copies:
        if reg.doc(doc_id) is not None:
            reg.record_file(sp, sha, size, mtime, doc_id)
            rep.renamed_or_copied.append({"file": sp, "doc": doc_id})

    # Files that disappeared from the folders this run looked at.
    for row in reg.files_under(roots):
        if row["path"] in seen_paths:
            continue
        if keep_deleted:  # a per-run choice: a later run without the flag still removes it
            continue
        doc_id = row["doc_id"]
        reg.forget_file(row["path"])
        if reg.sources(doc_id):
            continue
        old = reg.doc(doc_id)
        index.delete_document(doc_id)
        reg.forget_doc(doc_id)
        rep.removed.append(doc_id)
        if old:
            for k in json.loads(old["summary"]).get("refs", []):
                rep.references_removed.append({"doc": doc_id, "key": k})

    # Assignments of unchanged documents that crossed their deadline since the last run.
    if last_as_of and last_as_of < as_of:
        touched = set(rep.added) | set(rep.changed)
        for row in reg.db.execute("SELECT doc_id, summary FROM docs"):
            if row[0] in touched:
                continue
            for packed in json.loads(row[1]).get("tasks", []):
                t = _task_dict(row[0], packed)
                if _overdue(t["deadline"], as_of) and not _overdue(t["deadline"], last_as_of):
                    rep.newly_overdue.append(t)

    try:
        rep.totals = index.stats()
    except Exception:  # stats are informative only
        rep.totals = {}
    for lst in (rep.added, rep.changed, rep.removed):
        lst.sort()
    rep.documents.sort(key=lambda d: d["doc"])
    rep.failed.sort(key=lambda f: f["file"])
    rep.seconds = round(time.perf_counter() - t0, 3)
    reg.record_run(started, as_of, {k: v for k, v in rep.to_dict().items() if k != "totals"})
    reg.close()
    return rep


def _write_all(index: Any, records: list[dict[str, Any]]) -> None:
    write_many = getattr(index, "write_many", None)
    if write_many is not None:
        write_many(records)
    else:  # a backend without batch writes
        for r in records:
            index.write_document(r)


def _diff(rep: RunReport, doc_id: str, old: dict[str, Any], new: dict[str, Any], as_of: str,
          last_as_of: str | None) -> None:
    for k in sorted(set(new["refs"]) - set(old["refs"])):
        rep.references_added.append({"doc": doc_id, "key": k})
    for k in sorted(set(old["refs"]) - set(new["refs"])):
        rep.references_removed.append({"doc": doc_id, "key": k})
    old_tasks = set(old["tasks"])
    for packed in new["tasks"]:
        t = _task_dict(doc_id, packed)
        if packed not in old_tasks:
            rep.new_assignments.append(t)
        if _overdue(t["deadline"], as_of) and (packed not in old_tasks or not _overdue(t["deadline"], last_as_of)):
            rep.newly_overdue.append(t)


def _new_doc_id(path: Path, used: set[str]) -> str:
    """The file name, made unique when two different files share it."""
    if path.name not in used:
        return path.name
    alt = f"{path.parent.name}/{path.name}"
    if alt not in used:
        return alt
    return f"{path.stem}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}{path.suffix}"


_WARM_TEXT = """ỦY BAN NHÂN DÂN TỈNH A
Số: 1/KH-UBND
KẾ HOẠCH
Căn cứ Nghị định số 1/2020/NĐ-CP ngày 01/01/2020 của Chính phủ;
1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính báo cáo trước ngày 30/6/2020, đạt 100%.
"""


def _warm_context() -> Any:
    """Where workers can be forked: load the extractors (data files, compiled patterns, ~0.5 s) once
    here so every worker inherits them instead of loading them again.  Elsewhere: the default."""
    import multiprocessing
    import threading

    # forking a process that runs other threads can deadlock a child on a lock held at the fork
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    from vanban.pipeline.extract import analyse, to_json

    to_json(analyse(_WARM_TEXT, doc_id="warm-up"))
    return multiprocessing.get_context("fork")


def _run_workers(args: list[tuple[str, str, bool, int | None]], jobs: int,
                 progress: bool, window: int = 128) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(args), unit="file", desc="vanban run")
    try:
        if jobs <= 1 or len(args) <= 1:
            for a in args:
                yield _work(a)
                if bar:
                    bar.update(1)
            return
        # a bounded window of files in flight, so memory does not grow with the number of files;
        # it must outlast a batch write (the writer submits nothing meanwhile): with 4 per worker
        # the workers idled while 64 documents were written, and --jobs 2 fell from 1.6x to 1.4x
        todo = iter(args)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_warm_context()) as pool:
            running = {pool.submit(_work, a) for a in itertools.islice(todo, window)}
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                running |= {pool.submit(_work, a) for a in itertools.islice(todo, len(done))}
                for fut in done:
                    yield fut.result()
                    if bar:
                        bar.update(1)
    finally:
        if bar:
            bar.close()
