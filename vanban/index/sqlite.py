"""SQLite backend: one WAL-mode file, relational fact tables + contentless FTS5 tables.

Full text is indexed twice per field: folded (fold(): lower-case, no diacritics, đ→d)
and exact (diacritics kept).  A query matches on the folded columns; the exact columns
only add to the bm25 score, so "Sở Nội vụ" ranks documents spelt that way first while
"so noi vu" still finds them.  Every user token is quoted, so FTS5 syntax in user text
is searched as text.
"""
from __future__ import annotations

import heapq
import json
import sqlite3
import threading
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from vanban.index.base import (
    FACET_SIZE, IndexBackend, exact_tokens, fast_fold, flatten, fold, make_snippet, query_tokens, stored_record,
)
from vanban.text import deadline_due

TABLES = ("documents", "clauses", "references", "deadlines", "agencies", "assignments", "targets")
_TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, source TEXT, sha256 TEXT,
  number TEXT, number_key TEXT, type TEXT, issuer TEXT, issued_date TEXT, year TEXT, header TEXT NOT NULL);
-- large columns live apart so scans of documents (facets, filters) stay small
CREATE TABLE IF NOT EXISTS bodies (id INTEGER PRIMARY KEY, title_all TEXT, record TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_number_key ON documents(number_key);
CREATE INDEX IF NOT EXISTS documents_type ON documents(type);
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer);
CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
CREATE TABLE IF NOT EXISTS clauses (
  doc TEXT NOT NULL, i INTEGER NOT NULL, path TEXT, label TEXT, level INTEGER, start INTEGER, "end" INTEGER,
  heading TEXT, PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS "references" (
  doc TEXT NOT NULL, i INTEGER NOT NULL, key TEXT, key_fold TEXT, text TEXT, type TEXT, issued_date TEXT,
  issuer TEXT, relation TEXT, clause TEXT, anaphor INTEGER, self INTEGER, PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS references_key ON "references"(key_fold, relation);
CREATE TABLE IF NOT EXISTS deadlines (
  doc TEXT NOT NULL, i INTEGER NOT NULL, text TEXT, kind TEXT, value TEXT, due TEXT, clause TEXT,
  PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deadlines_due ON deadlines(due);
CREATE TABLE IF NOT EXISTS agencies (
  doc TEXT NOT NULL, i INTEGER NOT NULL, name TEXT, name_fold TEXT, aliases TEXT, collective INTEGER,
  PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agencies_name ON agencies(name);
CREATE INDEX IF NOT EXISTS agencies_name_fold ON agencies(name_fold);
CREATE TABLE IF NOT EXISTS agency_terms (
  term_fold TEXT NOT NULL, doc TEXT NOT NULL, agency_fold TEXT NOT NULL,
  PRIMARY KEY (term_fold, doc, agency_fold)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agency_terms_doc ON agency_terms(doc);
CREATE TABLE IF NOT EXISTS agency_vocab (term_fold TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS assignments (
  id INTEGER PRIMARY KEY, doc TEXT NOT NULL, i INTEGER NOT NULL, clause TEXT, agency TEXT, agency_fold TEXT,
  role TEXT, task TEXT, deadline TEXT, due TEXT);
CREATE INDEX IF NOT EXISTS assignments_doc ON assignments(doc, agency_fold);
CREATE INDEX IF NOT EXISTS assignments_due ON assignments(due);
CREATE TABLE IF NOT EXISTS targets (
  doc TEXT NOT NULL, i INTEGER NOT NULL, text TEXT, kind TEXT, comparator TEXT, value REAL, unit TEXT,
  year INTEGER, total REAL, clause TEXT, PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(f_title, f_body, x_title, x_body, content='', {_TOKENIZE});
CREATE VIRTUAL TABLE IF NOT EXISTS tasks_fts USING fts5(f_task, x_task, content='', {_TOKENIZE});
"""
_MAX_PARAMS = 500


def _q(tokens: Sequence[str]) -> str:
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def _match_expr(query: str, fcols: str, xcols: str) -> str | None:
    """FTS5 expression: every folded token in the folded columns, exact tokens as a bonus."""
    f, x = query_tokens(query), exact_tokens(query)
    if not f:
        return None
    expr = f"({{{fcols}}} : ({_q(f)}))"
    return f"{expr} OR ({{{xcols}}} : ({_q(x)}))" if x and x != f else expr


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _MAX_PARAMS):
        yield items[i:i + _MAX_PARAMS]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SqliteIndex(IndexBackend):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA busy_timeout=30000")
        with self._lock:
            self.conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")

    # -- writing --
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error). Readers on other connections keep working."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def write_document(self, record: dict) -> None:
        with self.transaction():
            self._delete(record["doc"])
            self._insert(record)

    def write_many(self, records: Iterable[dict]) -> int:
        """Write several documents in one transaction."""
        n = 0
        with self.transaction():
            for r in records:
                self._delete(r["doc"])
                self._insert(r)
                n += 1
        return n

    def reindex_all(self, records: Iterable[dict]) -> int:
        """Replace the whole index with `records` in one transaction."""
        n = 0
        with self.transaction() as c:
            for t in TABLES + ("bodies", "agency_terms", "agency_vocab"):
                c.execute(f'DELETE FROM "{t}"')
            for t in ("docs_fts", "tasks_fts"):
                c.execute(f"INSERT INTO {t}({t}) VALUES ('delete-all')")
            for r in records:
                self._insert(r)
                n += 1
        return n

    def delete_document(self, doc_id: str) -> None:
        with self.transaction():
            self._delete(doc_id)

    def _delete(self, doc_id: str) -> None:
        c = self.conn
        old = c.execute("SELECT d.id, b.title_all, b.text FROM documents d JOIN bodies b ON b.id = d.id"
                        " WHERE d.doc=?", (doc_id,)).fetchone()
        if old is None:
            return
        c.execute("INSERT INTO docs_fts(docs_fts, rowid, f_title, f_body, x_title, x_body) "
                  "VALUES('delete', ?, ?, ?, ?, ?)",
                  (old["id"], fast_fold(old["title_all"]), fast_fold(old["text"]), old["title_all"], old["text"]))
        for a in c.execute("SELECT id, task FROM assignments WHERE doc=?", (doc_id,)).fetchall():
            c.execute("INSERT INTO tasks_fts(tasks_fts, rowid, f_task, x_task) VALUES('delete', ?, ?, ?)",
                      (a["id"], fast_fold(a["task"]), a["task"]))
        for t in TABLES + ("agency_terms",):
            c.execute(f'DELETE FROM "{t}" WHERE doc=?', (doc_id,))
        c.execute("DELETE FROM bodies WHERE id=?", (old["id"],))

    def _insert(self, record: dict) -> None:
        c, f = self.conn, flatten(record)
        doc, h, text = f["doc"], f["header"], record.get("text") or ""
        cur = c.execute(
            "INSERT INTO documents(doc, source, sha256, number, number_key, type, issuer, issued_date, year, header)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc, record.get("source"), record.get("sha256"), f["number"], f["number_key"], f["type"],
             f["issuer"], h.get("issued_date"), f["year"], json.dumps(h, ensure_ascii=False)))
        c.execute("INSERT INTO bodies(id, title_all, record, text) VALUES (?,?,?,?)",
                  (cur.lastrowid, f["title_all"], stored_record(record), text))
        c.execute("INSERT INTO docs_fts(rowid, f_title, f_body, x_title, x_body) VALUES (?,?,?,?,?)",
                  (cur.lastrowid, fast_fold(f["title_all"]), fast_fold(text), f["title_all"], text))
        c.executemany('INSERT INTO clauses VALUES (?,?,?,?,?,?,?,?)', [
            (doc, i, x.get("path"), x.get("label"), x.get("level"), x.get("start"), x.get("end"), x.get("heading"))
            for i, x in enumerate(record.get("clauses") or [])])
        c.executemany('INSERT INTO "references" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', [
            (doc, r["i"], r["key"], r["key_fold"], r["text"], r["type"], r["issued_date"], r["issuer"],
             r["relation"], r["clause"], int(r["anaphor"]), int(r["self"])) for r in f["refs"]])
        c.executemany("INSERT INTO deadlines VALUES (?,?,?,?,?,?,?)", [
            (doc, i, d.get("text"), d.get("kind"), d.get("value"), deadline_due(d.get("value")), d.get("clause"))
            for i, d in enumerate(record.get("deadlines") or [])])
        c.executemany("INSERT INTO agencies VALUES (?,?,?,?,?,?)", [
            (doc, i, a.get("name"), fold(a.get("name")), json.dumps(a.get("aliases") or [], ensure_ascii=False),
             int(bool(a.get("collective")))) for i, a in enumerate(record.get("agencies") or [])])
        for a in f["assignments"]:
            cur = c.execute(
                "INSERT INTO assignments(doc, i, clause, agency, agency_fold, role, task, deadline, due)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (doc, a["i"], a["clause"], a["agency"], a["agency_fold"], a["role"], a["task"], a["deadline"],
                 a["due"]))
            c.execute("INSERT INTO tasks_fts(rowid, f_task, x_task) VALUES (?,?,?)",
                      (cur.lastrowid, fast_fold(a["task"]), a["task"]))
            for t in a["terms"]:
                c.execute("INSERT OR IGNORE INTO agency_terms VALUES (?,?,?)", (t, doc, a["agency_fold"]))
                c.execute("INSERT OR IGNORE INTO agency_vocab VALUES (?)", (t,))
        c.executemany("INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?)", [
            (doc, i, t.get("text"), t.get("kind"), t.get("comparator"), t.get("value"), t.get("unit"),
             t.get("year"), t.get("total"), t.get("clause")) for i, t in enumerate(record.get("targets") or [])])

    # -- reading --
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def get_document(self, doc_id: str) -> dict | None:
        rows = self._rows("SELECT b.record, b.text FROM documents d JOIN bodies b ON b.id = d.id WHERE d.doc=?",
                          (doc_id,))
        if not rows:
            return None
        rec = json.loads(rows[0]["record"])
        rec["text"] = rows[0]["text"]
        return rec

    def list_documents(self) -> list[dict]:
        return [{"doc": r["doc"], "source": r["source"], "sha256": r["sha256"], "header": json.loads(r["header"])}
                for r in self._rows("SELECT doc, source, sha256, header FROM documents ORDER BY doc")]

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several statements see one committed state."""
        with self._lock:
            if self.conn.in_transaction:  # inside our own write transaction: already consistent
                yield self.conn
                return
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")

    def search(self, query: str, *, filters: dict | None = None, limit: int = 20, offset: int = 0) -> dict:
        facets: dict[str, dict[str, int]] = {k: {} for k in ("type", "issuer", "year", "agency")}
        where, params = self._filter_sql(filters or {})
        if (query or "").strip():
            expr = _match_expr(query, "f_title f_body", "x_title x_body")
            if expr is None:
                return {"total": 0, "hits": [], "facets": facets}
            # MATERIALIZED: run the FTS query once, never once per candidate row of a filter index
            sql = ("WITH f AS MATERIALIZED (SELECT rowid AS id, -bm25(docs_fts, 3.0, 1.0, 6.0, 2.0) AS s FROM docs_fts"
                   " WHERE docs_fts MATCH ?) SELECT d.id, d.doc, d.type, d.issuer, d.year, f.s FROM f"
                   " CROSS JOIN documents d ON d.id = f.id" + (" WHERE " + where if where else ""))
            params = [expr] + params
        else:
            sql = "SELECT d.id, d.doc, d.type, d.issuer, d.year, 0.0 FROM documents d" + (" WHERE " + where if where else "")
        with self._snapshot() as c:
            rows = c.execute(sql, params).fetchall()
            page = heapq.nsmallest(max(0, offset) + max(0, limit), rows, key=lambda r: (-r[5], r[1]))[max(0, offset):]
            for n, col in ((2, "type"), (3, "issuer"), (4, "year")):
                counts = Counter(r[n] for r in rows if r[n])
                facets[col] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE])
            agency_sql = "SELECT a.name, count(DISTINCT a.doc) FROM {src} GROUP BY a.name ORDER BY 2 DESC, 1 LIMIT ?"
            if rows and len(rows) == c.execute("SELECT count(*) FROM documents").fetchone()[0]:
                arows = c.execute(agency_sql.format(src="agencies a"), (FACET_SIZE,)).fetchall()
            elif rows:
                c.execute("CREATE TEMP TABLE IF NOT EXISTS _hits (id INTEGER PRIMARY KEY)")
                c.execute("DELETE FROM _hits")
                c.executemany("INSERT INTO _hits VALUES (?)", ((r[0],) for r in rows))
                arows = c.execute(agency_sql.format(
                    src="_hits h JOIN documents d ON d.id = h.id JOIN agencies a ON a.doc = d.doc"), (FACET_SIZE,)).fetchall()
            else:
                arows = []
            facets["agency"] = {r[0]: r[1] for r in arows}
            bodies = {r[0]: r for r in c.execute(
                f"SELECT d.id, d.header, b.text FROM documents d JOIN bodies b ON b.id = d.id"
                f" WHERE d.id IN ({_marks(len(page))})", [r[0] for r in page]).fetchall()} if page else {}
        toks = query_tokens(query)
        hits = [{"doc": r[1], "score": float(r[5]), "header": json.loads(bodies[r[0]]["header"]),
                 "snippet": make_snippet(bodies[r[0]]["text"], toks)} for r in page]
        return {"total": len(rows), "hits": hits, "facets": facets}

    @staticmethod
    def _filter_sql(filters: dict) -> tuple[str, list[Any]]:
        conds, params = [], []
        for key in ("type", "issuer", "year", "agency"):
            v = filters.get(key)
            if v is None or v == "" or v == []:
                continue
            vals = [str(x) for x in (v if isinstance(v, (list, tuple, set)) else [v])]
            if key == "agency":
                conds.append(f"EXISTS (SELECT 1 FROM agencies a WHERE a.doc = d.doc AND a.name IN ({_marks(len(vals))}))")
            else:
                conds.append(f"d.{key} IN ({_marks(len(vals))})")
            params += vals
        return " AND ".join(conds), params

    def refs(self, doc_id: str) -> list[dict]:
        rows = [dict(r) for r in self._rows('SELECT * FROM "references" WHERE doc=? ORDER BY i', (doc_id,))]
        for r in rows:
            r["self"] = bool(r["self"])
        return self._resolve_refs(doc_id, rows)

    def tasks(self, text: str | None = None, *, agency: str | None = None, role: str | None = None,
              due_before: str | None = None, overdue_as_of: str | None = None, limit: int = 100) -> list[dict]:
        sql = ["{cte}SELECT a.*, d.header, {score} AS score FROM {src} JOIN documents d ON d.doc = a.doc"]
        cte, src = "", "assignments a"
        conds: list[str] = []
        params: list[Any] = []
        score = "0.0"
        if (text or "").strip():
            expr = _match_expr(text or "", "f_task", "x_task")
            if expr is None:
                return []
            cte = ("WITH f AS MATERIALIZED (SELECT rowid AS id, -bm25(tasks_fts, 1.0, 2.0) AS s FROM tasks_fts"
                   " WHERE tasks_fts MATCH ?) ")
            src = "f CROSS JOIN assignments a ON a.id = f.id"
            params.append(expr)
            score = "f.s"
        if agency and fold(agency):
            terms = [r[0] for r in self._rows("SELECT term_fold FROM agency_vocab WHERE instr(term_fold, ?) > 0",
                                              (fold(agency),))]
            if not terms:
                return []
            conds.append("EXISTS (SELECT 1 FROM agency_terms t WHERE t.doc = a.doc AND t.agency_fold = a.agency_fold"
                         f" AND t.term_fold IN ({_marks(len(terms))}))")
            params += terms
        if role:
            conds.append("a.role = ?")
            params.append(role)
        for bound in (due_before, overdue_as_of):
            if bound:
                conds.append("a.due < ?")
                params.append(bound)
        if conds:
            sql.append("WHERE " + " AND ".join(conds))
        order = "score DESC, a.doc, a.i" if score != "0.0" else "a.due IS NULL, a.due, a.doc, a.i"
        sql.append(f"ORDER BY {order} LIMIT ?")
        params.append(int(limit))
        rows = self._rows(" ".join(sql).format(cte=cte, src=src, score=score), params)
        return [{"doc": r["doc"], "header": json.loads(r["header"]), "clause": r["clause"], "agency": r["agency"],
                 "role": r["role"], "task": r["task"], "deadline": r["deadline"], "due": r["due"],
                 "score": float(r["score"])} for r in rows]

    def stats(self) -> dict:
        return {t: self._rows(f'SELECT count(*) FROM "{t}"')[0][0] for t in TABLES}

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    # -- primitives for the shared logic --
    def _citing(self, key_folds: list[str], relation: str | None) -> list[dict]:
        out: list[dict] = []
        for chunk in _chunks(key_folds):
            sql = ('SELECT r.*, d.header, d.number_key FROM "references" r JOIN documents d ON d.doc = r.doc'
                   f" WHERE r.key_fold IN ({_marks(len(chunk))}) AND r.self = 0")
            params: list[Any] = list(chunk)
            if relation:
                sql += " AND r.relation = ?"
                params.append(relation)
            for r in self._rows(sql, params):
                row = dict(r)
                row["header"] = json.loads(row["header"])
                out.append(row)
        return out

    def _headers(self, doc_ids: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for chunk in _chunks(doc_ids):
            for r in self._rows(f"SELECT doc, header, number_key FROM documents WHERE doc IN ({_marks(len(chunk))})",
                                chunk):
                out[r["doc"]] = {"header": json.loads(r["header"]), "number_key": r["number_key"]}
        return out

    def _resolve(self, key_folds: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(key_folds):
            for r in self._rows(f"SELECT number_key, min(doc) FROM documents WHERE number_key IN ({_marks(len(chunk))})"
                                " GROUP BY number_key", chunk):
                out[r[0]] = r[1]
        return out

    def _all_edges(self) -> Iterable[dict]:
        return [dict(r) for r in self._rows(
            'SELECT doc, i, key, key_fold, type, issued_date, issuer, relation FROM "references"'
            " WHERE self = 0 AND key_fold != ''")]

    def _all_edges_of(self, doc_id: str) -> list[dict]:
        return [dict(r) for r in self._rows(
            'SELECT doc, i, key, key_fold, type, issued_date, issuer, relation FROM "references"'
            " WHERE doc = ? AND self = 0 AND key_fold != '' ORDER BY i", (doc_id,))]
