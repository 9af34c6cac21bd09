"""SQLite backend: one WAL-mode file, relational fact tables + contentless FTS5 tables.

Full text is indexed twice per field: folded (fold(): lower-case, no diacritics, đ→d)
and exact (diacritics kept).  A query matches on the folded columns; the exact columns
only add to the bm25 score, so "Sở Nội vụ" ranks documents spelt that way first while
"so noi vu" still finds them.  Every user token is quoted, so FTS5 syntax in user text
is searched as text.

Speed (bench/index_bench.py, 10k documents): stored record and text are zlib BLOBs; the
agency facet is counted from a per-document code string (documents.agency_set) and per-name
document counts (agency_codes), as all-minus-non-matching when most documents match;
tasks by agency are driven by the matching (doc, agency) pairs; a due bound walks
assignments_due (due, doc, i) in list order.  Older index files are migrated on open
(PRAGMA user_version).

Writing (bench/index_write.py): write_many gathers the rows of its documents and gives each
table one executemany (ids as one-by-one inserts give them); long texts are folded word by word
(fast_fold); FTS5 buffers 16 MiB of new rows before it writes a segment (hashsize); the stored
record and text are deflated by ISA-L when it is installed (zlib's format either way).
"""
from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from vanban.index.base import (
    FACET_SIZE, IndexBackend, _due, _fold, exact_tokens, fast_fold, flatten, fold, key_fold, make_snippet,
    query_tokens, stored_record,
)

TABLES = ("documents", "clauses", "references", "deadlines", "agencies", "assignments", "targets")
_TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, source TEXT, sha256 TEXT,
  number TEXT, number_key TEXT, type TEXT, issuer TEXT, issued_date TEXT, year TEXT, header TEXT NOT NULL,
  agency_set TEXT);
