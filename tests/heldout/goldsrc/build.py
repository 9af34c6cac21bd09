"""Build tests/heldout/gold/*.json from goldsrc/h*.py and check every text is verbatim in its document."""
import importlib.util, json, sys, unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
ok = True
for src in sorted(HERE.glob("h*.py")):
    spec = importlib.util.spec_from_file_location(src.stem, src)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    doc = ROOT / "corpus" / (src.stem + ".txt")
    text = unicodedata.normalize("NFC", doc.read_text(encoding="utf-8"))
    g = {"doc": doc.name, "header": m.HEADER, "references": m.REFERENCES, "deadlines": m.DEADLINES,
         "agencies": m.AGENCIES, "assignments": m.ASSIGNMENTS, "targets": m.TARGETS}
    names = {a["name"] for a in m.AGENCIES} | {x for a in m.AGENCIES for x in a["aliases"]}
    def chk(s, what):
        global ok
        if s and unicodedata.normalize("NFC", s) not in text:
            ok = False; print(f"{src.stem}: {what} not verbatim: {s!r}")
    chk(g["header"].get("title"), "title")
    if g["header"].get("number"):
        pass
    for f in ("references", "deadlines", "targets"):
        for it in g[f]:
            chk(it["text"], f)
    # agency names are written with abbreviations expanded (GUIDELINES), so check against an expanded text too
    import re
    exp = text
    for k, v in (("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân")):
        exp = re.sub(rf"\b{k}\b", v, exp)
    for a in m.AGENCIES:
        for x in [a["name"]] + a["aliases"]:
            if x.lower() not in text.lower() and x.lower() not in exp.lower():
                ok = False; print(f"{src.stem}: agency name/alias not found (even expanded): {x!r}")
    dl_values = {d["value"] for d in m.DEADLINES}
    for s in m.ASSIGNMENTS:
        chk(s["task"], "task")
        if s["agency"] not in names:
            ok = False; print(f"{src.stem}: assignment agency not in agencies: {s['agency']!r}")
        if s["role"] not in ("lead", "support"):
            ok = False; print(f"{src.stem}: bad role {s}")
        if s["deadline"] is not None and s["deadline"] not in dl_values:
            ok = False; print(f"{src.stem}: assignment deadline not among deadlines: {s['deadline']!r}")
    for d in m.DEADLINES:
        assert d["kind"] in ("by", "within", "from", "recurring", "period"), d
    for t in m.TARGETS:
        assert t["kind"] in ("target", "baseline") and t["comparator"] in (">", ">=", "<", "<=", "="), t
    (ROOT / "gold" / (src.stem + ".json")).write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{src.stem}: refs={len(g['references'])} dl={len(g['deadlines'])} ag={len(g['agencies'])} "
          f"as={len(g['assignments'])} tg={len(g['targets'])} lines={len(text.splitlines())}")
sys.exit(0 if ok else 1)
