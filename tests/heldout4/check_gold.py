#!/usr/bin/env python3
"""Validate the heldout4 gold files against their documents (no pipeline involved).

usage: python tests/heldout4/check_gold.py [--score PATH_TO_score.py] [--shared-corpus DIR]

Checks, per document:
  - corpus/<stem>.txt exists, is UTF-8, NFC, 3-9 KB; gold/<stem>.json loads and has the fields of
    shared/gold/GUIDELINES.md;
  - every verbatim field (header title, reference/deadline/target `text`, assignment `task`) is a
    substring of the document, and a text listed n times occurs at least n times;
  - the header number occurs in the document;
  - every assignment agency is a gold agency name or alias; every assignment deadline is the value
    of a gold deadline; kinds, comparators, roles and value formats are from the guideline sets;
  - optionally: score.py scores the gold against itself with F1 1.0 on every field, and no
    60-character span is shared with the shared corpus beyond boilerplate.
Exit status 1 on any problem.
"""
import json, re, subprocess, sys, unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"by", "within", "from", "recurring", "period"}
COMP = {">", ">=", "<", "<=", "="}
ROLES = {"lead", "support"}
DATE = r"\d{4}(-\d{2}(-\d{2})?|-Q[1-4]|-H[12])?"
DUR = r"P(T\d+H|\d+[DWMY])"
VALUE = {
    "by": re.compile(rf"^({DATE}|{DUR})$"),
    "within": re.compile(rf"^{DATE}$"),
    "from": re.compile(rf"^{DATE}$"),
    "period": re.compile(rf"^{DATE}/{DATE}$"),
    "recurring": re.compile(rf"^{DUR}(,{DUR})*$"),
}
BOILERPLATE = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
               "chịu trách nhiệm thi hành Quyết định này"]


def check_doc(stem, problems):
    txt_p, gold_p = HERE / "corpus" / f"{stem}.txt", HERE / "gold" / f"{stem}.json"
    def bad(msg): problems.append(f"{stem}: {msg}")
    if not txt_p.exists():
        bad("missing corpus file"); return None
    raw = txt_p.read_bytes()
    doc = raw.decode("utf-8")
    if unicodedata.normalize("NFC", doc) != doc: bad("document is not NFC")
    if not 3000 <= len(raw) <= 9216: bad(f"size {len(raw)} bytes outside 3-9 KB")
    try:
        g = json.loads(gold_p.read_text(encoding="utf-8"))
    except Exception as e:
        bad(f"gold does not load: {e}"); return None
    for k in ("doc", "header", "references", "deadlines", "agencies", "assignments", "targets"):
        if k not in g: bad(f"gold lacks {k}")
    if g.get("doc") != f"{stem}.txt": bad("doc field does not name the corpus file")
    h = g["header"]
    for k in ("number", "type", "issuer", "issued_date", "title"):
        if k not in h: bad(f"header lacks {k}")
    if h.get("title") and h["title"] not in doc: bad("title not verbatim")
    if h.get("number") and h["number"] not in doc: bad("header number not in document")
    if h.get("issued_date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", h["issued_date"]): bad("issued_date not ISO")

    def verbatim(field, items, key="text"):
        seen = {}
        for it in items:
            t = it.get(key, "")
            if unicodedata.normalize("NFC", t) != t: bad(f"{field} {key} not NFC: {t!r}")
            if t not in doc: bad(f"{field} {key} not verbatim: {t!r}")
            seen[t] = seen.get(t, 0) + 1
        if key == "text":
            for t, n in seen.items():
                if t in doc and doc.count(t) < n: bad(f"{field} text {t!r} listed {n}x, occurs {doc.count(t)}x")

    verbatim("references", g["references"])
    verbatim("deadlines", g["deadlines"])
    verbatim("targets", g["targets"])
    verbatim("assignments", g["assignments"], "task")
    for r in g["references"]:
        for k in ("key", "type", "issued_date", "issuer"):
            if k not in r: bad(f"reference lacks {k}: {r['text']!r}")
        if r.get("anaphor") and not r.get("key"): bad(f"anaphor without key: {r['text']!r}")
    dvals = set()
    for d in g["deadlines"]:
        if d["kind"] not in KINDS: bad(f"deadline kind {d['kind']!r}")
        elif not VALUE[d["kind"]].match(str(d["value"])): bad(f"deadline value {d['value']!r} bad for {d['kind']}")
        dvals.add(d["value"])
    names, seen_names = set(), set()
    for a in g["agencies"]:
        if a["name"] in seen_names: bad(f"agency listed twice: {a['name']!r}")
        seen_names.add(a["name"])
        names.add(a["name"]); names.update(a.get("aliases", []))
        if not isinstance(a.get("collective"), bool): bad(f"agency collective not bool: {a['name']!r}")
    keys = set()
    for s in g["assignments"]:
        if s["agency"] not in names: bad(f"assignment agency not a gold agency: {s['agency']!r}")
        if s["role"] not in ROLES: bad(f"assignment role {s['role']!r}")
        if s["deadline"] is not None and s["deadline"] not in dvals: bad(f"assignment deadline {s['deadline']!r} not a gold deadline value")
        k = (s["clause"], s["agency"], s["role"])
        if k in keys: bad(f"duplicate (clause, agency, role): {k}")
        keys.add(k)
    for t in g["targets"]:
        if t["kind"] not in ("target", "baseline"): bad(f"target kind {t['kind']!r}")
        if t["comparator"] not in COMP: bad(f"target comparator {t['comparator']!r}")
        if not isinstance(t["value"], (int, float)): bad(f"target value not a number: {t['text']!r}")
        if t.get("year") is not None and not isinstance(t["year"], int): bad(f"target year not int: {t['text']!r}")
    return doc


