"""Tiny helpers to write held-out gold compactly; build.py turns goldsrc/*.py into gold/*.json."""

def R(text, key, type, date=None, issuer=None, anaphor=False):
    d = {"text": text, "key": key, "type": type, "issued_date": date, "issuer": issuer}
    if anaphor:
        d["anaphor"] = True
    return d

def D(text, kind, value):
    return {"text": text, "kind": kind, "value": value}

def A(name, aliases=(), collective=False):
    return {"name": name, "aliases": list(aliases), "collective": collective}

def S(clause, agency, role, task, deadline=None):
    return {"clause": clause, "agency": agency, "role": role, "task": task, "deadline": deadline}

def T(text, kind, comparator, value, unit, year=None, total=None):
    d = {"text": text, "kind": kind, "comparator": comparator, "value": value, "unit": unit, "year": year}
    if total is not None:
        d["total"] = total
    return d