-- agency facet: one code (a character, see _char) per distinct agency name, and how many documents name it
CREATE TABLE IF NOT EXISTS agency_codes (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, docs INTEGER NOT NULL);
-- large columns live apart so scans of documents (facets, filters) stay small; record and
-- text are zlib-compressed BLOBs (plain TEXT in indexes written before schema version 1)
CREATE TABLE IF NOT EXISTS bodies (id INTEGER PRIMARY KEY, title_all TEXT, record TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_number_key ON documents(number_key);
CREATE INDEX IF NOT EXISTS documents_type ON documents(type);
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer);
CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
-- the facet columns together: counting the documents a broad query does not match reads this
-- index (~100 bytes a document), never the table's rows
CREATE INDEX IF NOT EXISTS documents_facets ON documents(type, issuer, year, agency_set);
-- clauses, deadlines, agencies and targets are only counted (stats) or read whole: no index beyond
-- their key, as each index costs every insert (indexes written before on deadlines(due) and
-- agencies(name) are left in place)
CREATE TABLE IF NOT EXISTS clauses (
  doc TEXT NOT NULL, i INTEGER NOT NULL, path TEXT, label TEXT, level INTEGER, start INTEGER, "end" INTEGER,
  heading TEXT, PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS "references" (
  doc TEXT NOT NULL, i INTEGER NOT NULL, key TEXT, key_fold TEXT, text TEXT, type TEXT, issued_date TEXT,
  issuer TEXT, relation TEXT, clause TEXT, anaphor INTEGER, self INTEGER, doc_key TEXT, PRIMARY KEY (doc, i)) WITHOUT ROWID;
-- who cites a key: every column the citation walk reads (doc_key: the citing document's own number_key,
-- kept here so the walk never joins documents), the rest of a reference read for the page only
CREATE INDEX IF NOT EXISTS references_cited ON "references"(key_fold, self, relation, doc_key);
CREATE TABLE IF NOT EXISTS deadlines (
  doc TEXT NOT NULL, i INTEGER NOT NULL, text TEXT, kind TEXT, value TEXT, due TEXT, clause TEXT,
  PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agencies (
  doc TEXT NOT NULL, i INTEGER NOT NULL, name TEXT, name_fold TEXT, aliases TEXT, collective INTEGER,
  PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agency_terms (
  term_fold TEXT NOT NULL, doc TEXT NOT NULL, agency_fold TEXT NOT NULL,
  PRIMARY KEY (term_fold, doc, agency_fold)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agency_terms_doc ON agency_terms(doc);
CREATE TABLE IF NOT EXISTS agency_vocab (term_fold TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS assignments (
  id INTEGER PRIMARY KEY, doc TEXT NOT NULL, i INTEGER NOT NULL, clause TEXT, agency TEXT, agency_fold TEXT,
  role TEXT, task TEXT, deadline TEXT, due TEXT);
CREATE INDEX IF NOT EXISTS assignments_doc ON assignments(doc, agency_fold);
-- (due, doc, i): the order tasks are listed in, so a due bound walks the index and stops at LIMIT
CREATE INDEX IF NOT EXISTS assignments_due ON assignments(due, doc, i);
CREATE TABLE IF NOT EXISTS targets (
  doc TEXT NOT NULL, i INTEGER NOT NULL, text TEXT, kind TEXT, comparator TEXT, value REAL, unit TEXT,
  year INTEGER, total REAL, clause TEXT, PRIMARY KEY (doc, i)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(f_title, f_body, x_title, x_body, content='', {_TOKENIZE});
CREATE VIRTUAL TABLE IF NOT EXISTS tasks_fts USING fts5(f_task, x_task, content='', {_TOKENIZE});
"""
SCHEMA_VERSION = 2  # PRAGMA user_version; older indexes are migrated when opened
# made by _migrate in an index older than the version, as they need its new columns
_MIGRATED = {"CREATE INDEX IF NOT EXISTS assignments_due": 1, "CREATE INDEX IF NOT EXISTS references_cited": 2}
_SCHEMA_STATEMENTS = [x.strip() for x in "\n".join(
    line for line in _SCHEMA.splitlines() if not line.startswith("--")).split(";") if x.strip()]
_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",  # WAL: durable at checkpoints, never corrupt
    "PRAGMA busy_timeout=30000",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-65536",  # 64 MiB page cache (default 2 MiB): index pages stay hot across writes
    "PRAGMA wal_autocheckpoint=10000",  # checkpoint (and fsync) every ~40 MB of WAL, not every 4 MB
)
# FTS5 settings, kept in the index file.  hashsize: new rows are gathered in memory up to this
# size before FTS5 writes them as a segment (default 1 MiB, a segment every ~25 documents);
# 16 MiB means fewer, larger segments and less merging (-10% build CPU at 10k documents).
_FTS_CONFIG = (("hashsize", 16 << 20),)
_MAX_PARAMS = 500
try:  # ISA-L's deflate writes zlib's format (read back with zlib) 3x faster than zlib's level 3,
    from isal import isal_zlib as _deflate  # for ~5% more bytes at its level 2
    _ZLEVEL = 2
except ImportError:  # pragma: no cover - isal is a dependency; zlib writes the same format
    _deflate = zlib  # type: ignore[assignment]
    _ZLEVEL = 3  # 2x faster than 6 for ~10% more bytes (bench/index_scale.py)
_RUN = 1000  # documents whose rows write_many gathers before inserting them (bounds its memory)


_CODE_BASE = 0x10000


def _char(code: int) -> str:
    """Agency code -> one character of documents.agency_set (beyond the BMP, never a surrogate)."""
    return chr(_CODE_BASE + code)


def _distinct_names(names: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


class _Folds(dict):
    """fast_fold(s), kept: tasks repeat (the same sentence given to several agencies, the same
    template in many documents)."""

    limit = 1 << 16

    def __missing__(self, s: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        self[s] = v = fast_fold(s)
        return v


_TASK_FOLDS = _Folds()


def _aliases(aliases: list[str] | None) -> str:
    """agencies.aliases: the JSON list (mostly empty: no encoder call for that)."""
    return json.dumps(aliases, ensure_ascii=False) if aliases else "[]"


def _pack(s: str) -> bytes:
    return _deflate.compress(s.encode("utf-8"), _ZLEVEL)


def _unpack(v: bytes | str | None) -> str:
    """bodies.record / bodies.text: compressed BLOB, or TEXT in an index written before version 1."""
    if isinstance(v, bytes):
        return zlib.decompress(v).decode("utf-8")
    return v or ""


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
        self._codes: dict[str, int] = {}  # agency_codes name -> code (codes never change once given)
        self._code_delta: Counter = Counter()  # agency_codes.docs changes of the open write transaction
        for pragma in _PRAGMAS:
            self.conn.execute(pragma)
        with self.transaction() as c:
            version = c.execute("PRAGMA user_version").fetchone()[0]
            old = version < SCHEMA_VERSION and c.execute(
                "SELECT 1 FROM sqlite_schema WHERE name = 'documents'").fetchone() is not None
            for stmt in _SCHEMA_STATEMENTS:
                if not (old and any(stmt.startswith(k) and version < v for k, v in _MIGRATED.items())):
                    c.execute(stmt)
            if old:
                self._migrate(c, version)
                self._codes.clear()
            if version < SCHEMA_VERSION:
                c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            for t in ("docs_fts", "tasks_fts"):
                have = dict(c.execute(f"SELECT k, v FROM {t}_config").fetchall())
                for k, v in _FTS_CONFIG:
                    if have.get(k) != v:
                        try:
                            c.execute(f"INSERT INTO {t}({t}, rank) VALUES (?, ?)", (k, v))
                        except sqlite3.OperationalError:  # an SQLite that lacks the option: only slower
                            pass

    @staticmethod
    def _migrate(c: sqlite3.Connection, version: int) -> None:
        """Bring an index written by an older version up to SCHEMA_VERSION (same answers, faster)."""
        if version < 1:
            SqliteIndex._migrate_1(c)
        if version < 2:
            if "doc_key" not in {r[1] for r in c.execute('PRAGMA table_info("references")')}:
                c.execute('ALTER TABLE "references" ADD COLUMN doc_key TEXT')
            c.execute('UPDATE "references" SET doc_key = (SELECT d.number_key FROM documents d'
                      ' WHERE d.doc = "references".doc)')
            c.execute("DROP INDEX IF EXISTS references_key")
            c.execute("DROP INDEX IF EXISTS references_cited")
            c.execute('CREATE INDEX references_cited ON "references"(key_fold, self, relation, doc_key)')

    @staticmethod
    def _migrate_1(c: sqlite3.Connection) -> None:
        cols = {r[1] for r in c.execute("PRAGMA table_info(documents)")}
        if "agency_set" not in cols:
            c.execute("ALTER TABLE documents ADD COLUMN agency_set TEXT")
        names: dict[str, list[str]] = {}
        for doc, name in c.execute("SELECT doc, name FROM agencies ORDER BY doc, i"):
            names.setdefault(doc, []).append(name)
        c.execute("DELETE FROM agency_codes")
        c.executemany("UPDATE documents SET agency_set = ? WHERE doc = ?",
                      [(SqliteIndex._agency_codes(c, v, +1), k) for k, v in names.items()])
        c.execute("DROP INDEX IF EXISTS agencies_name_fold")
        c.execute("DROP INDEX IF EXISTS assignments_due")
        c.execute("CREATE INDEX assignments_due ON assignments(due, doc, i)")

    # -- writing --
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error). Readers on other connections keep working."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            self._code_delta.clear()
            try:
                yield self.conn
                self._flush_codes()
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._codes.clear()  # may hold codes given by the rolled-back transaction
                self._code_delta.clear()
                raise
            self.conn.execute("COMMIT")

    def write_document(self, record: dict) -> None:
        with self.transaction():
            self._delete(record["doc"])
            self._insert_many([record])

    def write_many(self, records: Iterable[dict]) -> int:
        """Write several documents in one transaction."""
        n = 0
        with self.transaction() as c:
            run: list[dict] = []
            docs: set[str] = set()
            for r in records:
                doc = r["doc"]
                if doc in docs or c.execute("SELECT 1 FROM documents WHERE doc=?", (doc,)).fetchone():
                    # a replacement: the documents before it go in first, so that every id is the
                    # one writing the documents one at a time gives
                    self._insert_many(run)
                    run, docs = [], set()
                    self._delete(doc)
                run.append(r)
                docs.add(doc)
                n += 1
                if len(run) >= _RUN:
                    self._insert_many(run)
                    run, docs = [], set()
            self._insert_many(run)
        return n

    def reindex_all(self, records: Iterable[dict]) -> int:
        """Replace the whole index with `records` in one transaction."""
        n = 0
        with self.transaction() as c:
            for t in TABLES + ("bodies", "agency_terms", "agency_vocab", "agency_codes"):
                c.execute(f'DELETE FROM "{t}"')
            for t in ("docs_fts", "tasks_fts"):
                c.execute(f"INSERT INTO {t}({t}) VALUES ('delete-all')")
            self._codes.clear()  # codes are given afresh
            self._code_delta.clear()
            run: list[dict] = []
            for r in records:
                run.append(r)
                n += 1
                if len(run) >= _RUN:
                    self._insert_many(run)
                    run = []
            self._insert_many(run)
        return n

    def delete_document(self, doc_id: str) -> None:
        with self.transaction():
            self._delete(doc_id)

    @staticmethod
    def _agency_codes(c: sqlite3.Connection, names: Iterable[str | None], delta: int) -> str | None:
        """Count one more (delta=+1) document naming each of `names`; its documents.agency_set value."""
        out = []
        for name in _distinct_names(names):
            out.append(_char(c.execute(
                "INSERT INTO agency_codes(name, docs) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET docs = docs + ?"
                " RETURNING code", (name, delta, delta)).fetchone()[0]))
        return "".join(out) or None

    def _code_set(self, names: Iterable[str | None]) -> str | None:
        """documents.agency_set of a new document naming `names`; the +1 per name is counted in
        memory and written by _flush_codes at the end of the transaction (one UPDATE per name)."""
        out = []
        c = self.conn
        for name in _distinct_names(names):
            code = self._codes.get(name)
            if code is None:
                c.execute("INSERT INTO agency_codes(name, docs) VALUES (?, 0) ON CONFLICT(name) DO NOTHING", (name,))
                code = self._codes[name] = c.execute("SELECT code FROM agency_codes WHERE name = ?",
                                                     (name,)).fetchone()[0]
            self._code_delta[code] += 1
            out.append(_char(code))
        return "".join(out) or None

    def _flush_codes(self) -> None:
        if self._code_delta:
            self.conn.executemany("UPDATE agency_codes SET docs = docs + ? WHERE code = ?",
                                  [(d, code) for code, d in sorted(self._code_delta.items()) if d])
            self._code_delta.clear()

    def _delete(self, doc_id: str) -> None:
        c = self.conn
        old = c.execute("SELECT d.id, b.title_all, b.text, d.agency_set FROM documents d JOIN bodies b ON b.id = d.id"
                        " WHERE d.doc=?", (doc_id,)).fetchone()
        if old is None:
            return
        for ch in old["agency_set"] or "":
            self._code_delta[ord(ch) - _CODE_BASE] -= 1
        text = _unpack(old["text"])
        c.execute("INSERT INTO docs_fts(docs_fts, rowid, f_title, f_body, x_title, x_body) "
                  "VALUES('delete', ?, ?, ?, ?, ?)",
                  (old["id"], fast_fold(old["title_all"]), fast_fold(text), old["title_all"], text))
        c.executemany("INSERT INTO tasks_fts(tasks_fts, rowid, f_task, x_task) VALUES('delete', ?, ?, ?)",
                      [(a[0], fast_fold(a[1]), a[1]) for a in
                       c.execute("SELECT id, task FROM assignments WHERE doc=?", (doc_id,)).fetchall()])
        for t in TABLES + ("agency_terms",):
            c.execute(f'DELETE FROM "{t}" WHERE doc=?', (doc_id,))
        c.execute("DELETE FROM bodies WHERE id=?", (old["id"],))

    def _insert(self, record: dict) -> None:
        self._insert_many([record])

    def _insert_many(self, records: list[dict]) -> None:
        """Insert documents that are not in the index: the rows of all of them are gathered, then
        each table gets one executemany.  Ids are the ones SQLite gives a row inserted alone
        (largest id + 1), so the index is the same as when the documents are written one by one."""
        if not records:
            return
        c = self.conn
        doc_id = c.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
        task_id = c.execute("SELECT coalesce(max(id), 0) FROM assignments").fetchone()[0]
        documents: list[tuple] = []
        bodies: list[tuple] = []
        texts: list[tuple] = []
        clauses: list[tuple] = []
        refs: list[tuple] = []
        deadlines: list[tuple] = []
        agencies: list[tuple] = []
        assignments: list[tuple] = []
        tasks: list[tuple] = []
        terms: list[tuple] = []
        targets: list[tuple] = []
        vocab: set[str] = set()
        for record in records:
            f = flatten(record)
            doc_id += 1
            doc, h, title, text = f["doc"], f["header"], f["title_all"], record.get("text") or ""
            names = record.get("agencies") or []
            documents.append((doc_id, doc, record.get("source"), record.get("sha256"), f["number"], f["number_key"],
                              f["type"], f["issuer"], h.get("issued_date"), f["year"], json.dumps(h, ensure_ascii=False),
                              self._code_set([a.get("name") for a in names])))
            bodies.append((doc_id, title, _pack(stored_record(record)), _pack(text)))
            texts.append((doc_id, fast_fold(title), fast_fold(text), title, text))
            clauses += [(doc, i, x.get("path"), x.get("label"), x.get("level"), x.get("start"), x.get("end"),
                         x.get("heading")) for i, x in enumerate(record.get("clauses") or [])]
            refs += [(doc, r["i"], r["key"], r["key_fold"], r["text"], r["type"], r["issued_date"], r["issuer"],
                      r["relation"], r["clause"], int(r["anaphor"]), int(r["self"]), f["number_key"]) for r in f["refs"]]
            deadlines += [(doc, i, d.get("text"), d.get("kind"), d.get("value"), _due(d.get("value")), d.get("clause"))
                          for i, d in enumerate(record.get("deadlines") or [])]
            agencies += [(doc, i, a.get("name"), _fold(a.get("name")), _aliases(a.get("aliases")),
                          int(bool(a.get("collective")))) for i, a in enumerate(names)]
            terms_of: dict[str, list[str]] = {}  # agency_fold -> its terms (the same for each of its tasks)
            for a in f["assignments"]:
                task_id += 1
                assignments.append((task_id, doc, a["i"], a["clause"], a["agency"], a["agency_fold"], a["role"],
                                    a["task"], a["deadline"], a["due"]))
                tasks.append((task_id, _TASK_FOLDS[a["task"]], a["task"]))
                terms_of[a["agency_fold"]] = a["terms"]
            for af, ts in terms_of.items():
                terms += [(t, doc, af) for t in ts]
                vocab.update(ts)
            targets += [(doc, i, t.get("text"), t.get("kind"), t.get("comparator"), t.get("value"), t.get("unit"),
                         t.get("year"), t.get("total"), t.get("clause")) for i, t in enumerate(record.get("targets") or [])]
        c.executemany("INSERT INTO documents(id, doc, source, sha256, number, number_key, type, issuer, issued_date,"
                      " year, header, agency_set) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", documents)
        c.executemany("INSERT INTO bodies(id, title_all, record, text) VALUES (?,?,?,?)", bodies)
        c.executemany("INSERT INTO docs_fts(rowid, f_title, f_body, x_title, x_body) VALUES (?,?,?,?,?)", texts)
        c.executemany("INSERT INTO clauses VALUES (?,?,?,?,?,?,?,?)", clauses)
        c.executemany('INSERT INTO "references" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)', refs)
        c.executemany("INSERT INTO deadlines VALUES (?,?,?,?,?,?,?)", deadlines)
        c.executemany("INSERT INTO agencies VALUES (?,?,?,?,?,?)", agencies)
        c.executemany("INSERT INTO assignments(id, doc, i, clause, agency, agency_fold, role, task, deadline, due)"
                      " VALUES (?,?,?,?,?,?,?,?,?,?)", assignments)
        c.executemany("INSERT INTO tasks_fts(rowid, f_task, x_task) VALUES (?,?,?)", tasks)
        terms.sort()  # in key order: each insert lands next to the last one
        c.executemany("INSERT OR IGNORE INTO agency_terms VALUES (?,?,?)", terms)
        c.executemany("INSERT OR IGNORE INTO agency_vocab VALUES (?)", [(t,) for t in sorted(vocab)])
        c.executemany("INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?)", targets)

    # -- reading --
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def get_document(self, doc_id: str) -> dict | None:
        rows = self._rows("SELECT b.record, b.text FROM documents d JOIN bodies b ON b.id = d.id WHERE d.doc=?",
                          (doc_id,))
        if not rows:
            return None
        rec = json.loads(_unpack(rows[0]["record"]))
        rec["text"] = _unpack(rows[0]["text"])
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
            fill = ("INSERT INTO temp.hit SELECT rowid, -bm25(docs_fts, 3.0, 1.0, 6.0, 2.0) FROM docs_fts"
                    " WHERE docs_fts MATCH ?")
            if where:
                # MATERIALIZED: run the FTS query once, never once per candidate row of a filter index
                fill = ("INSERT INTO temp.hit WITH f AS MATERIALIZED (SELECT rowid AS id, -bm25(docs_fts, 3.0, 1.0, 6.0,"
                        " 2.0) AS s FROM docs_fts WHERE docs_fts MATCH ?) SELECT f.id, f.s FROM f"
                        " CROSS JOIN documents d ON d.id = f.id WHERE " + where)
            params = [expr] + params
        else:
            fill = "INSERT INTO temp.hit SELECT d.id, 0.0 FROM documents d" + (" WHERE " + where if where else "")
        want = max(0, offset) + max(0, limit)
        with self._snapshot() as c:
            # The matches go to a temporary table once (bm25 is computed once per match); the page,
            # the totals and the facets are then counted by SQLite, so a query matching most of a
            # large index returns a few hundred rows to Python, not one per match.
            c.execute("CREATE TEMP TABLE IF NOT EXISTS hit (id INTEGER PRIMARY KEY, s REAL NOT NULL)")
            c.execute("DELETE FROM temp.hit")
            try:
                c.execute(fill, params)
                total = c.execute("SELECT count(*) FROM temp.hit").fetchone()[0]
                page = self._page(c, want)[max(0, offset):] if want and total else []
                counts = self._facet_counts(c, total) if total else {}
                bodies = {r[0]: r for r in c.execute(
                    f"SELECT d.id, d.header, b.text FROM documents d JOIN bodies b ON b.id = d.id"
                    f" WHERE d.id IN ({_marks(len(page))})", [r[0] for r in page]).fetchall()} if page else {}
            finally:
                c.execute("DELETE FROM temp.hit")
        # ties by name, code-point order = SQLite's BINARY order of UTF-8
        for col, cnt in counts.items():
            facets[col] = dict(sorted(((k, n) for k, n in cnt.items() if n > 0), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE])
        toks = query_tokens(query)
        hits = [{"doc": r[1], "score": float(r[2]), "header": json.loads(bodies[r[0]]["header"]),
                 "snippet": make_snippet(_unpack(bodies[r[0]]["text"]), toks)} for r in page]
        return {"total": total, "hits": hits, "facets": facets}

    @staticmethod
    def _tuples(c: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Plain tuples (no sqlite3.Row per row)."""
        cur = c.cursor()
        cur.row_factory = None
        return cur.execute(sql, params).fetchall()

    @staticmethod
    def _page(c: sqlite3.Connection, want: int) -> list[tuple]:
        """(id, doc, score) of the best `want` matches: score descending, then document name."""
        kth = c.execute("SELECT s FROM temp.hit ORDER BY s DESC LIMIT 1 OFFSET ?", (want - 1,)).fetchone()
        # every match scoring at least the want-th score (ties at the boundary included), named
        sql = "SELECT h.id, d.doc, h.s FROM temp.hit h CROSS JOIN documents d ON d.id = h.id"
        rows = SqliteIndex._tuples(c, sql + (" WHERE h.s >= ?" if kth else "") + " ORDER BY h.s DESC, d.doc LIMIT ?",
                                   ([kth[0]] if kth else []) + [want])
        return rows

    @staticmethod
    def _facet_counts(c: sqlite3.Connection, total: int) -> dict[str, Counter]:
        """type / issuer / year / agency -> value -> number of matching documents.  Counted over the
        matches, or (most documents match) as every document's count minus the non-matching ones."""
        n_docs = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        out: dict[str, Counter] = {k: Counter() for k in ("type", "issuer", "year", "agency")}
        cols = ("type", "issuer", "year")
        complement = 2 * total > n_docs
        if complement:
            for col in cols:  # each column has its own index: a count over the whole index is cheap
                out[col].update({v: n for v, n in c.execute(f"SELECT {col}, count(*) FROM documents GROUP BY {col}") if v})
            rest = "FROM documents d LEFT JOIN temp.hit h ON h.id = d.id WHERE h.id IS NULL"
            sign = -1
        else:
            rest = "FROM temp.hit h CROSS JOIN documents d ON d.id = h.id"
            sign = 1
        for t, i, y, n in c.execute(f"SELECT d.type, d.issuer, d.year, count(*) {rest} GROUP BY 1, 2, 3"):
            for col, v in (("type", t), ("issuer", i), ("year", y)):
                if v:
                    out[col][v] += sign * n
        sets = "".join([a for (a,) in c.execute(f"SELECT d.agency_set {rest}") if a])
        codes = Counter(sets)
        if complement:
            codes = Counter({_char(code): n for code, n in c.execute("SELECT code, docs FROM agency_codes")}) - codes
        names = dict(c.execute("SELECT code, name FROM agency_codes"))
        out["agency"] = Counter({names[ord(ch) - _CODE_BASE]: n for ch, n in codes.items() if n > 0})
        return out

    @staticmethod
    def _filter_sql(filters: dict) -> tuple[str, list[Any]]:
        conds, params = [], []
        for key in ("type", "issuer", "year", "agency"):
            v = filters.get(key)
            if v is None or v == "" or v == []:
                continue
            vals = [str(x) for x in (v if isinstance(v, (list, tuple, set)) else [v])]
            if key == "agency":
                # the codes of the wanted names, looked for in the document's own agency set
                conds.append(f"EXISTS (SELECT 1 FROM agency_codes k WHERE k.name IN ({_marks(len(vals))})"
                             f" AND instr(d.agency_set, char(k.code + {_CODE_BASE})) > 0)")
            else:
                conds.append(f"d.{key} IN ({_marks(len(vals))})")
            params += vals
        return " AND ".join(conds), params

    def refs(self, doc_id: str) -> list[dict]:
        rows = [dict(r) for r in self._rows('SELECT doc, i, key, key_fold, text, type, issued_date, issuer, relation,'
                                            ' clause, anaphor, self FROM "references" WHERE doc=? ORDER BY i', (doc_id,))]
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
            if score == "0.0" and limit > 0 and self._dense(terms, int(limit)):
                return self._tasks_walk(terms, role, [b for b in (due_before, overdue_as_of) if b], int(limit))
            # the (doc, agency) pairs named by a matching term drive the lookup (assignments_doc), instead
            # of testing every assignment against agency_terms
            conds.append("(a.doc, a.agency_fold) IN (SELECT doc, agency_fold FROM agency_terms"
                         f" WHERE term_fold IN ({_marks(len(terms))}))")
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
        if score != "0.0":
            order = "score DESC, a.doc, a.i"
        elif due_before or overdue_as_of:  # due is then never NULL: the assignments_due (due, doc, i) order
            order = "a.due, a.doc, a.i"
        else:
            order = "a.due IS NULL, a.due, a.doc, a.i"
        sql.append(f"ORDER BY {order} LIMIT ?")
        params.append(int(limit))
        rows = self._rows(" ".join(sql).format(cte=cte, src=src, score=score), params)
        return [{"doc": r["doc"], "header": json.loads(r["header"]), "clause": r["clause"], "agency": r["agency"],
                 "role": r["role"], "task": r["task"], "deadline": r["deadline"], "due": r["due"],
                 "score": float(r["score"])} for r in rows]

    def _dense(self, terms: list[str], limit: int) -> bool:
        """Do so many (doc, agency) pairs match that walking assignments in list order finds `limit`
        sooner than gathering and sorting every match?  Walking costs ~limit*total/matches rows,
        gathering ~matches: walk when matches**2 > limit*total (pairs stand in for matches; the
        count stops at the threshold, so this check stays cheap)."""
        total = self._rows("SELECT coalesce(max(id), 0) FROM assignments")[0][0]
        need = int((limit * total) ** 0.5) + 1
        got = self._rows(f"SELECT count(*) FROM (SELECT 1 FROM agency_terms WHERE term_fold IN ({_marks(len(terms))})"
                         " LIMIT ?)", [*terms, need])[0][0]
        return got >= need

    def _tasks_walk(self, terms: list[str], role: str | None, bounds: list[str], limit: int) -> list[dict]:
        """tasks() by agency without text, walking assignments_due (due, doc, i) in list order and
        keeping the assignments whose (doc, agency) a matching term names, until `limit`: the same
        rows in the same order as the sorted query (dated tasks by (due, doc, i), then undated by
        (doc, i))."""
        conds = [("EXISTS (SELECT 1 FROM agency_terms t WHERE t.doc = a.doc AND t.agency_fold = a.agency_fold"
                  f" AND t.term_fold IN ({_marks(len(terms))}))")]
        params: list[Any] = list(terms)
        if role:
            conds.append("a.role = ?")
            params.append(role)
        for b in bounds:
            conds.append("a.due < ?")
            params.append(b)
        sql = ("SELECT a.*, d.header FROM assignments a INDEXED BY assignments_due JOIN documents d ON d.doc = a.doc"
               " WHERE a.due {null} AND " + " AND ".join(conds) + " ORDER BY a.due, a.doc, a.i LIMIT ?")
        with self._snapshot() as c:
            rows = c.execute(sql.format(null="IS NOT NULL"), params + [limit]).fetchall()
            if len(rows) < limit and not bounds:
                rows += c.execute(sql.format(null="IS NULL"), params + [limit - len(rows)]).fetchall()
        return [{"doc": r["doc"], "header": json.loads(r["header"]), "clause": r["clause"], "agency": r["agency"],
                 "role": r["role"], "task": r["task"], "deadline": r["deadline"], "due": r["due"],
                 "score": 0.0} for r in rows]

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
            headers: dict[str, dict] = {}  # one decode per citing document, not per reference
            for r in self._rows(sql, params):
                row = dict(r)
                h = headers.get(row["doc"])
                if h is None:
                    h = headers[row["doc"]] = json.loads(row["header"])
                row["header"] = h
                out.append(row)
        return out

    def cites_page(self, key: str, *, relation: str | None = None, depth: int = 1, limit: int | None = None,
                   offset: int = 0) -> dict:
        """The shared walk (IndexBackend.cites_page), run by SQLite over temporary tables: a key cited
        by most of a large index is counted and paged without its rows coming to Python."""
        kf = key_fold(key)
        if not kf:
            return {"total": 0, "hits": []}
        rel, relp = (" AND r.relation = ?", [relation]) if relation else ("", [])
        with self._snapshot() as c:
            for t in ("cite_found (n INTEGER PRIMARY KEY, doc TEXT, i INTEGER, depth INTEGER, doc_key TEXT)",
                      "cite_keys (key TEXT PRIMARY KEY, depth INTEGER) WITHOUT ROWID",
                      "cite_seen (doc TEXT PRIMARY KEY) WITHOUT ROWID"):  # (one B-tree each, not two)
                c.execute("CREATE TEMP TABLE IF NOT EXISTS " + t)
                c.execute("DELETE FROM temp." + t.split()[0])
            c.execute("INSERT INTO temp.cite_keys VALUES (?, 1)", (kf,))
            for d in range(1, max(1, depth) + 1):
                # depth d: references to the keys first followed at d, by documents no lower depth
                # reported, none citing its own number; in (doc, i) order
                n = c.execute(
                    'INSERT INTO temp.cite_found(doc, i, depth, doc_key) SELECT r.doc, r.i, ?, r.doc_key FROM temp.cite_keys k'
                    ' CROSS JOIN "references" r ON r.key_fold = k.key WHERE k.depth = ? AND r.self = 0'
                    " AND (r.doc_key IS NULL OR r.doc_key != r.key_fold)" + rel +
                    " AND r.doc NOT IN temp.cite_seen ORDER BY r.doc, r.i", [d, d] + relp).rowcount
                if d == depth or n == 0:
                    break
                c.execute("INSERT OR IGNORE INTO temp.cite_seen SELECT doc FROM temp.cite_found WHERE depth = ?", (d,))
                c.execute("INSERT OR IGNORE INTO temp.cite_keys SELECT doc_key, ? FROM temp.cite_found"
                          " WHERE depth = ? AND doc_key IS NOT NULL", (d + 1, d))
            total = c.execute("SELECT count(*) FROM temp.cite_found").fetchone()[0]
            page = self._tuples(c, "SELECT doc, i, depth FROM temp.cite_found ORDER BY n LIMIT ? OFFSET ?",
                                [-1 if limit is None else max(0, limit), max(0, offset)]) if total else []
            hits = [{**r, "depth": p[2]} for r, p in zip(self._cite_details(page), page)]
            for t in ("cite_found", "cite_keys", "cite_seen"):
                c.execute("DELETE FROM temp." + t)
        return {"total": total, "hits": hits}

    def _cite_details(self, rows: list[tuple]) -> list[dict]:
        """{doc, header, key, text, clause, relation} of (doc, i, …) rows."""
        if not rows:
            return []
        heads = self._headers(sorted({r[0] for r in rows}))
        with self._lock:  # one primary-key lookup a row: a page is short
            full = [self.conn.execute('SELECT doc, key, text, clause, relation FROM "references" WHERE doc = ? AND i = ?',
                                      r[:2]).fetchone() for r in rows]
        return [{**dict(f), "header": heads[f["doc"]]["header"]} for f in full]

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
