"""`vanban eval`: precision / recall / F1 per field against gold files (GUIDELINES.md rules).

A user can annotate their own documents in the gold format and measure the pipeline
on them.  Matching rules, per field:
  references   canonical keys equal (numbers: after folding case, spaces, diacritics;
               named documents: one token set contains the other, or Jaccard ≥ 0.8)
  anaphora     as references, and the texts overlap
  deadlines    same value and kind, texts overlap  (deadlines_found: value only)
  agencies     name or any alias equal after folding and abbreviation expansion
  assignments  set of (agency, role) per document, agency names mapped through the
               gold aliases; assignments_clause adds the clause path
  targets      value, unit, comparator and kind equal, texts overlap
               (targets_found: value and unit only)
Items pair one-to-one, gold in document order taking the first unused prediction.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from vanban.text import fold as _fold_base

# Abbreviations a reviewer may write either way; expanded before comparing names.
_EXPANSIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "ttg": "thu tuong chinh phu",
    "tp": "thanh pho", "vp": "van phong", "cchc": "cai cach hanh chinh",
    "tt&tt": "thong tin va truyen thong", "kh&dt": "ke hoach va dau tu",
    "kh&cn": "khoa hoc va cong nghe", "snv": "so noi vu", "stp": "so tu phap",
}
_EXPAND_RE = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in _EXPANSIONS) + r")(?![\w&])")
_NUMBERED_RE = re.compile(r"\d+\s*[a-z]?\s*[/-]\s*(?:\d{4}\s*/\s*)?[a-z]")


def norm(s: str | None) -> str:
    """Folded comparison form: no diacritics, lower case, abbreviations expanded."""
    s = _fold_base(s or "")
    s = re.sub(r"\s*&\s*", "&", s)
    s = _EXPAND_RE.sub(lambda m: _EXPANSIONS[m.group(1)], s)
    s = re.sub(r"[^\w&/ -]", " ", s)
    return " ".join(s.split())


def _key(s: str | None) -> str:
    return norm(s).replace(" ", "").replace("–", "-").replace("—", "-")


def keys_match(gold_key: str, pred_key: str) -> bool:
    a, b = _key(gold_key), _key(pred_key)
    if a == b:
        return True
    if _NUMBERED_RE.search(norm(gold_key)) or _NUMBERED_RE.search(norm(pred_key)):
        return False
    ta, tb = set(norm(gold_key).split()), set(norm(pred_key).split())
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or len(ta & tb) >= 0.8 * len(ta | tb)


def texts_overlap(a: str | None, b: str | None) -> bool:
    fa, fb = norm(a), norm(b)
    if not fa or not fb:
        return False
    if fa in fb or fb in fa:
        return True
    ta, tb = set(fa.split()), set(fb.split())
    return len(ta & tb) >= 0.5 * max(1, min(len(ta), len(tb)))


def _as_float(x: Any) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _unit(u: str | None) -> str:
    u = norm(u)
    return "%" if u in ("phan tram", "percent") else u


def _pair_count(gold: list[dict], pred: list[dict], same: Callable[[dict, dict], bool]) -> tuple[int, list[tuple[dict, dict]]]:
    taken: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    for g in gold:
        j = next((j for j, p in enumerate(pred) if j not in taken and same(g, p)), None)
        if j is not None:
            taken.add(j)
            pairs.append((g, pred[j]))
    return len(pairs), pairs


@dataclass
class Tally:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, tp: int, gold: int, pred: int) -> None:
        self.tp += tp
        self.gold += gold
        self.pred += pred

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if self.gold == 0 else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


FIELDS = ("references", "anaphora", "deadlines", "deadlines_found", "agencies", "assignments",
          "assignments_clause", "targets", "targets_found")
RATIOS = ("_deadline_kind_ok", "_target_kind_ok", "_target_comp_ok", "_target_year_ok", "_header_ok")


@dataclass
class Report:
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    ratios: dict[str, list[int]] = field(default_factory=lambda: {r: [0, 0] for r in RATIOS})
    missing: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)  # per-document misses, for the eval notebook
    spurious: list[dict[str, Any]] = field(default_factory=list)  # predicted items no gold item matched

    def ratio(self, name: str) -> float | None:
        ok, n = self.ratios[name]
        return ok / n if n else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f, t in self.fields.items():
            out[f] = {"P": round(t.precision, 3), "R": round(t.recall, 3), "F1": round(t.f1, 3),
                      "tp": t.tp, "gold": t.gold, "pred": t.pred}
        for r in RATIOS:
            v = self.ratio(r)
            out[r] = None if v is None else round(v, 3)
        out["missing_outputs"] = self.missing
        return out

    def table(self) -> str:
        lines = [f"{'field':20s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/gold/pred"]
        for f, t in self.fields.items():
            lines.append(f"{f:20s} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}   {t.tp}/{t.gold}/{t.pred}")
        for r in RATIOS:
            v = self.ratio(r)
            lines.append(f"{r:20s} {'-' if v is None else f'{v:.3f}':>6s}")
        if self.missing:
            lines.append("missing outputs: " + ", ".join(self.missing))
        return "\n".join(lines)


_BRIEF_KEYS = ("text", "key", "kind", "value", "name", "comparator", "unit", "year", "agency", "role")


def _brief(item: dict[str, Any]) -> dict[str, Any]:
    """A predicted item without spans, rules and confidences: what a reader compares with gold."""
    return {k: item[k] for k in _BRIEF_KEYS if k in item}


def score_document(gold: dict[str, Any], pred: dict[str, Any], report: Report) -> None:
    F, R = report.fields, report.ratios
    name = gold.get("doc", "?")

    def misses(kind: str, gold_items: Iterable[dict], pairs: list[tuple[dict, dict]],
               pred_items: Iterable[dict] = ()) -> None:
        matched = {id(g) for g, _ in pairs}
        for g in gold_items:
            if id(g) not in matched:
                report.errors.append({"doc": name, "field": kind, "missed": g})
        used = {id(p) for _, p in pairs}
        for p in pred_items:
            if id(p) not in used:
                report.spurious.append({"doc": name, "field": kind, "spurious": _brief(p)})

    g_refs = [r for r in gold.get("references", []) if not r.get("anaphor")]
    p_refs = [r for r in pred.get("references", []) if not r.get("anaphor")]
    tp, pairs = _pair_count(g_refs, p_refs, lambda g, p: keys_match(g["key"], p.get("key") or ""))
    F["references"].add(tp, len(g_refs), len(p_refs))
    misses("references", g_refs, pairs, p_refs)

    g_ana = [r for r in gold.get("references", []) if r.get("anaphor")]
    p_ana = [r for r in pred.get("references", []) if r.get("anaphor")]
    tp, _ = _pair_count(g_ana, p_ana, lambda g, p: texts_overlap(g["text"], p.get("text"))
                        and keys_match(g["key"], p.get("key") or ""))
    F["anaphora"].add(tp, len(g_ana), len(p_ana))

    g_dl, p_dl = gold.get("deadlines", []), pred.get("deadlines", [])

    def dl_found(g: dict, p: dict) -> bool:
        return (str(g["value"]).replace(" ", "") == str(p.get("value", "")).replace(" ", "")
                and texts_overlap(g["text"], p.get("text")))

    tp, pairs = _pair_count(g_dl, p_dl, dl_found)
    F["deadlines_found"].add(tp, len(g_dl), len(p_dl))
    R["_deadline_kind_ok"][0] += sum(g["kind"] == p.get("kind") for g, p in pairs)
    R["_deadline_kind_ok"][1] += len(pairs)
    tp, pairs = _pair_count(g_dl, p_dl, lambda g, p: dl_found(g, p) and g["kind"] == p.get("kind"))
    F["deadlines"].add(tp, len(g_dl), len(p_dl))
    misses("deadlines", g_dl, pairs, p_dl)

    def names(a: dict) -> set[str]:
        return {norm(a.get("name"))} | {norm(x) for x in a.get("aliases", [])}

    g_ag, p_ag = gold.get("agencies", []), pred.get("agencies", [])
    tp, pairs = _pair_count(g_ag, p_ag, lambda g, p: bool(names(g) & names(p)))
    F["agencies"].add(tp, len(g_ag), len(p_ag))
    misses("agencies", g_ag, pairs, p_ag)

    to_gold_name: dict[str, str] = {}
    for a in g_ag:
        for n in [a["name"], *a.get("aliases", [])]:
            to_gold_name[norm(n)] = norm(a["name"])

    def canon(n: str | None) -> str:
        return to_gold_name.get(norm(n), norm(n))

    def clause(c: Any) -> str:
        return re.sub(r"[\s.]+", ".", norm(str(c or ""))).strip(".")

    g_pairs = {(canon(a["agency"]), a["role"]) for a in gold.get("assignments", [])}
    p_pairs = {(canon(a.get("agency")), a.get("role")) for a in pred.get("assignments", [])}
    F["assignments"].add(len(g_pairs & p_pairs), len(g_pairs), len(p_pairs))
    for ag, role in sorted(g_pairs - p_pairs):
        report.errors.append({"doc": name, "field": "assignments", "missed": {"agency": ag, "role": role}})
    for ag, role in sorted(p_pairs - g_pairs, key=str):
        report.spurious.append({"doc": name, "field": "assignments", "spurious": {"agency": ag, "role": role}})
    g_cl = {(clause(a.get("clause")), canon(a["agency"]), a["role"]) for a in gold.get("assignments", [])}
    p_cl = {(clause(a.get("clause")), canon(a.get("agency")), a.get("role")) for a in pred.get("assignments", [])}
    F["assignments_clause"].add(len(g_cl & p_cl), len(g_cl), len(p_cl))

    g_tg, p_tg = gold.get("targets", []), pred.get("targets", [])

    def tg_found(g: dict, p: dict) -> bool:
        gv, pv = _as_float(g.get("value")), _as_float(p.get("value"))
        return (gv is not None and pv is not None and abs(gv - pv) < 1e-6
                and _unit(g.get("unit")) == _unit(p.get("unit")) and texts_overlap(g["text"], p.get("text")))

    tp, pairs = _pair_count(g_tg, p_tg, tg_found)
    F["targets_found"].add(tp, len(g_tg), len(p_tg))
    for rname, attr in (("_target_kind_ok", "kind"), ("_target_comp_ok", "comparator"), ("_target_year_ok", "year")):
        R[rname][0] += sum(g.get(attr) == p.get(attr) for g, p in pairs)
        R[rname][1] += len(pairs)
    tp, pairs = _pair_count(g_tg, p_tg, lambda g, p: tg_found(g, p) and g["comparator"] == p.get("comparator")
                            and g["kind"] == p.get("kind"))
    F["targets"].add(tp, len(g_tg), len(p_tg))
    misses("targets", g_tg, pairs, p_tg)

    gh, ph = gold.get("header") or {}, pred.get("header") or {}
    for f in ("number", "type", "issued_date"):
        if gh.get(f) is None:
            continue
        R["_header_ok"][1] += 1
        ok = _key(str(gh[f])) == _key(str(ph.get(f) or ""))
        R["_header_ok"][0] += ok
        if not ok:
            report.errors.append({"doc": name, "field": f"header.{f}", "missed": gh[f], "got": ph.get(f)})


def evaluate(gold_dir: Path, predictions: dict[str, dict[str, Any]]) -> Report:
    """Score predictions (gold file name → predicted record) against every gold file."""
    report = Report()
    for gf in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = predictions.get(gf.name)
        if pred is None:
            report.missing.append(gf.name)
            pred = {}
        score_document(gold, pred, report)
    return report
