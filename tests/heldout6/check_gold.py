#!/usr/bin/env python3
"""Validate the heldout6 gold files against their documents.

usage: python tests/heldout6/check_gold.py [--score PATH/score.py] [--shared-corpus DIR]

Checks, per gold file:
- the JSON loads and has the keys of shared/gold/GUIDELINES.md;
- the document exists, is UTF-8, NFC, and 3-8 KB;
- header.title and every references/deadlines/targets `text` and every assignment `task`
  is a verbatim substring of the document; a text listed n times occurs at least n times;
- every assignment agency is a gold agency name or alias, every assignment deadline a gold
  deadline value;
- kinds, comparators, roles and value formats come from the guideline sets;
- agency names/aliases occur in the document (names may be expanded abbreviations: then
  at least one alias must occur).
With --score: runs score.py GOLD GOLD and requires F1 1.0 on every field.
With --shared-corpus: reports any 60-character span shared with the shared corpus.
"""
import json, re, subprocess, sys, unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD, CORPUS = HERE / "gold", HERE / "corpus"
KINDS = {"by", "within", "from", "recurring", "period"}
COMPS = {">", ">=", "<", "<=", "="}
ROLES = {"lead", "support"}
VALUE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-Q[1-4]|\d{4}-H[12]|"
                      r"[0-9-]+/[0-9-]+|(P(\d+[YMWD])+|PT\d+[HM])(,(P(\d+[YMWD])+|PT\d+[HM]))*)$")
errors = []


def err(doc, msg):
    errors.append(f"{doc}: {msg}")


def occurrences(text, sub):
    n, i = 0, text.find(sub)
    while i >= 0:
        n += 1
        i = text.find(sub, i + 1)
    return n


def check(gf):
    g = json.loads(gf.read_text(encoding="utf-8"))
    doc = g.get("doc", "")
    for k in ("doc", "header", "references", "deadlines", "agencies", "assignments", "targets"):
        if k not in g:
            err(gf.name, f"missing key {k}")
    if doc.replace(".txt", ".json") != gf.name:
        err(gf.name, "doc does not match file name")
    raw = (CORPUS / doc).read_bytes()
    text = raw.decode("utf-8")
    if unicodedata.normalize("NFC", text) != text:
        err(doc, "document is not NFC")
    if not 3000 <= len(raw) <= 8200:
        err(doc, f"size {len(raw)} bytes outside 3-8 KB")
    h = g["header"]
    for f in ("number", "type", "issuer", "issued_date", "title"):
        if f not in h:
            err(doc, f"header lacks {f}")
    if h.get("title") and h["title"] not in text:
        err(doc, f"title not verbatim: {h['title']!r}")
    if h.get("number") and h["number"] not in text:
        err(doc, f"number not in text: {h['number']!r}")
    # verbatim texts, with multiplicity
    need = Counter()
    for fld in ("references", "deadlines", "targets"):
        for x in g[fld]:
            need[x["text"]] += 1
    for t, n in need.items():
        if occurrences(text, t) < n:
            err(doc, f"text listed {n}x but found {occurrences(text, t)}x: {t!r}")
    for r in g["references"]:
        if not r.get("key"):
            err(doc, f"reference without key: {r['text']!r}")
        if r.get("issued_date") and not re.match(r"^\d{4}(-\d{2}-\d{2})?$", r["issued_date"]):
            err(doc, f"bad reference date {r['issued_date']!r}")
        if r.get("anaphor") and r["key"] not in ("self", h.get("number")) and \
                not any(q["key"] == r["key"] and not q.get("anaphor") for q in g["references"]):
            err(doc, f"anaphor key resolves to nothing: {r['key']!r}")
    for d in g["deadlines"]:
        if d["kind"] not in KINDS:
            err(doc, f"bad deadline kind {d['kind']!r}")
        if not VALUE_RE.match(str(d["value"])):
            err(doc, f"bad deadline value {d['value']!r}")
    names = set()
    for a in g["agencies"]:
        forms = [a["name"]] + a.get("aliases", [])
        if not isinstance(a.get("collective"), bool):
            err(doc, f"agency collective not bool: {a['name']!r}")
        for f in forms:
            if f in names:
                err(doc, f"agency form listed twice: {f!r}")
            names.add(f)
        if not any(f in text for f in forms):
            err(doc, f"agency not in text under any form: {a['name']!r}")
    values = {d["value"] for d in g["deadlines"]}
    seen = set()
    for s in g["assignments"]:
        if s["agency"] not in names:
            err(doc, f"assignment agency not a gold agency: {s['agency']!r}")
        if s["role"] not in ROLES:
            err(doc, f"bad role {s['role']!r}")
        if s["deadline"] is not None and s["deadline"] not in values:
            err(doc, f"assignment deadline not a gold deadline value: {s['deadline']!r}")
        if s["task"] not in text:
            err(doc, f"task not verbatim: {s['task']!r}")
        k = (s["clause"], s["agency"], s["role"])
        if k in seen:
            err(doc, f"duplicate (clause, agency, role): {k}")
        seen.add(k)
    for t in g["targets"]:
        if t["kind"] not in ("target", "baseline"):
            err(doc, f"bad target kind {t['kind']!r}")
        if t["comparator"] not in COMPS:
            err(doc, f"bad comparator {t['comparator']!r}")
        if not isinstance(t["value"], (int, float)):
            err(doc, f"target value not a number: {t['value']!r}")
        if t.get("year") is not None and not isinstance(t["year"], int):
            err(doc, f"target year not int: {t['year']!r}")
    return g