def overlap_check(docs, shared_dir, problems, n=60):
    shared = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(shared_dir).glob("*.txt")))
    def strip(t):
        # boilerplate (motto, execution formula) is masked so that spans across it do not count
        t = re.sub(r"\s+", " ", unicodedata.normalize("NFC", t))
        for b in BOILERPLATE: t = t.replace(b, "\0")
        return t
    shared = strip(shared)
    grams = {shared[i:i + n] for i in range(len(shared) - n + 1)}
    for stem, doc in docs.items():
        doc = strip(doc)
        hits = {doc[i:i + n] for i in range(len(doc) - n + 1) if doc[i:i + n] in grams and "\0" not in doc[i:i + n]}
        if hits: problems.append(f"{stem}: {len(hits)} 60-char spans shared with the shared corpus, e.g. {sorted(hits)[0]!r}")


def self_score(score_py, problems):
    gold = HERE / "gold"
    out = subprocess.run([sys.executable, str(score_py), str(gold), str(gold), "--json"], capture_output=True, text=True)
    if out.returncode:
        problems.append(f"score.py failed: {out.stderr[-500:]}"); return
    total = json.loads(out.stdout)["total"]
    for k, v in total.items():
        if isinstance(v, dict) and v.get("F1") != 1.0:
            problems.append(f"self-score {k} F1={v['F1']}")
    print("self-score:", ", ".join(f"{k}={v['F1']}" for k, v in total.items() if isinstance(v, dict)))


def main():
    args = sys.argv[1:]
    score_py = args[args.index("--score") + 1] if "--score" in args else None
    shared_dir = args[args.index("--shared-corpus") + 1] if "--shared-corpus" in args else None
    problems, docs = [], {}
    stems = sorted(p.stem for p in (HERE / "gold").glob("*.json"))
    txts = sorted(p.stem for p in (HERE / "corpus").glob("*.txt"))
    if stems != txts: problems.append(f"corpus/gold mismatch: {sorted(set(stems) ^ set(txts))}")
    for stem in stems:
        d = check_doc(stem, problems)
        if d is not None: docs[stem] = d
        g = json.loads((HERE / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        print(f"{stem}: " + ", ".join(f"{k}={len(g[k])}" for k in ("references", "deadlines", "agencies", "assignments", "targets"))
              + f", anaphora={sum(1 for r in g['references'] if r.get('anaphor'))}")
    if shared_dir: overlap_check(docs, shared_dir, problems)
    if score_py: self_score(score_py, problems)
    for p in problems: print("PROBLEM", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
