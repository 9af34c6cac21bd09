"""Helpers for writing the heldout6 gold (format: shared/gold/GUIDELINES.md)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def R(text, key, type_, date=None, issuer=None, anaphor=False):
    r = {"text": text, "key": key, "type": type_, "issued_date": date, "issuer": issuer}
    if anaphor:
        r["anaphor"] = True
    return r


def AN(text, key, type_):
    return R(text, key, type_, None, None, True)


def D(text, kind, value):
    return {"text": text, "kind": kind, "value": value}


def A(name, aliases=(), collective=False):
    return {"name": name, "aliases": list(aliases), "collective": collective}


def S(clause, agency, role, task, deadline=None):
    return {"clause": clause, "agency": agency, "role": role, "task": task, "deadline": deadline}


def T(text, kind, comp, value, unit, year, total=None):
    t = {"text": text, "kind": kind, "comparator": comp, "value": value, "unit": unit, "year": year}
    if total is not None:
        t["total"] = total
    return t


def write(stem, header, references, deadlines, agencies, assignments, targets):
    g = {"doc": stem + ".txt", "header": header, "references": references, "deadlines": deadlines,
         "agencies": agencies, "assignments": assignments, "targets": targets}
    (HERE / "gold" / (stem + ".json")).write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