def shared_overlap(shared_dir, n=60):
    shared = " ".join(p.read_text(encoding="utf-8") for p in Path(shared_dir).glob("*.txt"))
    shared = re.sub(r"\s+", " ", shared)
    for p in sorted(CORPUS.glob("*.txt")):
        t = re.sub(r"\s+", " ", p.read_text(encoding="utf-8"))
        hits, i = [], 0
        while i + n <= len(t):
            if t[i:i + n] in shared:
                hits.append(t[i:i + n]); i += n
            else:
                i += 1
        for x in hits:
            print(f"  shared span in {p.name}: {x!r}")


def main():
    args = sys.argv[1:]
    golds = sorted(GOLD.glob("*.json"))
    counts = []
    for gf in golds:
        g = check(gf)
        refs = g["references"]
        counts.append((gf.stem, len(refs), sum(bool(r.get("anaphor")) for r in refs), len(g["deadlines"]),
                       len(g["agencies"]), len(g["assignments"]), len(g["targets"])))
    print(f"{'file':32s} refs(anaph) deadl agenc assig targ")
    for c in counts:
        print(f"{c[0]:32s} {c[1]:3d} ({c[2]:2d})   {c[3]:3d}   {c[4]:3d}   {c[5]:3d}  {c[6]:3d}")
    tot = [sum(c[i] for c in counts) for i in range(1, 7)]
    print(f"{'total':32s} {tot[0]:3d} ({tot[1]:2d})   {tot[2]:3d}   {tot[3]:3d}   {tot[4]:3d}  {tot[5]:3d}")
    if "--score" in args:
        score = args[args.index("--score") + 1]
        out = subprocess.run([sys.executable, score, str(GOLD), str(GOLD), "--json"],
                             capture_output=True, text=True, check=True).stdout
        res = json.loads(out)["total"]
        for k, v in res.items():
            if isinstance(v, dict) and v["F1"] != 1.0:
                errors.append(f"score.py self-score {k} F1={v['F1']}")
            elif k.startswith("_") and v not in (None, 1.0):
                errors.append(f"score.py self-score {k}={v}")
        print("score.py gold vs gold:", "all 1.0" if not any("self-score" in e for e in errors) else "NOT 1.0")
    if "--shared-corpus" in args:
        shared_overlap(args[args.index("--shared-corpus") + 1])
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
