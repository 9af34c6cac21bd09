"""The CLI end to end on the demo corpus/, into a throw-away SQLite index."""
import json
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, repo_root):
    tmp = tmp_path_factory.mktemp("e2e")
    env_args = ["--index", str(tmp / "i.sqlite")]
    res = _vb(repo_root, "run", str(repo_root / "corpus"), "--registry", str(tmp / "reg.sqlite"),
              "--jobs", "1", "--json", *env_args)
    assert res.returncode == 0, res.stderr
    return repo_root, env_args, json.loads(res.stdout), tmp


def _vb(cwd, *args):
    return subprocess.run([sys.executable, "-m", "vanban.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_run_reports_every_corpus_document(indexed):
    _, _, report, _ = indexed
    assert len(report["added"]) == 5 and not report["failed"]
    assert report["totals"]["documents"] == 5


def test_rerun_does_no_work(indexed):
    root, idx, _, tmp = indexed
    res = _vb(root, "run", str(root / "corpus"), "--registry", str(tmp / "reg.sqlite"), "--json", *idx)
    rep = json.loads(res.stdout)
    assert rep["extracted"] == 0 and rep["unchanged"] == 5


@pytest.mark.parametrize("spelling", ["30c/NQ-CP", "30C/NQ-CP", "30c/nq-cp"])
def test_cites_any_spelling(indexed, spelling):
    root, idx, _, _ = indexed
    res = _vb(root, "cites", spelling, "--json", *idx)
    assert res.returncode == 0, res.stderr
    citing = {r["doc"] for r in json.loads(res.stdout)["citing"]}
    # Every corpus document whose text names the resolution cites it.
    expected = {p.name for p in (root / "corpus").glob("*.txt") if "30c/NQ-CP" in p.read_text(encoding="utf-8-sig")}
    assert expected and citing == expected


def test_cites_pages(indexed):
    root, idx, _, _ = indexed
    whole = json.loads(_vb(root, "cites", "30c/NQ-CP", "--limit", "0", "--json", *idx).stdout)
    page = json.loads(_vb(root, "cites", "30c/NQ-CP", "--limit", "2", "--offset", "1", "--json", *idx).stdout)
    assert page["total"] == whole["total"] == len(whole["citing"]) > 3
    assert page["citing"] == whole["citing"][1:3]
    text = _vb(root, "cites", "30c/NQ-CP", "--limit", "2", *idx).stdout
    assert text.startswith(f"{whole['total']} citations of 30c/NQ-CP (showing 1–2;")


def test_tasks_for_agency_without_diacritics(indexed):
    root, idx, _, _ = indexed
    res = _vb(root, "tasks", "--agency", "so noi vu", "--json", *idx)
    rows = json.loads(res.stdout)["tasks"]
    assert rows and all("nội vụ" in r["agency"].lower() for r in rows)
    assert {"doc", "clause", "agency", "role", "task", "deadline"} <= set(rows[0])


def test_search_folds_diacritics(indexed):
    root, idx, _, _ = indexed
    a = json.loads(_vb(root, "search", "cai cach hanh chinh", "--json", *idx).stdout)
    b = json.loads(_vb(root, "search", "cải cách hành chính", "--json", *idx).stdout)
    assert a["total"] == b["total"] == 5
    assert "<mark>" in a["hits"][0]["snippet"]


def test_hostile_query_does_not_raise(indexed):
    root, idx, _, _ = indexed
    res = _vb(root, "search", '"NEAR (sở* -nội', "--json", *idx)
    assert res.returncode == 0, res.stderr
    json.loads(res.stdout)


def test_show_and_graph(indexed):
    root, idx, _, _ = indexed
    res = _vb(root, "show", "003_ee19ba22bd386b2e.txt", "--json", *idx)
    rec = json.loads(res.stdout)
    assert rec["header"]["number"] and rec["references"]
    res = _vb(root, "graph", "--format", "dot", *idx)
    assert res.stdout.startswith("digraph")
    assert _vb(root, "show", "nope.txt", *idx).returncode == 4
    html = indexed[3] / "show.html"
    assert _vb(root, "show", "003_ee19ba22bd386b2e.txt", "--html", str(html), *idx).returncode == 0
    assert "displacy" in html.read_text(encoding="utf-8") or "entity" in html.read_text(encoding="utf-8")


def test_extract_writes_schema_valid_json(repo_root, tmp_path):
    import jsonschema

    from vanban.schema import DOCUMENT_SCHEMA

    res = _vb(repo_root, "extract", str(repo_root / "corpus"), "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    outs = sorted(tmp_path.glob("*.json"))
    assert len(outs) == 5
    text = {p.stem: p.read_text(encoding="utf-8-sig") for p in (repo_root / "corpus").glob("*.txt")}
    for o in outs:
        rec = json.loads(o.read_text())
        jsonschema.validate(rec, DOCUMENT_SCHEMA)
        for r in rec["references"]:
            assert r["span"][1] > r["span"][0]
